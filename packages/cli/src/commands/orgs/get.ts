import type { Context } from "../../context.js";
import { usageError } from "../../util/errors.js";
import { organizationColumns } from "./list.js";

export async function run(ctx: Context, [organizationId]: [string?], options: { name?: string }) {
  if (organizationId && options.name) throw usageError("Pass an organization id or --name, not both.");
  const client = await ctx.client();
  if (!organizationId && !options.name && !client.organizationId) {
    throw usageError(
      "Which organization?",
      "Pass its id, --name NAME, or --organization ID (see: airbyte-ts orgs list).",
    );
  }
  const organization = await client.getOrganization(
    options.name ? undefined : organizationId,
    options.name ? { organizationName: options.name } : {},
  );
  const record = {
    organizationId: organization.organizationId,
    organizationName: (await organization.getOrganizationName()) ?? null,
    email: (await organization.getEmail()) ?? null,
    paymentStatus: (await organization.getPaymentStatus()) ?? null,
    subscriptionStatus: (await organization.getSubscriptionStatus()) ?? null,
    isAccountLocked: await organization.isAccountLocked(),
  };
  await ctx.out.item(record, [
    ...organizationColumns,
    { key: "paymentStatus", header: "Payment status" },
    { key: "subscriptionStatus", header: "Subscription" },
    { key: "isAccountLocked", header: "Locked" },
  ]);
}
