/**
 * `/regions` and `/dataplanes`: an organization's regions and their dataplanes, read by its
 * members, changed by its admins; deletes tombstone (the deleted one still answers by id); times
 * as Java's OffsetDateTime prints them.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { failure, type Person, useLocalServer } from "@airbyte-ts/test-support/local-server";

const harness = useLocalServer();
const UNKNOWN = "7d2c4e1a-9b3f-4c5d-8e6f-0a1b2c3d4e5f";
/** `OffsetDateTime.toString()` in UTC from epoch seconds: seconds left out when zero. */
const JAVA_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z$/;

let alice: Person; // admin of her organization
let bob: Person; // admin of another organization
let carol: Person; // member of alice's organization

beforeAll(() => {
  alice = harness.person("alice@regions.test");
  bob = harness.person("bob@regions.test");
  carol = harness.person("carol@regions.test", { organizationId: alice.organizationId });
});

describe("regions", () => {
  test("create, list, get, update and delete a region", async () => {
    const created = await alice.api.dataplanes.createRegion({ name: "EU", organizationId: alice.organizationId });
    expect(created).toEqual({
      regionId: expect.any(String),
      name: "EU",
      organizationId: alice.organizationId,
      enabled: true,
      createdAt: expect.stringMatching(JAVA_TIME),
      updatedAt: expect.stringMatching(JAVA_TIME),
    });
    const { regionId } = created;
    expect(Date.parse(created.createdAt)).toBeLessThanOrEqual(Date.now());
    expect((await alice.api.regions.listRegions({ organizationId: alice.organizationId })).data).toEqual([created]);
    expect(await carol.api.regions.getRegion({ regionId })).toEqual(created);
    const disabled = await alice.api.dataplanes.updateRegion({ regionId }, { enabled: false, name: "EU-West" });
    expect(disabled).toEqual({
      ...created,
      name: "EU-West",
      enabled: false,
      updatedAt: expect.stringMatching(JAVA_TIME),
    });
    const deleted = await alice.api.regions.deleteRegion({ regionId });
    expect(deleted).toEqual({ ...disabled, updatedAt: expect.stringMatching(JAVA_TIME) });
    expect((await alice.api.regions.listRegions({ organizationId: alice.organizationId })).data).toEqual([]);
    // A deleted region still answers by id, as on Airbyte.
    expect((await alice.api.regions.getRegion({ regionId })).name).toBe("EU-West");
  });

  test("a region name is unique among an organization's live regions: 409", async () => {
    const first = await alice.api.dataplanes.createRegion({
      name: "US",
      organizationId: alice.organizationId,
      enabled: false,
    });
    expect(first.enabled).toBe(false);
    const duplicate = await failure(
      alice.api.dataplanes.createRegion({ name: "US", organizationId: alice.organizationId }),
    );
    expect(duplicate.status).toBe(409);
    expect(duplicate.type).toBe("error:dataplane-group-name-already-exists");
    expect(duplicate.title).toBe("Data plane group name already exists");
    const bobs = await bob.api.dataplanes.createRegion({ name: "US", organizationId: bob.organizationId });
    const second = await alice.api.dataplanes.createRegion({ name: "APAC", organizationId: alice.organizationId });
    expect(
      (await failure(alice.api.dataplanes.updateRegion({ regionId: second.regionId }, { name: "US" }))).status,
    ).toBe(409);
    await alice.api.regions.deleteRegion({ regionId: first.regionId });
    // Once deleted, the name is free again.
    const again = await alice.api.dataplanes.createRegion({ name: "US", organizationId: alice.organizationId });
    await alice.api.regions.deleteRegion({ regionId: again.regionId });
    await alice.api.regions.deleteRegion({ regionId: second.regionId });
    await bob.api.regions.deleteRegion({ regionId: bobs.regionId });
  });

  test("regions of the default organization are offered to every organization", async () => {
    const admin = harness.admin();
    const shared = await admin.dataplanes.createRegion({
      name: "AUTO",
      organizationId: harness.local().organizationId,
    });
    const own = await alice.api.dataplanes.createRegion({ name: "Own", organizationId: alice.organizationId });
    const names = (await carol.api.regions.listRegions({ organizationId: alice.organizationId })).data.map(
      (r) => r.name,
    );
    expect(names.sort()).toEqual(["AUTO", "Own"]);
    expect((await carol.api.regions.getRegion({ regionId: shared.regionId })).name).toBe("AUTO");
    // ...but only the default organization's admins change them.
    expect(
      (await failure(alice.api.dataplanes.updateRegion({ regionId: shared.regionId }, { enabled: false }))).status,
    ).toBe(403);
    await admin.regions.deleteRegion({ regionId: shared.regionId });
    await alice.api.regions.deleteRegion({ regionId: own.regionId });
  });

  test("members read, admins write, other organizations neither", async () => {
    const region = await alice.api.dataplanes.createRegion({ name: "Guarded", organizationId: alice.organizationId });
    const { regionId } = region;
    for (const call of [
      () => carol.api.dataplanes.createRegion({ name: "x", organizationId: alice.organizationId }),
      () => carol.api.dataplanes.updateRegion({ regionId }, { name: "y" }),
      () => carol.api.regions.deleteRegion({ regionId }),
      () => bob.api.regions.listRegions({ organizationId: alice.organizationId }),
      () => bob.api.regions.getRegion({ regionId }),
      () => bob.api.dataplanes.updateRegion({ regionId }, { name: "y" }),
      () => bob.api.regions.deleteRegion({ regionId }),
      () => bob.api.regions.getRegion({ regionId: UNKNOWN }),
    ]) {
      const error = await failure(call());
      expect(error.status).toBe(403);
      expect(error.title).toBe("forbidden");
    }
    expect((await bob.api.regions.listRegions({ organizationId: bob.organizationId })).data).toEqual([]);
    const unknown = await failure(harness.admin().regions.getRegion({ regionId: UNKNOWN }));
    expect([unknown.status, unknown.data]).toEqual([404, { resourceType: "region", resourceId: UNKNOWN }]);
    await alice.api.regions.deleteRegion({ regionId });
  });
});

describe("dataplanes", () => {
  test("create (with credentials), list, get, update and delete a dataplane", async () => {
    const region = await alice.api.dataplanes.createRegion({ name: "Planes", organizationId: alice.organizationId });
    const created = await alice.api.dataplanes.createDataplane({ regionId: region.regionId, name: "dp-1" });
    expect(created).toEqual({
      dataplaneId: expect.any(String),
      regionId: region.regionId,
      clientId: expect.any(String),
      clientSecret: expect.any(String),
    });
    const { dataplaneId } = created;
    const read = await carol.api.dataplanes.getDataplane({ dataplaneId });
    expect(read).toEqual({
      dataplaneId,
      name: "dp-1",
      regionId: region.regionId,
      enabled: true,
      createdAt: expect.stringMatching(JAVA_TIME),
      updatedAt: expect.stringMatching(JAVA_TIME),
    });
    // The secret is shown once: reads never carry credentials.
    expect(read).not.toHaveProperty("clientSecret");
    expect((await alice.api.dataplanes.listDataplanes({ regionIds: [region.regionId] })).data).toEqual([read]);
    const updated = await alice.api.dataplanes.updateDataplane({ dataplaneId }, { name: "dp-one", enabled: false });
    expect(updated).toEqual({ ...read, name: "dp-one", enabled: false, updatedAt: expect.stringMatching(JAVA_TIME) });
    const deleted = await alice.api.dataplanes.deleteDataplane({ dataplaneId });
    expect(deleted.name).toBe("dp-one");
    expect((await alice.api.dataplanes.listDataplanes({ regionIds: [region.regionId] })).data).toEqual([]);
    expect((await alice.api.dataplanes.getDataplane({ dataplaneId })).dataplaneId).toBe(dataplaneId);
    await alice.api.regions.deleteRegion({ regionId: region.regionId });
  });

  test("without regionIds, the dataplanes of every region the caller can see", async () => {
    const own = await alice.api.dataplanes.createRegion({ name: "Mine", organizationId: alice.organizationId });
    const theirs = await bob.api.dataplanes.createRegion({ name: "Theirs", organizationId: bob.organizationId });
    const mine = await alice.api.dataplanes.createDataplane({ regionId: own.regionId, name: "a" });
    const other = await bob.api.dataplanes.createDataplane({ regionId: theirs.regionId, name: "b" });
    expect((await carol.api.dataplanes.listDataplanes()).data.map((d) => d.dataplaneId)).toEqual([mine.dataplaneId]);
    const all = (await harness.admin().dataplanes.listDataplanes()).data.map((d) => d.dataplaneId);
    expect(all).toEqual(expect.arrayContaining([mine.dataplaneId, other.dataplaneId]));
    const forbidden = await failure(alice.api.dataplanes.listDataplanes({ regionIds: [theirs.regionId] }));
    expect(forbidden.status).toBe(403);
    // Deleting a region takes its dataplanes along.
    await alice.api.regions.deleteRegion({ regionId: own.regionId });
    expect((await carol.api.dataplanes.listDataplanes()).data).toEqual([]);
    const inDeleted = await failure(alice.api.dataplanes.createDataplane({ regionId: own.regionId, name: "late" }));
    expect(inDeleted.status).toBe(400);
    await bob.api.regions.deleteRegion({ regionId: theirs.regionId });
  });

  test("names are unique in a region; members cannot write; others cannot read", async () => {
    const region = await alice.api.dataplanes.createRegion({ name: "Names", organizationId: alice.organizationId });
    const first = await alice.api.dataplanes.createDataplane({ regionId: region.regionId, name: "same" });
    const duplicate = await failure(alice.api.dataplanes.createDataplane({ regionId: region.regionId, name: "same" }));
    expect(duplicate.status).toBe(409);
    expect(duplicate.type).toBe("error:dataplane-name-already-exists");
    const { dataplaneId } = first;
    for (const call of [
      () => carol.api.dataplanes.createDataplane({ regionId: region.regionId, name: "c" }),
      () => carol.api.dataplanes.updateDataplane({ dataplaneId }, { name: "c" }),
      () => carol.api.dataplanes.deleteDataplane({ dataplaneId }),
      () => bob.api.dataplanes.getDataplane({ dataplaneId }),
      () => bob.api.dataplanes.getDataplane({ dataplaneId: UNKNOWN }),
    ]) {
      expect((await failure(call())).status).toBe(403);
    }
    const unknown = await failure(harness.admin().dataplanes.getDataplane({ dataplaneId: UNKNOWN }));
    expect([unknown.status, unknown.data?.resourceType]).toEqual([404, "dataplane"]);
    const unknownRegion = await failure(harness.admin().dataplanes.createDataplane({ regionId: UNKNOWN, name: "x" }));
    expect([unknownRegion.status, unknownRegion.data?.resourceType]).toEqual([404, "region"]);
    await alice.api.regions.deleteRegion({ regionId: region.regionId });
  });
});

describe("bad input", () => {
  const send = (method: "GET" | "POST" | "PATCH", path: string, body?: unknown) =>
    failure(alice.api.request({ operation: "raw", method, path, ...(body === undefined ? {} : { body }) }));

  test("query parameters", async () => {
    expect((await send("GET", "/regions")).status).toBe(400);
    expect((await send("GET", "/regions?organizationId=x")).status).toBe(400);
    expect((await send("GET", "/dataplanes?regionIds=x")).status).toBe(400);
    expect((await send("GET", "/regions/not-a-uuid")).status).toBe(400);
    expect((await send("GET", "/dataplanes/not-a-uuid")).status).toBe(400);
  });

  test("bodies", async () => {
    expect((await send("POST", "/regions", { name: "x" })).status).toBe(400);
    expect((await send("POST", "/regions", { name: 1, organizationId: alice.organizationId })).status).toBe(422);
    expect(
      (await send("POST", "/regions", { name: "x", organizationId: alice.organizationId, enabled: "yes" })).status,
    ).toBe(422);
    expect((await send("POST", "/regions", { name: " ", organizationId: alice.organizationId })).status).toBe(400);
    expect((await send("POST", "/regions", [])).status).toBe(422);
    expect((await send("POST", "/dataplanes", { name: "x" })).status).toBe(400);
    expect((await send("PATCH", `/regions/${UNKNOWN}`, { enabled: 3 })).status).toBe(422);
    const unknownOrganization = await failure(
      harness.admin().dataplanes.createRegion({ name: "x", organizationId: UNKNOWN }),
    );
    expect([unknownOrganization.status, unknownOrganization.data?.resourceType]).toEqual([404, "organization"]);
  });
});
