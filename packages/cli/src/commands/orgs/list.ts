import type { Context } from "../../context.js";
import type { Column } from "../../output/output.js";

export const organizationColumns: Column[] = [
  { key: "organizationId", header: "Organization ID" },
  { key: "organizationName", header: "Name" },
  { key: "email", header: "Email" },
];

export async function run(ctx: Context) {
  const client = await ctx.client();
  const organizations = await client.listOrganizations();
  const rows = await Promise.all(
    organizations.map(async (organization) => ({
      organizationId: organization.organizationId,
      organizationName: (await organization.getOrganizationName()) ?? null,
      email: (await organization.getEmail()) ?? null,
    })),
  );
  await ctx.out.list(rows, organizationColumns, "No organizations.");
}
