/**
 * The whole loop against a real local server: a project planned, applied and planned again
 * (empty); a change behind the tool's back shows in the next plan; renames by key move the lock
 * entry; prune deletes only what the lock file manages; preventDestroy and replacements are
 * refused unless allowed; a stale plan is refused; an apply that fails half-way is re-run and
 * converges with no duplicate.
 */
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useLocalServer } from "@airbyte-ts/test-support/local-server";
import { apply, type Plan, plan } from "../../src/config-as-code/index.js";
import { loadProject } from "../../src/config-as-code/load-project.js";
import { lockFilePath } from "../../src/config-as-code/lock-file.js";

const harness = useLocalServer();
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "airbyte-ts-apply-"));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

async function newWorkspace() {
  const api = harness.admin();
  const { workspaceId } = await api.workspaces.createWorkspace({
    name: `cac-${Math.random().toString(36).slice(2)}`,
    organizationId: harness.local().organizationId,
  });
  return { api, workspaceId };
}

const PROJECT = (extra = "") => `apiVersion: airbyte-ts/v1
tags:
  finance: { color: "00AA00" }
sources:
  faker:
    name: Faker
    connector: source-faker
    configuration: { count: 100, seed: 7 }
destinations:
  nowhere:
    name: Nowhere
    connector: destination-dev-null
    configuration:
      test_destination: { test_destination_type: SILENT }
connections:
  faker_out:
    name: Faker out
    source: faker
    destination: nowhere
    status: active
    schedule: { type: cron, cron: "0 0 12 * * ?" }
    tags: [finance]
    streams:
      users: { syncMode: incremental_deduped_history }
      purchases: { syncMode: full_refresh_overwrite }
${extra}`;

/** PROJECT with its destination moved to another connector (DuckDB, in a file of that name): a replacement. */
const onDuckDb = (file: string) =>
  PROJECT()
    .replace("connector: destination-dev-null", "connector: destination-duckdb")
    .replace(
      "      test_destination: { test_destination_type: SILENT }",
      `      destination_path: ${join(folder, `${file}.duckdb`)}`,
    );

/** Plans the text (as the project's one file, in its own folder) against the workspace. */
async function planText(
  workspace: { api: ReturnType<typeof harness.admin>; workspaceId: string },
  text: string,
  prune?: "managed" | "all",
) {
  const project = await loadProject([{ path: join(folder, `${workspace.workspaceId}.yaml`), text }], { env: {} });
  return plan(project, workspace, prune ? { prune } : {});
}

const summary = (result: Plan) => result.actions.map((action) => `${action.action} ${action.address}`);

describe("plan and apply", () => {
  it("creates everything in dependency order, then plans nothing; the lock file names every resource", async () => {
    const workspace = await newWorkspace();
    const first = await planText(workspace, PROJECT());
    expect(summary(first)).toEqual([
      "create tag.finance",
      "create source.faker",
      "create destination.nowhere",
      "create connection.faker_out",
    ]);
    expect(first.counts).toEqual({ create: 4, update: 0, replace: 0, delete: 0 });
    const progress: string[] = [];
    await apply(first, {
      onProgress: (event) => progress.push(`${event.phase} ${event.action.address} ${event.step}/${event.steps}`),
    });
    expect(progress.slice(0, 2)).toEqual(["start tag.finance 1/4", "done tag.finance 1/4"]);
    const again = await planText(workspace, PROJECT());
    expect(again.actions).toEqual([]);
    expect(again.unchanged.sort()).toEqual([
      "connection.faker_out",
      "destination.nowhere",
      "source.faker",
      "tag.finance",
    ]);
    const lock = JSON.parse(await readFile(lockFilePath(folder, workspace.workspaceId), "utf8")) as {
      resources: Record<string, { id: string }>;
    };
    expect(Object.keys(lock.resources).sort()).toEqual([
      "connection.faker_out",
      "destination.nowhere",
      "source.faker",
      "tag.finance",
    ]);
    const [connection] = await workspace.api.connections
      .listConnections({ workspaceIds: [workspace.workspaceId] })
      .toArray();
    expect(connection?.connectionId).toBe(lock.resources["connection.faker_out"]?.id);
    expect(connection?.tags.map((tag) => tag.name)).toEqual(["finance"]);
  });

  it("sees a change made behind its back, and puts it back", async () => {
    const workspace = await newWorkspace();
    await apply(await planText(workspace, PROJECT()));
    const [connection] = await workspace.api.connections
      .listConnections({ workspaceIds: [workspace.workspaceId] })
      .toArray();
    await workspace.api.connections.patchConnection(
      { connectionId: connection?.connectionId ?? "" },
      { status: "inactive" },
    );
    const drifted = await planText(workspace, PROJECT());
    expect(drifted.actions).toMatchObject([
      {
        action: "update",
        address: "connection.faker_out",
        changes: [{ path: ["status"], op: "change", before: "inactive", after: "active" }],
      },
    ]);
    await apply(drifted);
    expect((await planText(workspace, PROJECT())).actions).toEqual([]);
  });

  it("moves the lock entry of a key renamed with renamedFrom, and creates anew without it", async () => {
    const workspace = await newWorkspace();
    await apply(await planText(workspace, PROJECT()));
    const renamed = PROJECT()
      .replace("  faker:\n    name: Faker", "  fake_users:\n    renamedFrom: [faker]\n    name: Faker")
      .replace("source: faker", "source: fake_users");
    const moved = await planText(workspace, renamed);
    expect(moved.actions).toEqual([]);
    await apply(moved);
    const lock = JSON.parse(await readFile(lockFilePath(folder, workspace.workspaceId), "utf8")) as {
      resources: Record<string, unknown>;
    };
    expect(Object.keys(lock.resources)).toContain("source.fake_users");
    expect(Object.keys(lock.resources)).not.toContain("source.faker");
  });

  it("prunes only what the lock file manages, and refuses what preventDestroy protects", async () => {
    const workspace = await newWorkspace();
    await apply(await planText(workspace, PROJECT()));
    // Something the tool does not manage.
    await workspace.api.tags.createTag({ name: "hand-made", color: "FF0000", workspaceId: workspace.workspaceId });
    const withoutTag = PROJECT()
      .replace('tags:\n  finance: { color: "00AA00" }\n', "")
      .replace("    tags: [finance]\n", "");
    const kept = await planText(workspace, withoutTag);
    expect(summary(kept)).toEqual([]);
    expect(kept.warnings).toEqual([
      { address: "tag.finance", message: "is no longer in the files; apply --prune deletes it." },
    ]);
    const pruned = await planText(workspace, withoutTag, "managed");
    expect(summary(pruned)).toEqual(["delete tag.finance"]);
    const protectedText = `${withoutTag}lifecycle: { preventDestroy: [tag.finance] }\n`;
    await expect(planText(workspace, protectedText, "managed")).rejects.toMatchObject({ code: "destroy_prevented" });
    await apply(pruned);
    const tags = (await workspace.api.tags.listTags({ workspaceIds: [workspace.workspaceId] })).data.map(
      (tag) => tag.name,
    );
    expect(tags).toEqual(["hand-made"]);

    // prune: all deletes what the tool does not manage, but not what the files use by name or id.
    const usingHandMade = withoutTag.replace(
      "    status: active\n",
      "    status: active\n    tags: [{ name: hand-made }]\n",
    );
    expect(summary(await planText(workspace, usingHandMade, "all"))).toEqual(["update connection.faker_out"]);
    expect(summary(await planText(workspace, withoutTag, "all"))).toEqual([
      `delete tag.unmanaged-${(await workspace.api.tags.listTags({ workspaceIds: [workspace.workspaceId] })).data[0]?.tagId}`,
    ]);
  });

  it("refuses a replacement unless allowed, and a plan made before the workspace changed", async () => {
    const workspace = await newWorkspace();
    await apply(await planText(workspace, PROJECT()));
    const other = onDuckDb("x");
    const replacing = await planText(workspace, other);
    expect(summary(replacing)).toEqual(["replace destination.nowhere", "replace connection.faker_out"]);
    await expect(apply(replacing)).rejects.toMatchObject({ code: "replace_not_allowed" });
    const stale = await planText(workspace, PROJECT().replace("count: 100", "count: 200"));
    await workspace.api.tags.createTag({ name: "meanwhile", color: "FF0000", workspaceId: workspace.workspaceId });
    await expect(apply(stale)).rejects.toMatchObject({ code: "plan_stale" });
    // The tag made `replacing` stale too: plan it again.
    const done: string[] = [];
    await apply(await planText(workspace, other), {
      allowReplace: true,
      onProgress: ({ action, phase, retiresOld }) =>
        phase === "done" && done.push(`${action.address}${retiresOld ? " (old deleted)" : ""}`),
    });
    // The successors first, then the old objects, connections before what they use.
    expect(done).toEqual([
      "destination.nowhere",
      "connection.faker_out",
      "connection.faker_out (old deleted)",
      "destination.nowhere (old deleted)",
    ]);
    expect((await planText(workspace, other)).actions).toEqual([]);
    const destinations = await workspace.api.destinations
      .listDestinations({ workspaceIds: [workspace.workspaceId] })
      .toArray();
    expect(destinations.map((destination) => destination.name)).toEqual(["Nowhere"]);
  });

  it("names the connections the files do not declare that go with a replaced destination", async () => {
    const workspace = await newWorkspace();
    const applied = await apply(await planText(workspace, PROJECT()));
    const sourceId = applied.lock.resources["source.faker"]?.id ?? "";
    const destinationId = applied.lock.resources["destination.nowhere"]?.id ?? "";
    const bystander = await workspace.api.connections.createConnection({
      name: "Made by hand",
      sourceId,
      destinationId,
    });
    const other = onDuckDb("bystander");
    const replacing = await planText(workspace, other);
    expect(summary(replacing)).toEqual([
      "replace destination.nowhere",
      "replace connection.faker_out",
      `delete connection.unmanaged-${bystander.connectionId}`,
    ]);
    expect(replacing.actions[2]?.reason).toBe("it is on destination.nowhere, which this plan deletes");
    await apply(replacing, { allowReplace: true });
    expect((await planText(workspace, other)).actions).toEqual([]);
    const left = await workspace.api.connections.listConnections({ workspaceIds: [workspace.workspaceId] }).toArray();
    expect(left.map((connection) => connection.name)).toEqual(["Faker out"]);
  });

  it("deletes, on the next plan, the old object of a replacement an apply stopped before deleting", async () => {
    const workspace = await newWorkspace();
    await apply(await planText(workspace, PROJECT()));
    const other = onDuckDb("retire");
    const replacing = await planText(workspace, other);
    const oldIds = replacing.actions.map((action) => action.id);
    // Stop the apply once both successors exist, before the old objects go.
    const stop = new AbortController();
    const stopped = await apply(replacing, {
      allowReplace: true,
      signal: stop.signal,
      onProgress: ({ phase, step }) => {
        if (phase === "done" && step === 2) stop.abort(new Error("stopped"));
      },
    }).catch((caught: unknown) => caught);
    expect(stopped).toBeInstanceOf(Error);
    const lockPath = lockFilePath(folder, workspace.workspaceId);
    const lock = JSON.parse(await readFile(lockPath, "utf8")) as { retiring?: { address: string; id: string }[] };
    expect(lock.retiring?.map((old) => old.address).sort()).toEqual(["connection.faker_out", "destination.nowhere"]);

    const resumed = await planText(workspace, other);
    expect(resumed.actions.map((action) => [action.action, action.address, action.id])).toEqual([
      ["delete", "connection.faker_out", oldIds[1]],
      ["delete", "destination.nowhere", oldIds[0]],
    ]);
    expect(resumed.actions[0]?.reason).toMatch(/the apply that replaced it stopped before deleting/);
    await apply(resumed);
    expect((await planText(workspace, other)).actions).toEqual([]);
    expect(JSON.parse(await readFile(lockPath, "utf8"))).not.toHaveProperty("retiring");
    const destinations = await workspace.api.destinations
      .listDestinations({ workspaceIds: [workspace.workspaceId] })
      .toArray();
    expect(destinations.map((destination) => destination.destinationId)).not.toContain(oldIds[0]);
    expect(destinations).toHaveLength(1);
  });

  it("never takes a definition of the workspace found by its name alone for another one", async () => {
    const workspace = await newWorkspace();
    const custom = `apiVersion: airbyte-ts/v1
definitions:
  destinations:
    pg: { name: Postgres, docker: { repository: acme/destination-pg, tag: "1.0" } }
`;
    await expect(planText(workspace, custom)).rejects.toMatchObject({
      code: "config_invalid",
      message: expect.stringMatching(
        /\(definitions\.destinations\.pg\.name\): "Postgres" is the name of another destination definition of the workspace \(the image airbyte\/destination-postgres, id /,
      ),
    });
    const renamed = await planText(workspace, custom.replace("name: Postgres", "name: Acme Postgres"));
    expect(summary(renamed)).toEqual(["create destination_definition.pg"]);
  });

  it("plans only against the workspace the files name, by id or by name", async () => {
    const workspace = await newWorkspace();
    const { name } = await workspace.api.workspaces.getWorkspace({ workspaceId: workspace.workspaceId });
    const withWorkspace = (line: string) =>
      PROJECT().replace("apiVersion: airbyte-ts/v1\n", `apiVersion: airbyte-ts/v1\n${line}\n`);
    expect(
      (await planText(workspace, withWorkspace(`workspace: { id: ${workspace.workspaceId} }`))).actions,
    ).not.toEqual([]);
    expect((await planText(workspace, withWorkspace(`workspace: "${name}"`))).actions).not.toEqual([]);
    await expect(
      planText(workspace, withWorkspace("workspace: { id: 6a1e5b9e-0000-4000-8000-000000000001 }")),
    ).rejects.toMatchObject({
      code: "config_invalid",
      location: { path: ["workspace"], line: 2 },
      message: expect.stringMatching(/names workspace 6a1e5b9e-\S+, but the plan is for workspace /),
    });
    await expect(planText(workspace, withWorkspace("workspace: { name: analytics-prod }"))).rejects.toMatchObject({
      message: expect.stringMatching(/names workspace "analytics-prod", but the plan is for workspace \S+ \("cac-/),
    });
  });

  it("applies one file to two workspaces, each with its own lock file; names keep their unicode and spaces", async () => {
    const [first, second] = [await newWorkspace(), await newWorkspace()];
    const file = join(folder, "shared-between-workspaces.yaml");
    const text = PROJECT().replace("name: Faker out", 'name: "  Café → Entrepôt  "');
    for (const workspace of [first, second]) {
      const project = await loadProject([{ path: file, text }], { env: {} });
      await apply(await plan(project, workspace));
      expect((await plan(project, workspace)).actions).toEqual([]);
    }
    for (const workspace of [first, second]) {
      const lock = JSON.parse(await readFile(lockFilePath(folder, workspace.workspaceId), "utf8")) as {
        resources: Record<string, { id: string }>;
      };
      const [connection] = await workspace.api.connections
        .listConnections({ workspaceIds: [workspace.workspaceId] })
        .toArray();
      expect(connection?.name).toBe("  Café → Entrepôt  ");
      expect(lock.resources["connection.faker_out"]?.id).toBe(connection?.connectionId);
    }
  });

  it("refuses a lock file object of another workspace before reading anything", async () => {
    const workspace = await newWorkspace();
    const project = await loadProject([{ path: join(folder, "other.yaml"), text: PROJECT() }], { env: {} });
    const lock = { version: 1 as const, workspaceId: "another-workspace", resources: {} };
    await expect(plan(project, workspace, { lock })).rejects.toMatchObject({
      code: "invalid_argument",
      message: expect.stringMatching(/belongs to workspace another-workspace, not /),
    });
  });

  it("converges after an apply that failed half-way, with nothing created twice", async () => {
    const workspace = await newWorkspace();
    // A connection the server refuses (an hourly-or-faster cron) after the source, destination and tag exist.
    const refused = PROJECT().replace('cron: "0 0 12 * * ?"', 'cron: "* * * * * ?"');
    await expect(apply(await planText(workspace, refused))).rejects.toMatchObject({
      code: "config_invalid",
      location: { path: ["connections", "faker_out"] },
      message: expect.stringMatching(/the server refused the create of connection\.faker_out: The cron expression/),
      cause: { status: 400 },
    });
    const resumed = await planText(workspace, PROJECT());
    expect(summary(resumed)).toEqual(["create connection.faker_out"]);
    await apply(resumed);
    expect((await planText(workspace, PROJECT())).actions).toEqual([]);
    const sources = await workspace.api.sources.listSources({ workspaceIds: [workspace.workspaceId] }).toArray();
    expect(sources).toHaveLength(1);
  });
});
