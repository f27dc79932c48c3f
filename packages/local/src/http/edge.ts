/**
 * Validation at the edge: request bodies against their JSON Schema, query parameters by kind,
 * path ids by format. Every failure is a ServiceError (400 or 422), so a client mistake never
 * reaches a service half-checked and never becomes a 500.
 */
import AjvModule, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import type { Context } from "hono";
import { badRequest, ServiceError, unprocessable } from "../services/errors.js";
import type { JsonSchema } from "./schema.js";

// Both packages are CommonJS with a default export.
const Ajv = (AjvModule as unknown as { default: typeof AjvModule }).default ?? AjvModule;
const addFormats = (addFormatsModule as unknown as { default: typeof addFormatsModule }).default ?? addFormatsModule;

const ajv = new Ajv({ allErrors: false, strict: false });
addFormats(ajv);
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The request body as JSON, checked against `schema`. */
export async function body<T>(c: Context, schema: JsonSchema): Promise<T> {
  const text = await c.req.text();
  if (text.trim() === "") throw badRequest("The request body is missing; this operation takes a JSON object.");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw unprocessable(`The request body is not valid JSON: ${(error as Error).message}`);
  }
  return check<T>(value, schema);
}

/** Checks a value against a schema; a missing or out-of-range value is 400, a wrong type or value 422. */
export function check<T>(value: unknown, schema: JsonSchema, root = "body"): T {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(value)) return value as T;
  const error = validate.errors?.[0] as ErrorObject;
  const message = describe(error, root);
  const shapeError = ["type", "enum", "const", "anyOf", "oneOf"].includes(error.keyword);
  throw shapeError
    ? new ServiceError("unprocessable", message, {
        message,
        validationErrors: [{ propertyPath: `${root}${error.instancePath}`, message }],
      })
    : badRequest(message);
}

function describe(error: ErrorObject, root: string): string {
  const path = `${root}${error.instancePath.replace(/\//g, ".")}`;
  switch (error.keyword) {
    case "required":
      return `${path}.${(error.params as { missingProperty: string }).missingProperty} is required.`;
    case "enum":
      return `${path} must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(", ")}.`;
    case "anyOf":
      return `${path} has the wrong type.`;
    default:
      return `${path} ${error.message ?? "is invalid"}.`;
  }
}

/** A path parameter that must be a UUID. */
export function uuidParam(c: Context, name: string): string {
  const value = c.req.param(name) ?? "";
  if (!UUID.test(value)) throw badRequest(`${name} must be a UUID; got "${value}".`);
  return value.toLowerCase();
}

/** A path parameter that must be a whole number (job ids). */
export function integerParam(c: Context, name: string): number {
  const value = c.req.param(name) ?? "";
  const number = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(number))
    throw badRequest(`${name} must be a whole number; got "${value}".`);
  return number;
}

/** Typed readers of query parameters; arrays accept repeated keys and comma-separated values. */
export function query(c: Context) {
  const url = new URL(c.req.url);
  const all = (name: string) =>
    url.searchParams
      .getAll(name)
      .flatMap((v) => v.split(","))
      .filter((v) => v !== "");
  const one = (name: string): string | undefined => url.searchParams.get(name) ?? undefined;
  return {
    string: one,
    required(name: string): string {
      const value = one(name);
      if (value === undefined || value === "") throw badRequest(`The query parameter ${name} is required.`);
      return value;
    },
    uuid(name: string): string | undefined {
      const value = one(name);
      if (value !== undefined && !UUID.test(value)) throw badRequest(`${name} must be a UUID; got "${value}".`);
      return value?.toLowerCase();
    },
    uuids(name: string): string[] {
      const values = all(name);
      const bad = values.find((v) => !UUID.test(v));
      if (bad !== undefined) throw badRequest(`${name} must be UUIDs; got "${bad}".`);
      return values.map((v) => v.toLowerCase());
    },
    strings: all,
    boolean(name: string, fallback: boolean): boolean {
      const value = one(name);
      if (value === undefined) return fallback;
      if (value !== "true" && value !== "false") throw badRequest(`${name} must be true or false; got "${value}".`);
      return value === "true";
    },
    integer(name: string, options: { min: number; max?: number; fallback: number }): number {
      const value = one(name);
      if (value === undefined) return options.fallback;
      const number = Number(value);
      const ok = /^-?\d+$/.test(value) && number >= options.min && (options.max === undefined || number <= options.max);
      if (!ok) {
        const range = options.max === undefined ? `at least ${options.min}` : `from ${options.min} to ${options.max}`;
        throw badRequest(`${name} must be a whole number ${range}; got "${value}".`);
      }
      return number;
    },
    oneOf<T extends string>(name: string, values: readonly T[]): T | undefined {
      const value = one(name);
      if (value !== undefined && !values.includes(value as T)) {
        throw badRequest(`${name} must be one of ${values.join(", ")}; got "${value}".`);
      }
      return value as T | undefined;
    },
    dateTime(name: string): number | undefined {
      const value = one(name);
      if (value === undefined) return undefined;
      const time = Date.parse(value);
      if (Number.isNaN(time)) throw badRequest(`${name} must be an RFC 3339 date-time; got "${value}".`);
      return time;
    },
  };
}

export interface PageRequest {
  limit: number;
  offset: number;
}

/** `limit` (1..100, default 20) and `offset` (0 or more, default 0). */
export function pageRequest(c: Context): PageRequest {
  const q = query(c);
  return {
    limit: q.integer("limit", { min: 1, max: 100, fallback: 20 }),
    offset: q.integer("offset", { min: 0, fallback: 0 }),
  };
}

/**
 * A page envelope as Airbyte builds it: absolute `next`/`previous` links on the public API's
 * host (path without `/api/public`), resource filters first then `limit` and `offset`; `next`
 * is present whenever the page has items, `""` when it is empty; `previous` is `""` at offset 0.
 */
export function pageEnvelope<T>(
  c: Context,
  data: T[],
  page: PageRequest,
  filters: [string, string | undefined][] = [],
): { previous: string; next: string; data: T[] } {
  const url = new URL(c.req.url);
  const link = (offset: number) => {
    const params = filters
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${encodeURIComponent(v as string)}`);
    params.push(`limit=${page.limit}`, `offset=${offset}`);
    return `${url.origin}${url.pathname}?${params.join("&")}`;
  };
  return {
    previous: page.offset === 0 ? "" : link(Math.max(page.offset - page.limit, 0)),
    next: data.length === 0 ? "" : link(page.offset + page.limit),
    data,
  };
}
