/**
 * The stored regions (Airbyte's dataplane groups) and their dataplanes: the SQL of the regions
 * service, which holds the rules.
 */
import { placeholders, type Store } from "./db.js";
import type { DataplaneRow, RegionRow } from "./rows.js";

export class RegionRecords {
  constructor(private readonly store: Store) {}

  /** The stored region, deleted (tombstoned) or not. */
  region(regionId: string): RegionRow | undefined {
    return this.store.db.prepare("SELECT * FROM regions WHERE id = ?").get(regionId) as RegionRow | undefined;
  }

  liveRegion(regionId: string): RegionRow | undefined {
    return this.store.db.prepare("SELECT * FROM regions WHERE id = ? AND tombstone = 0").get(regionId) as
      RegionRow | undefined;
  }

  /** The live regions of the organizations, most recently changed first. */
  liveRegionsOf(organizationIds: readonly string[]): RegionRow[] {
    return this.store.db
      .prepare(
        `SELECT * FROM regions WHERE organization_id IN (${placeholders(organizationIds)}) AND tombstone = 0 ORDER BY updated_at DESC, id`,
      )
      .all(...organizationIds) as RegionRow[];
  }

  /** Whether another live region of the organization has the name. */
  regionNameTaken(organizationId: string, name: string, exceptRegionId: string): boolean {
    return (
      this.store.db
        .prepare("SELECT 1 FROM regions WHERE organization_id = ? AND name = ? AND tombstone = 0 AND id <> ?")
        .get(organizationId, name, exceptRegionId) !== undefined
    );
  }

  insertRegion(row: RegionRow): void {
    this.store.db
      .prepare(
        `INSERT INTO regions (id, organization_id, name, enabled, tombstone, created_at, updated_at)
         VALUES (@id, @organization_id, @name, @enabled, @tombstone, @created_at, @updated_at)`,
      )
      .run(row);
  }

  /** Writes the changeable columns: name, enabled and the time of the change. */
  updateRegion(row: RegionRow): void {
    this.store.db
      .prepare("UPDATE regions SET name = @name, enabled = @enabled, updated_at = @updated_at WHERE id = @id")
      .run(row);
  }

  /** Tombstones the region and its live dataplanes. */
  tombstoneRegion(regionId: string, now: number): void {
    this.store.transaction(() => {
      this.store.db
        .prepare("UPDATE dataplanes SET tombstone = 1, updated_at = ? WHERE region_id = ? AND tombstone = 0")
        .run(now, regionId);
      this.store.db.prepare("UPDATE regions SET tombstone = 1, updated_at = ? WHERE id = ?").run(now, regionId);
    });
  }

  /** The stored dataplane, deleted (tombstoned) or not. */
  dataplane(dataplaneId: string): DataplaneRow | undefined {
    return this.store.db.prepare("SELECT * FROM dataplanes WHERE id = ?").get(dataplaneId) as DataplaneRow | undefined;
  }

  /** The live dataplanes of the regions, most recently changed first. */
  liveDataplanesOfRegions(regionIds: readonly string[]): DataplaneRow[] {
    return this.store.db
      .prepare(
        `SELECT * FROM dataplanes WHERE tombstone = 0 AND region_id IN (${placeholders(regionIds)}) ORDER BY updated_at DESC, id`,
      )
      .all(...regionIds) as DataplaneRow[];
  }

  /** The live dataplanes of the organizations' regions (of every region when undefined), most recently changed first. */
  liveDataplanesOfOrganizations(organizationIds: readonly string[] | undefined): DataplaneRow[] {
    const where = organizationIds === undefined ? "" : `AND r.organization_id IN (${placeholders(organizationIds)})`;
    return this.store.db
      .prepare(
        `SELECT d.* FROM dataplanes d JOIN regions r ON r.id = d.region_id WHERE d.tombstone = 0 ${where} ORDER BY d.updated_at DESC, d.id`,
      )
      .all(...(organizationIds ?? [])) as DataplaneRow[];
  }

  /** Whether another live dataplane of the region has the name. */
  dataplaneNameTaken(regionId: string, name: string, exceptDataplaneId: string): boolean {
    return (
      this.store.db
        .prepare("SELECT 1 FROM dataplanes WHERE region_id = ? AND name = ? AND tombstone = 0 AND id <> ?")
        .get(regionId, name, exceptDataplaneId) !== undefined
    );
  }

  insertDataplane(row: DataplaneRow): void {
    this.store.db
      .prepare(
        `INSERT INTO dataplanes (id, region_id, name, enabled, client_id, client_secret, tombstone, created_at, updated_at)
         VALUES (@id, @region_id, @name, @enabled, @client_id, @client_secret, @tombstone, @created_at, @updated_at)`,
      )
      .run(row);
  }

  /** Writes the changeable columns: name, enabled and the time of the change. */
  updateDataplane(row: DataplaneRow): void {
    this.store.db
      .prepare("UPDATE dataplanes SET name = @name, enabled = @enabled, updated_at = @updated_at WHERE id = @id")
      .run(row);
  }

  tombstoneDataplane(dataplaneId: string, now: number): void {
    this.store.db.prepare("UPDATE dataplanes SET tombstone = 1, updated_at = ? WHERE id = ?").run(now, dataplaneId);
  }
}
