/**
 * Destinations the local server knows but cannot run: MotherDuck and the cloud warehouses.
 * They can be created and configured as on Airbyte; their checks say where to sync them.
 */
import { notRunnableDestination } from "../not-runnable.js";
import { alternatives, choice, connectionSpec, flag, integer, secret, text, variant } from "../spec.js";

export const motherduckDestination = notRunnableDestination({
  definitionId: "042ee9b5-eb98-4e99-a4e5-3f0d573bee66",
  actorType: "destination",
  shortName: "motherduck",
  name: "MotherDuck",
  dockerRepository: "airbyte/destination-motherduck",
  dockerImageTag: "0.1.27",
  documentationUrl: "https://docs.airbyte.com/integrations/destinations/motherduck",
  connectionSpecification: connectionSpec(
    "Destination MotherDuck",
    {
      motherduck_api_key: secret("MotherDuck Access Token"),
      destination_path: text("Destination DB", {
        description: "The MotherDuck database, as md:<database name>.",
        default: "md:",
        examples: ["md:", "md:data_db"],
      }),
      schema: text("Destination Schema", { description: "Database schema; the default is main.", examples: ["main"] }),
    },
    ["motherduck_api_key"],
  ),
  supportedDestinationSyncModes: ["overwrite", "append", "append_dedup"],
});

export const snowflakeDestination = notRunnableDestination({
  definitionId: "424892c4-daac-4491-b35d-c6688ba547ba",
  actorType: "destination",
  shortName: "snowflake",
  name: "Snowflake",
  dockerRepository: "airbyte/destination-snowflake",
  dockerImageTag: "4.0.33",
  documentationUrl: "https://docs.airbyte.com/integrations/destinations/snowflake",
  connectionSpecification: connectionSpec(
    "Snowflake Destination Spec",
    {
      host: text("Host", {
        description: "The account's host, <account_locator>.<region>.<cloud>.snowflakecomputing.com.",
        examples: ["accountname.us-east-2.aws.snowflakecomputing.com", "accountname.snowflakecomputing.com"],
      }),
      role: text("Role", { examples: ["AIRBYTE_ROLE"] }),
      warehouse: text("Warehouse", { examples: ["AIRBYTE_WAREHOUSE"] }),
      database: text("Database", { examples: ["AIRBYTE_DATABASE"] }),
      schema: text("Default Schema", { examples: ["AIRBYTE_SCHEMA"] }),
      username: text("Username", { examples: ["AIRBYTE_USER"] }),
      credentials: alternatives("Authorization Method", [
        variant(
          "Key Pair Authentication",
          "auth_type",
          "Key Pair Authentication",
          {
            private_key: secret("Private Key", { multiline: true }),
            private_key_password: secret("Passphrase"),
          },
          ["private_key"],
        ),
        variant("Username and Password", "auth_type", "Username and Password", { password: secret("Password") }, [
          "password",
        ]),
      ]),
      jdbc_url_params: text("JDBC URL Params"),
      raw_data_schema: text("Raw Table Schema Name"),
      disable_type_dedupe: flag("Disable Final Tables", { default: false }),
      retention_period_days: integer("Data Retention Period (days)"),
    },
    ["host", "role", "warehouse", "database", "schema", "username"],
  ),
  supportedDestinationSyncModes: ["overwrite", "append", "append_dedup", "overwrite_dedup"],
});

/** BigQuery's dataset locations, as the connector lists them. */
const BIGQUERY_LOCATIONS = [
  "US",
  "EU",
  "asia-east1",
  "asia-east2",
  "asia-northeast1",
  "asia-northeast2",
  "asia-northeast3",
  "asia-south1",
  "asia-south2",
  "asia-southeast1",
  "asia-southeast2",
  "australia-southeast1",
  "australia-southeast2",
  "europe-central1",
  "europe-central2",
  "europe-north1",
  "europe-southwest1",
  "europe-west1",
  "europe-west2",
  "europe-west3",
  "europe-west4",
  "europe-west6",
  "europe-west7",
  "europe-west8",
  "europe-west9",
  "europe-west12",
  "me-central1",
  "me-central2",
  "me-west1",
  "northamerica-northeast1",
  "northamerica-northeast2",
  "southamerica-east1",
  "southamerica-west1",
  "us-central1",
  "us-east1",
  "us-east2",
  "us-east3",
  "us-east4",
  "us-east5",
  "us-south1",
  "us-west1",
  "us-west2",
  "us-west3",
  "us-west4",
];

export const bigqueryDestination = notRunnableDestination({
  definitionId: "22f6c74f-5699-40ff-833c-4a879ea40133",
  actorType: "destination",
  shortName: "bigquery",
  name: "BigQuery",
  dockerRepository: "airbyte/destination-bigquery",
  dockerImageTag: "2.0.19",
  documentationUrl: "https://docs.airbyte.com/integrations/destinations/bigquery",
  connectionSpecification: connectionSpec(
    "BigQuery Destination Spec",
    {
      project_id: text("Project ID", { description: "The GCP project of the dataset." }),
      dataset_location: choice("Dataset Location", BIGQUERY_LOCATIONS),
      dataset_id: text("Default Dataset ID", { description: "Dataset of the streams without a namespace." }),
      loading_method: alternatives("Loading Method", [
        variant("Batched Standard Inserts", "method", "Standard"),
        variant(
          "GCS Staging",
          "method",
          "GCS Staging",
          {
            credential: alternatives("Credential", [
              variant(
                "HMAC key",
                "credential_type",
                "HMAC_KEY",
                { hmac_key_access_id: secret("HMAC Key Access ID"), hmac_key_secret: secret("HMAC Key Secret") },
                ["hmac_key_access_id", "hmac_key_secret"],
              ),
            ]),
            gcs_bucket_name: text("GCS Bucket Name"),
            gcs_bucket_path: text("GCS Bucket Path"),
            keep_files_in_gcs_bucket: choice("GCS Tmp Files Post-Processing", [
              "Delete all tmp files from GCS",
              "Keep all tmp files in GCS",
            ]),
          },
          ["credential", "gcs_bucket_name", "gcs_bucket_path"],
        ),
      ]),
      credentials_json: secret("Service Account Key JSON", {
        description: "The JSON key of a service account; default credentials are used when empty.",
      }),
      transformation_priority: choice("Transformation Query Run Type", ["interactive", "batch"], {
        default: "interactive",
      }),
      big_query_client_buffer_size_mb: integer("Google BigQuery Client Chunk Size", {
        minimum: 1,
        maximum: 15,
        default: 15,
      }),
      raw_data_dataset: text("Raw Table Dataset Name"),
      disable_type_dedupe: flag("Disable Final Tables", { default: false }),
    },
    ["project_id", "dataset_location", "dataset_id"],
  ),
  supportedDestinationSyncModes: ["overwrite", "append", "append_dedup", "overwrite_dedup"],
});
