/**
 * What the workspace and account tools show of a workspace and of an organization, and how
 * they answer discovery the credentials may not do (401, 403): an empty answer with a message,
 * as PyAirbyte's tools do, so an agent asks the user for an id instead of failing.
 */
import { AirbyteError, type CloudClient, type CloudOrganization, type CloudWorkspaceInfo } from "airbyte-ts";
import { z } from "zod";
import { orNull, type ToolContext } from "./tool.js";

export const DISCOVERY_REFUSED =
  "Organization or workspace discovery is unavailable: these credentials lack the permission. Ask the user for an organization or workspace id, or use credentials with that access.";

export function refusedDiscovery(error: unknown): boolean {
  return error instanceof AirbyteError && (error.code === "unauthorized" || error.code === "forbidden");
}

export const workspaceEntry = z.object({
  workspace_id: z.string(),
  workspace_name: z.string(),
  workspace_url: z.string(),
  organization_id: z.string().nullable(),
});

export function workspaceSummary(client: CloudClient, info: CloudWorkspaceInfo): z.infer<typeof workspaceEntry> {
  return {
    workspace_id: info.workspaceId,
    workspace_name: info.name,
    workspace_url: client.getWorkspace(info.workspaceId).workspaceUrl,
    organization_id: orNull(info.organizationId),
  };
}

export const organizationEntry = z.object({ id: z.string(), name: z.string(), email: z.string().nullable() });

export async function organizationSummary(
  organization: CloudOrganization,
  context: ToolContext,
): Promise<z.infer<typeof organizationEntry>> {
  return {
    id: organization.organizationId,
    name: (await organization.getOrganizationName(context.request)) ?? "",
    email: orNull(await organization.getEmail(context.request)),
  };
}
