// Corrections applied to the official documents before rendering, each with the reason.
// A function receives a copy of the schema and returns the corrected one; `tsType` replaces
// the rendered type entirely.

export const PUBLIC_OVERLAY = {
  // The document lists `grant_type` as required but spells the property `grant-type`.
  // Servers read `client_id`/`client_secret`; OAuth2 clients send `grant_type`.
  ApplicationTokenRequestWithGrant: (schema) => {
    const { "grant-type": grant, ...rest } = schema.properties;
    schema.properties = { ...rest, grant_type: { ...grant, type: "string" } };
    return schema;
  },
  // `workspaceId` is a path parameter of the operation, not a body property.
  CreateDeclarativeSourceDefinitionRequest: (schema) => {
    schema.required = schema.required.filter((name) => name !== "workspaceId");
    return schema;
  },
  // Connector configurations are open objects; `sourceType`/`destinationType` names the
  // connector when no definitionId is given (the public API's short names, e.g. "postgres").
  SourceConfiguration: {
    tsType: "{ sourceType?: string; [key: string]: unknown }",
    doc: "A source connector's configuration, as its connection specification describes it.",
  },
  DestinationConfiguration: {
    tsType: "{ destinationType?: string; [key: string]: unknown }",
    doc: "A destination connector's configuration, as its connection specification describes it.",
  },
  OAuthConfiguration: { tsType: "{ [key: string]: unknown }" },
};

export const CONFIG_OVERLAY = {
  SourceConfiguration: { tsType: "{ [key: string]: unknown }" },
  DestinationConfiguration: { tsType: "{ [key: string]: unknown }" },
};

// The Config API operations the SDK calls (POST paths of config.yaml).
export const CONFIG_OPERATIONS = [
  "/v1/state/get",
  "/v1/state/create_or_update_safe",
  "/v1/web_backend/connections/get",
  "/v1/web_backend/connections/update",
  "/v1/connections/get",
  "/v1/jobs/get",
  "/v1/jobs/list",
  "/v1/attempt/get_for_job",
  "/v1/sources/check_connection",
  "/v1/destinations/check_connection",
  "/v1/sources/discover_schema",
  "/v1/source_definition_specifications/get",
  "/v1/destination_definition_specifications/get",
  "/v1/source_definitions/list_for_workspace",
  "/v1/destination_definitions/list_for_workspace",
  "/v1/workspaces/get_organization_info",
  "/v1/organizations/get_organization_info",
  "/v1/workspaces/list_by_organization_id",
  "/v1/connector_builder_projects/get_for_definition_id",
  "/v1/connector_builder_projects/get_with_manifest",
  "/v1/connector_builder_projects/update_testing_values",
  "/v1/connector_builder_projects/create",
  "/v1/connector_builder_projects/publish",
  "/v1/declarative_source_definitions/create_manifest",
  "/v1/declarative_source_definitions/update_active_manifest",
  "/v1/declarative_source_definitions/list_manifests",
  "/v1/users/get",
  "/v1/users/update",
];

// Error bodies of the Config API, so callers can type what AirbyteApiError.body holds.
export const EXTRA_CONFIG_SCHEMAS = ["KnownExceptionInfo", "InvalidInputExceptionInfo", "NotFoundKnownExceptionInfo"];

// The Config API calls the local server routes: the SDK's, and the health check. The server
// refuses to start with a route that has no entry here (its requests would go unvalidated).
export const SERVED_CONFIG_OPERATIONS = [...CONFIG_OPERATIONS.map((path) => `POST ${path}`), "GET /v1/health"];

// Corrections to the request side, for the local server's validation (request-schemas.mjs), each
// with the reason. Functions receive a copy of a component schema and return the corrected one.
export const REQUEST_OVERLAY = {
  public: {
    parameters: {
      // Job ids count from 0. A negative id is refused as malformed (400), as the server always
      // has, rather than looked up and not found; the document only says int64.
      jobId: (schema) => ({ ...schema, minimum: 0 }),
    },
    schemas: {
      // The document requires `grant_type` but names the property `grant-type` (an enum of
      // client_credentials, as Airbyte's model reads it). OAuth2 clients send `grant_type`,
      // which Airbyte's server ignores; the document's own form example spells the credentials
      // `clientId`/`clientSecret`, accepted too. One spelling of each credential is required.
      ApplicationTokenRequestWithGrant: (schema) => {
        const text = { type: "string" };
        schema.properties = { ...schema.properties, clientId: text, clientSecret: text, grant_type: text };
        delete schema.required;
        schema.allOf = [
          { anyOf: [{ required: ["client_id"] }, { required: ["clientId"] }] },
          { anyOf: [{ required: ["client_secret"] }, { required: ["clientSecret"] }] },
        ];
        return schema;
      },
    },
  },
  config: {
    schemas: {
      // The document gives no bounds; the server pages with SQL LIMIT and OFFSET, where a
      // negative value means something else (no limit), so a page holds 1 or more and starts at 0.
      Pagination: (schema) => {
        schema.properties.pageSize = { ...schema.properties.pageSize, minimum: 1 };
        schema.properties.rowOffset = { ...schema.properties.rowOffset, minimum: 0 };
        return schema;
      },
    },
  },
};
