/**
 * The Postgres source's configuration, in the shape of Airbyte's source-postgres spec: the same
 * createSource body works here and on Airbyte Cloud.
 */
import { postgresPort, sshTunnel, sslModes } from "../postgres-common.js";
import { alternatives, connectionSpec, integer, secret, text, variant } from "../spec.js";

export const postgresSourceSpecification = connectionSpec(
  "Postgres Source Spec",
  {
    host: text("Host", { description: "Hostname of the database." }),
    port: postgresPort(),
    database: text("Database Name"),
    schemas: {
      type: "array",
      title: "Schemas",
      description: "Schemas to replicate; all of them when empty.",
      items: { type: "string" },
      minItems: 0,
      uniqueItems: true,
      default: ["public"],
    },
    username: text("Username"),
    password: secret("Password"),
    jdbc_url_params: text("JDBC URL Parameters (Advanced)", {
      description: "Extra JDBC properties as key=value pairs joined by &.",
    }),
    ssl_mode: sslModes(),
    replication_method: alternatives(
      "Update Method",
      [
        variant("Detect Changes with Xmin System Column", "method", "Xmin"),
        variant(
          "Read Changes using Write-Ahead Log (CDC)",
          "method",
          "CDC",
          {
            plugin: { type: "string", title: "Plugin", enum: ["pgoutput"], default: "pgoutput" },
            replication_slot: text("Replication Slot"),
            publication: text("Publication"),
            initial_waiting_seconds: integer("Initial Waiting Time in Seconds (Advanced)", {
              minimum: 120,
              maximum: 2400,
              default: 1200,
            }),
          },
          ["replication_slot", "publication"],
        ),
        variant("Scan Changes with User Defined Cursor", "method", "Standard"),
      ],
      { description: "How changed rows are found in incremental syncs." },
    ),
    tunnel_method: sshTunnel(),
  },
  ["host", "port", "database", "username"],
);
