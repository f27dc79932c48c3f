/**
 * Regions (Airbyte's dataplane groups) and their dataplanes. Members of an organization see its
 * regions, plus those of the default organization, which every organization may use, as on
 * Airbyte; its admins change them. Deleting tombstones: a deleted region or dataplane still
 * answers by id but leaves the lists, and a region takes its dataplanes with it. The local
 * server runs syncs itself, so a dataplane here is a record with credentials, nothing runs on it.
 */
import { randomBytes, randomUUID } from "node:crypto";
import type {
  DataplaneCreateRequest,
  DataplaneCreateResponseBody,
  DataplanePatchRequest,
  DataplaneResponse,
  RegionCreateRequest,
  RegionPatchRequest,
  RegionResponse,
} from "airbyte-ts";
import type { RegionRecords } from "../store/region-records.js";
import type { DataplaneRow, RegionRow } from "../store/rows.js";
import type { Caller } from "./access.js";
import type { ServiceContext } from "./context.js";
import type { IdentityDirectory } from "./identity-directory.js";
import { badRequest, forbidden, notFound, ServiceError } from "./errors.js";
import { DEFAULT_ORGANIZATION_ID } from "./identity.js";
// Airbyte renders region and dataplane times as it renders job times.
import { javaOffsetDateTime } from "./jobs/format.js";

type Level = "member" | "admin";

export class RegionsService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly records: RegionRecords,
    private readonly identity: IdentityDirectory,
  ) {}

  listRegions(caller: Caller, organizationId: string): RegionResponse[] {
    this.ctx.access.requireOrganization(caller, organizationId, "member");
    return this.records.liveRegionsOf([organizationId, DEFAULT_ORGANIZATION_ID]).map(toRegion);
  }

  createRegion(caller: Caller, input: RegionCreateRequest): RegionResponse {
    this.ctx.access.requireOrganization(caller, input.organizationId, "admin");
    if (!this.identity.organization(input.organizationId)) {
      throw notFound("organization", input.organizationId);
    }
    const name = requireName(input.name);
    return this.ctx.store.transaction(() => {
      this.requireUniqueRegionName(input.organizationId, name);
      const now = this.ctx.now();
      const row: RegionRow = {
        id: randomUUID(),
        organization_id: input.organizationId,
        name,
        enabled: input.enabled === false ? 0 : 1,
        tombstone: 0,
        created_at: now,
        updated_at: now,
      };
      this.records.insertRegion(row);
      return toRegion(row);
    });
  }

  getRegion(caller: Caller, regionId: string): RegionResponse {
    return toRegion(this.authorizedRegion(caller, regionId, "member"));
  }

  updateRegion(caller: Caller, regionId: string, input: RegionPatchRequest): RegionResponse {
    const region = this.authorizedRegion(caller, regionId, "admin");
    const name = input.name == null ? region.name : requireName(input.name);
    const updated: RegionRow = {
      ...region,
      name,
      enabled: input.enabled == null ? region.enabled : Number(input.enabled),
      updated_at: this.ctx.now(),
    };
    return this.ctx.store.transaction(() => {
      if (name !== region.name) this.requireUniqueRegionName(region.organization_id, name, regionId);
      this.records.updateRegion(updated);
      return toRegion(updated);
    });
  }

  /** Tombstones the region and its dataplanes; answers the deleted region. */
  deleteRegion(caller: Caller, regionId: string): RegionResponse {
    const region = this.authorizedRegion(caller, regionId, "admin");
    const deleted: RegionRow = { ...region, tombstone: 1, updated_at: this.ctx.now() };
    this.records.tombstoneRegion(regionId, deleted.updated_at);
    return toRegion(deleted);
  }

  /** The dataplanes of the given regions (all readable ones without), deleted ones left out. */
  listDataplanes(caller: Caller, regionIds: string[]): DataplaneResponse[] {
    for (const regionId of regionIds) this.authorizedRegion(caller, regionId, "member");
    if (regionIds.length > 0) return this.records.liveDataplanesOfRegions(regionIds).map(toDataplane);
    const organizations = this.ctx.access.organizationIds(caller);
    return this.records
      .liveDataplanesOfOrganizations(organizations && [DEFAULT_ORGANIZATION_ID, ...organizations])
      .map(toDataplane);
  }

  /** Creates a dataplane with its own client credentials, which are shown this once. */
  createDataplane(caller: Caller, input: DataplaneCreateRequest): DataplaneCreateResponseBody {
    const region = this.authorizedRegion(caller, input.regionId, "admin");
    if (region.tombstone) throw badRequest(`Region ${region.id} has been deleted.`);
    const name = requireName(input.name);
    return this.ctx.store.transaction(() => {
      this.requireUniqueDataplaneName(region.id, name);
      const now = this.ctx.now();
      const row: DataplaneRow = {
        id: randomUUID(),
        region_id: region.id,
        name,
        enabled: input.enabled === false ? 0 : 1,
        client_id: randomUUID(),
        client_secret: randomBytes(24).toString("base64url"),
        tombstone: 0,
        created_at: now,
        updated_at: now,
      };
      this.records.insertDataplane(row);
      return { dataplaneId: row.id, regionId: row.region_id, clientId: row.client_id, clientSecret: row.client_secret };
    });
  }

  getDataplane(caller: Caller, dataplaneId: string): DataplaneResponse {
    return toDataplane(this.authorizedDataplane(caller, dataplaneId, "member"));
  }

  updateDataplane(caller: Caller, dataplaneId: string, input: DataplanePatchRequest): DataplaneResponse {
    const dataplane = this.authorizedDataplane(caller, dataplaneId, "admin");
    const name = input.name == null ? dataplane.name : requireName(input.name);
    const updated: DataplaneRow = {
      ...dataplane,
      name,
      enabled: input.enabled == null ? dataplane.enabled : Number(input.enabled),
      updated_at: this.ctx.now(),
    };
    return this.ctx.store.transaction(() => {
      if (name !== dataplane.name) this.requireUniqueDataplaneName(dataplane.region_id, name, dataplaneId);
      this.records.updateDataplane(updated);
      return toDataplane(updated);
    });
  }

  deleteDataplane(caller: Caller, dataplaneId: string): DataplaneResponse {
    const dataplane = this.authorizedDataplane(caller, dataplaneId, "admin");
    const deleted: DataplaneRow = { ...dataplane, tombstone: 1, updated_at: this.ctx.now() };
    this.records.tombstoneDataplane(dataplaneId, deleted.updated_at);
    return toDataplane(deleted);
  }

  /**
   * The region, once the caller's role on its organization is checked. Who may see what depends
   * on the row, so it is read first; a caller without rights learns nothing of unknown ids (403).
   */
  private authorizedRegion(caller: Caller, regionId: string, level: Level): RegionRow {
    const region = this.records.region(regionId);
    if (!region) {
      if (caller.instanceAdmin) throw notFound("region", regionId);
      throw forbidden(`organization_${level}`);
    }
    const sharedRegion = region.organization_id === DEFAULT_ORGANIZATION_ID && level === "member";
    if (!(sharedRegion && this.isMemberOfAnyOrganization(caller))) {
      this.ctx.access.requireOrganization(caller, region.organization_id, level);
    }
    return region;
  }

  private authorizedDataplane(caller: Caller, dataplaneId: string, level: Level): DataplaneRow {
    const dataplane = this.records.dataplane(dataplaneId);
    if (!dataplane) {
      if (caller.instanceAdmin) throw notFound("dataplane", dataplaneId);
      throw forbidden(`organization_${level}`);
    }
    this.authorizedRegion(caller, dataplane.region_id, level);
    return dataplane;
  }

  private isMemberOfAnyOrganization(caller: Caller): boolean {
    const organizations = this.ctx.access.organizationIds(caller);
    return organizations === undefined || organizations.length > 0;
  }

  private requireUniqueRegionName(organizationId: string, name: string, exceptRegionId = ""): void {
    if (this.records.regionNameTaken(organizationId, name, exceptRegionId)) {
      throw new ServiceError(
        "region-already-exists",
        `A region named ${name} already exists in organization ${organizationId}.`,
      );
    }
  }

  private requireUniqueDataplaneName(regionId: string, name: string, exceptDataplaneId = ""): void {
    if (this.records.dataplaneNameTaken(regionId, name, exceptDataplaneId)) {
      throw new ServiceError(
        "dataplane-already-exists",
        `A dataplane named ${name} already exists in region ${regionId}.`,
      );
    }
  }
}

function requireName(name: string): string {
  if (name.trim() === "") throw badRequest("name must not be blank.");
  return name;
}

function toRegion(row: RegionRow): RegionResponse {
  return {
    regionId: row.id,
    name: row.name,
    organizationId: row.organization_id,
    enabled: row.enabled === 1,
    createdAt: javaOffsetDateTime(row.created_at),
    updatedAt: javaOffsetDateTime(row.updated_at),
  };
}

function toDataplane(row: DataplaneRow): DataplaneResponse {
  return {
    dataplaneId: row.id,
    name: row.name,
    regionId: row.region_id,
    enabled: row.enabled === 1,
    createdAt: javaOffsetDateTime(row.created_at),
    updatedAt: javaOffsetDateTime(row.updated_at),
  };
}
