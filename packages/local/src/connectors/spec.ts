/**
 * Building blocks for connection specifications (JSON Schema draft-07, as Airbyte's connectors
 * declare them), and what the server does with a specification: validate a configuration
 * against it, mask the properties it marks `airbyte_secret`, and keep stored secrets when a
 * client sends the mask back.
 */
import AjvModule, { type ErrorObject, type ValidateFunction } from "ajv";
import addFormatsModule from "ajv-formats";
import type { JsonSchema } from "./types.js";

// Both packages are CommonJS with a default export.
const Ajv = (AjvModule as unknown as { default: typeof AjvModule }).default ?? AjvModule;
const addFormats = (addFormatsModule as unknown as { default: typeof addFormatsModule }).default ?? addFormatsModule;

/** What Airbyte answers in place of a secret; sent back, it means "keep the stored value". */
export const SECRET_MASK = "**********";

type Json = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Writing specifications

export const text = (title: string, extra: JsonSchema = {}): JsonSchema => ({ type: "string", title, ...extra });
export const integer = (title: string, extra: JsonSchema = {}): JsonSchema => ({ type: "integer", title, ...extra });
export const flag = (title: string, extra: JsonSchema = {}): JsonSchema => ({ type: "boolean", title, ...extra });
export const secret = (title: string, extra: JsonSchema = {}): JsonSchema => ({
  type: "string",
  title,
  airbyte_secret: true,
  ...extra,
});
export const choice = (title: string, values: readonly string[], extra: JsonSchema = {}): JsonSchema => ({
  type: "string",
  title,
  enum: [...values],
  ...extra,
});

/** An object schema; `order` follows the order of `properties`, as the Airbyte UI lays fields out. */
function objectSpec(
  title: string,
  properties: Record<string, JsonSchema>,
  required: readonly string[] = [],
  extra: JsonSchema = {},
): JsonSchema {
  const ordered = Object.fromEntries(
    Object.entries(properties).map(([name, schema], order) => [name, { ...schema, order }]),
  );
  return { type: "object", title, required: [...required], properties: ordered, ...extra };
}

/** The root of a connection specification. */
export function connectionSpec(
  title: string,
  properties: Record<string, JsonSchema>,
  required: readonly string[],
): JsonSchema {
  return {
    $schema: "http://json-schema.org/draft-07/schema#",
    ...objectSpec(title, properties, required, { additionalProperties: true }),
  };
}

/**
 * One branch of a `oneOf`: an object told apart from its siblings by a constant discriminator
 * (e.g. `{ mode: "require" }`), as Airbyte's connectors model alternatives.
 */
export function variant(
  title: string,
  discriminator: string,
  value: string,
  properties: Record<string, JsonSchema> = {},
  required: readonly string[] = [],
): JsonSchema {
  return objectSpec(
    title,
    { [discriminator]: { type: "string", const: value, enum: [value], default: value }, ...properties },
    [discriminator, ...required],
  );
}

export const alternatives = (title: string, variants: JsonSchema[], extra: JsonSchema = {}): JsonSchema => ({
  type: "object",
  title,
  oneOf: variants,
  ...extra,
});

// ---------------------------------------------------------------------------------------------
// Validating configurations

// addUsedSchema: false, so that two specifications with the same `$id` do not collide.
const ajv = new Ajv({ allErrors: true, strict: false, validateSchema: false, addUsedSchema: false });
addFormats(ajv);

/**
 * Compiled specifications by their JSON text: custom specifications are parsed anew from the
 * database on each use, and Ajv keeps every schema it compiles until told to forget it.
 */
const compiled = new Map<string, { schema: JsonSchema; validate: ValidateFunction | string }>();
const COMPILED_LIMIT = 500;

/** Compiles a specification, or says why it is not a usable JSON Schema. */
export function compileSpec(spec: JsonSchema): ValidateFunction | string {
  const key = JSON.stringify(spec);
  const cached = compiled.get(key);
  if (cached) return cached.validate;
  let validate: ValidateFunction | string;
  try {
    validate = ajv.compile(spec);
  } catch (error) {
    validate = (error as Error).message;
  }
  if (compiled.size >= COMPILED_LIMIT) forgetOldest();
  compiled.set(key, { schema: spec, validate });
  return validate;
}

function forgetOldest(): void {
  const [key, entry] = compiled.entries().next().value as [string, { schema: JsonSchema }];
  compiled.delete(key);
  ajv.removeSchema(entry.schema);
}

/**
 * The ways a configuration breaks its specification, each as `$.path: reason` like the JSON
 * Schema validator Airbyte's server uses; empty when it conforms.
 */
export function configurationErrors(spec: JsonSchema, configuration: unknown): string[] {
  const validate = compileSpec(spec);
  if (typeof validate === "string") return [`the connector's specification is not a valid JSON Schema (${validate})`];
  if (validate(configuration)) return [];
  return describeErrors(validate.errors ?? []);
}

function describeErrors(errors: ErrorObject[]): string[] {
  // A failed oneOf also reports every branch's own failures; the branch errors say more.
  const specific = errors.filter((e) => e.keyword !== "oneOf" && e.keyword !== "anyOf" && e.keyword !== "if");
  const chosen = specific.length > 0 ? specific : errors;
  const lines = chosen.map((error) => {
    const path = `$${error.instancePath.replace(/\//g, ".")}`;
    if (error.keyword === "required") {
      return `${path}.${(error.params as { missingProperty: string }).missingProperty}: is missing but it is required`;
    }
    if (error.keyword === "additionalProperties") {
      const extra = (error.params as { additionalProperty: string }).additionalProperty;
      return `${path}.${extra}: is not defined in the schema and the schema does not allow additional properties`;
    }
    return `${path}: ${error.message ?? "is invalid"}`;
  });
  return [...new Set(lines)];
}

// ---------------------------------------------------------------------------------------------
// Secrets

/**
 * The configuration with every secret replaced by the mask: properties marked
 * `airbyte_secret`, in nested objects, arrays and every branch of a `oneOf`/`anyOf`.
 */
export function maskSecrets(spec: JsonSchema, configuration: Json): Json {
  return mapSecrets(spec, configuration, (value) =>
    value === undefined || value === null ? value : SECRET_MASK,
  ) as Json;
}

/**
 * The configuration a client sent, where each secret sent back as the mask takes the stored
 * value again (and is dropped when nothing is stored), so a read-modify-write keeps secrets.
 */
export function keepMaskedSecrets(spec: JsonSchema, incoming: Json, stored: Json | undefined): Json {
  return restore(spec, incoming, stored) as Json;
}

function restore(spec: JsonSchema, incoming: unknown, stored: unknown): unknown {
  if (!isObject(incoming)) return incoming;
  const out: Json = {};
  for (const [name, value] of Object.entries(incoming)) {
    const schemas = propertySchemas(spec, name);
    const previous = isObject(stored) ? stored[name] : undefined;
    if (value === SECRET_MASK && schemas.some(isSecret)) {
      if (previous !== undefined) out[name] = previous;
      continue;
    }
    out[name] = schemas.reduce((current, schema) => restoreNested(schema, current, previous), value);
  }
  return out;
}

function restoreNested(schema: JsonSchema, value: unknown, stored: unknown): unknown {
  if (Array.isArray(value) && isObject(schema.items)) {
    return value.map((item, i) =>
      restore(schema.items as JsonSchema, item, Array.isArray(stored) ? stored[i] : undefined),
    );
  }
  return isObject(value) ? restore(schema, value, stored) : value;
}

function mapSecrets(spec: JsonSchema, value: unknown, replace: (value: unknown) => unknown): unknown {
  if (Array.isArray(value)) {
    return isObject(spec.items) ? value.map((item) => mapSecrets(spec.items as JsonSchema, item, replace)) : value;
  }
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [name, child] of Object.entries(value)) {
    const schemas = propertySchemas(spec, name);
    out[name] = schemas.some(isSecret)
      ? replace(child)
      : schemas.reduce((current, schema) => mapSecrets(schema, current, replace), child);
  }
  return out;
}

/** The schemas a property of an object may follow: its own, and its own in each alternative. */
function propertySchemas(spec: JsonSchema, name: string): JsonSchema[] {
  const found: JsonSchema[] = [];
  const own = (spec.properties as Record<string, JsonSchema> | undefined)?.[name];
  if (isObject(own)) found.push(own);
  for (const keyword of ["oneOf", "anyOf", "allOf"] as const) {
    const branches = spec[keyword];
    if (Array.isArray(branches))
      for (const branch of branches) if (isObject(branch)) found.push(...propertySchemas(branch, name));
  }
  return found;
}

const isSecret = (schema: JsonSchema): boolean => schema.airbyte_secret === true;

export function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
