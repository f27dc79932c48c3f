import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { built } from "./helpers/mcp.js";
import { addresses, PASSWORD, project, unique, useProjectTools } from "./helpers/project.js";

describe.skipIf(!built)("airbyte-ts-mcp config-as-code tools: what apply_project refuses, keeps and resumes", () => {
  const { harness, refused, plan: planOn, apply: applyOn, sourcesNamed, countOf, newSession } = useProjectTools();

  it("applies only the plan reviewed: another plan_id is plan_changed, with the new plan's summary", async () => {
    const suffix = unique();
    const session = await newSession();
    const plan = (args: Record<string, unknown>) => planOn(args, session);
    const text = project(suffix, { destination: "dev-null" });
    const reviewed = await plan({ project_yaml: text });
    // The workspace moves on (a source of someone else's) after the plan was reviewed.
    await harness.workspace().deploySource(`elsewhere ${suffix}`, { sourceType: "faker", count: 5, seed: 1 });
    const changed = await refused("apply_project", { project_yaml: text, plan_id: reviewed.plan_id }, session);
    expect(changed.code).toBe("plan_changed");
    expect(changed.hint).toContain("plan_project");
    const newPlanId = changed.details?.plan_id;
    expect(newPlanId).not.toBe(reviewed.plan_id);
    expect(changed.details).toMatchObject({
      summary: { create: 3, update: 0, replace: 0, delete: 0 },
      changes: ["create source.faker", "create destination.warehouse", "create connection.faker_to_warehouse"],
    });
    expect(await sourcesNamed(`mcp faker ${suffix}`)).toEqual([]);
    expect((await refused("apply_project", { project_yaml: text, plan_id: "made-up" }, session)).code).toBe(
      "plan_changed",
    );
    // The new plan_id is the one a fresh plan gives, and applies.
    expect((await plan({ project_yaml: text })).plan_id).toBe(newPlanId);
    const applied = await applyOn({ project_yaml: text, plan_id: newPlanId }, session);
    expect(applied.changes).toHaveLength(3);
  });

  it("in safe mode refuses to change what the session did not create, and with AIRBYTE_CLOUD_MCP_SAFE_MODE=0 applies", async () => {
    const suffix = unique();
    const seeded = await harness.workspace().deploySource(`seeded faker ${suffix}`, {
      sourceType: "faker",
      count: 20,
      seed: 3,
    });
    const text = `apiVersion: airbyte-ts/v1
sources:
  seeded:
    name: seeded faker ${suffix}
    connector: source-faker
    configuration: { count: 25, seed: 3 }
`;
    const session = await newSession();
    const planned = await planOn({ project_yaml: text }, session);
    expect(addresses(planned)).toEqual(["update source.seeded"]);
    expect(planned.changes[0]).toMatchObject({ id: seeded.sourceId, found_by_name: true });
    expect(planned.safe_mode_refuses).toEqual(["source.seeded"]);
    const error = await refused("apply_project", { project_yaml: text, plan_id: planned.plan_id }, session);
    expect(error.code).toBe("safe_mode_refused");
    expect(error.message).toContain("source.seeded");
    expect(error.hint).toContain("AIRBYTE_CLOUD_MCP_SAFE_MODE=0");
    expect(error.details).toEqual({ refused: [{ action: "update", address: "source.seeded", id: seeded.sourceId }] });
    expect(await countOf(seeded.sourceId)).toBe(20);

    const unsafe = await newSession({ AIRBYTE_CLOUD_MCP_SAFE_MODE: "0" });
    const unsafePlan = await planOn({ project_yaml: text }, unsafe);
    expect(unsafePlan.safe_mode_refuses).toEqual([]);
    expect(unsafePlan.plan_id).toBe(planned.plan_id);
    const applied = await applyOn({ project_yaml: text, plan_id: unsafePlan.plan_id }, unsafe);
    expect(applied.changes).toMatchObject([{ result: "updated", id: seeded.sourceId }]);
    expect(await countOf(seeded.sourceId)).toBe(25);
  });

  it("keeps a path project's lock file beside it, so a new session knows its objects; a text project's lock is the session's", async () => {
    const suffix = unique();
    const folder = mkdtempSync(join(tmpdir(), "airbyte-ts-mcp-project-"));
    const file = join(folder, "airbyte.yaml");
    writeFileSync(file, project(suffix));
    // Relative to the server's working directory, which is this process's.
    const path = relative(process.cwd(), file);
    const lockFile = join(folder, ".airbyte-ts", `${harness.local().workspaceId}.lock.json`);

    const applied = await applyOn({ path, plan_id: (await planOn({ path })).plan_id });
    expect(applied.lock_file).toBe(lockFile);
    const lock = readFileSync(lockFile, "utf8");
    const bound = JSON.parse(lock) as { resources: Record<string, { id: string; secrets?: object }> };
    expect(Object.keys(bound.resources).sort()).toEqual([
      "connection.faker_to_warehouse",
      "destination.warehouse",
      "source.faker",
    ]);
    expect(bound.resources["destination.warehouse"]?.secrets).toBeDefined();
    expect(lock).not.toContain(PASSWORD);

    const later = await newSession();
    const fromFile = await planOn({ path }, later);
    expect(fromFile).toMatchObject({ has_changes: false, warnings: [], lock_file: lockFile });
    // The same project as text in that new session: found by name, but the password cannot be compared.
    const fromText = await planOn({ project_yaml: project(suffix) }, later);
    expect(fromText).toMatchObject({ has_changes: false, lock_file: null });
    expect(fromText.warnings).toEqual([
      expect.objectContaining({ address: "destination.warehouse", message: expect.stringContaining("password") }),
    ]);
    // A rename: the lock file binds the key, text in a new session only names.
    const renamed = project(suffix, { sourceName: `mcp faker ${suffix} renamed` });
    writeFileSync(file, renamed);
    expect(addresses(await planOn({ path }, later))).toEqual(["update source.faker"]);
    expect(addresses(await planOn({ project_yaml: renamed }, later))).toEqual([
      "create source.faker",
      "replace connection.faker_to_warehouse",
    ]);
    // The new session did not create them: safe mode keeps them from it, lock file or not.
    expect((await planOn({ path }, later)).safe_mode_refuses).toEqual(["source.faker"]);
    expect(existsSync(lockFile)).toBe(true);
  });

  it("stopped part-way, says what was applied and what not; planning again resumes without doing anything twice", async () => {
    const suffix = unique();
    const session = await newSession();
    const plan = (args: Record<string, unknown>) => planOn(args, session);
    const broken = project(suffix, { destination: "dev-null", streams: "no_such_stream: {}" });
    const planned = await plan({ project_yaml: broken });
    expect(planned.summary.create).toBe(3);
    const error = await refused("apply_project", { project_yaml: broken, plan_id: planned.plan_id }, session);
    expect(error.details).toEqual({
      applied: [
        { action: "create", address: "source.faker" },
        { action: "create", address: "destination.warehouse" },
      ],
      // With the place in the project of what the server refused.
      failed: {
        action: "create",
        address: "connection.faker_to_warehouse",
        file: "project_yaml",
        path: "connections.faker_to_warehouse",
        line: 14,
        column: 3,
      },
      not_applied: [],
    });
    expect(error.message).toContain("connection.faker_to_warehouse");
    expect(error.hint).toContain("plan_project");

    const fixed = project(suffix, { destination: "dev-null" });
    const rest = await plan({ project_yaml: fixed });
    expect(addresses(rest)).toEqual(["create connection.faker_to_warehouse"]);
    await applyOn({ project_yaml: fixed, plan_id: rest.plan_id }, session);
    expect(await sourcesNamed(`mcp faker ${suffix}`)).toHaveLength(1);
    // What the stopped apply created counts as this session's.
    const edited = await plan({ project_yaml: project(suffix, { destination: "dev-null", count: 21 }) });
    expect(edited).toMatchObject({ summary: { update: 1 }, safe_mode_refuses: [] });
  });

  it("replaces only with allow_replace, and the new objects are the session's", async () => {
    const suffix = unique();
    const session = await newSession();
    const plan = (args: Record<string, unknown>) => planOn(args, session);
    const apply = (args: Record<string, unknown>) => applyOn(args, session);
    const before = await apply({
      project_yaml: project(suffix, { destination: "dev-null" }),
      plan_id: (await plan({ project_yaml: project(suffix, { destination: "dev-null" }) })).plan_id,
    });
    const [, oldDestination, oldConnection] = before.changes.map((change) => change.id ?? "");
    // Another connector: Airbyte cannot change it in place, and the connection follows its destination.
    const moved = await plan({ project_yaml: project(suffix) });
    expect(addresses(moved)).toEqual(["replace destination.warehouse", "replace connection.faker_to_warehouse"]);
    expect(moved.changes[0]).toMatchObject({ id: oldDestination, reason: expect.stringContaining("definition") });
    expect(moved.safe_mode_refuses).toEqual([]);
    const args = { project_yaml: project(suffix), plan_id: moved.plan_id };
    const error = await refused("apply_project", args, session);
    expect(error.code).toBe("replace_not_allowed");
    expect(error.hint).toContain("allow_replace: true");
    expect(
      await harness
        .workspace()
        .getConnection(oldConnection ?? "")
        .getInfo(),
    ).toMatchObject({ status: "active" });

    const replaced = await apply({ ...args, allow_replace: true });
    expect(replaced.changes.map((change) => change.result)).toEqual(["replaced", "replaced"]);
    const [newDestination, newConnection] = replaced.changes.map((change) => change.id ?? "");
    expect(newDestination).not.toBe(oldDestination);
    expect(
      await harness
        .workspace()
        .getConnection(newConnection ?? "")
        .getInfo(),
    ).toMatchObject({
      destinationId: newDestination,
    });
    const listed = (await harness.workspace().listDestinations()).map((destination) => destination.destinationId);
    expect(listed).toContain(newDestination);
    expect(listed).not.toContain(oldDestination);
    const edited = await plan({ project_yaml: project(suffix).replace("port: 5432", "port: 5433") });
    expect(edited).toMatchObject({ summary: { update: 1 }, safe_mode_refuses: [] });
  });
});
