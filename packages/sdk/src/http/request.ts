/** Building request URLs: path templates and query strings, validated before any I/O. */
import { InvalidArgumentError } from "./errors.js";
import { closestName } from "../internal/closest-name.js";

type QueryScalar = string | number | boolean | Date;
type QueryValue = QueryScalar | readonly QueryScalar[] | null | undefined;
export type Query = Record<string, QueryValue>;

/**
 * Expands a URI template of the RFC 6570 subset used by the resources:
 * `/sources/{sourceId}{?includeSecretCoordinates}`. Path values are percent-encoded; query
 * values are returned for {@link appendQuery}. Missing path values and unknown parameter
 * names are InvalidArgumentErrors naming the operation, so typos fail before any request.
 */
export function expandTemplate(template: string, params: unknown, operation: string): { path: string; query: Query } {
  const [pathTemplate = "", queryPart] = template.split("{?");
  const queryNames = queryPart ? queryPart.replace(/}$/, "").split(",") : [];
  const pathNames = [...pathTemplate.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  if (params === undefined && pathNames.length === 0) return { path: pathTemplate, query: {} };
  if (params === null || typeof params !== "object" || Array.isArray(params)) {
    const shape = pathNames.length ? `{ ${pathNames.map((n) => `${n}: "..."`).join(", ")} }` : "an object";
    throw new InvalidArgumentError(`${operation} takes ${shape} as its parameters; got ${describe(params)}.`);
  }
  const values = params as Record<string, unknown>;
  const known = [...pathNames, ...queryNames];
  for (const name of Object.keys(values)) {
    if (!known.includes(name) && values[name] !== undefined) {
      const hint = closestName(name, known);
      throw new InvalidArgumentError(
        `${operation} has no parameter "${name}"${hint ? `; did you mean "${hint}"?` : "."} ` +
          `Its parameters are: ${known.join(", ") || "none"}.`,
      );
    }
  }
  const path = pathTemplate.replace(/\{(\w+)\}/g, (_match, name: string) =>
    encodePathValue(values[name], name, operation),
  );
  const query: Query = {};
  for (const name of queryNames) query[name] = values[name] as Query[string];
  return { path, query };
}

function encodePathValue(value: unknown, name: string, operation: string): string {
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  if (typeof value !== "string" || value.trim() === "") {
    throw new InvalidArgumentError(
      `${operation}: ${name} is required and must be a non-empty string; got ${describe(value)}.`,
    );
  }
  if (value === "." || value === "..") {
    throw new InvalidArgumentError(`${operation}: ${name} must not be "${value}".`);
  }
  return encodeURIComponent(value);
}

/** The candidate nearest to `name` by edit distance, if it is plausibly a typo of it. */
/** Appends query parameters; arrays repeat the key (`workspaceIds=a&workspaceIds=b`). */
export function appendQuery(url: URL, query: Query | undefined, operation: string): void {
  if (query === undefined) return;
  if (query === null || typeof query !== "object" || Array.isArray(query)) {
    throw new InvalidArgumentError(`${operation}: query parameters must be an object; got ${describe(query)}.`);
  }
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) url.searchParams.append(name, encodeQueryScalar(item, name, operation));
  }
}

function encodeQueryScalar(value: unknown, name: string, operation: string): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new InvalidArgumentError(`${operation}: ${name} is an invalid Date.`);
    return value.toISOString();
  }
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  throw new InvalidArgumentError(
    `${operation}: ${name} must be a string, number, boolean or Date; got ${describe(value)}.`,
  );
}

function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
}
