/**
 * Connections, sources and destinations named on the command line by id, or by their exact
 * name (looked up in the workspace: none is "not found", several is ambiguous).
 */
import type { CloudConnection, CloudDestination, CloudSource, CloudWorkspace } from "airbyte-ts";
import { CliError, EXIT, usageError } from "./errors.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isId(value: string): boolean {
  return UUID.test(value.trim());
}

type Kind = "connection" | "source" | "destination";
const plural: Record<Kind, string> = { connection: "connections", source: "sources", destination: "destinations" };

function byName<T>(kind: Kind, name: string, found: T[]): T {
  if (found.length === 0) {
    throw new CliError(`No ${kind} named '${name}' was found.`, EXIT.api, {
      code: "not_found",
      hint: `List them with: airbyte-ts ${plural[kind]} list`,
    });
  }
  if (found.length > 1) {
    throw new CliError(`${found.length} ${plural[kind]} are named '${name}'.`, EXIT.usage, {
      code: "ambiguous_name",
      hint: "Use the id instead.",
    });
  }
  return found[0] as T;
}

function checkGiven(kind: Kind, value: string): string {
  if (value.trim() === "") throw usageError(`The ${kind} must be an id or a name; got an empty string.`);
  return value.trim();
}

/** A connection by id (no request) or by exact name (one list request). */
export async function connectionOf(workspace: CloudWorkspace, idOrName: string): Promise<CloudConnection> {
  const value = checkGiven("connection", idOrName);
  if (isId(value)) return workspace.getConnection(value);
  return byName("connection", value, await workspace.listConnections({ name: value, limit: 2 }));
}

export async function sourceOf(workspace: CloudWorkspace, idOrName: string): Promise<CloudSource> {
  const value = checkGiven("source", idOrName);
  if (isId(value)) return workspace.getSource(value);
  return byName("source", value, await workspace.listSources({ name: value, limit: 2 }));
}

export async function destinationOf(workspace: CloudWorkspace, idOrName: string): Promise<CloudDestination> {
  const value = checkGiven("destination", idOrName);
  if (isId(value)) return workspace.getDestination(value);
  return byName("destination", value, await workspace.listDestinations({ name: value, limit: 2 }));
}

/** A job id: a whole number. */
export function jobIdOf(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw usageError(`A job id is a whole number; got "${value}".`);
  return Number(value);
}
