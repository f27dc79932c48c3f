/**
 * Postgres source, configured as Airbyte's source-postgres: check, discover (tables and views
 * of the configured schemas), full refresh and incremental reads by a user-defined cursor
 * (replication_method Standard). CDC and Xmin are refused with a clear message.
 */
import type { SourceConnector } from "../types.js";
import { airbyteStream, sourceTables } from "./postgres-catalog.js";
import { checkPostgresSource } from "./postgres-check.js";
import { configuredSchemas, connectSource, unsupportedMethodReason } from "./postgres-options.js";
import { readPostgres } from "./postgres-read.js";
import { postgresSourceSpecification } from "./postgres-spec.js";

export const postgresSource: SourceConnector = {
  definition: {
    definitionId: "decd338e-5647-4c0b-adf4-da0e75f5a750",
    actorType: "source",
    shortName: "postgres",
    name: "Postgres",
    dockerRepository: "airbyte/source-postgres",
    dockerImageTag: "3.7.0",
    documentationUrl: "https://docs.airbyte.com/integrations/sources/postgres",
    connectionSpecification: postgresSourceSpecification,
  },
  check: (config) => checkPostgresSource(config),
  async discover(config) {
    const unsupported = unsupportedMethodReason(config);
    if (unsupported) throw new Error(unsupported);
    const schemas = configuredSchemas(config);
    const client = await connectSource(config);
    try {
      return (await sourceTables(client, schemas)).map(airbyteStream);
    } finally {
      await client.end().catch(() => undefined);
    }
  },
  read: readPostgres,
};
