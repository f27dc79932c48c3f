/**
 * The user the credentials belong to, and their default workspace: the one Airbyte's web app
 * opens for them, which an agent can start from. Who the caller is comes from the public API:
 * `GET /permissions` without a `userId` answers the caller's own permissions, each naming
 * their user. Their record (email, default workspace) is the Config API's `users/get`, and the
 * default is changed with `users/update`, as PyAirbyte does.
 */
import type { AirbyteApi, PermissionResponseRead } from "../api/index.js";
import type { RequestOptions } from "../http/request-options.js";
import type { CloudClient } from "./client.js";
import { AirbyteCloudError, InputError } from "./errors.js";
import { requireId } from "./resource-ids.js";

export interface CloudUserInfo {
  userId: string;
  name: string | undefined;
  email: string;
  /** The workspace Airbyte opens for the user; undefined until one is set. */
  defaultWorkspaceId: string | undefined;
  /** `invited`, `registered` or `disabled`, when the server says. */
  status: string | undefined;
}

export interface SetDefaultWorkspaceOptions {
  /** The authenticated user's email, as confirmation (any case, spaces around ignored). */
  userEmail: string;
  workspaceId: string;
}

export interface CloudDefaultWorkspaceUpdate {
  userId: string;
  userEmail: string;
  previousDefaultWorkspaceId: string | undefined;
  defaultWorkspaceId: string;
  defaultWorkspaceName: string;
  organizationId: string | undefined;
  organizationName: string | undefined;
  /** What makes the user a member of the workspace: a role on it, or on its organization. */
  membershipBasis: "workspace" | "organization";
}

/** The caller's own permissions (`GET /permissions` without a user). */
export async function ownPermissions(
  api: AirbyteApi,
  request: RequestOptions | undefined,
): Promise<PermissionResponseRead[]> {
  return (await api.permissions.listPermissions({}, request)).data;
}

/**
 * The user the credentials belong to, or undefined when the server cannot tell: a user
 * without any permission is named by none.
 */
export async function currentUser(
  api: AirbyteApi,
  request: RequestOptions | undefined,
): Promise<CloudUserInfo | undefined> {
  const userId = (await ownPermissions(api, request))[0]?.userId;
  return userId === undefined ? undefined : readUser(api, userId, request);
}

/**
 * Sets the authenticated user's default workspace, in their account (the web app's too). Each
 * check is made before the change: the email must be the user's, the user not disabled, the
 * workspace live, and the user a member of it (a role on it or on its organization; an
 * instance admin's reach is not membership). The answer is checked to hold the new default.
 */
export async function setDefaultWorkspace(
  client: CloudClient,
  options: SetDefaultWorkspaceOptions,
  request: RequestOptions | undefined,
): Promise<CloudDefaultWorkspaceUpdate> {
  const workspaceId = requireId("workspace", options.workspaceId);
  const permissions = await ownPermissions(client.api, request);
  const userId = permissions[0]?.userId;
  if (userId === undefined) {
    throw new AirbyteCloudError("These credentials hold no permission, so the user they belong to is unknown.", {
      guidance: "Use the credentials of a user with a role on a workspace or an organization.",
    });
  }
  const user = await readUser(client.api, userId, request);
  const given = typeof options.userEmail === "string" ? options.userEmail.trim().toLowerCase() : "";
  if (given !== user.email.trim().toLowerCase()) {
    throw new InputError(`The email given does not match the authenticated user's, ${user.email}.`, {
      guidance: "Pass the email of the user the credentials belong to.",
      inputValue: options.userEmail,
      context: { userId, userEmail: user.email, userName: user.name },
    });
  }
  if (user.status === "disabled") {
    throw new InputError(`User ${user.email} is disabled; their default workspace cannot be set.`, {
      context: { userId },
    });
  }
  const workspace = client.getWorkspace(workspaceId);
  const info = await workspace.getInfo({}, request);
  const organization = await workspace.getOrganization({ raiseOnError: false }, request);
  const membershipBasis = membershipOf(permissions, workspaceId, organization?.organizationId);
  if (membershipBasis === undefined) {
    throw new InputError(`User ${user.email} is not an explicit member of workspace ${workspaceId}.`, {
      guidance: "Choose a workspace the user holds a role on, or one of an organization they belong to.",
      context: { userId, workspaceId },
    });
  }
  const updated = await client.api.config.users.update({ userId, defaultWorkspaceId: workspaceId }, request);
  if (updated.defaultWorkspaceId !== workspaceId) {
    throw new AirbyteCloudError("The new default workspace did not persist.", {
      context: { userId, workspaceId, answeredDefaultWorkspaceId: updated.defaultWorkspaceId },
    });
  }
  return {
    userId,
    userEmail: user.email,
    previousDefaultWorkspaceId: user.defaultWorkspaceId,
    defaultWorkspaceId: workspaceId,
    defaultWorkspaceName: info.name,
    organizationId: organization?.organizationId,
    organizationName: organization && (await organization.getOrganizationName(request)),
    membershipBasis,
  };
}

async function readUser(api: AirbyteApi, userId: string, request: RequestOptions | undefined): Promise<CloudUserInfo> {
  const user = await api.config.users.get({ userId }, request);
  return {
    userId: user.userId,
    name: user.name,
    email: user.email,
    defaultWorkspaceId: user.defaultWorkspaceId,
    status: user.status,
  };
}

function membershipOf(
  permissions: readonly PermissionResponseRead[],
  workspaceId: string,
  organizationId: string | undefined,
): CloudDefaultWorkspaceUpdate["membershipBasis"] | undefined {
  if (permissions.some((p) => p.scope === "workspace" && p.scopeId === workspaceId)) return "workspace";
  if (organizationId && permissions.some((p) => p.scope === "organization" && p.scopeId === organizationId)) {
    return "organization";
  }
  return undefined;
}
