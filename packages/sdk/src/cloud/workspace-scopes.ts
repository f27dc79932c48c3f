/**
 * PyAirbyte's privilege scopes for listing workspaces, from the caller's own permissions
 * (`GET /permissions`): `member_of` the workspaces the user holds a role on, `organization_admin`
 * (PyAirbyte's name) the workspaces of the organizations they hold a role in,
 * `instance_admin` every workspace (instance admins only), `any` the broadest the caller has:
 * every workspace for an instance admin, else both of the first two.
 */
import type { PermissionResponseRead } from "../api/index.js";
import { NotFoundError } from "../http/errors.js";
import type { RequestOptions } from "../http/request-options.js";
import type { CloudClient } from "./client.js";
import { InputError } from "./errors.js";
import { type CloudWorkspaceInfo, workspaceInfoFromApi } from "./models.js";
import { type NameFilterOptions, nameMatcher } from "./names.js";
import { ownPermissions } from "./users.js";

const WORKSPACE_PRIVILEGE_SCOPES = ["member_of", "organization_admin", "instance_admin", "any"] as const;
export type WorkspacePrivilegeScope = (typeof WORKSPACE_PRIVILEGE_SCOPES)[number];

/** The listings a scope combines, each applying the name filters and limit it is given. */
interface WorkspaceSources {
  ofOrganization(organizationId: string, filters: NameFilterOptions): Promise<CloudWorkspaceInfo[]>;
  everyVisible(filters: NameFilterOptions): Promise<CloudWorkspaceInfo[]>;
}

export async function listWorkspacesInScope(
  client: CloudClient,
  scope: WorkspacePrivilegeScope,
  sources: WorkspaceSources,
  filters: NameFilterOptions,
  request: RequestOptions | undefined,
): Promise<CloudWorkspaceInfo[]> {
  if (!WORKSPACE_PRIVILEGE_SCOPES.includes(scope)) {
    throw new InputError(`privilegeScope must be one of ${WORKSPACE_PRIVILEGE_SCOPES.join(", ")}.`, {
      inputValue: scope,
    });
  }
  const matches = nameMatcher(filters);
  const permissions = await ownPermissions(client.api, request);
  const instanceAdmin = permissions.some((permission) => permission.permissionType === "instance_admin");
  if (scope === "instance_admin" && !instanceAdmin) {
    throw new InputError(
      "privilegeScope instance_admin needs the instance_admin permission, which these credentials lack.",
    );
  }
  if (scope === "instance_admin" || (scope === "any" && instanceAdmin)) return sources.everyVisible(filters);

  const limit = filters.limit ?? Number.POSITIVE_INFINITY;
  const found = new Map<string, CloudWorkspaceInfo>();
  const full = () => found.size >= limit;
  if (scope !== "member_of") {
    for (const organizationId of scopeIds(permissions, "organization")) {
      const room = { ...filters, ...(filters.limit === undefined ? {} : { limit: limit - found.size }) };
      for (const workspace of await sources.ofOrganization(organizationId, room)) {
        found.set(workspace.workspaceId, workspace);
      }
      if (full()) return [...found.values()];
    }
  }
  if (scope !== "organization_admin") {
    for (const workspaceId of scopeIds(permissions, "workspace")) {
      if (found.has(workspaceId)) continue;
      const workspace = await directWorkspace(client, workspaceId, request);
      if (!workspace || !matches(workspace.name)) continue;
      found.set(workspaceId, workspace);
      if (full()) break;
    }
  }
  return [...found.values()];
}

function scopeIds(permissions: readonly PermissionResponseRead[], scope: "workspace" | "organization"): string[] {
  return [...new Set(permissions.filter((p) => p.scope === scope).map((p) => p.scopeId))];
}

/** A workspace the user holds a role on; undefined when it is gone (a grant can outlive it). */
async function directWorkspace(
  client: CloudClient,
  workspaceId: string,
  request: RequestOptions | undefined,
): Promise<CloudWorkspaceInfo | undefined> {
  try {
    return workspaceInfoFromApi(await client.api.workspaces.getWorkspace({ workspaceId }, request));
  } catch (error) {
    if (error instanceof NotFoundError) return undefined;
    throw error;
  }
}
