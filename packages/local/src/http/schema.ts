/**
 * A small vocabulary for the JSON Schemas of request bodies, validated at the edge with Ajv.
 * Unknown properties are accepted and ignored, and an optional property may be `null`, which
 * means "not given", as on Airbyte's server: services read optional values with `?? undefined`.
 */
export type JsonSchema = Record<string, unknown>;

export const string = (extra: JsonSchema = {}): JsonSchema => ({ type: "string", ...extra });
export const nonEmpty = (extra: JsonSchema = {}): JsonSchema => ({ type: "string", minLength: 1, ...extra });
export const uuid = (): JsonSchema => ({ type: "string", format: "uuid" });
export const integer = (extra: JsonSchema = {}): JsonSchema => ({ type: "integer", ...extra });
export const boolean = (): JsonSchema => ({ type: "boolean" });
export const anyObject = (): JsonSchema => ({ type: "object" });
export const oneOfValues = (values: readonly string[]): JsonSchema => ({ type: "string", enum: [...values] });
export const array = (items: JsonSchema, extra: JsonSchema = {}): JsonSchema => ({ type: "array", items, ...extra });
export const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: "null" }] });

/** An object with the given properties; `required` names those that must be present and not null. */
export function object(properties: Record<string, JsonSchema>, required: readonly string[] = []): JsonSchema {
  const withNulls = Object.fromEntries(
    Object.entries(properties).map(([name, schema]) => [name, required.includes(name) ? schema : nullable(schema)]),
  );
  return { type: "object", properties: withNulls, required: [...required] };
}

/** Kubernetes-style resource requests and limits (`ResourceRequirements` in both APIs). */
export const resourceRequirements = object(
  Object.fromEntries(
    [
      "cpu_request",
      "cpu_limit",
      "memory_request",
      "memory_limit",
      "ephemeral_storage_request",
      "ephemeral_storage_limit",
    ].map((name) => [name, string()]),
  ),
);
