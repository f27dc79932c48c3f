/**
 * What a built-in connector is to the server: its definition (ids, names, the JSON Schema of
 * its configuration) and the operations the server runs on it. The services see connectors
 * only through these types; the engine will add reading and writing records.
 */
import type { Config } from "airbyte-ts";

export type JsonSchema = Record<string, unknown>;

export interface ConnectorDefinition {
  definitionId: string;
  actorType: "source" | "destination";
  /** The public API's short name: `configuration.sourceType` / `configuration.destinationType`. */
  shortName: string;
  /** Display name, e.g. "Sample Data (Faker)". */
  name: string;
  dockerRepository: string;
  dockerImageTag: string;
  documentationUrl: string;
  /** JSON Schema of the configuration; properties marked `airbyte_secret: true` are secrets. */
  connectionSpecification: JsonSchema;
  /** Destinations: the destination sync modes they support. */
  supportedDestinationSyncModes?: Config.DestinationSyncMode[];
  /**
   * Set when the local server cannot run this connector (e.g. Snowflake): it can be created
   * and configured, but checks and syncs fail with this message.
   */
  notRunnableReason?: string;
}

export interface CheckOutcome {
  status: "succeeded" | "failed";
  message?: string;
}

/** What connectors need from the server to run. */
export interface ConnectorContext {
  /**
   * The directory that stands for Airbyte's `/local` mount (where DuckDB files and local files
   * live on a self-managed Airbyte): `/local/x.duckdb` is `<localDirectory>/x.duckdb`.
   */
  localDirectory: string;
}

export interface SourceConnector {
  definition: ConnectorDefinition;
  check(config: Record<string, unknown>, context: ConnectorContext): Promise<CheckOutcome>;
  /** The streams the source offers for this configuration (Config API shape). */
  discover(config: Record<string, unknown>): Promise<Config.AirbyteStream[]>;
}

export interface DestinationConnector {
  definition: ConnectorDefinition;
  check(config: Record<string, unknown>, context: ConnectorContext): Promise<CheckOutcome>;
}

export type Connector = SourceConnector | DestinationConnector;
