/**
 * A create whose answer was lost (a 5xx, a dropped connection, a timeout, a garbled body) may
 * have happened. Before the error goes up, the workspace is asked for an object of that kind
 * and name that the lock file does not know: found once, it is the one just created, and the
 * step goes on with its id. Otherwise the lock file would lack it, and a plan made after the
 * files renamed it would create it again (the same rule as jobs' `createJobOnce`).
 */
import type { AirbyteApi } from "../api/client.js";
import { InternalServerError, NetworkError, RequestAbortedError, ResponseValidationError } from "../http/errors.js";
import type { RequestOptions } from "../http/request-options.js";
import type { ResourceKind } from "./project.js";

export interface CreateTarget {
  api: AirbyteApi;
  workspaceId: string;
  request?: RequestOptions | undefined;
}

/** Runs `create` (which returns the new id); after an ambiguous failure, the id of the one unknown object with `name`. */
export async function createOnce(
  target: CreateTarget,
  kind: ResourceKind,
  name: string,
  isRecorded: (id: string) => boolean,
  create: () => Promise<string>,
): Promise<string> {
  try {
    return await create();
  } catch (error) {
    if (!mayHaveHappened(error)) throw error;
    // Without the caller's signal: an abort while the create was in flight is just such a case.
    const ids = await idsNamed({ ...target, request: withoutSignal(target.request) }, kind, name).catch(() => []);
    const unknown = ids.filter((id) => !isRecorded(id));
    if (unknown.length === 1 && unknown[0]) return unknown[0];
    throw error;
  }
}

const mayHaveHappened = (error: unknown) =>
  error instanceof InternalServerError ||
  error instanceof NetworkError ||
  error instanceof RequestAbortedError ||
  error instanceof ResponseValidationError;

function withoutSignal(request: RequestOptions | undefined): RequestOptions | undefined {
  if (!request?.signal) return request;
  const { signal: _signal, ...rest } = request;
  return rest;
}

async function idsNamed({ api, workspaceId, request }: CreateTarget, kind: ResourceKind, name: string) {
  const workspaceIds = [workspaceId];
  const named = <T>(items: T[], nameOf: (item: T) => string, idOf: (item: T) => string) =>
    items.filter((item) => nameOf(item) === name).map(idOf);
  switch (kind) {
    case "tag":
      return named(
        (await api.tags.listTags({ workspaceIds }, request)).data,
        (t) => t.name,
        (t) => t.tagId,
      );
    case "source":
      return named(
        await api.sources.listSources({ workspaceIds }, request).toArray(),
        (s) => s.name,
        (s) => s.sourceId,
      );
    case "destination": {
      const destinations = await api.destinations.listDestinations({ workspaceIds }, request).toArray();
      return named(
        destinations,
        (d) => d.name,
        (d) => d.destinationId,
      );
    }
    case "connection": {
      const connections = await api.connections.listConnections({ workspaceIds }, request).toArray();
      return named(
        connections,
        (c) => c.name,
        (c) => c.connectionId,
      );
    }
    case "source_definition": {
      const [declarative, docker] = await Promise.all([
        api.declarativeSourceDefinitions.listDeclarativeSourceDefinitions({ workspaceId }, request),
        api.sourceDefinitions.listSourceDefinitions({ workspaceId }, request),
      ]);
      const ids = [...declarative.data, ...docker.data].filter((d) => d.name === name).map((d) => d.id);
      return [...new Set(ids)];
    }
    case "destination_definition": {
      const definitions = await api.destinationDefinitions.listDestinationDefinitions({ workspaceId }, request);
      return named(
        definitions.data,
        (d) => d.name,
        (d) => d.id,
      );
    }
  }
}
