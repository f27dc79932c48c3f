/**
 * Listing a workspace's connections, sources and destinations, and the workspaces the
 * credentials can see, by exact name or a name test, up to a limit: for `CloudWorkspace`'s
 * `list*` methods. The options are checked (`nameMatcher`) before the first page is asked for.
 */
import { CloudConnection } from "./connection.js";
import { type CloudDestination, type CloudSource, destinationFrom, sourceFrom } from "./connectors.js";
import type { RequestOptions } from "../http/request-options.js";
import { type CloudWorkspaceInfo, workspaceInfoFromApi } from "./models.js";
import { collectMatching, nameMatcher, pageSizeFor } from "./names.js";
import type { CloudWorkspace, ListOptions } from "./workspace.js";

export async function listConnections(
  workspace: CloudWorkspace,
  options: ListOptions,
  request: RequestOptions | undefined,
): Promise<CloudConnection[]> {
  nameMatcher(options);
  const pages = workspace.api.connections.listConnections(
    { workspaceIds: [workspace.workspaceId], limit: pageSizeFor(options) },
    request,
  );
  const found = await collectMatching(pages.pages(), (connection) => connection.name, options);
  return found.map((info) => new CloudConnection(workspace, info.connectionId, { info }));
}

export async function listSources(
  workspace: CloudWorkspace,
  options: ListOptions,
  request: RequestOptions | undefined,
): Promise<CloudSource[]> {
  nameMatcher(options);
  const pages = workspace.api.sources.listSources(
    { workspaceIds: [workspace.workspaceId], limit: pageSizeFor(options) },
    request,
  );
  const found = await collectMatching(pages.pages(), (source) => source.name, options);
  return found.map((info) => sourceFrom(workspace, info));
}

export async function listDestinations(
  workspace: CloudWorkspace,
  options: ListOptions,
  request: RequestOptions | undefined,
): Promise<CloudDestination[]> {
  nameMatcher(options);
  const pages = workspace.api.destinations.listDestinations(
    { workspaceIds: [workspace.workspaceId], limit: pageSizeFor(options) },
    request,
  );
  const found = await collectMatching(pages.pages(), (destination) => destination.name, options);
  return found.map((info) => destinationFrom(workspace, info));
}

export async function listWorkspaces(
  workspace: CloudWorkspace,
  options: ListOptions,
  request: RequestOptions | undefined,
): Promise<CloudWorkspaceInfo[]> {
  nameMatcher(options);
  const pages = workspace.api.workspaces.listWorkspaces({ limit: pageSizeFor(options) }, request);
  const found = await collectMatching(pages.pages(), (info) => info.name, options);
  return found.map(workspaceInfoFromApi);
}
