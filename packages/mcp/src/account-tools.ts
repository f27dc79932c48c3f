/**
 * The tools of the user the credentials belong to (PyAirbyte's get_default_cloud_context and
 * set_default_cloud_workspace), on the SDK's `CloudClient`. Who the user is comes from the
 * public API (their own permissions name them) and their record from the Config API; a server
 * that answers neither leaves the user out, with a message saying why.
 */
import { AirbyteError, type CloudClient, type CloudUserInfo, InputError } from "airbyte-ts";
import { z } from "zod";
import {
  DISCOVERY_REFUSED,
  organizationEntry,
  organizationSummary,
  refusedDiscovery,
  workspaceEntry,
  workspaceSummary,
} from "./discovery.js";
import { ToolError } from "./results.js";
import { defineTool, orNull, READ_ONLY, type Tool, type ToolContext } from "./tool.js";

/** PyAirbyte's bounds: enough to choose from, small enough for an agent's context. */
const MAX_ORGANIZATIONS = 10;
const MAX_WORKSPACES = 25;

/** The user and their default workspace; undefined (with the reason noted) when the server does not say. */
async function userOrNote(client: CloudClient, context: ToolContext, notes: string[]) {
  try {
    const user = await client.getCurrentUser(context.request);
    if (!user) notes.push("These credentials hold no permission, so the user they belong to is unknown.");
    return user;
  } catch (error) {
    if (!(error instanceof AirbyteError)) throw error;
    notes.push(`The user these credentials belong to could not be read (${error.code}).`);
    return undefined;
  }
}

/** The server's workspace, else the user's default one, with its organization; null when there is none. */
async function defaultWorkspace(
  client: CloudClient,
  user: CloudUserInfo | undefined,
  context: ToolContext,
  notes: string[],
) {
  const source: "server" | "user_default" | undefined = client.workspaceId
    ? "server"
    : user?.defaultWorkspaceId
      ? "user_default"
      : undefined;
  const workspaceId = client.workspaceId ?? user?.defaultWorkspaceId;
  if (source === undefined || workspaceId === undefined) return { workspace: null, organization: null };
  const workspace = client.getWorkspace(workspaceId);
  try {
    const info = await workspace.getInfo({}, context.request);
    const organization = await workspace.getOrganization({ raiseOnError: false }, context.request);
    return {
      workspace: { ...workspaceSummary(client, info), source },
      organization: organization
        ? {
            organization_id: organization.organizationId,
            organization_name: orNull(await organization.getOrganizationName(context.request)),
          }
        : null,
    };
  } catch (error) {
    if (!(error instanceof AirbyteError)) throw error;
    notes.push(`The default workspace ${workspaceId} could not be read (${error.code}).`);
    return { workspace: null, organization: null };
  }
}

/** Up to `max` of a listing, and whether there were more; a refused listing is empty, with a note. */
async function bounded<T>(max: number, list: (limit: number) => Promise<T[]>, notes: string[]) {
  try {
    const found = await list(max + 1);
    return { items: found.slice(0, max), truncated: found.length > max };
  } catch (error) {
    if (!refusedDiscovery(error)) throw error;
    if (!notes.includes(DISCOVERY_REFUSED)) notes.push(DISCOVERY_REFUSED);
    return { items: [], truncated: false };
  }
}

const getDefaultContext = defineTool({
  name: "get_default_cloud_context",
  title: "Where to start",
  description:
    "What an agent needs to start: the user the credentials belong to (id, email), the default workspace (the server's AIRBYTE_WORKSPACE_ID, else the user's own default) with its organization, the user's organizations (up to 10) and the workspaces their roles reach (up to 25), with flags when there are more, and hints naming the tools to call next.",
  input: z.object({}),
  output: z.object({
    user: z
      .object({
        user_id: z.string(),
        email: z.string(),
        name: z.string().nullable(),
        default_workspace_id: z.string().nullable(),
      })
      .nullable(),
    default_workspace: workspaceEntry.extend({ source: z.enum(["server", "user_default"]) }).nullable(),
    default_organization: z
      .object({ organization_id: z.string(), organization_name: z.string().nullable() })
      .nullable(),
    configured_workspace_id: z.string().nullable(),
    configured_organization_id: z.string().nullable(),
    organizations: z.array(organizationEntry),
    organizations_truncated: z.boolean(),
    workspaces: z.array(workspaceEntry),
    workspaces_truncated: z.boolean(),
    discovery_hints: z.array(z.string()),
    message: z.string().nullable(),
  }),
  annotations: READ_ONLY,
  async run(_args, context) {
    const client = context.client();
    const notes: string[] = [];
    const user = await userOrNote(client, context, notes);
    const { workspace, organization } = await defaultWorkspace(client, user, context, notes);
    const organizations = await bounded(
      MAX_ORGANIZATIONS,
      async (limit) => {
        const listed = (await client.listOrganizations(context.request)).slice(0, limit);
        return Promise.all(listed.map((each) => organizationSummary(each, context)));
      },
      notes,
    );
    const workspaces = await bounded(
      MAX_WORKSPACES,
      async (limit) =>
        (await client.listWorkspaces({ privilegeScope: "any", limit }, context.request)).map((info) =>
          workspaceSummary(client, info),
        ),
      notes,
    );
    const hints = [];
    if (!workspace) {
      hints.push(
        "No default workspace: pass workspace_id to the workspace tools (list_cloud_workspaces shows the workspaces), or set the user's default with set_default_cloud_workspace.",
      );
    } else if (workspace.source === "user_default") {
      hints.push(
        `The server has no workspace of its own (AIRBYTE_WORKSPACE_ID): the workspace tools act on the user's default, ${workspace.workspace_id}, when workspace_id is left out.`,
      );
    } else {
      hints.push(
        "describe_cloud_workspace, list_cloud_connections and list_cloud_connectors act on the default workspace when workspace_id is left out.",
      );
    }
    if (user && !user.defaultWorkspaceId) {
      hints.push(
        "The user has no default workspace of their own: set_default_cloud_workspace(user_email, workspace_id) sets it in their account (the web app's too).",
      );
    }
    if (organizations.truncated)
      hints.push("list_cloud_organizations(name_contains: ...) finds the other organizations.");
    if (workspaces.truncated) {
      hints.push("list_cloud_workspaces(organization_id: ..., name_contains: ...) finds the other workspaces.");
    }
    hints.push("get_cloud_organization_billing_status tells whether billing locks an organization's syncs.");
    return {
      user: user
        ? {
            user_id: user.userId,
            email: user.email,
            name: orNull(user.name),
            default_workspace_id: orNull(user.defaultWorkspaceId),
          }
        : null,
      default_workspace: workspace,
      default_organization: organization,
      configured_workspace_id: orNull(client.workspaceId),
      configured_organization_id: orNull(client.organizationId),
      organizations: organizations.items,
      organizations_truncated: organizations.truncated,
      workspaces: workspaces.items,
      workspaces_truncated: workspaces.truncated,
      discovery_hints: hints,
      message: notes.length > 0 ? notes.join(" ") : null,
    };
  },
});

const setDefaultWorkspace = defineTool({
  name: "set_default_cloud_workspace",
  title: "Set the user's default workspace",
  description:
    "Changes the default workspace of the user the credentials belong to, in their account: the web app opens it too, and it outlasts this session. user_email must be that user's email (any case), as confirmation; the workspace must be one the user holds a role on, or one of an organization they belong to. Setting the same workspace again changes nothing. get_default_cloud_context shows the user's email and workspaces.",
  input: z.object({
    user_email: z.string().min(1).describe("The email of the user the credentials belong to, as confirmation."),
    workspace_id: z.string().min(1).describe("The new default workspace (get_default_cloud_context lists them)."),
  }),
  output: z.object({
    user_id: z.string(),
    user_email: z.string(),
    previous_default_workspace_id: z.string().nullable(),
    default_workspace_id: z.string(),
    default_workspace_name: z.string(),
    workspace_url: z.string(),
    organization_id: z.string().nullable(),
    organization_name: z.string().nullable(),
    membership_basis: z.enum(["workspace", "organization"]),
  }),
  // It overwrites a setting of the user's account that this session did not make (destructive),
  // and setting the same workspace twice leaves the account as once (idempotent). It acts on no
  // object a session could create, so there is no safe-mode guard: the email is the confirmation.
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
  async run({ user_email, workspace_id }, context) {
    const client = context.client();
    let updated;
    try {
      updated = await client.setDefaultWorkspace({ userEmail: user_email, workspaceId: workspace_id }, context.request);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      throw new ToolError({
        code: error.code,
        message: `${error.message} Nothing was changed.`,
        hint: "get_default_cloud_context shows the user's email and the workspaces they belong to; pass those.",
        details: { workspace_id },
      });
    }
    return {
      user_id: updated.userId,
      user_email: updated.userEmail,
      previous_default_workspace_id: orNull(updated.previousDefaultWorkspaceId),
      default_workspace_id: updated.defaultWorkspaceId,
      default_workspace_name: updated.defaultWorkspaceName,
      workspace_url: client.getWorkspace(updated.defaultWorkspaceId).workspaceUrl,
      organization_id: orNull(updated.organizationId),
      organization_name: orNull(updated.organizationName),
      membership_basis: updated.membershipBasis,
    };
  },
});

/** In the order listTools shows them, after the organization tools. */
export const ACCOUNT_TOOLS: readonly Tool[] = [getDefaultContext, setDefaultWorkspace];
