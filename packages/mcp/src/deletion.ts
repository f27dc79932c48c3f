/**
 * The two checks of every delete tool, whatever the mode (PyAirbyte's): the name passed must be
 * the object's exact current name, and the SDK's safe mode (always on here) deletes only names
 * containing `delete-me` or `deleteme`, every name concerned checked before anything goes.
 * Each refusal says that nothing was deleted and which tool comes next.
 */
import { UnsafeDeleteError } from "airbyte-ts";
import { ToolError } from "./results.js";

/** The tool that renames each kind of object the SDK's safe mode may refuse to delete. */
const RENAME_TOOLS: Record<string, string> = {
  connection: "rename_cloud_connection",
  source: "rename_cloud_connector",
  destination: "rename_cloud_connector",
};

export interface Deletion {
  /** What the name belongs to: "connection", "source", "destination". */
  resourceType: string;
  /** The name the agent passed, as confirmation. */
  givenName: string;
  actualName: string;
  /** The tool that shows the exact name. */
  describeTool: string;
  /** Ids for the refusal's details. */
  details: Record<string, unknown>;
  /** The SDK's delete, in its safe mode. */
  remove: () => Promise<void>;
}

export async function deleteByExactName(deletion: Deletion): Promise<void> {
  const { resourceType, givenName, actualName, details } = deletion;
  if (givenName !== actualName) {
    throw new ToolError({
      code: "name_mismatch",
      message: `The name given, '${givenName}', is not the ${resourceType}'s name, '${actualName}'. Nothing was deleted.`,
      hint: `Pass the ${resourceType}'s exact current name (${deletion.describeTool} shows it).`,
      details,
    });
  }
  try {
    await deletion.remove();
  } catch (error) {
    if (!(error instanceof UnsafeDeleteError)) throw error;
    const refused = error.resourceType;
    const then = refused === resourceType ? "then pass the new name" : "then call this tool again";
    throw new ToolError({
      code: error.code,
      message: `Cannot delete ${refused} '${error.resourceName ?? error.resourceId}': its name does not contain 'delete-me' or 'deleteme'. Nothing was deleted.`,
      hint: `Only a ${refused} whose name contains 'delete-me' or 'deleteme' can be deleted: rename it with ${RENAME_TOOLS[refused] ?? "its rename tool"}, ${then}.`,
      details: { ...details, [`${refused}_id`]: error.resourceId },
    });
  }
}
