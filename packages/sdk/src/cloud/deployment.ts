/**
 * Creating sources, destinations and connections in a workspace, for `CloudWorkspace`'s
 * `deploy*` methods: names checked (and suffixed when asked), configurations checked, then one
 * create request.
 */
import type { DestinationConfiguration, SourceConfiguration } from "../api/index.js";
import { CloudConnection } from "./connection.js";
import { type CloudDestination, type CloudSource, destinationFrom, sourceFrom } from "./connectors.js";
import { DuplicateResourcesError, InputError } from "./errors.js";
import type { RequestOptions } from "../http/request-options.js";
import { listDestinations, listSources } from "./listing.js";
import { withRandomSuffix } from "./names.js";
import { requireId } from "./resource-ids.js";
import type { CloudWorkspace } from "./workspace.js";

export interface DeployOptions {
  /** Refuse to create when the workspace has one of the same name. Default true. */
  unique?: boolean;
  /** Append ` (ID: <9 random characters>)` to the name. Default false. */
  randomNameSuffix?: boolean;
  /** The connector definition to use; without it, the configuration's `sourceType`/`destinationType` says. */
  definitionId?: string;
}

export interface DeployConnectionOptions {
  /** The deployed source, or its id. */
  source: CloudSource | string;
  /** The deployed destination, or its id. */
  destination: CloudDestination | string;
  /** The streams to sync (at least one); they get the server's default sync modes. */
  selectedStreams: readonly string[];
  /** Prefix of the destination tables. Default none. */
  tablePrefix?: string;
}

export async function deploySource(
  workspace: CloudWorkspace,
  name: string,
  config: SourceConfiguration,
  options: DeployOptions,
  request: RequestOptions | undefined,
): Promise<CloudSource> {
  const configuration = connectorConfiguration("source", config, options.definitionId);
  const finalName = await deployName(workspace, "source", name, options, request);
  const response = await workspace.api.sources.createSource(
    {
      name: finalName,
      workspaceId: workspace.workspaceId,
      configuration,
      ...(options.definitionId ? { definitionId: options.definitionId } : {}),
    },
    request,
  );
  return sourceFrom(workspace, response);
}

export async function deployDestination(
  workspace: CloudWorkspace,
  name: string,
  config: DestinationConfiguration,
  options: DeployOptions,
  request: RequestOptions | undefined,
): Promise<CloudDestination> {
  const configuration = connectorConfiguration("destination", config, options.definitionId);
  const finalName = await deployName(workspace, "destination", name, options, request);
  const response = await workspace.api.destinations.createDestination(
    {
      name: finalName,
      workspaceId: workspace.workspaceId,
      configuration,
      ...(options.definitionId ? { definitionId: options.definitionId } : {}),
    },
    request,
  );
  return destinationFrom(workspace, response);
}

export async function deployConnection(
  workspace: CloudWorkspace,
  connectionName: string,
  options: DeployConnectionOptions,
  request: RequestOptions | undefined,
): Promise<CloudConnection> {
  const { source, destination, selectedStreams, tablePrefix } = options;
  if (!Array.isArray(selectedStreams) || selectedStreams.length === 0) {
    throw new InputError("At least one stream must be selected.", {
      guidance: 'Pass selectedStreams, e.g. ["users"].',
      inputValue: selectedStreams,
    });
  }
  const sourceId = typeof source === "string" ? source : source.sourceId;
  const destinationId = typeof destination === "string" ? destination : destination.destinationId;
  const response = await workspace.api.connections.createConnection(
    {
      name: connectionName,
      sourceId: requireId("source", sourceId),
      destinationId: requireId("destination", destinationId),
      configurations: { streams: selectedStreams.map((stream: string) => ({ name: stream })) },
      prefix: tablePrefix ?? "",
      namespaceDefinition: "destination",
      nonBreakingSchemaUpdatesBehavior: "ignore",
    },
    request,
  );
  return new CloudConnection(workspace, response.connectionId, { info: response });
}

/** The name to deploy under: with its random suffix, and checked unique when asked. */
async function deployName(
  workspace: CloudWorkspace,
  type: "source" | "destination",
  name: string,
  options: DeployOptions,
  request: RequestOptions | undefined,
): Promise<string> {
  if (typeof name !== "string" || name.trim() === "") {
    throw new InputError(`A ${type} needs a name.`, { inputValue: name });
  }
  const finalName = options.randomNameSuffix ? withRandomSuffix(name) : name;
  if (options.unique ?? true) {
    const query = { name: finalName, limit: 1 };
    const existing =
      type === "source"
        ? await listSources(workspace, query, request)
        : await listDestinations(workspace, query, request);
    if (existing.length > 0) {
      throw new DuplicateResourcesError({
        resourceType: type,
        resourceName: finalName,
        workspaceUrl: workspace.workspaceUrl,
      });
    }
  }
  return finalName;
}

/**
 * A connector's configuration to send: a copy, with a `source-`/`destination-` prefix taken off
 * its type; without a definition id the type must be there to say which connector it is.
 */
function connectorConfiguration<C extends SourceConfiguration | DestinationConfiguration>(
  type: "source" | "destination",
  config: C,
  definitionId: string | undefined,
): C {
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new InputError(`A ${type} configuration must be an object.`, { inputValue: config });
  }
  const typeKey = type === "source" ? "sourceType" : "destinationType";
  const copy: Record<string, unknown> = { ...config };
  const connectorType = copy[typeKey];
  if (typeof connectorType === "string") copy[typeKey] = connectorType.replace(new RegExp(`^${type}-`), "");
  else if (!definitionId) {
    throw new InputError(`Missing \`${typeKey}\` in configuration dictionary.`, {
      guidance: `Add ${typeKey} (e.g. "${type === "source" ? "postgres" : "duckdb"}") or pass definitionId.`,
    });
  }
  return copy as C;
}
