/**
 * A configuration the Snowflake destination's specification accepts. The local server cannot
 * run Snowflake, but it stores such destinations, as Airbyte does, for clients to create them
 * locally and sync them elsewhere.
 */
export const SNOWFLAKE_CONFIGURATION = {
  host: "acme.snowflakecomputing.com",
  role: "R",
  warehouse: "W",
  database: "D",
  schema: "S",
  username: "U",
  credentials: { auth_type: "Key Pair Authentication", private_key: "PK" },
};
