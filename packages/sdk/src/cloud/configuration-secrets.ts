/**
 * A connector's configuration made safe to show. The API masks the secrets it knows already
 * (`**********`); on top of that, what the connector's specification marks `airbyte_secret` is
 * masked (in nested objects, arrays and every `oneOf`/`anyOf`/`allOf` branch), and where no
 * specification describes a field (none could be read, or it does not name the field) a text
 * field named like a secret is masked too: hidden by mistake rather than shown by mistake.
 */

/** What Airbyte answers in place of a secret. */
const SECRET_MASK = "**********";

/** Names that hold secrets in Airbyte's connectors. */
const SECRET_NAME = /pass(word|phrase)?$|secret|token|api_?key|private_?key|credentials?(_json)?$|^pat$|access_key/i;

/** Whether a field of this name holds a secret when no specification says. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

type Schema = Record<string, unknown>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * A copy of `configuration` with its secrets masked. `specification` is the connector's
 * connection specification (JSON Schema); without it, secrets are found by their names.
 */
export function maskConfigurationSecrets(
  configuration: Record<string, unknown>,
  specification: Schema | undefined,
): Record<string, unknown> {
  return maskObject(configuration, specification ? [specification] : []);
}

/** `schemas`: the schemas the object may follow; empty when none describes it. */
function maskObject(value: Record<string, unknown>, schemas: Schema[]): Record<string, unknown> {
  const masked: Record<string, unknown> = {};
  for (const [name, field] of Object.entries(value)) {
    const fieldSchemas = schemas.flatMap((schema) => propertySchemas(schema, name));
    const secret =
      fieldSchemas.length > 0
        ? fieldSchemas.some((schema) => schema.airbyte_secret === true)
        : typeof field === "string" && isSecretName(name);
    masked[name] = secret && field !== null && field !== undefined ? SECRET_MASK : maskValue(field, fieldSchemas);
  }
  return masked;
}

function maskValue(value: unknown, schemas: Schema[]): unknown {
  if (Array.isArray(value)) {
    const itemSchemas = schemas.flatMap((schema) => (isObject(schema.items) ? [schema.items] : []));
    return value.map((item) => maskValue(item, itemSchemas));
  }
  return isObject(value) ? maskObject(value, schemas) : value;
}

/** The schemas a property of an object may follow: its own, and its own in each alternative. */
function propertySchemas(schema: Schema, name: string): Schema[] {
  const properties = schema.properties;
  const own = isObject(properties) && isObject(properties[name]) ? [properties[name]] : [];
  const branches = ["oneOf", "anyOf", "allOf"].flatMap((keyword) => {
    const listed = schema[keyword];
    return Array.isArray(listed) ? listed.filter(isObject) : [];
  });
  return [...own, ...branches.flatMap((branch) => propertySchemas(branch, name))];
}
