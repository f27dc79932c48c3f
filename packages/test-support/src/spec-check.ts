/**
 * A check of every response SDK clients receive against Airbyte's OpenAPI documents: hooks that
 * note each response whose body does not match its operation's schema (or, for errors, the
 * shape of a problem), for the test that saw it to fail on.
 */
import type { Hooks } from "airbyte-ts";
import {
  configOperation,
  publicOperations,
  SPEC_AVAILABLE,
  validateAgainst,
  validatePath,
  type PublicOperation,
} from "./openapi.js";

/** Hooks that validate each JSON response against the operation it answers. */
export function specCheck(mismatches: string[]): Hooks {
  return {
    afterResponse: async (context, response) => {
      if (!SPEC_AVAILABLE) return;
      const text = await response.text();
      if (!(response.headers.get("content-type") ?? "").includes("application/json") || text === "") return;
      const body = JSON.parse(text) as unknown;
      const where = `${context.method} ${context.url.pathname} -> ${response.status}`;
      const problems = checkResponse(context.method, context.url.pathname, response.status, body);
      mismatches.push(...problems.map((p) => `${where}: ${p}`));
    },
  };
}

const PUBLIC_PREFIX = "/api/public/v1";
const CONFIG_PREFIX = "/api/v1";

function checkResponse(method: string, path: string, status: number, body: unknown): string[] {
  if (status >= 400) return checkError(path, body);
  if (path.startsWith(PUBLIC_PREFIX)) {
    const relative = path.slice(PUBLIC_PREFIX.length) || "/";
    const op = findPublicOperation(method, relative);
    if (!op) return [`no operation of api.yaml matches`];
    const schema = op.responses[String(status)];
    return schema ? validateAgainst("api", schema, body) : [];
  }
  if (path.startsWith(CONFIG_PREFIX)) {
    const op = configOperation(path.slice(CONFIG_PREFIX.length));
    const schema = op.responses[String(status)];
    return schema ? validateAgainst("config", schema, body) : [];
  }
  return [`not under an API root`];
}

function findPublicOperation(method: string, path: string): PublicOperation | undefined {
  const candidates = publicOperations().filter(
    (op) => op.method === method && validatePath("api", op, path).length === 0,
  );
  // A literal segment beats a parameter: /applications/token before /applications/{applicationId}.
  return candidates.sort((a, b) => (b.path.match(/\{/g)?.length ?? 0) - (a.path.match(/\{/g)?.length ?? 0)).pop();
}

/** Problems are `{type, title, ...}` on the public API, `{message, ...}` on the Config API. */
function checkError(path: string, body: unknown): string[] {
  const value = body as Record<string, unknown>;
  if (path.startsWith(CONFIG_PREFIX)) {
    return typeof value?.message === "string" ? [] : ["a Config API error body has no message"];
  }
  if (typeof value?.message === "string" && Object.keys(value).length === 1) return []; // the 429 body
  const errors: string[] = [];
  if (typeof value?.type !== "string") errors.push("a problem has no type");
  if (typeof value?.title !== "string") errors.push("a problem has no title");
  if (value?.status !== undefined && typeof value.status !== "number")
    errors.push("a problem's status is not a number");
  return errors;
}
