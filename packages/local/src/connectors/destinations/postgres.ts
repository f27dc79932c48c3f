/**
 * Postgres destination. Its check opens a TCP connection to the server (the local server has
 * no Postgres driver to log in with, so a reachable port is what it can verify) and never
 * repeats the password in its message.
 */
import { tcpProbe } from "../network.js";
import { postgresPort, sshTunnel, sslModes } from "../postgres-common.js";
import { connectionSpec, flag, secret, text } from "../spec.js";
import type { DestinationConnector } from "../types.js";

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
  async check(config) {
    const host = String(config.host ?? "");
    const port = Number(config.port ?? 5432);
    const failure = await tcpProbe(host, port);
    return failure === undefined
      ? { status: "succeeded" }
      : { status: "failed", message: `Could not connect to Postgres at ${host}:${port}: ${failure}` };
  },
};
