/** Finding a custom definition by id, of a type given or found (YAML first, then Docker). */
import type {
  CloudWorkspace,
  CustomCloudDestinationDefinition,
  CustomCloudSourceDefinition,
  DefinitionType,
} from "airbyte-ts";
import type { Context } from "../../context.js";
import { definitionRecord, type Row } from "../../output/records.js";
import { usageError } from "../../util/errors.js";
import { oneOf } from "../../util/input.js";

export type AnyDefinition = CustomCloudSourceDefinition | CustomCloudDestinationDefinition;

export function definitionTypeOf(
  type: string | undefined,
  destination: boolean | undefined,
): DefinitionType | undefined {
  if (type === undefined) return destination ? "docker" : undefined;
  const chosen = oneOf(type, "--type", ["yaml", "docker"] as const);
  if (destination && chosen === "yaml")
    throw usageError("Destination definitions are Docker images only: drop --type yaml.");
  return chosen;
}

export async function definitionOf(
  ctx: Context,
  definitionId: string,
  options: { type?: string; destination?: boolean },
): Promise<{ workspace: CloudWorkspace; definition: AnyDefinition }> {
  const workspace = await ctx.workspace();
  const type = definitionTypeOf(options.type, options.destination);
  if (options.destination)
    return { workspace, definition: await workspace.getCustomDestinationDefinition(definitionId) };
  if (type)
    return { workspace, definition: await workspace.getCustomSourceDefinition(definitionId, { definitionType: type }) };
  const { MissingResourceError } = await import("airbyte-ts");
  try {
    return {
      workspace,
      definition: await workspace.getCustomSourceDefinition(definitionId, { definitionType: "yaml" }),
    };
  } catch (error) {
    if (!(error instanceof MissingResourceError)) throw error;
    return {
      workspace,
      definition: await workspace.getCustomSourceDefinition(definitionId, { definitionType: "docker" }),
    };
  }
}

export async function recordOf(definition: AnyDefinition, withManifest = false): Promise<Row> {
  return definitionRecord(
    await definition.getInfo(),
    definition.definitionType,
    definition.connectorType,
    withManifest,
  );
}
