/**
 * The shape of the request schemas generated from Airbyte's OpenAPI documents
 * (request-schemas.gen.ts): what the edge validates each operation's input against.
 */
export type JsonSchema = Record<string, unknown>;

export interface ParameterSchema {
  name: string;
  in: "path" | "query";
  required: boolean;
  schema: JsonSchema;
  /** The value an absent query parameter takes. */
  default?: unknown;
}

export interface OperationSchema {
  operationId: string;
  parameters: ParameterSchema[];
  /** The media types the operation takes, and the schema of its (JSON) body. */
  body?: { contentTypes: string[]; schema: JsonSchema };
}
