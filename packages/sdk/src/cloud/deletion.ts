/**
 * Deleting a workspace, or its connections, sources and destinations, for `CloudWorkspace`'s
 * `permanentlyDelete*` methods. Safe mode (the default) deletes only what is named for deletion,
 * and checks every name concerned before anything is deleted.
 */
import { CloudConnection } from "./connection.js";
import { CloudDestination, CloudSource } from "./connectors.js";
import { InputError, orMissing, WorkspaceNotEmptyError } from "./errors.js";
import type { RequestOptions } from "../http/request-options.js";
import { requireSafeName } from "./names.js";
import { requireId, workspaceResource } from "./resource-ids.js";
import type { CloudWorkspace } from "./workspace.js";

export interface SafeModeOptions {
  /** Require names containing `delete-me` or `deleteme` (any case). Default true. */
  safeMode?: boolean;
}

/** Deletes the workspace unless it has connections (`WorkspaceNotEmptyError`). */
export interface PermanentlyDeleteConnectionOptions extends SafeModeOptions {
  cascadeDeleteSource?: boolean;
  cascadeDeleteDestination?: boolean;
}

export async function permanentlyDeleteWorkspace(
  workspace: CloudWorkspace,
  options: SafeModeOptions & { workspaceName?: string },
  request: RequestOptions | undefined,
): Promise<void> {
  if (options.safeMode ?? true) {
    const name = options.workspaceName ?? (await workspace.getInfo({}, request)).name;
    requireSafeName("workspace", workspace.workspaceId, name);
  }
  const page = await workspace.api.connections.listConnections(
    { workspaceIds: [workspace.workspaceId], limit: 100 },
    request,
  );
  if (page.data.length > 0) {
    throw new WorkspaceNotEmptyError({
      workspaceId: workspace.workspaceId,
      connectionIds: page.data.map((connection) => connection.connectionId),
      workspaceUrl: workspace.workspaceUrl,
    });
  }
  await orMissing(
    workspace.api.workspaces.deleteWorkspace({ workspaceId: workspace.workspaceId }, request),
    workspaceResource(workspace, "workspace", workspace.workspaceId),
  );
}

export async function permanentlyDeleteSource(
  workspace: CloudWorkspace,
  source: CloudSource | string,
  options: SafeModeOptions,
  request: RequestOptions | undefined,
): Promise<void> {
  const target = connectorOf(workspace, "source", source);
  if (options.safeMode ?? true) await requireSafeConnector(target, request);
  await orMissing(
    workspace.api.sources.deleteSource({ sourceId: target.connectorId }, request),
    workspaceResource(workspace, "source", target.connectorId),
  );
}

export async function permanentlyDeleteDestination(
  workspace: CloudWorkspace,
  destination: CloudDestination | string,
  options: SafeModeOptions,
  request: RequestOptions | undefined,
): Promise<void> {
  const target = connectorOf(workspace, "destination", destination);
  if (options.safeMode ?? true) await requireSafeConnector(target, request);
  await orMissing(
    workspace.api.destinations.deleteDestination({ destinationId: target.connectorId }, request),
    workspaceResource(workspace, "destination", target.connectorId),
  );
}

export async function permanentlyDeleteConnection(
  workspace: CloudWorkspace,
  connection: CloudConnection | string,
  options: PermanentlyDeleteConnectionOptions,
  request: RequestOptions | undefined,
): Promise<void> {
  if (connection === undefined || connection === null) throw new InputError("No connection ID provided.");
  const target =
    connection instanceof CloudConnection ? connection : workspace.getConnection(requireId("connection", connection));
  const { cascadeDeleteSource = false, cascadeDeleteDestination = false, safeMode = true } = options;
  const source = cascadeDeleteSource ? await target.getSource({}, request) : undefined;
  const destination = cascadeDeleteDestination ? await target.getDestination({}, request) : undefined;
  if (safeMode) {
    requireSafeName("connection", target.connectionId, (await target.getInfo({}, request)).name);
    for (const connector of [source, destination]) if (connector) await requireSafeConnector(connector, request);
  }
  await orMissing(
    workspace.api.connections.deleteConnection({ connectionId: target.connectionId }, request),
    workspaceResource(workspace, "connection", target.connectionId),
  );
  if (source) await permanentlyDeleteSource(workspace, source, { safeMode: false }, request);
  if (destination) await permanentlyDeleteDestination(workspace, destination, { safeMode: false }, request);
}

/** The connector given, or the one its id names; an object of the other type is an `InputError`. */
function connectorOf<T extends CloudSource | CloudDestination>(
  workspace: CloudWorkspace,
  type: T["connectorType"],
  given: T | string,
): T {
  if (typeof given === "string") {
    return (
      type === "source"
        ? workspace.getSource(requireId("source", given))
        : workspace.getDestination(requireId("destination", given))
    ) as T;
  }
  const expected = type === "source" ? CloudSource : CloudDestination;
  if (!(given instanceof expected)) throw new InputError(`Invalid ${type} type.`, { inputValue: given });
  return given;
}

async function requireSafeConnector(
  connector: CloudSource | CloudDestination,
  request: RequestOptions | undefined,
): Promise<void> {
  const { name } = await connector.getInfo({}, request);
  requireSafeName(connector.connectorType, connector.connectorId, name);
}
