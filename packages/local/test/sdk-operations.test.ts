/**
 * Every operation of the SDK against the local server over real HTTP: the 92 operations of
 * Airbyte's public API (api.yaml) and the 28 Config API calls under `api.config`, each called
 * through the SDK in one realistic scenario (an organization's people and groups, workspaces in
 * a region, custom connectors, sources and destinations, connections, syncs with their logs and
 * state, and what only Airbyte Cloud offers). Every answer is checked against the OpenAPI
 * documents by the harness, and the last test proves, from the operations the SDK actually
 * sent, that nothing was left out.
 *
 * The tests share the scenario and run in order: each builds on what the previous ones made.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type AirbyteApi,
  BadRequestError,
  type Config,
  type Hooks,
  type JobStatusEnum,
  LockedError,
  NotFoundError,
  NotImplementedError,
  PermissionDeniedError,
  type TagResponse,
} from "airbyte-ts";
import { afterAll, describe, expect, test } from "vitest";
import { publicOperations, SPEC_AVAILABLE } from "@airbyte-ts/test-support/openapi";
import { failure, fakerToDevNull } from "./helpers/connections.js";
import { useLocalServer } from "@airbyte-ts/test-support/local-server";
// The declarative source's manifest; its title tells versions apart.
import { connectionSpecification, manifest } from "@airbyte-ts/test-support/manifests";
import { jobReaching } from "./helpers/sync.js";
import { SNOWFLAKE_CONFIGURATION } from "./helpers/configurations.js";

// A failed attempt waits a minute before the next one, so a job stays unfinished (incomplete)
// for as long as the test needs it to: the state lock (423) is then deterministic.
const localDirectory = mkdtempSync(join(tmpdir(), "sdk-operations-"));
const harness = useLocalServer({ maxAttempts: 2, retryBackoffMs: 60_000, localDirectory });
afterAll(() => rmSync(localDirectory, { recursive: true, force: true }));

const FAKER = "dfd88b22-b603-4c3d-aad7-3701784586b1";
const DEV_NULL = "a7bcc9d8-13b3-4e49-b80d-d020b90045e3";
const DUCKDB = "94bd199c-2ff0-4aa2-b98e-17f0acb72610";
const DOCUMENTATION = "https://reference.airbyte.com/reference/getting-started";
const MASK = "**********";
const SILENT = { test_destination: { test_destination_type: "SILENT" } };
const FINISHED: JobStatusEnum[] = ["succeeded", "failed", "cancelled"];

/** The 28 Config API calls of the SDK, by the operation name it gives them. */
const CONFIG_CALLS = [
  "config.state.get",
  "config.state.create_or_update_safe",
  "config.web_backend.connections.get",
  "config.web_backend.connections.update",
  "config.connections.get",
  "config.jobs.get",
  "config.jobs.list",
  "config.attempt.get_for_job",
  "config.sources.check_connection",
  "config.sources.discover_schema",
  "config.source_definitions.list_for_workspace",
  "config.destination_definitions.list_for_workspace",
  "config.source_definition_specifications.get",
  "config.destination_definition_specifications.get",
  "config.destinations.check_connection",
  "config.workspaces.get_organization_info",
  "config.workspaces.list_by_organization_id",
  "config.organizations.get_organization_info",
  "config.connector_builder_projects.get_for_definition_id",
  "config.connector_builder_projects.get_with_manifest",
  "config.connector_builder_projects.update_testing_values",
  "config.connector_builder_projects.create",
  "config.connector_builder_projects.publish",
  "config.declarative_source_definitions.create_manifest",
  "config.declarative_source_definitions.update_active_manifest",
  "config.declarative_source_definitions.list_manifests",
  "config.users.get",
  "config.users.update",
];

/**
 * The Config API calls the SDK has, read from its source: each is a `this.post("<path>", ...)` of
 * packages/sdk/src/api/config, named `config.<path with dots>` (see ConfigResource).
 */
function sdkConfigCalls(): string[] {
  const directory = fileURLToPath(new URL("../../sdk/src/api/config/", import.meta.url));
  return readdirSync(directory)
    .filter((file) => file.endsWith(".ts"))
    .flatMap((file) => [...readFileSync(join(directory, file), "utf8").matchAll(/this\.post\(\s*"([^"]+)"/g)])
    .map((match) => `config${(match[1] as string).replace(/\//g, ".")}`);
}

// ---- what the SDK sends ----

/** How many requests of each operation the SDK sent, counted before each is sent. */
const sent = new Map<string, number>();
const record: Hooks = {
  beforeRequest: (context) => void sent.set(context.operation, (sent.get(context.operation) ?? 0) + 1),
};
const requestsOf = (operation: string) => sent.get(operation) ?? 0;

/**
 * A client without credentials. No client of this file is given client credentials: each signs
 * in through the public `createAccessToken` and uses the token as `bearerToken`, so the SDK never
 * requests tokens on its own and every `createAccessToken` recorded is an explicit call.
 */
const anonymous = () => harness.client({ hooks: record });

async function signIn(clientId: string, clientSecret: string): Promise<AirbyteApi> {
  const token = await anonymous().applications.createAccessToken({
    client_id: clientId,
    client_secret: clientSecret,
    grant_type: "client_credentials",
  });
  return harness.client({ bearerToken: token.access_token, hooks: record });
}

/** Every item of a list, by `for await`, and how many page requests that took. */
async function everyItem<Item>(
  operation: string,
  list: AsyncIterable<Item>,
): Promise<{ items: Item[]; requests: number }> {
  const before = requestsOf(operation);
  const items: Item[] = [];
  for await (const item of list) items.push(item);
  return { items, requests: requestsOf(operation) - before };
}

// ---- the scenario's cast, filled in as it goes ----

let admin: AirbyteApi;
let alice: { userId: string; email: string; api: AirbyteApi }; // a member of the default organization
let bob: { userId: string; organizationId: string; api: AirbyteApi }; // admin of another organization
let regionId: string;
let analytics: string; // workspace ids
let marketing: string;
let scratch: string;
let billingTag: TagResponse;
let sourceId: string; // faker, in analytics
let devNullId: string; // dev-null, in analytics
let duckdbId: string; // duckdb, in analytics
let snowflakeId: string; // a destination the local server cannot run
let connectionId: string; // faker -> dev-null

describe("identity & access", () => {
  test("the root redirects to the documentation (302); the health check needs no credentials", async () => {
    const api = anonymous();
    const { data, response } = await api.publicRoot.getDocumentation().withResponse();
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(DOCUMENTATION);
    expect(data).toBe(DOCUMENTATION);
    expect(await api.health.getHealthCheck()).toBe("Successful operation");
  });

  test("createAccessToken: the admin's credentials give a token that works as bearerToken", async () => {
    const { clientId, clientSecret, organizationId } = harness.local();
    const token = await anonymous().applications.createAccessToken({
      client_id: clientId,
      client_secret: clientSecret,
      grant_type: "client_credentials",
    });
    expect(token).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 900 });
    admin = harness.client({ bearerToken: token.access_token, hooks: record });
    const { data } = await admin.organizations.listOrganizationsForUser();
    expect(data).toContainEqual(expect.objectContaining({ organizationId, organizationName: "Default Organization" }));
    const wrong = await failure(
      anonymous().applications.createAccessToken({
        client_id: clientId,
        client_secret: "not-the-secret",
        grant_type: "client_credentials",
      }),
    );
    expect(wrong).toBeInstanceOf(BadRequestError);
  });

  test("applications: create one, sign in with it, list, read and delete it", async () => {
    const app = await admin.applications.createApplication({ name: "sdk-operations CI" });
    expect(app).toEqual({
      id: expect.any(String),
      name: "sdk-operations CI",
      clientId: expect.any(String),
      clientSecret: expect.any(String),
      createdAt: expect.any(Number),
    });
    expect(await admin.applications.getApplication({ applicationId: app.id })).toEqual(app);
    const { applications } = await admin.applications.listApplications();
    expect(applications.map((a) => a.clientId)).toEqual(
      expect.arrayContaining([harness.local().clientId, app.clientId]),
    );
    // The application's credentials sign in as its owner, the instance admin.
    const ci = await signIn(app.clientId, app.clientSecret);
    expect((await ci.workspaces.getWorkspace({ workspaceId: harness.local().workspaceId })).name).toBe(
      "Default Workspace",
    );

    expect(await admin.applications.deleteApplication({ applicationId: app.id })).toEqual(app);
    expect(await failure(admin.applications.getApplication({ applicationId: app.id }))).toBeInstanceOf(NotFoundError);
    expect((await admin.applications.listApplications()).applications.map((a) => a.id)).not.toContain(app.id);
    const revoked = await failure(signIn(app.clientId, app.clientSecret));
    expect(revoked).toBeInstanceOf(BadRequestError);
  });

  test("organizations and their users; the Config API's organization info", async () => {
    const { organizationId } = harness.local();
    const email = "alice@sdk-operations.test";
    const created = harness.local().createUser({ email, organizationId, organizationRole: "organization_member" });
    alice = { userId: created.userId, email, api: await signIn(created.clientId, created.clientSecret) };
    const other = harness.local().createUser({ email: "bob@sdk-operations.test" });
    bob = {
      userId: other.userId,
      organizationId: other.organizationId,
      api: await signIn(other.clientId, other.clientSecret),
    };

    const users = await admin.users.listUsersWithinAnOrganization({ organizationId });
    expect(users.data).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ email: "admin@airbyte.local" }),
        { id: alice.userId, name: "alice", email },
      ]),
    );
    expect(users.data.map((u) => u.id)).not.toContain(bob.userId);
    const byEmail = await alice.api.users.listUsersWithinAnOrganization({ organizationId, emails: [email] });
    expect(byEmail.data.map((u) => u.id)).toEqual([alice.userId]);

    expect((await bob.api.organizations.listOrganizationsForUser()).data.map((o) => o.organizationId)).toEqual([
      bob.organizationId,
    ]);
    expect(await alice.api.config.organizations.getOrganizationInfo({ organizationId })).toEqual({
      organizationId,
      organizationName: "Default Organization",
      sso: false,
      scim: false,
    });
    const embedded = await alice.api.embeddedWidget.listEmbeddedOrganizationsByUser();
    expect(embedded.organizations).toEqual([
      { organizationId, organizationName: "Default Organization", permission: "organization_member" },
    ]);
  });

  test("permissions: a workspace role for alice, raised with PATCH, then removed", async () => {
    const { organizationId, workspaceId } = harness.local();
    const own = await admin.permissions.listPermissions();
    expect(own.data.map((p) => p.permissionType)).toEqual(["instance_admin", "organization_admin"]);
    // A member of the organization without a workspace role does not see its workspaces.
    expect(await failure(alice.api.workspaces.getWorkspace({ workspaceId }))).toBeInstanceOf(PermissionDeniedError);

    const granted = await admin.permissions.createPermission({
      permissionType: "workspace_reader",
      userId: alice.userId,
      workspaceId,
    });
    expect(granted).toEqual({
      permissionId: expect.any(String),
      permissionType: "workspace_reader",
      userId: alice.userId,
      workspaceId,
    });
    const { permissionId } = granted;
    expect(await admin.permissions.getPermission({ permissionId })).toEqual(granted);
    expect((await alice.api.workspaces.getWorkspace({ workspaceId })).name).toBe("Default Workspace");

    const raised = await admin.permissions.updatePermission({ permissionId }, { permissionType: "workspace_editor" });
    expect(raised).toEqual({ ...granted, permissionType: "workspace_editor" });
    const hers = await admin.permissions.listPermissions({ userId: alice.userId, organizationId });
    expect(hers.data.map((p) => p.permissionType)).toContain("organization_member");

    await admin.permissions.deletePermission({ permissionId });
    expect(await failure(admin.permissions.getPermission({ permissionId }))).toBeInstanceOf(NotFoundError);
    expect(await failure(alice.api.workspaces.getWorkspace({ workspaceId }))).toBeInstanceOf(PermissionDeniedError);
  });

  test("groups: members and a group permission give access; removing them takes it away", async () => {
    const { organizationId, workspaceId } = harness.local();
    const group = await admin.groups.createGroup({ name: "Analysts", description: "read dashboards", organizationId });
    expect(group).toEqual({
      groupId: expect.any(String),
      name: "Analysts",
      description: "read dashboards",
      organizationId,
      memberCount: 0,
    });
    const { groupId } = group;
    expect(await admin.groups.getGroup({ groupId })).toEqual(group);
    const renamed = await admin.groups.updateGroup({ groupId }, { name: "Data analysts" });
    expect(renamed).toEqual({ ...group, name: "Data analysts" });
    expect((await admin.groups.listGroups({ organizationId })).data).toEqual([renamed]);

    const member = await admin.groups.addGroupMember({ groupId }, { userId: alice.userId });
    expect(member).toEqual({
      memberId: expect.any(String),
      groupId,
      userId: alice.userId,
      userEmail: alice.email,
      userName: "alice",
    });
    expect((await admin.groups.listGroupMembers({ groupId })).data).toEqual([member]);
    expect((await admin.groups.getGroup({ groupId })).memberCount).toBe(1);

    const permission = await admin.groups.createGroupPermission(
      { groupId },
      { permissionType: "workspace_reader", workspaceId },
    );
    expect(permission).toEqual({
      permissionId: expect.any(String),
      groupId,
      permissionType: "workspace_reader",
      workspaceId,
    });
    expect((await admin.groups.listGroupPermissions({ groupId })).data).toEqual([permission]);
    expect((await alice.api.workspaces.getWorkspace({ workspaceId })).workspaceId).toBe(workspaceId);

    await admin.groups.deleteGroupPermission({ groupId, permissionId: permission.permissionId });
    expect((await admin.groups.listGroupPermissions({ groupId })).data).toEqual([]);
    expect(await failure(alice.api.workspaces.getWorkspace({ workspaceId }))).toBeInstanceOf(PermissionDeniedError);
    await admin.groups.removeGroupMember({ groupId, userId: alice.userId });
    expect((await admin.groups.listGroupMembers({ groupId })).data).toEqual([]);
    await admin.groups.deleteGroup({ groupId });
    expect(await failure(admin.groups.getGroup({ groupId }))).toBeInstanceOf(NotFoundError);
  });
});

describe("regions, workspaces & tags", () => {
  test("regions and their dataplanes", async () => {
    const { organizationId } = harness.local();
    const region = await admin.dataplanes.createRegion({ name: "Europe", organizationId });
    expect(region).toMatchObject({ name: "Europe", organizationId, enabled: true });
    regionId = region.regionId;
    const renamed = await admin.dataplanes.updateRegion({ regionId }, { name: "EU" });
    expect(renamed).toMatchObject({ regionId, name: "EU" });
    expect(await admin.regions.getRegion({ regionId })).toEqual(renamed);

    const dataplane = await admin.dataplanes.createDataplane({ regionId, name: "eu-1" });
    expect(dataplane).toEqual({
      dataplaneId: expect.any(String),
      regionId,
      clientId: expect.any(String),
      clientSecret: expect.any(String),
    });
    const { dataplaneId } = dataplane;
    const read = await admin.dataplanes.getDataplane({ dataplaneId });
    expect(read).toMatchObject({ dataplaneId, regionId, name: "eu-1", enabled: true });
    expect(read).not.toHaveProperty("clientSecret");
    const disabled = await admin.dataplanes.updateDataplane({ dataplaneId }, { name: "eu-one", enabled: false });
    expect(disabled).toMatchObject({ dataplaneId, name: "eu-one", enabled: false });
    expect((await admin.dataplanes.listDataplanes({ regionIds: [regionId] })).data).toEqual([disabled]);
    expect((await admin.dataplanes.deleteDataplane({ dataplaneId })).dataplaneId).toBe(dataplaneId);
    expect((await admin.dataplanes.listDataplanes({ regionIds: [regionId] })).data).toEqual([]);

    // A deleted region leaves the list but still answers by id.
    const temporary = await admin.dataplanes.createRegion({ name: "APAC", organizationId });
    expect((await admin.regions.deleteRegion({ regionId: temporary.regionId })).name).toBe("APAC");
    const names = (await admin.regions.listRegions({ organizationId })).data.map((r) => r.name);
    expect(names).toEqual(["EU"]);
    expect((await admin.regions.getRegion({ regionId: temporary.regionId })).regionId).toBe(temporary.regionId);
  });

  test("workspaces: created in a region, renamed, listed in pages, deleted softly", async () => {
    const { organizationId } = harness.local();
    const created = await admin.workspaces.createWorkspace({ name: "sdk-ops analytics", organizationId, regionId });
    expect(created).toMatchObject({ name: "sdk-ops analytics", dataResidency: "eu" });
    analytics = created.workspaceId;
    marketing = (await admin.workspaces.createWorkspace({ name: "sdk-ops marketing" })).workspaceId;
    scratch = (await admin.workspaces.createWorkspace({ name: "sdk-ops scratch" })).workspaceId;
    expect(await admin.workspaces.getWorkspace({ workspaceId: analytics })).toEqual(created);

    const renamed = await admin.workspaces.updateWorkspace(
      { workspaceId: analytics },
      { name: "sdk-ops analytics (prod)" },
    );
    expect(renamed).toEqual({ ...created, name: "sdk-ops analytics (prod)" });
    expect((await admin.workspaces.getWorkspace({ workspaceId: analytics })).name).toBe("sdk-ops analytics (prod)");

    const workspaceIds = [analytics, marketing, scratch];
    const first = await admin.workspaces.listWorkspaces({ workspaceIds, limit: 2 });
    expect(first.data.map((w) => w.workspaceId)).toEqual([analytics, marketing]);
    const second = await admin.workspaces.listWorkspaces({ workspaceIds, limit: 2, offset: 2 });
    expect(second.data.map((w) => w.workspaceId)).toEqual([scratch]);
    const all = await everyItem("listWorkspaces", admin.workspaces.listWorkspaces({ workspaceIds, limit: 1 }));
    expect(all.items.map((w) => w.workspaceId)).toEqual(workspaceIds);
    // Three full pages, then an empty one that ends the list.
    expect(all.requests).toBe(4);

    const { response } = await admin.workspaces.deleteWorkspace({ workspaceId: scratch }).withResponse();
    expect(response.status).toBe(204);
    const live = await admin.workspaces.listWorkspaces({ workspaceIds });
    expect(live.data.map((w) => w.workspaceId)).toEqual([analytics, marketing]);
    const withDeleted = await admin.workspaces.listWorkspaces({ workspaceIds, includeDeleted: true });
    expect(withDeleted.data.map((w) => w.workspaceId)).toEqual(workspaceIds);

    expect(await admin.config.workspaces.getOrganizationInfo({ workspaceId: analytics })).toMatchObject({
      organizationId,
      organizationName: "Default Organization",
    });
    const listed = await admin.config.workspaces.listByOrganizationId({ organizationId, nameContains: "sdk-ops" });
    expect(listed.workspaces.map((w) => [w.workspaceId, w.name])).toEqual([
      [analytics, "sdk-ops analytics (prod)"],
      [marketing, "sdk-ops marketing"],
    ]);

    // A user's record (Config API): alice, a member of the organization, makes analytics her default.
    const aliceRecord = { userId: alice.userId, name: "alice", email: alice.email, status: "registered", metadata: {} };
    expect(await alice.api.config.users.get({ userId: alice.userId })).toEqual(aliceRecord);
    expect(await alice.api.config.users.update({ userId: alice.userId, defaultWorkspaceId: analytics })).toEqual({
      ...aliceRecord,
      defaultWorkspaceId: analytics,
    });
  });

  test("tags: created, renamed, listed, deleted", async () => {
    const finance = await admin.tags.createTag({ name: "finance", color: "FF8800", workspaceId: analytics });
    expect(finance).toEqual({ tagId: expect.any(String), name: "finance", color: "FF8800", workspaceId: analytics });
    const temporary = await admin.tags.createTag({ name: "temporary", color: "000000", workspaceId: analytics });
    expect(await admin.tags.getTag({ tagId: finance.tagId })).toEqual(finance);
    billingTag = await admin.tags.updateTag({ tagId: finance.tagId }, { name: "billing", color: "00AA55" });
    expect(billingTag).toEqual({ ...finance, name: "billing", color: "00AA55" });
    expect((await admin.tags.listTags({ workspaceIds: [analytics] })).data).toEqual([billingTag, temporary]);
    await admin.tags.deleteTag({ tagId: temporary.tagId });
    expect(await failure(admin.tags.getTag({ tagId: temporary.tagId }))).toBeInstanceOf(NotFoundError);
    expect((await admin.tags.listTags({ workspaceIds: [analytics] })).data).toEqual([billingTag]);
  });
});

describe("definitions", () => {
  test("the connector catalog", async () => {
    const sources = await admin.connectorDefinitions.listConnectorDefinitions({ type: "source" });
    expect(sources.data).toContainEqual(
      expect.objectContaining({ id: FAKER, name: "Sample Data (Faker)", connectorDefinitionType: "source" }),
    );
    const destinations = await admin.connectorDefinitions.listConnectorDefinitions({
      type: "destination",
      workspaceId: analytics,
    });
    expect(destinations.data.map((d) => d.id)).toEqual(expect.arrayContaining([DEV_NULL, DUCKDB]));
    expect(destinations.data.every((d) => d.connectorDefinitionType === "destination")).toBe(true);
  });

  test("the definitions a workspace can use (Config API): built-ins, and its custom ones marked custom", async () => {
    const params = { workspaceId: analytics };
    const image = await admin.sourceDefinitions.createSourceDefinition(params, {
      name: "Ledger",
      dockerRepository: "acme/source-ledger",
      dockerImageTag: "0.3.0",
    });
    const declarative = await admin.declarativeSourceDefinitions.createDeclarativeSourceDefinition(params, {
      name: "Ledger API",
      manifest: manifest("Ledger API"),
    });
    const { sourceDefinitions } = await admin.config.sourceDefinitions.listForWorkspace(params);
    expect(sourceDefinitions.find((d) => d.sourceDefinitionId === FAKER)).toEqual({
      sourceDefinitionId: FAKER,
      name: "Sample Data (Faker)",
      dockerRepository: "airbyte/source-faker",
      dockerImageTag: "6.2.20",
      documentationUrl: "https://docs.airbyte.com/integrations/sources/faker",
      custom: false,
    });
    expect(sourceDefinitions.filter((d) => d.custom).map((d) => [d.name, d.dockerRepository])).toEqual([
      ["Ledger", "acme/source-ledger"],
      ["Ledger API", "airbyte/source-declarative-manifest"],
    ]);
    const { destinationDefinitions } = await admin.config.destinationDefinitions.listForWorkspace(params);
    expect(destinationDefinitions.map((d) => d.destinationDefinitionId)).toEqual(
      expect.arrayContaining([DEV_NULL, DUCKDB]),
    );
    expect(destinationDefinitions.every((d) => d.custom === false)).toBe(true);
    // No destination has been made in analytics yet, so none of its definitions is in use.
    const used = await admin.config.destinationDefinitions.listForWorkspace({ ...params, filterByUsed: true });
    expect(used.destinationDefinitions).toEqual([]);
    expect(
      await failure(bob.api.config.destinationDefinitions.listForWorkspace({ workspaceId: analytics })),
    ).toBeInstanceOf(PermissionDeniedError);
    await admin.sourceDefinitions.deleteSourceDefinition({ ...params, definitionId: image.id });
    await admin.declarativeSourceDefinitions.deleteDeclarativeSourceDefinition({
      ...params,
      definitionId: declarative.id,
    });
    const after = await admin.config.sourceDefinitions.listForWorkspace({ ...params, includeTombstone: false });
    expect(after.sourceDefinitions.filter((d) => d.custom)).toEqual([]);
  });

  test("connector specifications (Config API): what a workspace's configurations must be", async () => {
    const faker = await admin.config.sourceDefinitionSpecifications.get({
      sourceDefinitionId: FAKER,
      workspaceId: analytics,
    });
    expect(faker).toMatchObject({
      sourceDefinitionId: FAKER,
      documentationUrl: "https://docs.airbyte.com/integrations/sources/faker",
      connectionSpecification: { type: "object", properties: { count: { type: "integer" } } },
      jobInfo: { configType: "get_spec", succeeded: true },
    });
    const devNull = await admin.config.destinationDefinitionSpecifications.get({
      destinationDefinitionId: DEV_NULL,
      workspaceId: analytics,
    });
    expect(devNull).toMatchObject({
      destinationDefinitionId: DEV_NULL,
      connectionSpecification: { required: ["test_destination"] },
      supportedDestinationSyncModes: ["overwrite", "append", "append_dedup"],
      jobInfo: { configType: "get_spec", succeeded: true },
    });
    // Asked for with a workspace of another organization, even a built-in's is refused.
    expect(
      await failure(
        bob.api.config.sourceDefinitionSpecifications.get({ sourceDefinitionId: FAKER, workspaceId: analytics }),
      ),
    ).toBeInstanceOf(PermissionDeniedError);
  });

  test("custom Docker source definitions: create, read, update, list, delete", async () => {
    const params = { workspaceId: analytics };
    const created = await admin.sourceDefinitions.createSourceDefinition(params, {
      name: "In-house CRM",
      dockerRepository: "acme/source-crm",
      dockerImageTag: "0.1.0",
    });
    expect(created).toMatchObject({
      name: "In-house CRM",
      dockerRepository: "acme/source-crm",
      dockerImageTag: "0.1.0",
    });
    const ids = { ...params, definitionId: created.id };
    expect(await admin.sourceDefinitions.getSourceDefinition(ids)).toEqual(created);
    const updated = await admin.sourceDefinitions.updateSourceDefinition(ids, { name: "CRM", dockerImageTag: "0.2.0" });
    expect(updated).toEqual({ ...created, name: "CRM", dockerImageTag: "0.2.0" });
    const listed = await admin.sourceDefinitions.listSourceDefinitions(params);
    expect(listed.data.map((d) => d.id)).toEqual(expect.arrayContaining([FAKER, created.id]));
    expect(await admin.sourceDefinitions.deleteSourceDefinition(ids)).toEqual(updated);
    expect(await failure(admin.sourceDefinitions.getSourceDefinition(ids))).toBeInstanceOf(NotFoundError);
  });

  test("custom Docker destination definitions: create, read, update, list, delete", async () => {
    const params = { workspaceId: analytics };
    const created = await admin.destinationDefinitions.createDestinationDefinition(params, {
      name: "Acme Lake",
      dockerRepository: "acme/destination-lake",
      dockerImageTag: "2.1.0",
    });
    const ids = { ...params, definitionId: created.id };
    expect(await admin.destinationDefinitions.getDestinationDefinition(ids)).toEqual(created);
    const updated = await admin.destinationDefinitions.updateDestinationDefinition(ids, {
      name: "Acme Lakehouse",
      dockerImageTag: "2.2.0",
    });
    expect(updated).toEqual({ ...created, name: "Acme Lakehouse", dockerImageTag: "2.2.0" });
    const listed = await admin.destinationDefinitions.listDestinationDefinitions(params);
    expect(listed.data.map((d) => d.id)).toEqual(expect.arrayContaining([DEV_NULL, DUCKDB, created.id]));
    expect(await admin.destinationDefinitions.deleteDestinationDefinition(ids)).toEqual(updated);
    expect(await failure(admin.destinationDefinitions.getDestinationDefinition(ids))).toBeInstanceOf(NotFoundError);
  });

  test("declarative source definitions: each update is a new version", async () => {
    const params = { workspaceId: analytics };
    const created = await admin.declarativeSourceDefinitions.createDeclarativeSourceDefinition(params, {
      name: "Example API",
      manifest: manifest("Example"),
    });
    expect(created).toEqual({ id: expect.any(String), name: "Example API", manifest: manifest("Example"), version: 1 });
    const ids = { ...params, definitionId: created.id };
    expect(await admin.declarativeSourceDefinitions.getDeclarativeSourceDefinition(ids)).toEqual(created);
    expect((await admin.declarativeSourceDefinitions.listDeclarativeSourceDefinitions(params)).data).toEqual([created]);
    const updated = await admin.declarativeSourceDefinitions.updateDeclarativeSourceDefinition(ids, {
      manifest: manifest("Example v2"),
    });
    expect(updated).toEqual({ ...created, manifest: manifest("Example v2"), version: 2 });
    expect(await admin.declarativeSourceDefinitions.deleteDeclarativeSourceDefinition(ids)).toEqual(updated);
    expect(await failure(admin.declarativeSourceDefinitions.getDeclarativeSourceDefinition(ids))).toBeInstanceOf(
      NotFoundError,
    );
    expect((await admin.declarativeSourceDefinitions.listDeclarativeSourceDefinitions(params)).data).toEqual([]);
  });

  test("Connector Builder (Config API): a project's draft and testing values, published and versioned", async () => {
    const workspaceId = analytics;
    const { builderProjectId } = await admin.config.connectorBuilderProjects.create({
      workspaceId,
      builderProject: { name: "Builder project", draftManifest: manifest("Draft") },
    });
    const draft = await admin.config.connectorBuilderProjects.getWithManifest({ workspaceId, builderProjectId });
    expect(draft).toMatchObject({
      builderProject: { name: "Builder project", builderProjectId, hasDraft: true },
      declarativeManifest: { manifest: manifest("Draft"), isDraft: true },
    });
    const values = await admin.config.connectorBuilderProjects.updateTestingValues({
      workspaceId,
      builderProjectId,
      spec: connectionSpecification(),
      testingValues: { api_key: "builder-secret" },
    });
    expect(values).toEqual({ api_key: MASK });
    const spec = { connectionSpecification: connectionSpecification() };

    const { sourceDefinitionId } = await admin.config.connectorBuilderProjects.publish({
      workspaceId,
      builderProjectId,
      name: "Published API",
      initialDeclarativeManifest: { description: "first", manifest: manifest("v1"), spec, version: 1 },
    });
    expect(
      await admin.config.connectorBuilderProjects.getForDefinitionId({
        actorDefinitionId: sourceDefinitionId,
        workspaceId,
      }),
    ).toEqual({ builderProjectId, workspaceId });
    const project = await admin.config.connectorBuilderProjects.getWithManifest({ workspaceId, builderProjectId });
    expect(project.builderProject).toMatchObject({ sourceDefinitionId, activeDeclarativeManifestVersion: 1 });
    expect(project.testingValues).toEqual({ api_key: MASK });

    await admin.config.declarativeSourceDefinitions.createManifest({
      workspaceId,
      sourceDefinitionId,
      setAsActiveManifest: false,
      declarativeManifest: { description: "second", manifest: manifest("v2"), spec, version: 2 },
    });
    const versions = () => admin.config.declarativeSourceDefinitions.listManifests({ workspaceId, sourceDefinitionId });
    expect((await versions()).manifestVersions).toEqual([
      { version: 1, isActive: true, description: "first" },
      { version: 2, isActive: false, description: "second" },
    ]);
    const { response } = await admin.config.declarativeSourceDefinitions
      .updateActiveManifest({ workspaceId, sourceDefinitionId, version: 2 })
      .withResponse();
    expect(response.status).toBe(204);
    expect((await versions()).manifestVersions.map((v) => v.isActive)).toEqual([false, true]);
    const published = await admin.declarativeSourceDefinitions.getDeclarativeSourceDefinition({
      workspaceId,
      definitionId: sourceDefinitionId,
    });
    expect(published).toMatchObject({ name: "Published API", manifest: manifest("v2") });
  });
});

describe("sources, destinations & streams", () => {
  test("sources: created, read, renamed (PATCH), replaced (PUT), listed in pages, deleted softly", async () => {
    const pair = await fakerToDevNull(admin, analytics);
    sourceId = pair.sourceId;
    devNullId = pair.destinationId;
    const source = await admin.sources.getSource({ sourceId });
    expect(source).toMatchObject({
      sourceId,
      name: "faker",
      sourceType: "faker",
      definitionId: FAKER,
      workspaceId: analytics,
      configuration: { count: 10 },
    });
    const renamed = await admin.sources.patchSource({ sourceId }, { name: "Sample users" });
    expect(renamed).toEqual({ ...source, name: "Sample users" });
    const replaced = await admin.sources.putSource(
      { sourceId },
      { name: "Sample users (seeded)", configuration: { count: 25, seed: 7 } },
    );
    expect(replaced).toEqual({ ...source, name: "Sample users (seeded)", configuration: { count: 25, seed: 7 } });
    expect(await admin.sources.getSource({ sourceId })).toEqual(replaced);

    const more = [];
    for (const name of ["faker 2", "faker 3"]) {
      more.push(
        await admin.sources.createSource({
          name,
          workspaceId: analytics,
          configuration: { sourceType: "faker", count: 1 },
        }),
      );
    }
    const ids = [sourceId, ...more.map((s) => s.sourceId)];
    const page = await admin.sources.listSources({ workspaceIds: [analytics], limit: 2, offset: 1 });
    expect(page.data.map((s) => s.sourceId)).toEqual(ids.slice(1));
    const all = await everyItem("listSources", admin.sources.listSources({ workspaceIds: [analytics], limit: 2 }));
    expect(all.items.map((s) => s.sourceId)).toEqual(ids);
    // A full page, then a short one that ends the list.
    expect(all.requests).toBe(2);

    const deleted = more[1]!.sourceId;
    const { response } = await admin.sources.deleteSource({ sourceId: deleted }).withResponse();
    expect(response.status).toBe(204);
    expect((await admin.sources.listSources({ workspaceIds: [analytics] })).data.map((s) => s.sourceId)).toEqual(
      ids.slice(0, 2),
    );
    const withDeleted = await admin.sources.listSources({ workspaceIds: [analytics], includeDeleted: true });
    expect(withDeleted.data.map((s) => s.sourceId)).toEqual(ids);
  });

  test("destinations: dev-null, duckdb (PATCH and PUT) and one the local server cannot run", async () => {
    const devNull = await admin.destinations.getDestination({ destinationId: devNullId });
    expect(devNull).toMatchObject({
      name: "null",
      destinationType: "dev-null",
      definitionId: DEV_NULL,
      configuration: SILENT,
    });

    const duckdb = await admin.destinations.createDestination({
      name: "warehouse",
      workspaceId: analytics,
      configuration: { destinationType: "duckdb", destination_path: "/local/sdk-operations/out.duckdb" },
    });
    duckdbId = duckdb.destinationId;
    expect(duckdb).toMatchObject({ destinationType: "duckdb", definitionId: DUCKDB });
    const patched = await admin.destinations.patchDestination(
      { destinationId: duckdbId },
      { name: "warehouse (raw)", configuration: { schema: "raw" } },
    );
    expect(patched).toMatchObject({
      name: "warehouse (raw)",
      configuration: { destination_path: "/local/sdk-operations/out.duckdb", schema: "raw" },
    });
    const put = await admin.destinations.putDestination(
      { destinationId: duckdbId },
      { name: "warehouse", configuration: { destination_path: "/local/sdk-operations/analytics.duckdb" } },
    );
    expect(put).toEqual({ ...duckdb, configuration: { destination_path: "/local/sdk-operations/analytics.duckdb" } });
    expect(await admin.destinations.getDestination({ destinationId: duckdbId })).toEqual(put);
    const check = await admin.config.destinations.checkConnection({ destinationId: duckdbId });
    expect(check).toMatchObject({ status: "succeeded", jobInfo: { configType: "check_connection_destination" } });

    const snowflake = await admin.destinations.createDestination({
      name: "snowflake",
      workspaceId: analytics,
      configuration: {
        destinationType: "snowflake",
        ...SNOWFLAKE_CONFIGURATION,
      },
    });
    snowflakeId = snowflake.destinationId;
    expect(snowflake.configuration).toMatchObject({ credentials: { private_key: MASK } });
    const refused = await admin.config.destinations.checkConnection({ destinationId: snowflakeId });
    expect(refused.status).toBe("failed");
    expect(refused.message).toMatch(/cannot run the Snowflake destination/);

    const temporary = await admin.destinations.createDestination({
      name: "temporary",
      workspaceId: analytics,
      configuration: { destinationType: "dev-null", ...SILENT },
    });
    await admin.destinations.deleteDestination({ destinationId: temporary.destinationId });
    const live = await admin.destinations.listDestinations({ workspaceIds: [analytics] });
    expect(live.data.map((d) => d.destinationId)).toEqual([devNullId, duckdbId, snowflakeId]);
    const all = await everyItem(
      "listDestinations",
      admin.destinations.listDestinations({ workspaceIds: [analytics], includeDeleted: true, limit: 3 }),
    );
    expect(all.items.map((d) => d.destinationId)).toEqual([devNullId, duckdbId, snowflakeId, temporary.destinationId]);
    expect(all.requests).toBe(2);
  });

  test("streams and checks: what the source offers, discovered and checked", async () => {
    const streams = await admin.streams.getStreamProperties({ sourceId, destinationId: devNullId });
    expect(streams.map((s) => s.streamName)).toEqual(["users", "products", "purchases"]);
    expect(streams[0]).toMatchObject({
      sourceDefinedCursorField: true,
      defaultCursorField: ["updated_at"],
      sourceDefinedPrimaryKey: [["id"]],
      syncModes: expect.arrayContaining(["full_refresh_overwrite", "incremental_append"]),
    });
    const discovered = await admin.config.sources.discoverSchema({ sourceId });
    expect(discovered.jobInfo).toMatchObject({ configType: "discover_schema", configId: sourceId, succeeded: true });
    expect(discovered.catalog?.streams.map((s) => s.stream?.name)).toEqual(["users", "products", "purchases"]);
    const check = await admin.config.sources.checkConnection({ sourceId });
    expect(check).toMatchObject({
      status: "succeeded",
      jobInfo: { configType: "check_connection_source", configId: sourceId },
    });
  });
});

describe("connections", () => {
  test("a connection with a tag and chosen streams: read, patched, and seen by the Config API", async () => {
    const created = await admin.connections.createConnection({
      name: "users to null",
      sourceId,
      destinationId: devNullId,
      tags: [billingTag],
      configurations: {
        streams: [
          { name: "users", syncMode: "incremental_append" },
          { name: "purchases", syncMode: "full_refresh_overwrite" },
        ],
      },
    });
    connectionId = created.connectionId;
    expect(created).toMatchObject({
      name: "users to null",
      sourceId,
      destinationId: devNullId,
      workspaceId: analytics,
      status: "active",
      schedule: { scheduleType: "manual" },
      tags: [billingTag],
    });
    expect(created.configurations.streams?.map((s) => [s.name, s.syncMode])).toEqual([
      ["users", "incremental_append"],
      ["purchases", "full_refresh_overwrite"],
    ]);
    expect(await admin.connections.getConnection({ connectionId })).toEqual(created);

    const patched = await admin.connections.patchConnection(
      { connectionId },
      { name: "users to null (daily)", schedule: { scheduleType: "cron", cronExpression: "0 0 6 * * ?" } },
    );
    expect(patched).toMatchObject({
      name: "users to null (daily)",
      schedule: { scheduleType: "cron" },
      tags: [billingTag],
    });

    const config = await admin.config.connections.get({ connectionId });
    expect(config).toMatchObject({
      connectionId,
      name: "users to null (daily)",
      scheduleType: "cron",
      scheduleData: { cron: { cronExpression: "0 0 6 * * ?", cronTimeZone: "UTC" } },
      tags: [{ tagId: billingTag.tagId, workspaceId: analytics, name: "billing", color: "00AA55" }],
    });
    expect(config.syncCatalog.streams.filter((s) => s.config?.selected).map((s) => s.stream?.name)).toEqual([
      "users",
      "purchases",
    ]);

    const view = await admin.config.webBackend.connections.get({ connectionId });
    expect(view).toMatchObject({
      connectionId,
      isSyncing: false,
      source: { sourceId, name: "Sample users (seeded)" },
      destination: { destinationId: devNullId, name: "null" },
    });
    const updated = await admin.config.webBackend.connections.update({
      connectionId,
      prefix: "sdk_",
      scheduleType: "manual",
    });
    expect(updated).toMatchObject({ prefix: "sdk_", scheduleType: "manual", name: "users to null (daily)" });
    expect(await admin.connections.getConnection({ connectionId })).toMatchObject({
      prefix: "sdk_",
      schedule: { scheduleType: "manual" },
    });
  });

  test("connections are listed in pages, filtered by tag, and deleted softly", async () => {
    const toDuckdb = await admin.connections.createConnection({ name: "to duckdb", sourceId, destinationId: duckdbId });
    const doomed = await admin.connections.createConnection({ name: "doomed", sourceId, destinationId: duckdbId });
    const ids = [connectionId, toDuckdb.connectionId, doomed.connectionId];
    const workspaceIds = [analytics];

    const first = await admin.connections.listConnections({ workspaceIds, limit: 2 });
    expect(first.data.map((c) => c.connectionId)).toEqual(ids.slice(0, 2));
    const rest = await admin.connections.listConnections({ workspaceIds, limit: 2, offset: 2 });
    expect(rest.data.map((c) => c.connectionId)).toEqual(ids.slice(2));
    const all = await everyItem("listConnections", admin.connections.listConnections({ workspaceIds, limit: 1 }));
    expect(all.items.map((c) => c.connectionId)).toEqual(ids);
    expect(all.requests).toBe(4);
    const tagged = await admin.connections.listConnections({ workspaceIds, tagIds: [billingTag.tagId] });
    expect(tagged.data.map((c) => c.connectionId)).toEqual([connectionId]);

    const { response } = await admin.connections.deleteConnection({ connectionId: doomed.connectionId }).withResponse();
    expect(response.status).toBe(204);
    const live = await admin.connections.listConnections({ workspaceIds });
    expect(live.data.map((c) => c.connectionId)).toEqual(ids.slice(0, 2));
    const withDeleted = await admin.connections.listConnections({ workspaceIds, includeDeleted: true });
    expect(withDeleted.data.map((c) => [c.connectionId, c.status])).toEqual([
      [connectionId, "active"],
      [toDuckdb.connectionId, "active"],
      [doomed.connectionId, "deprecated"],
    ]);
  });
});

describe("jobs, state & logs", () => {
  test("a sync runs to success; the Config API shows its attempt with logs", async () => {
    const created = await admin.jobs.createJob({ connectionId, jobType: "sync" });
    expect(created).toMatchObject({ connectionId, jobType: "sync", status: "pending" });
    const done = await jobReaching(admin, created.jobId, FINISHED);
    expect(done).toMatchObject({ jobId: created.jobId, status: "succeeded" });

    const listed = await admin.jobs.listJobs({ connectionId, jobType: "sync", status: "succeeded" });
    expect(listed.data).toEqual([done]);

    const info = await admin.config.jobs.get({ id: created.jobId });
    expect(info.job).toMatchObject({
      id: created.jobId,
      configType: "sync",
      configId: connectionId,
      status: "succeeded",
    });
    expect(info.job.enabledStreams).toEqual([{ name: "users" }, { name: "purchases" }]);
    expect(info.attempts.map((a) => a.attempt.status)).toEqual(["succeeded"]);
    const committed = info.job.streamAggregatedStats?.map((s) => s.recordsCommitted) ?? [];
    expect(committed.every((count) => count > 0)).toBe(true);
    expect(done.rowsSynced).toBe(committed.reduce((sum, count) => sum + count, 0));
    const [attempt] = info.attempts;
    expect(attempt?.logType).toBe("structured");
    const messages = (attempt?.logs as Config.LogEvents).events.map((e) => e.message);
    expect(messages[0]).toContain(`Starting sync of 2 streams of connection "users to null (daily)"`);
    expect(messages).toContainEqual(expect.stringContaining("Stream users (incremental | append)"));
    expect(await admin.config.attempt.getForJob({ jobId: created.jobId, attemptNumber: 0 })).toEqual(attempt);

    const list = await admin.config.jobs.list({ configTypes: ["sync"], configId: connectionId });
    expect(list.totalJobCount).toBe(1);
    expect(list.jobs.map((j) => j.job?.id)).toEqual([created.jobId]);
  });

  test("state: left by the sync, replaced with createOrUpdateSafe, read back, cleared by a reset", async () => {
    const synced = await admin.config.state.get({ connectionId });
    expect(synced.stateType).toBe("stream");
    // Only the incremental stream (users) keeps a state; purchases is a full refresh here.
    expect(synced.streamState?.map((s) => s.streamDescriptor.name)).toEqual(["users"]);
    const connectionState: Config.ConnectionState = {
      stateType: "stream",
      connectionId,
      streamState: [{ streamDescriptor: { name: "users" }, streamState: { updated_at: "2024-05-01T00:00:00Z" } }],
    };
    expect(await admin.config.state.createOrUpdateSafe({ connectionId, connectionState })).toEqual(connectionState);
    expect(await admin.config.state.get({ connectionId })).toEqual(connectionState);

    const reset = await admin.jobs.createJob({ connectionId, jobType: "reset" });
    expect(reset.jobType).toBe("reset");
    expect((await jobReaching(admin, reset.jobId, FINISHED)).status).toBe("succeeded");
    expect(await admin.config.state.get({ connectionId })).toEqual({ stateType: "not_set", connectionId });
  });

  test("423 LockedError while a sync has not finished; cancelling the job lifts the lock", async () => {
    const { connectionId: blocked } = await admin.connections.createConnection({
      name: "to snowflake",
      sourceId,
      destinationId: snowflakeId,
    });
    const { jobId } = await admin.jobs.createJob({ connectionId: blocked, jobType: "sync" });
    // The first attempt fails at once (the local server cannot run Snowflake); the job then
    // waits a minute (retryBackoffMs) for its second attempt, unfinished.
    expect((await jobReaching(admin, jobId, ["incomplete", ...FINISHED])).status).toBe("incomplete");

    const connectionState: Config.ConnectionState = {
      stateType: "global",
      connectionId: blocked,
      globalState: { shared_state: { lsn: 42 }, streamStates: [] },
    };
    const locked = await failure(admin.config.state.createOrUpdateSafe({ connectionId: blocked, connectionState }));
    expect(locked).toBeInstanceOf(LockedError);
    expect(locked.status).toBe(423);
    expect(locked.problem?.message).toBe("State cannot be updated while a sync is running for this connection.");

    const cancelled = await admin.jobs.cancelJob({ jobId });
    expect(cancelled).toMatchObject({ jobId, status: "cancelled", connectionId: blocked });
    expect(await admin.config.state.createOrUpdateSafe({ connectionId: blocked, connectionState })).toEqual(
      connectionState,
    );

    const info = await admin.config.jobs.get({ id: jobId });
    expect(info.job.status).toBe("cancelled");
    expect(info.attempts.map((a) => a.attempt.status)).toEqual(["failed"]);
    expect(info.attempts[0]?.attempt.failureSummary?.failures[0]).toMatchObject({
      failureOrigin: "destination",
      externalMessage: expect.stringContaining("cannot run the Snowflake destination"),
    });
    const newestFirst = await admin.jobs.listJobs({ workspaceIds: [analytics], orderBy: "createdAt|DESC", limit: 1 });
    expect(newestFirst.data.map((j) => j.jobId)).toEqual([jobId]);
  });
});

describe("Cloud-only operations: 501 NotImplementedError from a self-managed Airbyte", () => {
  const cloudOnly = async (call: () => PromiseLike<unknown>) => {
    const error = await failure(call());
    expect(error).toBeInstanceOf(NotImplementedError);
    expect(error.status).toBe(501);
  };

  test("OAuth: initiating a consent flow, the callback, credential overrides", async () => {
    const { organizationId } = harness.local();
    await cloudOnly(() =>
      admin.sources.initiateOAuth({
        sourceType: "github",
        redirectUrl: "https://example.com/oauth/done",
        workspaceId: analytics,
      }),
    );
    await cloudOnly(() => anonymous().oauth.oauthCallback({ queryParams: { code: "abc", state: "xyz" } }));
    const overrides = { actorType: "source" as const, name: "github", configuration: { client_id: "id" } };
    await cloudOnly(() =>
      admin.workspaces.createOrUpdateWorkspaceOAuthCredentials({ workspaceId: analytics }, overrides),
    );
    await cloudOnly(() =>
      admin.workspaces.deleteWorkspaceOAuthCredentials({ workspaceId: analytics, actorType: "source", name: "github" }),
    );
    await cloudOnly(() =>
      admin.organizations.createOrUpdateOrganizationOAuthCredentials({ organizationId }, overrides),
    );
    await cloudOnly(() =>
      admin.organizations.deleteOrganizationOAuthCredentials({ organizationId, actorType: "source", name: "github" }),
    );
  });

  test("Airbyte Embedded: widget and scoped tokens", async () => {
    await cloudOnly(() =>
      admin.embeddedWidget.getEmbeddedWidget({
        allowedOrigin: "https://app.example.com",
        externalUserId: "customer-1",
        organizationId: harness.local().organizationId,
      }),
    );
    await cloudOnly(() => admin.embeddedScopedToken.generateEmbeddedScopedToken({ workspaceId: analytics }));
  });
});

describe("coverage", () => {
  test("every Config API call was sent through the SDK, and the token endpoint explicitly", () => {
    const seen = [...sent.keys()];
    expect(CONFIG_CALLS).toHaveLength(28);
    expect([...sdkConfigCalls()].sort()).toEqual([...CONFIG_CALLS].sort());
    const missingConfig = CONFIG_CALLS.filter((call) => !sent.has(call));
    expect(missingConfig, "Config API calls never made").toEqual([]);
    expect(seen.filter((name) => name.startsWith("config.")).sort()).toEqual([...CONFIG_CALLS].sort());
    // No client here signs in by itself (see `anonymous`): this was the explicit public call.
    expect(requestsOf("createAccessToken")).toBeGreaterThan(0);
  });

  test.skipIf(!SPEC_AVAILABLE)("every operation of api.yaml was sent through the SDK", () => {
    const seen = [...sent.keys()];
    const operationIds = publicOperations().map((op) => op.operationId);
    expect(operationIds).toHaveLength(92);
    expect(seen.filter((name) => !name.startsWith("config.")).sort()).toEqual([...operationIds].sort());
  });
});
