/**
 * Deleting a workspace, or its connections, sources and destinations, for `CloudWorkspace`'s
 * `permanentlyDelete*` methods. Safe mode (the default) deletes only what is named for deletion,
 * and checks every name concerned before anything is deleted.
 */
import { CloudConnection } from "./connection.js";
import { CloudDestination, CloudSource } from "./connectors.js";
import { InputError, orMissing, WorkspaceNotEmptyError } from "./errors.js";
import { type CallOptions, requestOptions } from "./internal.js";
import { requireSafeName } from "./names.js";
import { requireId, workspaceResource } from "./resource-ids.js";
import type { CloudWorkspace } from "./workspace.js";

export interface SafeModeOptions extends CallOptions {
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
): Promise<void> {
  const call = requestOptions(options);
  if (options.safeMode ?? true) {
    const name = options.workspaceName ?? (await workspace.getInfo(call)).name;
    requireSafeName("workspace", workspace.workspaceId, name);
  }
  const page = await workspace.api.connections.listConnections(
    { workspaceIds: [workspace.workspaceId], limit: 100 },
    call,
  );
  if (page.data.length > 0) {
    throw new WorkspaceNotEmptyError({
      workspaceId: workspace.workspaceId,
      connectionIds: page.data.map((connection) => connection.connectionId),
      workspaceUrl: workspace.workspaceUrl,
    });
  }
  await orMissing(
    workspace.api.workspaces.deleteWorkspace({ workspaceId: workspace.workspaceId }, call),
    workspaceResource(workspace, "workspace", workspace.workspaceId),
  );
}

export async function permanentlyDeleteSource(
  workspace: CloudWorkspace,
  source: CloudSource | string,
  options: SafeModeOptions,
): Promise<void> {
  const target = connectorOf(workspace, "source", source);
  if (options.safeMode ?? true) await requireSafeConnector(target, options);
  await orMissing(
    workspace.api.sources.deleteSource({ sourceId: target.connectorId }, requestOptions(options)),
    workspaceResource(workspace, "source", target.connectorId),
  );
}

export async function permanentlyDeleteDestination(
  workspace: CloudWorkspace,
  destination: CloudDestination | string,
  options: SafeModeOptions,
): Promise<void> {
  const target = connectorOf(workspace, "destination", destination);
  if (options.safeMode ?? true) await requireSafeConnector(target, options);
  await orMissing(
    workspace.api.destinations.deleteDestination({ destinationId: target.connectorId }, requestOptions(options)),
    workspaceResource(workspace, "destination", target.connectorId),
  );
}

export async function permanentlyDeleteConnection(
  workspace: CloudWorkspace,
  connection: CloudConnection | string,
  options: PermanentlyDeleteConnectionOptions,
): Promise<void> {
  if (connection === undefined || connection === null) throw new InputError("No connection ID provided.");
  const target =
    connection instanceof CloudConnection ? connection : workspace.getConnection(requireId("connection", connection));
  const { cascadeDeleteSource = false, cascadeDeleteDestination = false, safeMode = true } = options;
  const call = requestOptions(options);
  const source = cascadeDeleteSource ? await target.getSource() : undefined;
  const destination = cascadeDeleteDestination ? await target.getDestination() : undefined;
  if (safeMode) {
    requireSafeName("connection", target.connectionId, (await target.getInfo(call)).name);
    for (const connector of [source, destination]) if (connector) await requireSafeConnector(connector, call);
  }
  await orMissing(
    workspace.api.connections.deleteConnection({ connectionId: target.connectionId }, call),
    workspaceResource(workspace, "connection", target.connectionId),
  );
  if (source) await permanentlyDeleteSource(workspace, source, { ...call, safeMode: false });
  if (destination) await permanentlyDeleteDestination(workspace, destination, { ...call, safeMode: false });
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

async function requireSafeConnector(connector: CloudSource | CloudDestination, options: CallOptions): Promise<void> {
  const { name } = await connector.getInfo(requestOptions(options));
  requireSafeName(connector.connectorType, connector.connectorId, name);
}
