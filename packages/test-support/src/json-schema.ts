/**
 * A JSON Schema (draft-07) document as an oracle: compiled strictly, so a schema with a typo in
 * a keyword or a type a keyword cannot apply to fails to compile instead of accepting everything
 * (`required` inside `not`, how "exactly one of" is written, is allowed), and
 * a check that lists every problem of a value with its path.
 */
import Ajv from "ajv";

export type SchemaCheck = (value: unknown) => string[];

export function schemaCheck(schema: object): SchemaCheck {
  const ajv = new Ajv({ strict: true, strictRequired: false, allErrors: true, allowUnionTypes: true });
  const validate = ajv.compile(schema);
  return (value) => {
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath || "/"} ${error.message ?? error.keyword}`);
  };
}
