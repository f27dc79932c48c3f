/**
 * What a built-in connector is to the server: its definition (ids, names, the JSON Schema of
 * its configuration) and the operations the server runs on it. The services see connectors
 * only through these types; the engine reads and writes records through `read` and `open`.
 */
import type { Config } from "airbyte-ts";
import type { DestinationWriteRequest, DestinationWriter, SourceMessage, SourceReadRequest } from "./protocol.js";

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
  discover(config: Record<string, unknown>, context: ConnectorContext): Promise<Config.AirbyteStream[]>;
  /** Reads records and checkpoints; absent when the local server cannot run the source. */
  read?(request: SourceReadRequest): AsyncIterable<SourceMessage>;
}

export interface DestinationConnector {
  definition: ConnectorDefinition;
  check(config: Record<string, unknown>, context: ConnectorContext): Promise<CheckOutcome>;
  /**
   * Prepares the streams' tables for an attempt (final tables created or widened, staging
   * tables of full refresh streams emptied) and returns the writer; absent when the local
   * server cannot run the destination.
   */
  open?(request: DestinationWriteRequest): Promise<DestinationWriter>;
}

export type Connector = SourceConnector | DestinationConnector;
