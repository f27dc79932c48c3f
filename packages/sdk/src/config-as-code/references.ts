/**
 * A connection's references resolved: its source, destination and tags, by this project's key
 * (an id known now, or one the apply will create), or, for what the project does not manage,
 * by id or unique name in the workspace.
 */
import { MultipleResourcesError } from "../cloud/errors.js";
import { ConfigFileError } from "./errors.js";
import type { IdChoice } from "./plan-connection.js";
import {
  type Address,
  addressOf,
  type ConnectionResource,
  type Project,
  type Reference,
  type TagResource,
} from "./project.js";
import type { WorkspaceSnapshot } from "./workspace-snapshot.js";

export interface ResolvedReference {
  choice: IdChoice;
  name?: string | undefined;
  color?: string | undefined;
}

type Kind = "source" | "destination" | "tag";

function candidates(kind: Kind, snapshot: WorkspaceSnapshot): { id: string; name: string; color?: string }[] {
  if (kind === "source") return snapshot.sources.map((source) => ({ id: source.sourceId, name: source.name }));
  if (kind === "destination") {
    return snapshot.destinations.map((destination) => ({ id: destination.destinationId, name: destination.name }));
  }
  return snapshot.tags.map((tag) => ({ id: tag.tagId, name: tag.name, color: tag.color }));
}

export function resolveReference(
  connection: ConnectionResource,
  kind: Kind,
  reference: Reference,
  project: Project,
  snapshot: WorkspaceSnapshot,
  knownIds: ReadonlyMap<Address, string | undefined>,
): ResolvedReference {
  const field = kind === "tag" ? "tags" : kind;
  const fail = (problem: string): never => {
    throw new ConfigFileError({ ...connection.location, path: [...connection.location.path, field] }, problem);
  };
  if ("key" in reference) {
    const address = addressOf(kind, reference.key);
    const declared = project.resources.get(address);
    if (declared) {
      const id = knownIds.get(address);
      const tag = kind === "tag" ? (declared as TagResource) : undefined;
      return {
        choice: id === undefined ? { pending: address } : { id },
        name: declared.name,
        color: tag?.color ?? snapshot.tags.find((existing) => existing.tagId === id)?.color,
      };
    }
    // A tag the project does not declare is named by its name.
    if (kind !== "tag") fail(`names ${kind} "${reference.key}", which this project does not declare.`);
    return byName(reference.key);
  }
  if ("id" in reference) {
    const found = candidates(kind, snapshot).find((candidate) => candidate.id === reference.id);
    if (!found) fail(`names ${kind} id ${reference.id}, which this workspace does not have.`);
    return { choice: { id: reference.id }, name: found?.name, color: found?.color };
  }
  return byName(reference.name);

  function byName(name: string): ResolvedReference {
    const matches = candidates(kind, snapshot).filter((candidate) => candidate.name === name);
    if (matches.length > 1) {
      throw new MultipleResourcesError({
        resourceType: kind,
        resourceNameOrId: name,
        guidance: `Write { id: ... } for the one meant: ${matches.map((m) => m.id).join(", ")}.`,
        context: { ids: matches.map((m) => m.id) },
      });
    }
    const [match] = matches;
    if (!match) return fail(`names ${kind} "${name}", which this workspace does not have.`);
    return { choice: { id: match.id }, name: match.name, color: match.color };
  }
}
