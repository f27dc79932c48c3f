/**
 * Running connectors on demand: connection checks, and the discovery of a source's streams.
 * A discovered catalog is kept per source for the configuration it was discovered with, so a
 * changed configuration is discovered again and an unchanged one is not (unless refreshed).
 */
import { createHash, randomUUID } from "node:crypto";
import type { Config, ConnectionSyncModeEnum, StreamProperties } from "airbyte-ts";
import { isSourceConnector } from "../connectors/registry.js";
import type { CheckOutcome, ConnectorContext } from "../connectors/types.js";
import type { ActorRecords } from "../store/actor-records.js";
import type { ActorRow, SourceCatalogRow } from "../store/rows.js";
import type { Caller } from "./access.js";
import { seconds, type ServiceContext } from "./context.js";
import type { ActorsService } from "./actors.js";
import type { ActorDefinition } from "./definitions/catalog.js";
import { badRequest } from "./errors.js";

/**
 * The public sync modes, in the order GET /streams lists them, with the internal modes each
 * stands for. full_refresh_overwrite_deduped is never listed there, as on Airbyte.
 */
const LISTED_SYNC_MODES: [ConnectionSyncModeEnum, Config.SyncMode, Config.DestinationSyncMode][] = [
  ["full_refresh_append", "full_refresh", "append"],
  ["full_refresh_overwrite", "full_refresh", "overwrite"],
  ["full_refresh_update", "full_refresh", "update"],
  ["full_refresh_soft_delete", "full_refresh", "soft_delete"],
  ["incremental_append", "incremental", "append"],
  ["incremental_deduped_history", "incremental", "append_dedup"],
  ["incremental_update", "incremental", "update"],
  ["incremental_soft_delete", "incremental", "soft_delete"],
];

interface DiscoveredCatalog {
  catalog: Config.AirbyteCatalog;
  catalogId: string;
}

export class DiscoveryService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly records: ActorRecords,
    private readonly actors: ActorsService,
  ) {}

  /**
   * The source's streams, each with its default configuration (selected, full refresh |
   * overwrite, the source's cursor and primary key). Cached per configuration; `refresh`
   * discovers again. Throws `bad-request` when the local server cannot discover the source.
   */
  async catalog(sourceId: string, options: { refresh?: boolean } = {}): Promise<Config.AirbyteCatalog> {
    return (await this.discovered(this.actors.sourceRow(sourceId), options.refresh ?? false)).catalog;
  }

  /** The destination sync modes the destination's connector supports. */
  destinationSyncModes(destinationId: string): Config.DestinationSyncMode[] {
    const row = this.actors.destinationRow(destinationId);
    return [...this.actors.definitionOf(row).supportedDestinationSyncModes];
  }

  /** GET /streams: the streams of a source, with the sync modes a destination allows for each. */
  async streamProperties(
    caller: Caller,
    query: { sourceId: string; destinationId: string | undefined; ignoreCache: boolean },
  ): Promise<StreamProperties[]> {
    const { actors } = this;
    const source = actors.authorized(caller, "source", query.sourceId, "reader");
    const destinationModes = query.destinationId
      ? this.destinationSyncModes(actors.authorized(caller, "destination", query.destinationId, "reader").id)
      : undefined;
    const { catalog } = await this.discovered(source, query.ignoreCache);
    return catalog.streams.flatMap(({ stream }) => (stream ? [streamProperties(stream, destinationModes)] : []));
  }

  /** Config API sources/check_connection. */
  async checkSource(caller: Caller, sourceId: string): Promise<Config.CheckConnectionRead> {
    return this.check(this.actors.authorized(caller, "source", sourceId, "reader"));
  }

  /** Config API destinations/check_connection. */
  async checkDestination(caller: Caller, destinationId: string): Promise<Config.CheckConnectionRead> {
    return this.check(this.actors.authorized(caller, "destination", destinationId, "reader"));
  }

  /**
   * Config API sources/discover_schema. A source the local server cannot discover answers, as
   * a failed discover job does on Airbyte, without a catalog and with the reason.
   */
  async discoverSchema(
    caller: Caller,
    input: { sourceId: string; disableCache: boolean },
  ): Promise<Config.SourceDiscoverSchemaRead> {
    const row = this.actors.authorized(caller, "source", input.sourceId, "reader");
    const startedAt = this.ctx.now();
    const reason = this.notDiscoverableReason(this.actors.definitionOf(row));
    if (reason) return { jobInfo: this.jobInfo("discover_schema", row, startedAt, reason) };
    try {
      const { catalog, catalogId } = await this.discovered(row, input.disableCache);
      return { catalog, jobInfo: this.jobInfo("discover_schema", row, startedAt), catalogId };
    } catch (error) {
      return { jobInfo: this.jobInfo("discover_schema", row, startedAt, (error as Error).message) };
    }
  }

  // -------------------------------------------------------------------------------------------

  private async check(row: ActorRow): Promise<Config.CheckConnectionRead> {
    const definition = this.actors.definitionOf(row);
    const configType = row.actor_type === "source" ? "check_connection_source" : "check_connection_destination";
    const startedAt = this.ctx.now();
    if (!definition.connector || definition.notRunnableReason) {
      const reason = definition.notRunnableReason ?? `The local server cannot run ${definition.name}.`;
      return { status: "failed", message: reason, jobInfo: this.jobInfo(configType, row, startedAt, reason) };
    }
    let outcome: CheckOutcome;
    try {
      outcome = await definition.connector.check(this.actors.configuration(row), this.connectorContext());
    } catch (error) {
      const reason = `The check of ${definition.name} failed unexpectedly: ${(error as Error).message}`;
      return { status: "failed", message: reason, jobInfo: this.jobInfo(configType, row, startedAt, reason) };
    }
    return {
      status: outcome.status,
      ...(outcome.message !== undefined ? { message: outcome.message } : {}),
      jobInfo: this.jobInfo(configType, row, startedAt),
    };
  }

  /** The cached catalog when the configuration is unchanged (and no refresh is asked), else a new discovery. */
  private async discovered(row: ActorRow, refresh: boolean): Promise<DiscoveredCatalog> {
    const definition = this.actors.definitionOf(row);
    const reason = this.notDiscoverableReason(definition);
    if (reason) throw badRequest(`Cannot discover the streams of source ${row.id}: ${reason}`);
    const configuration = this.actors.configuration(row);
    const hash = configurationHash(definition, configuration);
    const cached = this.records.discoveredCatalog(row.id);
    if (cached && cached.configuration_hash === hash && !refresh) {
      return { catalog: JSON.parse(cached.catalog) as Config.AirbyteCatalog, catalogId: cached.catalog_id };
    }
    const connector = definition.connector;
    if (!connector || !isSourceConnector(connector))
      throw badRequest(`Cannot discover the streams of source ${row.id}.`);
    let streams: Config.AirbyteStream[];
    try {
      streams = await connector.discover(configuration, this.connectorContext());
    } catch (error) {
      throw badRequest(`Discovering the streams of source ${row.id} failed: ${(error as Error).message}`);
    }
    const catalog: Config.AirbyteCatalog = {
      streams: streams.map((stream) => ({ stream, config: defaultConfig(stream) })),
    };
    return this.storeCatalog(row.id, catalog, hash, cached);
  }

  private notDiscoverableReason(definition: ActorDefinition): string | undefined {
    if (definition.notRunnableReason) return definition.notRunnableReason;
    if (!definition.connector) return `The local server cannot run ${definition.name}.`;
    return undefined;
  }

  /** Stores a discovery; an identical catalog keeps its id, as Airbyte reuses a catalog it has seen. */
  private storeCatalog(
    sourceId: string,
    catalog: Config.AirbyteCatalog,
    hash: string,
    previous: SourceCatalogRow | undefined,
  ): DiscoveredCatalog {
    const text = JSON.stringify(catalog);
    const catalogId = previous && previous.catalog === text ? previous.catalog_id : randomUUID();
    this.records.saveDiscoveredCatalog({
      source_id: sourceId,
      catalog_id: catalogId,
      catalog: text,
      configuration_hash: hash,
      discovered_at: this.ctx.now(),
    });
    return { catalog, catalogId };
  }

  private jobInfo(
    configType: Config.JobConfigType,
    row: ActorRow,
    startedAt: number,
    failure?: string,
  ): Config.SynchronousJobRead {
    const endedAt = this.ctx.now();
    return {
      id: randomUUID(),
      configType,
      configId: row.id,
      createdAt: seconds(startedAt),
      endedAt: seconds(endedAt),
      succeeded: failure === undefined,
      connectorConfigurationUpdated: false,
      ...(failure !== undefined
        ? {
            failureReason: {
              failureOrigin: row.actor_type,
              failureType: "config_error",
              externalMessage: failure,
              retryable: false,
              timestamp: endedAt,
            },
          }
        : {}),
    };
  }

  private connectorContext(): ConnectorContext {
    return { localDirectory: this.ctx.config.localDirectory };
  }
}

/**
 * A discovered stream's default configuration: selected, full refresh | overwrite, the source's
 * keys. Every stream is suggested, as Airbyte does for connectors without a suggested-streams list
 * (faker suggests all three of its streams).
 */
function defaultConfig(stream: Config.AirbyteStream): Config.AirbyteStreamConfiguration {
  const modes = stream.supportedSyncModes ?? [];
  return {
    syncMode: modes.includes("full_refresh") || modes.length === 0 ? "full_refresh" : (modes[0] as Config.SyncMode),
    cursorField: stream.defaultCursorField ?? [],
    destinationSyncMode: "overwrite",
    primaryKey: stream.sourceDefinedPrimaryKey ?? [],
    aliasName: stream.name,
    selected: true,
    suggested: true,
    fieldSelectionEnabled: false,
    selectedFields: [],
    mappers: [],
  };
}

function streamProperties(
  stream: Config.AirbyteStream,
  destinationModes: Config.DestinationSyncMode[] | undefined,
): StreamProperties {
  const sourceModes = stream.supportedSyncModes ?? [];
  return {
    streamName: stream.name,
    // Airbyte leaves syncModes out without a destination: which modes apply depends on it.
    ...(destinationModes
      ? {
          syncModes: LISTED_SYNC_MODES.filter(
            ([, syncMode, destinationMode]) =>
              sourceModes.includes(syncMode) && destinationModes.includes(destinationMode),
          ).map(([mode]) => mode),
        }
      : {}),
    ...(stream.namespace !== undefined ? { streamnamespace: stream.namespace } : {}),
    defaultCursorField: stream.defaultCursorField ?? [],
    sourceDefinedCursorField: stream.sourceDefinedCursor ?? false,
    sourceDefinedPrimaryKey: stream.sourceDefinedPrimaryKey ?? [],
    propertyFields: propertyPaths(stream.jsonSchema ?? {}),
  };
}

/** Every property path of a JSON Schema, nested objects' properties included after their parent. */
function propertyPaths(schema: Record<string, unknown>, prefix: string[] = []): string[][] {
  const properties = schema.properties;
  if (typeof properties !== "object" || properties === null) return [];
  return Object.entries(properties as Record<string, Record<string, unknown>>).flatMap(([name, child]) => {
    const path = [...prefix, name];
    return [path, ...propertyPaths(child ?? {}, path)];
  });
}

/** Identifies a configuration of a definition version, for the catalog cache. */
function configurationHash(definition: ActorDefinition, configuration: Record<string, unknown>): string {
  return createHash("sha256")
    .update(canonicalJson({ definitionId: definition.id, version: definition.dockerImageTag, configuration }))
    .digest("hex");
}

/** JSON with object keys sorted, so equal values always give the same text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
