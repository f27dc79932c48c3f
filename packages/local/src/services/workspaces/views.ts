/**
 * The Config API's view of a workspace (`WorkspaceRead`), built from the same rows as the
 * public API's `WorkspaceResponse`. Notifications are stored in the public API's shape; the
 * Config API names them `notificationSettings`, an email being Airbyte's `customerio` channel
 * and a webhook its `slack` one.
 */
import type { Config, NotificationConfig, NotificationsConfig } from "airbyte-ts";
import type { WorkspaceRow } from "../../store/rows.js";

const SETTING_OF: Record<keyof NotificationsConfig, keyof Config.NotificationSettings> = {
  failure: "sendOnFailure",
  success: "sendOnSuccess",
  connectionUpdate: "sendOnConnectionUpdate",
  connectionUpdateActionRequired: "sendOnConnectionUpdateActionRequired",
  syncDisabled: "sendOnSyncDisabled",
  syncDisabledWarning: "sendOnSyncDisabledWarning",
};

export function toWorkspaceRead(row: WorkspaceRow): Config.WorkspaceRead {
  return {
    workspaceId: row.id,
    // Airbyte draws a random customer id per workspace; the workspace id serves as a stable one here.
    customerId: row.id,
    name: row.name,
    slug: slugOf(row.name),
    // The local server has no setup wizard to complete.
    initialSetupComplete: true,
    displaySetupWizard: false,
    anonymousDataCollection: false,
    news: false,
    securityUpdates: false,
    notifications: [],
    notificationSettings: notificationSettings(JSON.parse(row.notifications) as NotificationsConfig),
    ...(row.region_id ? { dataplaneGroupId: row.region_id } : {}),
    organizationId: row.organization_id,
    tombstone: row.tombstone === 1,
  };
}

function notificationSettings(config: NotificationsConfig): Config.NotificationSettings {
  const settings: Config.NotificationSettings = {};
  for (const [kind, setting] of Object.entries(SETTING_OF) as [
    keyof NotificationsConfig,
    keyof Config.NotificationSettings,
  ][]) {
    settings[setting] = notificationItem(config[kind]);
  }
  return settings;
}

function notificationItem(config: NotificationConfig | undefined): Config.NotificationItem {
  const types: Config.NotificationType[] = [];
  if (config?.email?.enabled) types.push("customerio");
  if (config?.webhook?.enabled) types.push("slack");
  return {
    notificationType: types,
    ...(config?.webhook?.url ? { slackConfiguration: { webhook: config.webhook.url } } : {}),
  };
}

/** Lower-case words joined by hyphens, as Airbyte derives a workspace's slug from its name. */
function slugOf(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}
