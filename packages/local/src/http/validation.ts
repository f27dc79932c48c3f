/**
 * The one validation layer of the edge: before a route's handler runs, its request (path and
 * query parameters, content type, body) is checked against the operation's schemas, generated
 * from Airbyte's OpenAPI documents (request-schemas.gen.ts), and against the limits every body
 * obeys (json-limits.ts). Handlers read only what passed, through the readers of edge.ts. A
 * route without an operation in the generated table stops the server from starting.
 */
import AjvModule, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { badRequest, ServiceError, unprocessable } from "../services/errors.js";
import type { Env } from "./env.js";
import { MAX_NESTING, nestsDeeperThan, textProblem, unstorable } from "./json-limits.js";
import type { JsonSchema, OperationSchema, ParameterSchema } from "./request-schema.js";
import { CONFIG_DEFINITIONS, CONFIG_OPERATIONS, PUBLIC_DEFINITIONS, PUBLIC_OPERATIONS } from "./request-schemas.gen.js";

// Both packages are CommonJS with a default export.
const Ajv = (AjvModule as unknown as { default: typeof AjvModule }).default ?? AjvModule;
const addFormats = (addFormatsModule as unknown as { default: typeof addFormatsModule }).default ?? addFormatsModule;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ajv = new Ajv({ allErrors: false, strict: false, allowUnionTypes: true });
addFormats(ajv, ["date-time", "email", "uri"]);
// ajv-formats' uuid also takes a `urn:uuid:` prefix, which no id here has.
ajv.addFormat("uuid", UUID);
// An optional property given as null was not given (Airbyte's Jackson models read both as null):
// the null goes, so no service stores or echoes it where the documents promise a value.
ajv.addKeyword({
  keyword: "notGivenWhenNull",
  type: "object",
  schemaType: "array",
  modifying: true,
  validate(names: string[], data: Record<string, unknown>) {
    for (const name of names) if (data[name] === null) delete data[name];
    return true;
  },
});
ajv.addSchema({ $id: "public", definitions: PUBLIC_DEFINITIONS });
ajv.addSchema({ $id: "config", definitions: CONFIG_DEFINITIONS });
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

const DEFINITIONS: Record<string, Record<string, JsonSchema>> = {
  public: PUBLIC_DEFINITIONS,
  config: CONFIG_DEFINITIONS,
};
const TABLES = { public: PUBLIC_OPERATIONS, config: CONFIG_OPERATIONS };

export type ApiName = keyof typeof TABLES;

/**
 * Validates every request below an API root against its operation; `root` is where the API is
 * mounted (`/api/public/v1`). Register it after authentication, so credentials are checked first.
 */
export function validateRequests(api: ApiName, root: string): MiddlewareHandler<Env> {
  return async (c, next) => {
    const route = matchedRoutes(c).find((r) => r.method !== "ALL");
    if (!route) return next(); // no route: the application's notFound answers
    const operation = operationOf(api, root, route.method, route.path);
    const url = new URL(c.req.url);
    c.set("input", {
      path: pathParameters(operation, route.path, url),
      query: queryParameters(operation, url),
      body: operation.body ? await requestBody(c, operation.body) : undefined,
    });
    return next();
  };
}

/** The operation a route serves; throws for a route the generated table lacks. */
export function operationOf(api: ApiName, root: string, method: string, routePath: string): OperationSchema {
  const template = routePath.slice(root.length).replace(/:(\w+)/g, "{$1}") || "/";
  const operation = TABLES[api][`${method} ${template}`];
  if (!operation) {
    throw new Error(
      `The route ${method} ${routePath} has no operation in request-schemas.gen.ts; a Config API call ` +
        "must be listed in SERVED_CONFIG_OPERATIONS (scripts/codegen/overlay.mjs), then run npm run codegen.",
    );
  }
  return operation;
}

function pathParameters(operation: OperationSchema, routePath: string, url: URL): Record<string, unknown> {
  const templateSegments = routePath.split("/");
  const segments = url.pathname.split("/");
  const values: Record<string, unknown> = {};
  templateSegments.forEach((segment, i) => {
    if (!segment.startsWith(":")) return;
    const name = segment.slice(1);
    const raw = decode(segments[i] ?? "", `The path parameter ${name}`, false);
    const parameter = operation.parameters.find((p) => p.in === "path" && p.name === name);
    values[name] = parameter ? parameterValue(parameter, [raw]) : raw;
  });
  return values;
}

function queryParameters(operation: OperationSchema, url: URL): Record<string, unknown> {
  const search = url.search.slice(1);
  const given = new Map<string, string[]>();
  for (const pair of search === "" ? [] : search.split("&")) {
    if (pair === "") continue;
    const at = pair.indexOf("=");
    const name = decode(at < 0 ? pair : pair.slice(0, at), "A query parameter's name");
    const value = decode(at < 0 ? "" : pair.slice(at + 1), `The query parameter ${name}`);
    given.set(name, [...(given.get(name) ?? []), value]);
  }
  const values: Record<string, unknown> = {};
  for (const parameter of operation.parameters) {
    if (parameter.in !== "query") continue;
    const raw = given.get(parameter.name);
    if (resolve(parameter.schema).type === "object") {
      // An exploded object (oauthCallback's queryParams) takes every other name.
      values[parameter.name] = Object.fromEntries([...given].map(([k, v]) => [k, v[0]]));
    } else if (raw === undefined) {
      if (parameter.required) throw badRequest(`The query parameter ${parameter.name} is required.`);
      values[parameter.name] = parameter.default;
    } else {
      values[parameter.name] = parameterValue(parameter, raw);
    }
  }
  return values;
}

/**
 * Percent-decoding that refuses what is not UTF-8 (URLSearchParams would put U+FFFD in its
 * place); in a query string or a form, `+` is a space.
 */
function decode(text: string, what: string, plusIsSpace = true): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(plusIsSpace ? text.replace(/\+/g, " ") : text);
  } catch {
    throw badRequest(`${what} is not UTF-8 percent-encoding: "${text.slice(0, 100)}".`);
  }
  const problem = textProblem(decoded);
  if (problem) throw badRequest(`${what} ${problem}.`);
  return decoded;
}

/** A parameter's value read as its schema's type, then validated; every failure is a 400. */
function parameterValue(parameter: ParameterSchema, raw: string[]): unknown {
  const schema = resolve(parameter.schema);
  let value: unknown;
  if (schema.type === "array") {
    const itemSchema = resolve(schema.items as JsonSchema);
    // Repeated keys or comma-separated values (Airbyte's own next links send the latter).
    value = raw
      .flatMap((v) => v.split(","))
      .filter((v) => v !== "")
      .map((v) => coerce(itemSchema, v));
  } else {
    if (raw.length > 1) throw badRequest(`The query parameter ${parameter.name} is given more than once.`);
    value = coerce(schema, raw[0] as string);
  }
  const validate = validatorOf(parameter.schema);
  if (!validate(value)) throw badRequest(parameterMessage(parameter, schema, raw.join(",")));
  return value;
}

function coerce(schema: JsonSchema, text: string): unknown {
  if (schema.type === "integer" && /^-?\d+$/.test(text)) return Number(text);
  if (schema.type === "boolean" && (text === "true" || text === "false")) return text === "true";
  return text;
}

function parameterMessage(parameter: ParameterSchema, schema: JsonSchema, raw: string): string {
  const got = `got "${raw.length > 100 ? `${raw.slice(0, 100)}...` : raw}"`;
  const many = schema.type === "array";
  const items = many ? resolve(schema.items as JsonSchema) : schema;
  let expected: string;
  if (items.format === "uuid") expected = many ? "must be UUIDs" : "must be a UUID";
  else if (items.format === "date-time") expected = "must be an RFC 3339 date-time";
  else if (items.type === "boolean") expected = "must be true or false";
  else if (Array.isArray(items.enum)) expected = `must be one of ${items.enum.join(", ")}`;
  else if (items.type === "integer")
    expected = `must be a whole number from ${String(items.minimum)} to ${String(items.maximum)}`;
  else expected = `must match ${String(items.pattern ?? items.format ?? items.type)}`;
  return `${parameter.name} ${expected}; ${got}.`;
}

/** A definition a `$ref` names, or the schema itself. */
function resolve(schema: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== "string") return schema;
  const [api, name] = ref.split("#/definitions/") as [string, string];
  return resolve(DEFINITIONS[api]?.[name] ?? {});
}

function validatorOf(schema: JsonSchema): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

async function requestBody(c: Context<Env>, body: NonNullable<OperationSchema["body"]>): Promise<unknown> {
  const mediaType = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  // Without a content type the body is taken for JSON, as Micronaut does.
  if (mediaType !== "" && !body.contentTypes.includes(mediaType)) {
    throw new ServiceError(
      "unsupported-media-type",
      `The content type ${mediaType} is not supported; this operation takes ${body.contentTypes.join(" or ")}.`,
    );
  }
  const bytes = await c.req.arrayBuffer();
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw unprocessable("The request body is not valid UTF-8.");
  }
  if (text.trim() === "") throw badRequest("The request body is missing; this operation takes a JSON object.");
  const value = mediaType === "application/x-www-form-urlencoded" ? formFields(text) : json(text);
  return check(value, body.schema);
}

function json(text: string): unknown {
  if (nestsDeeperThan(text, MAX_NESTING)) {
    throw unprocessable(`The request body nests arrays and objects more than ${MAX_NESTING} levels deep.`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw unprocessable(`The request body is not valid JSON: ${(error as Error).message}`);
  }
  const bad = unstorable(value, "body");
  if (bad) throw badRequest(`${bad.path} ${bad.problem}.`);
  return value;
}

function formFields(text: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const pair of text.split("&")) {
    if (pair === "") continue;
    const at = pair.indexOf("=");
    const name = decode(at < 0 ? pair : pair.slice(0, at), "A form field's name");
    fields[name] = decode(at < 0 ? "" : pair.slice(at + 1), `The form field ${name}`);
  }
  return fields;
}

/** Checks a value against a schema; a missing or out-of-range value is 400, a wrong type or value 422. */
function check(value: unknown, schema: JsonSchema, root = "body"): unknown {
  const validate = validatorOf(schema);
  if (validate(value)) return value;
  const error = validate.errors?.[0] as ErrorObject;
  const message = describe(error, root);
  const shapeError = ["type", "enum", "const", "anyOf", "oneOf", "additionalProperties"].includes(error.keyword);
  throw shapeError
    ? new ServiceError("unprocessable", message, {
        message,
        validationErrors: [{ propertyPath: `${root}${error.instancePath}`, message }],
      })
    : badRequest(message);
}

function describe(error: ErrorObject, root: string): string {
  const path = `${root}${error.instancePath.replace(/\//g, ".")}`;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "required":
      return `${path}.${String(params.missingProperty)} is required.`;
    case "enum":
      return `${path} must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}.`;
    case "anyOf":
      return `${path} has the wrong type.`;
    case "additionalProperties":
      return `${path} has the unknown property ${String(params.additionalProperty)}.`;
    case "maximum":
    case "minimum":
      return Math.abs(params.limit as number) === Number.MAX_SAFE_INTEGER
        ? `${path} ${error.message ?? "is out of range"}: beyond that a whole number cannot be held exactly.`
        : `${path} ${error.message ?? "is out of range"}.`;
    default:
      return `${path} ${error.message ?? "is invalid"}.`;
  }
}
