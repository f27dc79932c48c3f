/**
 * A JSON Schema (draft-07) document as an oracle: compiled strictly, so a schema with a typo in
 * a keyword or a type a keyword cannot apply to fails to compile instead of accepting everything
 * (`required` inside `not`, how "exactly one of" is written, is allowed), and
 * a check that lists every problem of a value with its path.
 */
import Ajv from "ajv";
import addFormats from "ajv-formats";

export type SchemaCheck = (value: unknown) => string[];

export function schemaCheck(schema: object): SchemaCheck {
  const ajv = new Ajv({ strict: true, strictRequired: false, allErrors: true, allowUnionTypes: true });
  const validate = ajv.compile(schema);
  return (value) => {
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message ?? error.keyword}`);
  };
}

/**
 * A connector's specification as a validator, configured as the local server validates
 * configurations (and as Airbyte's server reads specs): its own keywords (`airbyte_secret`,
 * `order`, `group`...) ignored, the standard formats checked.
 */
export function connectorSpecCheck(spec: object): (value: unknown) => boolean {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  const validate = ajv.compile(spec);
  return (value) => validate(value);
}
