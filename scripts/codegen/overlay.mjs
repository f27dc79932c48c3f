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
];

// Error bodies of the Config API, so callers can type what AirbyteApiError.body holds.
export const EXTRA_CONFIG_SCHEMAS = ["KnownExceptionInfo", "InvalidInputExceptionInfo", "NotFoundKnownExceptionInfo"];
