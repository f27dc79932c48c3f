/**
 * Resources by id: ids a caller hands in, checked before any request; resources named for
 * errors; and the check that a resource belongs to the workspace it was asked through.
 */
import { InputError, WorkspaceMismatchError } from "./errors.js";

/** The id, when it is a non-blank string; an `InputError` naming `what` otherwise. */
export function requireId(what: string, id: unknown): string {
  if (typeof id !== "string" || id.trim() === "") {
    throw new InputError(`A ${what} id is required; got ${JSON.stringify(id)}.`, { inputValue: id });
  }
  return id;
}

/** A workspace's resource as `orMissing` names it when the server answers 404. */
export function workspaceResource(
  workspace: { readonly workspaceUrl: string },
  resourceType: string,
  resourceId: string,
): { resourceType: string; resourceId: string; workspaceUrl: string } {
  return { resourceType, resourceId, workspaceUrl: workspace.workspaceUrl };
}

/** Refuses a resource whose info says it belongs to another workspace than the one it was asked through. */
export function requireSameWorkspace(
  workspace: { readonly workspaceId: string; readonly workspaceUrl: string },
  resourceType: string,
  resourceId: string,
  actualWorkspaceId: string,
): void {
  if (actualWorkspaceId === workspace.workspaceId) return;
  throw new WorkspaceMismatchError({
    resourceType,
    resourceId,
    expectedWorkspaceId: workspace.workspaceId,
    actualWorkspaceId,
    workspaceUrl: workspace.workspaceUrl,
  });
}
