/**
 * What the Postgres source takes from its configuration beyond the connection itself: the
 * schemas it replicates and the update method, with the methods the local server cannot run
 * refused up front so that a check and a sync fail with the same clear message.
 */
import { type Config, connectPostgres } from "../destinations/postgres-connect.js";
import { CONNECT_TIMEOUT_MS } from "../network.js";
import type pg from "pg";

/** The configured schemas; an empty list means every schema the user can see, as on Airbyte. */
export function configuredSchemas(config: Config): string[] {
  const schemas = config.schemas;
  if (schemas === undefined) return ["public"];
  if (!Array.isArray(schemas) || schemas.some((schema) => typeof schema !== "string")) {
    throw new Error(`Postgres: "schemas" must be a list of schema names, not ${JSON.stringify(schemas)}.`);
  }
  return schemas as string[];
}

/** Why the configured update method cannot run here, or undefined for Standard (user cursor). */
export function unsupportedMethodReason(config: Config): string | undefined {
  const method = String((config.replication_method as Config | undefined)?.method ?? "Standard");
  if (method === "Standard") return undefined;
  if (method === "CDC") {
    return "The local server does not support CDC (replication_method CDC) for the Postgres source yet; use replication_method Standard (a user-defined cursor), or sync this source on Airbyte Cloud or a self-managed Airbyte.";
  }
  if (method === "Xmin") {
    return "The local server does not support Xmin (replication_method Xmin) for the Postgres source yet; use replication_method Standard (a user-defined cursor), or sync this source on Airbyte Cloud or a self-managed Airbyte.";
  }
  return `Postgres: unknown replication_method ${JSON.stringify(method)}; it is one of Standard, CDC and Xmin.`;
}

/**
 * A session set up for reading: UTC and ISO dates, so that timestamps arrive in one textual
 * form that the value conversions turn into Airbyte's formats; floats with every digit; bytea in hex.
 */
export async function connectSource(config: Config): Promise<pg.Client> {
  const client = await connectPostgres(config, CONNECT_TIMEOUT_MS);
  client.on("error", () => undefined);
  try {
    await client.query(
      "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, YMD'; SET extra_float_digits = 1; SET bytea_output = 'hex'",
    );
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return client;
}
