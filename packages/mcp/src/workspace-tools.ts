/**
 * The tools for workspaces, organizations and billing, PyAirbyte's names and arguments
 * (airbyte/mcp/cloud.py), on the SDK's `CloudClient` and `CloudOrganization`: they span
 * workspaces, so they take no workspace_id. The user's own context (default workspace) is
 * account-tools.ts's.
 */
import { type CloudOrganization, InputError, type WorkspacePrivilegeScope } from "airbyte-ts";
import { z } from "zod";
import { ACCOUNT_TOOLS } from "./account-tools.js";
import {
  DISCOVERY_REFUSED,
  organizationEntry,
  organizationSummary,
  refusedDiscovery,
  workspaceEntry,
  workspaceSummary,
} from "./discovery.js";
import { withHints } from "./error-hints.js";
import { ToolError } from "./results.js";
import { defineTool, orNull, READ_ONLY, type Tool, type ToolContext } from "./tool.js";

const organizationArgs = {
  organization_id: z
    .string()
    .min(1)
    .optional()
    .describe("The organization (list_cloud_organizations shows them); not with organization_name."),
  organization_name: z.string().min(1).optional().describe("The organization's exact name, instead of its id."),
};

const ORGANIZATION_HINTS = {
  not_found: "list_cloud_organizations shows the organizations these credentials belong to.",
  multiple_resources:
    "Several organizations have that name: pass organization_id (list_cloud_organizations shows them).",
};

/** The organization named by id or name; without either, the server's (AIRBYTE_ORGANIZATION_ID) or its workspace's. */
async function targetOrganization(
  args: { organization_id?: string | undefined; organization_name?: string | undefined },
  context: ToolContext,
): Promise<CloudOrganization> {
  const { organization_id, organization_name } = args;
  if (organization_id !== undefined && organization_name !== undefined) {
    throw new InputError("Pass organization_id or organization_name, not both.");
  }
  const client = context.client();
  const id =
    organization_name === undefined
      ? (organization_id ?? client.organizationId ?? (await defaultWorkspaceOrganizationId(context)))
      : undefined;
  const byName = organization_name === undefined ? {} : { organizationName: organization_name };
  return withHints(ORGANIZATION_HINTS, () => client.getOrganization(id, byName, context.request));
}

async function defaultWorkspaceOrganizationId(context: ToolContext): Promise<string> {
  let workspace;
  try {
    workspace = context.workspace();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    throw new ToolError({
      code: "invalid_argument",
      message:
        "No organization was given, and the server has neither AIRBYTE_ORGANIZATION_ID nor a workspace (AIRBYTE_WORKSPACE_ID) to take one from.",
      hint: "Pass organization_id or organization_name: list_cloud_organizations shows them.",
    });
  }
  return (await workspace.getOrganization({}, context.request)).organizationId;
}

/** PyAirbyte's scopes; the SDK refuses any other value too. */
const PRIVILEGE_SCOPES = [
  "member_of",
  "organization_admin",
  "instance_admin",
  "any",
] as const satisfies readonly WorkspacePrivilegeScope[];

const listWorkspaces = defineTool({
  name: "list_cloud_workspaces",
  title: "List workspaces",
  description:
    "Workspaces these credentials can see: id, name, organization and web URL. With organization_id or organization_name, that organization's; with privilege_scope, those the user's own roles reach (member_of: a role on the workspace; organization_admin: the workspaces of the user's organizations; instance_admin: every workspace, instance admins only; any: the broadest of these). Without either, the server's organization (AIRBYTE_ORGANIZATION_ID) if it has one, else every workspace visible to the credentials. Credentials that may not list answer an empty list and a message.",
  input: z.object({
    ...organizationArgs,
    privilege_scope: z
      .enum(PRIVILEGE_SCOPES)
      .optional()
      .describe("List by the user's roles instead (not with an organization)."),
    name_contains: z.string().optional().describe("Only names containing this text (any case)."),
    limit: z.number().int().min(1).max(500).default(100).describe("At most this many workspaces (1 to 500)."),
  }),
  output: z.object({ workspaces: z.array(workspaceEntry), count: z.number().int(), message: z.string().nullable() }),
  annotations: READ_ONLY,
  async run(args, context) {
    const { organization_id, organization_name, privilege_scope, name_contains, limit } = args;
    const client = context.client();
    let found;
    try {
      const organizationId =
        organization_name === undefined
          ? organization_id
          : (await targetOrganization({ organization_id, organization_name }, context)).organizationId;
      found = await client.listWorkspaces(
        {
          limit,
          ...(organizationId === undefined ? {} : { organizationId }),
          ...(privilege_scope === undefined ? {} : { privilegeScope: privilege_scope }),
          ...(name_contains === undefined ? {} : { nameContains: name_contains }),
        },
        context.request,
      );
    } catch (error) {
      if (refusedDiscovery(error)) return { workspaces: [], count: 0, message: DISCOVERY_REFUSED };
      throw error;
    }
    const workspaces = found.map((info) => workspaceSummary(client, info));
    const message =
      workspaces.length === 0
        ? "No workspaces were returned for these credentials and filters. Check them, or ask the user for a workspace id."
        : null;
    return { workspaces, count: workspaces.length, message };
  },
});

const listOrganizations = defineTool({
  name: "list_cloud_organizations",
  title: "List organizations",
  description:
    "The organizations the credentials' user belongs to: id, name, email. Credentials that may not list answer an empty list and a message.",
  input: z.object({
    name_contains: z.string().optional().describe("Only names containing this text (any case)."),
    limit: z.number().int().min(1).max(500).default(100).describe("At most this many organizations (1 to 500)."),
  }),
  output: z.object({
    organizations: z.array(organizationEntry),
    count: z.number().int(),
    message: z.string().nullable(),
  }),
  annotations: READ_ONLY,
  async run({ name_contains, limit }, context) {
    let listed;
    try {
      listed = await context.client().listOrganizations(context.request);
    } catch (error) {
      if (refusedDiscovery(error)) return { organizations: [], count: 0, message: DISCOVERY_REFUSED };
      throw error;
    }
    const wanted = name_contains?.toLowerCase();
    const organizations = [];
    for (const organization of listed) {
      const summary = await organizationSummary(organization, context);
      if (wanted !== undefined && !summary.name.toLowerCase().includes(wanted)) continue;
      organizations.push(summary);
      if (organizations.length >= limit) break;
    }
    const message =
      organizations.length === 0 ? "No organizations were returned for these credentials and filters." : null;
    return { organizations, count: organizations.length, message };
  },
});

const describeOrganization = defineTool({
  name: "describe_cloud_organization",
  title: "Describe an organization",
  description:
    "An organization's id, name and email, by organization_id or exact organization_name; without either, the server's (AIRBYTE_ORGANIZATION_ID), else that of the server's workspace. Also turns a name into an id. Billing: get_cloud_organization_billing_status.",
  input: z.object(organizationArgs),
  output: organizationEntry,
  annotations: READ_ONLY,
  async run(args, context) {
    return organizationSummary(await targetOrganization(args, context), context);
  },
});

const billingStatus = defineTool({
  name: "get_cloud_organization_billing_status",
  title: "An organization's billing status",
  description:
    "Whether billing lets the organization run: payment and subscription status, and whether the account is locked. Where the API gives no billing information (self-managed Airbyte, or credentials that may not read it), billing_info_available is false and message says so. Organization as for describe_cloud_organization.",
  input: z.object(organizationArgs),
  output: z.object({
    organization_id: z.string(),
    organization_name: z.string().nullable(),
    billing_info_available: z.boolean(),
    payment_status: z.string().nullable(),
    subscription_status: z.string().nullable(),
    is_account_locked: z.boolean().nullable(),
    message: z.string().nullable(),
  }),
  annotations: READ_ONLY,
  async run(args, context) {
    const { request } = context;
    const organization = await targetOrganization(args, context);
    const payment = await organization.getPaymentStatus(request);
    const subscription = await organization.getSubscriptionStatus(request);
    const available = payment !== undefined || subscription !== undefined;
    return {
      organization_id: organization.organizationId,
      organization_name: orNull(await organization.getOrganizationName(request)),
      billing_info_available: available,
      payment_status: orNull(payment),
      subscription_status: orNull(subscription),
      is_account_locked: available ? await organization.isAccountLocked(request) : null,
      message: available
        ? null
        : "The API gave no billing information for this organization: a self-managed Airbyte has none, or these credentials may not read it.",
    };
  },
});

/** In the order listTools shows them. */
export const WORKSPACE_TOOLS: readonly Tool[] = [
  listWorkspaces,
  listOrganizations,
  describeOrganization,
  billingStatus,
  ...ACCOUNT_TOOLS,
];
