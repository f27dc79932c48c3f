/**
 * Postgres destination. Its check logs in and runs `SELECT 1`; its writer loads rows with COPY.
 * Messages say where and as whom a connection failed, never with the password.
 */
import { CONNECT_TIMEOUT_MS } from "../network.js";
import { postgresPort, sshTunnel, sslModes } from "../postgres-common.js";
import type { DestinationWriteRequest, DestinationWriter } from "../protocol.js";
import { connectionSpec, flag, secret, text } from "../spec.js";
import type { CheckOutcome, DestinationConnector } from "../types.js";
import { connectPostgres, PostgresConnectionError } from "./postgres-connect.js";
import { openPostgresSession } from "./postgres-session.js";
import { DEFAULT_INTERNAL_SCHEMA, openSqlWriter } from "./sql/writer.js";

const specification = connectionSpec(
  "Postgres Destination Spec",
  {
    host: text("Host", { description: "Hostname of the database." }),
    port: postgresPort(),
    database: text("DB Name"),
    schema: text("Default Schema", {
      description: "Schema of the tables of streams without a namespace.",
      examples: ["public"],
      default: "public",
    }),
    username: text("User"),
    password: secret("Password"),
    ssl: flag("SSL Connection", { default: false }),
    ssl_mode: sslModes(),
    jdbc_url_params: text("JDBC URL Params", { description: "Extra JDBC properties as key=value pairs joined by &." }),
    raw_data_schema: text("Raw table schema (defaults to airbyte_internal)"),
    disable_type_dedupe: flag("Disable Final Tables", { default: false }),
    drop_cascade: flag("Drop tables with CASCADE", { default: false }),
    tunnel_method: sshTunnel(),
  },
  ["host", "port", "username", "database", "schema"],
);

/** A sync may start while the database is busy: its connection waits longer than a check's. */
const WRITER_CONNECT_TIMEOUT_MS = 30_000;

async function checkPostgres(config: Record<string, unknown>): Promise<CheckOutcome> {
  try {
    const client = await connectPostgres(config, CONNECT_TIMEOUT_MS);
    try {
      await client.query("SELECT 1");
    } finally {
      await client.end().catch(() => undefined);
    }
    return { status: "succeeded" };
  } catch (error) {
    if (error instanceof PostgresConnectionError) return { status: "failed", message: error.message };
    return { status: "failed", message: `Postgres refused SELECT 1: ${(error as Error).message}` };
  }
}

async function openPostgres(request: DestinationWriteRequest): Promise<DestinationWriter> {
  const { config } = request;
  const defaultSchema = typeof config.schema === "string" && config.schema !== "" ? config.schema : "public";
  const streams = request.streams.map((stream) => ({ ...stream, schema: stream.schema || defaultSchema }));
  const session = await openPostgresSession(config, WRITER_CONNECT_TIMEOUT_MS);
  const internalSchema =
    typeof config.raw_data_schema === "string" && config.raw_data_schema !== ""
      ? config.raw_data_schema
      : DEFAULT_INTERNAL_SCHEMA;
  return openSqlWriter(session, streams, {
    internalSchema,
    checkpointScope: request.checkpointScope,
    dropCascade: config.drop_cascade === true,
  });
}

export const postgresDestination: DestinationConnector = {
  definition: {
    definitionId: "25c5221d-dce2-4163-ade9-739ef790f503",
    actorType: "destination",
    shortName: "postgres",
    name: "Postgres",
    dockerRepository: "airbyte/destination-postgres",
    dockerImageTag: "2.4.7",
    documentationUrl: "https://docs.airbyte.com/integrations/destinations/postgres",
    connectionSpecification: specification,
    supportedDestinationSyncModes: ["overwrite", "append", "append_dedup"],
  },
  check: checkPostgres,
  open: openPostgres,
};
