/** Resources by id: ids a caller hands in, checked before any request, and resources named for errors. */
import { InputError } from "./errors.js";

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
