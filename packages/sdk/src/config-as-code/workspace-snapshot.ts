/**
 * Everything a plan compares against, read from one workspace through the public API: tags,
 * definitions, sources, destinations and connections, with the lists' pages fetched a few at
 * a time in parallel. Its fingerprint lets `apply` refuse a plan made against a workspace that has changed.
 */
import { createHash } from "node:crypto";
import type { AirbyteApi } from "../api/client.js";
import type {
  ConnectionResponse,
  DeclarativeSourceDefinitionResponse,
  DefinitionResponse,
  DestinationResponse,
  SourceResponse,
  TagResponse,
} from "../api/models.gen.js";
import type { RequestOptions } from "../http/request-options.js";
import { checkConcurrency } from "../internal/map-bounded.js";
import { canonical } from "./compare.js";

export interface WorkspaceSnapshot {
  workspaceId: string;
  tags: TagResponse[];
  /** Every source definition the workspace can use: the catalogue's and its custom ones. */
  sourceDefinitions: DefinitionResponse[];
  destinationDefinitions: DefinitionResponse[];
  declarativeSourceDefinitions: DeclarativeSourceDefinitionResponse[];
  sources: SourceResponse[];
  destinations: DestinationResponse[];
  connections: ConnectionResponse[];
}

export interface SnapshotOptions {
  /** Pages in flight at once per list; default `DEFAULT_READ_CONCURRENCY`. */
  concurrency?: number | undefined;
  request?: RequestOptions | undefined;
}

export async function readWorkspaceSnapshot(
  api: AirbyteApi,
  workspaceId: string,
  { concurrency, request }: SnapshotOptions = {},
): Promise<WorkspaceSnapshot> {
  const scope = { workspaceIds: [workspaceId] };
  const paging = { concurrency: checkConcurrency(concurrency) };
  const [tags, sourceDefinitions, destinationDefinitions, declarative, sources, destinations, connections] =
    await Promise.all([
      api.tags.listTags(scope, request),
      api.sourceDefinitions.listSourceDefinitions({ workspaceId }, request),
      api.destinationDefinitions.listDestinationDefinitions({ workspaceId }, request),
      api.declarativeSourceDefinitions.listDeclarativeSourceDefinitions({ workspaceId }, request),
      api.sources.listSources(scope, request).toArray(paging),
      api.destinations.listDestinations(scope, request).toArray(paging),
      api.connections.listConnections(scope, request).toArray(paging),
    ]);
  return {
    workspaceId,
    tags: tags.data,
    sourceDefinitions: sourceDefinitions.data,
    destinationDefinitions: destinationDefinitions.data,
    declarativeSourceDefinitions: declarative.data,
    sources,
    destinations,
    connections,
  };
}

/** A digest of the snapshot that does not depend on the order the server listed things in. */
export function snapshotFingerprint(snapshot: WorkspaceSnapshot): string {
  const byId = <T>(items: T[], id: (item: T) => string) =>
    [...items].sort((a, b) => (id(a) < id(b) ? -1 : id(a) > id(b) ? 1 : 0));
  const ordered = {
    workspaceId: snapshot.workspaceId,
    tags: byId(snapshot.tags, (tag) => tag.tagId),
    // The catalogue's too: a custom Docker definition is listed among them (and the catalogue
    // changing between a plan and its apply is rare, and then planning again is right).
    sourceDefinitions: byId(snapshot.sourceDefinitions, (definition) => definition.id),
    destinationDefinitions: byId(snapshot.destinationDefinitions, (definition) => definition.id),
    declarativeSourceDefinitions: byId(snapshot.declarativeSourceDefinitions, (definition) => definition.id),
    sources: byId(snapshot.sources, (source) => source.sourceId),
    destinations: byId(snapshot.destinations, (destination) => destination.destinationId),
    connections: byId(snapshot.connections, (connection) => connection.connectionId),
  };
  return `sha256:${createHash("sha256").update(canonical(ordered)).digest("hex")}`;
}

/** Every id the snapshot holds, of any kind. */
export function snapshotIds(snapshot: WorkspaceSnapshot): Set<string> {
  return new Set([
    ...snapshot.tags.map((tag) => tag.tagId),
    ...snapshot.sourceDefinitions.map((definition) => definition.id),
    ...snapshot.destinationDefinitions.map((definition) => definition.id),
    ...snapshot.declarativeSourceDefinitions.map((definition) => definition.id),
    ...snapshot.sources.map((source) => source.sourceId),
    ...snapshot.destinations.map((destination) => destination.destinationId),
    ...snapshot.connections.map((connection) => connection.connectionId),
  ]);
}
