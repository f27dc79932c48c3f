import { randomUUID } from "node:crypto";
import type {
  NotificationsConfig,
  WorkspaceCreateRequest,
  WorkspaceResponse,
  WorkspaceUpdateRequest,
} from "airbyte-ts";
import type { Caller } from "../access.js";
import type { ServiceContext } from "../context.js";
import type { ActorRecords } from "../../store/actor-records.js";
import type { RegionRecords } from "../../store/region-records.js";
import type { WorkspaceRow } from "../../store/rows.js";
import type { WorkspaceRecords } from "../../store/workspace-records.js";
import type { ConnectionRetirement } from "../connections/retirement.js";
import { badRequest, notFound } from "../errors.js";
import type { IdentityDirectory } from "../identity-directory.js";
import type { WorkspaceDirectory } from "./directory.js";
import { DEFAULT_ORGANIZATION_ID } from "../identity.js";

export interface ListWorkspacesFilter {
  workspaceIds: string[];
  includeDeleted: boolean;
  limit: number;
  offset: number;
}

const NOTIFICATION_KINDS = [
  "failure",
  "success",
  "connectionUpdate",
  "connectionUpdateActionRequired",
  "syncDisabled",
  "syncDisabledWarning",
] as const;

export class WorkspacesService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly records: WorkspaceRecords,
    private readonly actors: ActorRecords,
    private readonly regions: RegionRecords,
    private readonly directory: WorkspaceDirectory,
    private readonly identity: IdentityDirectory,
    private readonly connectionRetirement: ConnectionRetirement,
  ) {}

  list(caller: Caller, filter: ListWorkspacesFilter): WorkspaceResponse[] {
    const readable = this.ctx.access.readableWorkspaceIds(caller);
    if (readable && filter.workspaceIds.some((id) => !readable.includes(id))) {
      for (const id of filter.workspaceIds) this.ctx.access.requireWorkspace(caller, id, "reader");
    }
    const rows = this.records.list({
      workspaceIds: filter.workspaceIds.length > 0 ? filter.workspaceIds : readable,
      includeDeleted: filter.includeDeleted,
      limit: filter.limit,
      offset: filter.offset,
    });
    return rows.map(toWorkspace);
  }

  create(caller: Caller, input: WorkspaceCreateRequest): WorkspaceResponse {
    const organizationId = input.organizationId ?? DEFAULT_ORGANIZATION_ID;
    this.ctx.access.requireOrganization(caller, organizationId, "editor");
    if (!this.identity.organization(organizationId)) throw notFound("organization", organizationId);
    if (input.name.trim() === "") throw badRequest("name must not be blank.");
    const region = input.regionId ? this.region(input.regionId, organizationId) : undefined;
    const row: WorkspaceRow = {
      id: randomUUID(),
      organization_id: organizationId,
      name: input.name,
      region_id: region?.id ?? null,
      data_residency: region ? region.name.toLowerCase() : "auto",
      notifications: JSON.stringify(input.notifications ?? {}),
      tombstone: 0,
      created_at: this.ctx.now(),
    };
    this.records.insert(row);
    return toWorkspace(row);
  }

  get(caller: Caller, workspaceId: string): WorkspaceResponse {
    this.ctx.access.requireWorkspace(caller, workspaceId, "reader");
    return toWorkspace(this.directory.row(workspaceId));
  }

  update(caller: Caller, workspaceId: string, input: WorkspaceUpdateRequest): WorkspaceResponse {
    this.ctx.access.requireWorkspace(caller, workspaceId, "editor");
    const row = { ...this.directory.row(workspaceId) };
    if (input.name != null) {
      if (input.name.trim() === "") throw badRequest("name must not be blank.");
      row.name = input.name;
    }
    if (input.notifications != null) row.notifications = JSON.stringify(input.notifications);
    if (input.regionId != null) {
      const region = this.region(input.regionId, row.organization_id);
      row.region_id = region.id;
      row.data_residency = region.name.toLowerCase();
    }
    this.records.update(row);
    return toWorkspace(row);
  }

  /** Tombstones the workspace, its sources and destinations, and deprecates its connections. */
  delete(caller: Caller, workspaceId: string): void {
    this.ctx.access.requireWorkspace(caller, workspaceId, "admin");
    this.directory.row(workspaceId);
    this.ctx.store.transaction(() => {
      this.connectionRetirement.deprecate("workspace_id", workspaceId);
      this.actors.tombstoneWorkspaceActors(workspaceId);
      this.records.tombstone(workspaceId);
    });
  }

  /** A live region of the workspace's organization. */
  private region(regionId: string, organizationId: string): { id: string; name: string } {
    const region = this.regions.liveRegion(regionId);
    if (!region) throw notFound("region", regionId);
    if (region.organization_id !== organizationId) {
      throw badRequest(`Region ${regionId} belongs to another organization than the workspace.`);
    }
    return region;
  }
}

function toWorkspace(row: WorkspaceRow): WorkspaceResponse {
  return {
    workspaceId: row.id,
    name: row.name,
    dataResidency: row.data_residency,
    notifications: withDefaults(JSON.parse(row.notifications) as NotificationsConfig),
  };
}

/** Every notification kind, each with email and webhook, disabled unless set. */
function withDefaults(config: NotificationsConfig): NotificationsConfig {
  const out: NotificationsConfig = {};
  for (const kind of NOTIFICATION_KINDS) {
    const given = config[kind] ?? {};
    out[kind] = {
      email: { enabled: given.email?.enabled ?? false },
      webhook: { enabled: given.webhook?.enabled ?? false, ...(given.webhook?.url ? { url: given.webhook.url } : {}) },
    };
  }
  return out;
}
