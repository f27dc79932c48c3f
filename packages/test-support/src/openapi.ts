/**
 * Airbyte's OpenAPI documents as test oracles. They are reference data under their own licence,
 * read at run time from `../shared/reference/airbyte-openapi` beside the repository (or the
 * folder named by `AIRBYTE_OPENAPI_DIR`) and never copied into it. When the folder is absent,
 * `SPEC_AVAILABLE` is false and tests that need the documents must skip (under `CI=true`, importing
 * this module then fails instead: see prerequisites.ts).
 *
 * - `api.yaml`: the public API, OpenAPI 3.1 (JSON Schema 2020-12).
 * - `config.yaml`: the Config API, OpenAPI 3.0 (JSON Schema draft-07-like, with `nullable`).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { has, SPEC_DIR } from "./prerequisites.js";
import Ajv, { type ErrorObject, type ValidateFunction } from "ajv";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";

export { SPEC_DIR };

/** Whether both documents are present; when false, spec-dependent tests skip. */
export const SPEC_AVAILABLE = has("spec");

export type SpecDoc = "api" | "config";
export type SpecMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface SpecParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required: boolean;
  /** The parameter's schema, with `$ref`s still relative to its document. */
  schema: Record<string, unknown>;
}

export interface SpecOperation {
  method: SpecMethod;
  /** Path template relative to the API root, e.g. `/sources/{sourceId}`. */
  path: string;
  operationId: string;
  parameters: SpecParameter[];
  /** Name of the `application/json` request body schema in `components.schemas`. */
  requestSchema: string | undefined;
  /** Status code -> name of its `application/json` schema (undefined when it declares none). */
  responses: Record<string, string | undefined>;
  /** Whether the operation declares `security: []` (callable without credentials). */
  anonymous: boolean;
}

export interface PublicOperation extends SpecOperation {
  /** `x-speakeasy-group`, or `public_root` for getDocumentation, which has none. */
  group: string;
}

/** A Config API call; `path` is relative to the Config API root (`/state/get`, not `/v1/state/get`). */
export type ConfigOperation = SpecOperation;

type Json = Record<string, unknown>;

interface Loaded {
  api: Json;
  config: Json;
  publicOperations: PublicOperation[];
  configOperations: Map<string, ConfigOperation>;
  validators: Record<SpecDoc, Ajv>;
  /** Names in each validator's `components.schemas` (api's includes what it borrows from config). */
  schemaNames: Record<SpecDoc, Set<string>>;
  /** Each document's `components.schemas` as the validators see them (defects of `required` removed). */
  schemas: Record<SpecDoc, Json>;
}

let loaded: Loaded | undefined;

function load(): Loaded {
  if (loaded) return loaded;
  if (!SPEC_AVAILABLE)
    throw new Error(`The OpenAPI documents are not in ${SPEC_DIR}; skip this test when SPEC_AVAILABLE is false.`);
  const read = (name: string) => parse(readFileSync(join(SPEC_DIR, name), "utf8")) as Json;
  const api = read("api.yaml");
  const config = read("config.yaml");

  const publicOperations = operationsOf(api).map((op) => ({
    ...op,
    group: typeof op.raw["x-speakeasy-group"] === "string" ? op.raw["x-speakeasy-group"] : groupFromTags(op),
  }));
  // The Config API root is `.../api/v1`; config.yaml's paths start at `/v1/` (its servers end in `/api`).
  const configOperations = new Map<string, ConfigOperation>();
  for (const { raw: _raw, ...op } of operationsOf(config)) {
    if (!op.path.startsWith("/v1/")) continue; // `/public/v1/...` are the public API's controllers
    const path = op.path.slice("/v1".length);
    configOperations.set(path, { ...op, path });
  }

  const apiSchemas = withoutUndeclaredRequired(withBorrowedSchemas(api, config));
  const configSchemas = withoutUndeclaredRequired((config.components as Json).schemas as Json);
  loaded = {
    api,
    config,
    publicOperations: publicOperations.map(({ raw: _raw, ...op }) => op),
    configOperations,
    validators: { api: validator(Ajv2020, "api", apiSchemas), config: validator(Ajv, "config", configSchemas) },
    schemaNames: { api: new Set(Object.keys(apiSchemas)), config: new Set(Object.keys(configSchemas)) },
    schemas: { api: apiSchemas, config: configSchemas },
  };
  return loaded;
}

function groupFromTags(op: { operationId: string; raw: Json }): string {
  const tags = Array.isArray(op.raw.tags) ? (op.raw.tags as string[]) : [];
  // getDocumentation (GET /) has no x-speakeasy-group; its tag names the group.
  if (tags.includes("public_root")) return "public_root";
  throw new Error(`${op.operationId} has neither x-speakeasy-group nor the public_root tag`);
}

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

function operationsOf(doc: Json): (SpecOperation & { raw: Json })[] {
  const operations: (SpecOperation & { raw: Json })[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Json>)) {
    const shared = (item.parameters as Json[] | undefined) ?? [];
    for (const method of METHODS) {
      const raw = item[method] as Json | undefined;
      if (!raw) continue;
      const own = (raw.parameters as Json[] | undefined) ?? [];
      // Operation parameters override path-level ones of the same name and location.
      const byKey = new Map<string, SpecParameter>();
      for (const p of [...shared, ...own].map((p) => deref(doc, p))) {
        byKey.set(`${String(p.in)}:${String(p.name)}`, {
          name: String(p.name),
          in: p.in as SpecParameter["in"],
          required: p.required === true,
          schema: (p.schema as Json | undefined) ?? {},
        });
      }
      const responses: Record<string, string | undefined> = {};
      for (const [status, response] of Object.entries((raw.responses as Record<string, Json>) ?? {})) {
        responses[status] = jsonSchemaName(doc, response);
      }
      operations.push({
        method: method.toUpperCase() as SpecMethod,
        path,
        operationId: String(raw.operationId),
        parameters: [...byKey.values()],
        requestSchema: raw.requestBody ? jsonSchemaName(doc, raw.requestBody as Json) : undefined,
        responses,
        anonymous: Array.isArray(raw.security) && raw.security.length === 0,
        raw,
      });
    }
  }
  return operations;
}

/** Follows a local `$ref` (e.g. to `#/components/responses/...`); a dangling one yields `{}`. */
function deref(doc: Json, value: Json): Json {
  const ref = value.$ref;
  if (typeof ref !== "string") return value;
  let target: unknown = doc;
  for (const part of ref.replace(/^#\//, "").split("/")) target = (target as Json | undefined)?.[part];
  return (target as Json | undefined) ?? {};
}

function jsonSchemaName(doc: Json, holder: Json): string | undefined {
  const content = deref(doc, holder).content as Record<string, Json> | undefined;
  const ref = (content?.["application/json"]?.schema as Json | undefined)?.$ref;
  return typeof ref === "string" ? ref.replace("#/components/schemas/", "") : undefined;
}

/**
 * Ajv configured for Airbyte's documents: unknown keywords (`x-*`, `example`, `discriminator`)
 * are ignored, OpenAPI's `nullable: true` admits null, and the documents' non-standard formats
 * get real checks where they have a meaning (`UUID` is a uuid, `int` an integer).
 * Types, required properties, enums and the standard formats are validated as usual.
 */
function configure(ajv: Ajv): Ajv {
  addFormats(ajv);
  ajv.addFormat("UUID", /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
  ajv.addFormat("int", { type: "number", validate: (n: number) => Number.isInteger(n) });
  ajv.addFormat("set", true); // on arrays, where formats do not apply anyway
  return ajv;
}

const AJV_OPTIONS = { strict: false, allErrors: true, validateSchema: false } as const;

/**
 * Unions whose `oneOf` cannot hold as written, validated as `anyOf`. MapperConfiguration is a
 * `oneOf` of open objects without a discriminator (the mapper's kind is the sibling `type`
 * field): every hashing or encryption configuration also satisfies FieldFiltering (which only
 * requires `targetField`), so no real mapper of those kinds could ever pass a strict `oneOf`.
 */
const ONE_OF_AS_ANY_OF = ["MapperConfiguration"];

function validator(AjvClass: typeof Ajv | typeof Ajv2020, doc: SpecDoc, schemas: Json): Ajv {
  const ajv = configure(new AjvClass(AJV_OPTIONS));
  const adjusted = structuredClone(schemas);
  for (const name of ONE_OF_AS_ANY_OF) {
    const { oneOf, ...rest } = (adjusted[name] as Json | undefined) ?? {};
    if (oneOf) adjusted[name] = { ...rest, anyOf: oneOf };
  }
  // Only the schemas: api.yaml's responses also refer to an undefined ForbiddenResponse.
  ajv.addSchema({ $id: doc, components: { schemas: adjusted } });
  return ajv;
}

/**
 * Removes from `required` the names an object schema does not declare in its `properties`.
 * The documents have several, all defects that code generators (and so Airbyte's server)
 * ignore: `grant_type` required but declared as `grant-type` (ApplicationTokenRequestWithGrant),
 * `json_schema` for `jsonSchema` (AirbyteStream), `workspaceId` in
 * CreateDeclarativeSourceDefinitionRequest, where it is a path parameter, and a few more.
 */
function withoutUndeclaredRequired(schemas: Json): Json {
  const copy = structuredClone(schemas);
  dropUndeclaredRequired(copy);
  return copy;
}

function dropUndeclaredRequired(value: unknown): void {
  if (Array.isArray(value)) return value.forEach(dropUndeclaredRequired);
  if (value === null || typeof value !== "object") return;
  const node = value as Json;
  const { properties, required } = node;
  if (Array.isArray(required) && properties !== null && typeof properties === "object" && !Array.isArray(properties)) {
    node.required = required.filter((name) => typeof name !== "string" || name in properties);
  }
  Object.values(node).forEach(dropUndeclaredRequired);
}

/** api.yaml's schemas, plus those it refers to without defining (DataplaneCreateResponseBody), from config.yaml. */
function withBorrowedSchemas(api: Json, config: Json): Json {
  const schemas = { ...((api.components as Json).schemas as Json) };
  const configSchemas = (config.components as Json).schemas as Json;
  for (const name of danglingSchemaRefs(api, schemas)) {
    if (!(name in configSchemas)) throw new Error(`api.yaml refers to ${name}, which config.yaml lacks too`);
    schemas[name] = configSchemas[name];
  }
  return schemas;
}

function danglingSchemaRefs(doc: Json, schemas: Json): string[] {
  const missing = new Set<string>();
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(walk);
    if (value === null || typeof value !== "object") return;
    const ref = (value as Json).$ref;
    if (typeof ref === "string" && ref.startsWith("#/components/schemas/")) {
      const name = ref.slice("#/components/schemas/".length);
      if (!(name in schemas)) missing.add(name);
    }
    Object.values(value).forEach(walk);
  };
  walk(doc);
  return [...missing];
}

const compiled = new Map<string, ValidateFunction>();

function validatorFor(doc: SpecDoc, schema: Json, cacheKey: string): ValidateFunction {
  let validate = compiled.get(cacheKey);
  if (!validate) {
    // Local refs (`#/components/...`) are resolved in the document the schema came from.
    const rebased = JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, `"$ref":"${doc}#/`)) as Json;
    validate = load().validators[doc].compile(rebased);
    compiled.set(cacheKey, validate);
  }
  return validate;
}

function format(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map(
    (e) => `${e.instancePath || "(root)"} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`,
  );
}

/** Validation errors of `value` against `components.schemas[schemaName]` of a document; empty when valid. */
export function validateAgainst(doc: SpecDoc, schemaName: string, value: unknown): string[] {
  if (!load().schemaNames[doc].has(schemaName)) return [`${doc}.yaml has no schema named ${schemaName}`];
  const validate = validatorFor(doc, { $ref: `#/components/schemas/${schemaName}` }, `${doc}:${schemaName}`);
  return validate(value) ? [] : format(validate.errors).map((e) => `${schemaName}${e}`);
}

/** The 92 operations of the public API, in document order. */
export function publicOperations(): PublicOperation[] {
  return load().publicOperations;
}

export function publicOperation(operationId: string): PublicOperation {
  const op = load().publicOperations.find((o) => o.operationId === operationId);
  if (!op) throw new Error(`api.yaml has no operation ${operationId}`);
  return op;
}

/** A Config API call by its path relative to the Config API root, e.g. `/state/get`. */
export function configOperation(path: string): ConfigOperation {
  const op = load().configOperations.get(path);
  if (!op) throw new Error(`config.yaml has no path /v1${path}`);
  return op;
}

/**
 * Checks a sent path (relative to the API root, percent-encoded) against an operation's
 * template, and each path parameter's decoded value against its schema.
 */
export function validatePath(doc: SpecDoc, op: SpecOperation, path: string): string[] {
  const names: string[] = [];
  const pattern = op.path
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(name);
      return "([^/]+)";
    })
    .join("");
  const match = new RegExp(`^${pattern}$`).exec(path);
  if (!match) return [`path ${path} does not match ${op.method} ${op.path}`];
  const errors: string[] = [];
  names.forEach((name, i) => {
    const param = op.parameters.find((p) => p.in === "path" && p.name === name);
    if (!param) return void errors.push(`path parameter ${name} is not declared`);
    const value = coerce(resolveSchema(doc, param.schema), decodeURIComponent(match[i + 1] ?? ""));
    const validate = validatorFor(doc, param.schema, `${doc}:${op.operationId}:${name}`);
    if (!validate(value)) errors.push(...format(validate.errors).map((e) => `path ${name}${e}`));
  });
  return errors;
}

/**
 * Checks a sent query string against an operation's query parameters: every name is declared
 * (an exploded object parameter such as oauthCallback's `queryParams` takes any other name),
 * required ones are present, and the values, read as the parameter's type, are valid.
 */
export function validateQuery(doc: SpecDoc, op: SpecOperation, search: string): string[] {
  const query = new URLSearchParams(search);
  const declared = op.parameters.filter((p) => p.in === "query");
  const objectParam = declared.find((p) => p.schema.type === "object");
  const errors: string[] = [];
  for (const name of new Set(query.keys())) {
    if (!declared.some((p) => p.name === name) && !objectParam) errors.push(`query parameter ${name} is not declared`);
  }
  for (const param of declared) {
    if (param === objectParam) continue;
    const values = query.getAll(param.name);
    if (values.length === 0) {
      if (param.required) errors.push(`required query parameter ${param.name} is missing`);
      continue;
    }
    const schema = resolveSchema(doc, param.schema);
    const value =
      schema.type === "array"
        ? values.map((v) => coerce(resolveSchema(doc, (schema.items as Json) ?? {}), v))
        : coerce(schema, values[0] ?? "");
    if (schema.type !== "array" && values.length > 1) errors.push(`query parameter ${param.name} is repeated`);
    const validate = validatorFor(doc, param.schema, `${doc}:${op.operationId}:${param.name}`);
    if (!validate(value)) errors.push(...format(validate.errors).map((e) => `query ${param.name}${e}`));
  }
  return errors;
}

function resolveSchema(doc: SpecDoc, schema: Json): Json {
  return typeof schema.$ref === "string" ? deref(load()[doc], schema) : schema;
}

function coerce(schema: Json, value: string): unknown {
  if (schema.type === "integer" || schema.type === "number") return value.trim() === "" ? value : Number(value);
  if (schema.type === "boolean") return value === "true" ? true : value === "false" ? false : value;
  return value;
}

/** The top-level properties of an object schema, split by whether they are required. */
export function schemaFields(doc: SpecDoc, schemaName: string): { required: string[]; optional: string[] } {
  const schema = ((load()[doc].components as Json).schemas as Json)[schemaName] as Json | undefined;
  if (!schema) throw new Error(`${doc}.yaml has no schema named ${schemaName}`);
  const names = Object.keys((schema.properties as Json | undefined) ?? {});
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return { required: names.filter((n) => required.has(n)), optional: names.filter((n) => !required.has(n)) };
}

/**
 * A document's `components.schemas` (read-only), with the `required` defects removed as for the
 * validators: what generators of request values walk, following `$ref`s by name.
 */
export function specSchemas(doc: SpecDoc): Readonly<Record<string, Json>> {
  return load().schemas[doc] as Record<string, Json>;
}
