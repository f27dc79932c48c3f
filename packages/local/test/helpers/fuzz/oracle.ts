/**
 * What the fuzz test expects of an answer: no 5xx (but the 501 of Cloud-only operations), an
 * invalid request refused with a 4xx, every 4xx a problem (the Config API's `{message}` body),
 * every 2xx as the documents describe it, and every accepted write read back intact.
 */
import {
  configOperation,
  publicOperations,
  type PublicOperation,
  validateAgainst,
} from "@airbyte-ts/test-support/openapi";
import type { FuzzOperation, FuzzRequest } from "./requests.js";
import { CONFIG_READ_BACK } from "./world.js";

export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

export interface Sender {
  /** Sends a request below an API root and reads the whole answer. */
  send(
    api: "public" | "config",
    method: string,
    pathAndQuery: string,
    body?: { text: string | Uint8Array; contentType: string | undefined },
    authorization?: string | null,
  ): Promise<Answer>;
}

/** The violations of one answer (empty when it is as expected), including its read-back. */
export async function judge(
  op: FuzzOperation,
  request: FuzzRequest,
  answer: Answer,
  sender: Sender,
): Promise<string[]> {
  const violations: string[] = [];
  const { status } = answer;
  if (status >= 500 && !(status === 501 && op.cloudOnly))
    violations.push(`answered ${status}: ${answer.text.slice(0, 300)}`);
  if (request.invalid.length > 0 && status < 400) {
    violations.push(`accepted (${status}) although ${request.invalid.slice(0, 3).join("; ")}`);
  }
  if (status >= 400) violations.push(...problemShape(op.api, answer));
  if (status >= 200 && status < 300) {
    violations.push(...conforms(op, status, answer));
    if (violations.length === 0 && ["POST", "PUT", "PATCH"].includes(op.method)) {
      violations.push(...(await readBack(op, request, answer, sender)));
    }
  }
  return violations;
}

/** A public API error is `{type, title, ...}` problem JSON; a Config API error has a `message`. */
export function problemShape(api: "public" | "config", answer: Answer): string[] {
  if (!answer.contentType.includes("application/json"))
    return [`a ${answer.status} answer is ${answer.contentType || "untyped"}`];
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(answer.text) as Record<string, unknown>;
  } catch {
    return [`a ${answer.status} answer is not JSON`];
  }
  if (api === "config")
    return typeof body.message === "string" ? [] : [`a ${answer.status} Config API error has no message`];
  const problems: string[] = [];
  if (typeof body.type !== "string" || typeof body.title !== "string")
    problems.push(`a ${answer.status} problem has no type or title`);
  if (body.status !== undefined && body.status !== answer.status)
    problems.push(`a problem's status ${String(body.status)} is not ${answer.status}`);
  return problems;
}

function conforms(op: FuzzOperation, status: number, answer: Answer): string[] {
  const schema = op.spec.responses[String(status)];
  if (!schema || !answer.contentType.includes("application/json")) return [];
  return validateAgainst(op.doc, schema, JSON.parse(answer.text)).map((e) => `the ${status} answer: ${e}`);
}

async function readBack(op: FuzzOperation, request: FuzzRequest, answer: Answer, sender: Sender): Promise<string[]> {
  if (op.api === "config") return readBackConfig(op, request, sender);
  const written = JSON.parse(answer.text || "null") as Record<string, unknown> | null;
  const get = getterOf(op, String(answer.status));
  if (!get || !written) return [];
  const sentParams = paramsOf(op.path, request.path);
  const path = get.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    encodeURIComponent(String(sentParams[name] ?? written[name] ?? written.id)),
  );
  const read = await sender.send("public", "GET", path);
  if (read.status !== 200) return [`read back ${path}: ${read.status} ${read.text.slice(0, 200)}`];
  const stored = JSON.parse(read.text) as Record<string, unknown>;
  const errors = validateAgainst("api", get.responses["200"] as string, stored).map((e) => `read back ${path}: ${e}`);
  const sent = request.sent as Record<string, unknown> | undefined;
  if (typeof sent?.name === "string" && typeof stored.name === "string" && stored.name !== sent.name) {
    errors.push(`read back ${path}: name ${JSON.stringify(stored.name.slice(0, 80))} is not what was sent`);
  }
  return errors;
}

/** The GET of the resource a write answers with: the same response schema, every path parameter fillable. */
function getterOf(op: FuzzOperation, status: string): PublicOperation | undefined {
  const schema = op.spec.responses[status];
  if (!schema) return undefined;
  const getters = publicOperations().filter(
    (candidate) => candidate.method === "GET" && candidate.responses["200"] === schema && candidate.path.includes("{"),
  );
  // The item's own path (a PATCH or PUT), else an item right below the collection written to (a POST).
  const below = (candidate: PublicOperation) =>
    candidate.path.startsWith(`${op.path}/`) && /^\/\{\w+\}$/.test(candidate.path.slice(op.path.length));
  return getters.find((candidate) => candidate.path === op.path) ?? getters.find(below) ?? getters[0];
}

/** The decoded path parameters of a filled path, by the template's names. */
function paramsOf(template: string, path: string): Record<string, string> {
  const names = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  const pattern = new RegExp(`^${template.replace(/\{\w+\}/g, "([^/]+)")}$`);
  const match = pattern.exec(path);
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match?.[i + 1] ?? "")]));
}

async function readBackConfig(op: FuzzOperation, request: FuzzRequest, sender: Sender): Promise<string[]> {
  const how = CONFIG_READ_BACK[op.path]?.(request.sent as Record<string, unknown>);
  if (!how) return [];
  const [path, body] = how;
  const read = await sender.send("config", "POST", path, {
    text: JSON.stringify(body),
    contentType: "application/json",
  });
  if (read.status !== 200) return [`read back ${path}: ${read.status} ${read.text.slice(0, 200)}`];
  const schema = configOperation(path).responses["200"];
  return schema ? validateAgainst("config", schema, JSON.parse(read.text)).map((e) => `read back ${path}: ${e}`) : [];
}
