/**
 * Workspaces, organizations, sources, destinations and connections through the CLI: each
 * command's JSON output parsed and checked against what the server holds, human output on
 * stdout with messages on stderr, names accepted for ids, and safe-mode deletes.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { built, json, seedConnection, uniqueName, useCliServer } from "./helpers/cli.js";

type Row = Record<string, unknown>;

describe.skipIf(!built)("resources", () => {
  const harness = useCliServer();
  const cli = harness.cli;
  const file = (name: string, content: unknown) => {
    const path = join(harness.home.home, name);
    writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content));
    return path;
  };

  test("workspaces: list, get, create, rename, delete in safe mode; orgs: list and get", async () => {
    const created = await cli(["--json", "workspaces", "create", "Analytics"]);
    expect(created.code, created.stderr).toBe(0);
    const workspace = json(created);
    expect(workspace).toMatchObject({ name: "Analytics" });
    const id = workspace.workspaceId as string;

    const listed = json<Row[]>(await cli(["--json", "workspaces", "list", "--name-contains", "analy"]));
    expect(listed.map((w) => w.workspaceId)).toEqual([id]);
    const got = json(await cli(["--json", "workspaces", "get", id]));
    expect(got).toMatchObject({ workspaceId: id, name: "Analytics" });
    expect(got.workspaceUrl).toBe(`${harness.local().url}/workspaces/${id}`);

    const refused = await cli(["workspaces", "delete", id, "--yes"]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      "airbyte-ts: Refusing to delete workspace 'Analytics': safe mode deletes only names containing 'delete-me' or 'deleteme'. Rename it, or pass --unsafe.\n",
    );
    const renamed = await cli(["workspaces", "rename", id, "Analytics delete-me"]);
    expect(renamed.stdout).toContain("Analytics delete-me");
    expect(renamed.stderr).toBe(`Renamed workspace ${id} to 'Analytics delete-me'.\n`);
    const deleted = await cli(["--json", "workspaces", "delete", id, "--yes"]);
    expect(json(deleted)).toEqual({ workspaceId: id, deleted: true });
    const left = json<Row[]>(await cli(["--json", "workspaces", "list"]));
    expect(left.map((w) => w.workspaceId)).not.toContain(id);

    const orgs = json<Row[]>(await cli(["--json", "orgs", "list"]));
    expect(orgs).toEqual([
      {
        organizationId: harness.local().organizationId,
        organizationName: "Default Organization",
        email: "admin@airbyte.local",
      },
    ]);
    const org = json(await cli(["--json", "orgs", "get", harness.local().organizationId]));
    expect(org).toMatchObject({ organizationName: "Default Organization", isAccountLocked: false });
    expect(json(await cli(["--json", "orgs", "get", "--name", "Default Organization"]))).toMatchObject({
      organizationId: harness.local().organizationId,
    });
  });

  test("sources and destinations: create from a file or stdin, list, get (secrets masked), rename, update, check, delete", async () => {
    const name = uniqueName("Faker");
    const created = await cli([
      "--json",
      "sources",
      "create",
      name,
      "--type",
      "faker",
      "--config",
      file("faker.json", { count: 5 }),
    ]);
    expect(created.code, created.stderr).toBe(0);
    const source = json(created);
    expect(source).toMatchObject({ name, sourceType: "faker", configuration: { count: 5 } });
    const sourceId = source.sourceId as string;
    const duplicate = await cli([
      "sources",
      "create",
      name,
      "--type",
      "faker",
      "--config",
      file("faker.json", { count: 5 }),
    ]);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain(
      `A source named '${name}' already exists. Choose another name, or pass --allow-duplicate.`,
    );

    const pgName = uniqueName("Postgres");
    const postgres = await cli(["--json", "destinations", "create", pgName, "--config", "-"], {
      input: JSON.stringify({
        destinationType: "postgres",
        host: "127.0.0.1",
        port: 5432,
        database: "db",
        schema: "public",
        username: "u",
        password: "hunter2-very-secret",
      }),
    });
    expect(postgres.code, postgres.stderr).toBe(0);
    expect(postgres.stdout).not.toContain("hunter2-very-secret");
    const destinationId = json(postgres).destinationId as string;
    for (const format of ["table", "json", "yaml"]) {
      const shown = await cli(["--format", format, "destinations", "get", pgName]);
      expect(shown.code).toBe(0);
      expect(shown.stdout).not.toContain("hunter2-very-secret");
      expect(shown.stdout).toContain(pgName);
    }

    const list = json<Row[]>(await cli(["--json", "sources", "list", "--name", name]));
    expect(list.map((s) => s.sourceId)).toEqual([sourceId]);
    const table = await cli(["sources", "list", "--name", name]);
    expect(table.stdout).toMatch(/^SOURCE ID +NAME +TYPE\n/);
    expect(table.stdout).toContain(sourceId);
    expect(table.stderr).toBe("");

    const renamed = json(await cli(["--json", "sources", "rename", sourceId, `${name} delete-me`]));
    expect(renamed.name).toBe(`${name} delete-me`);
    const updated = json(
      await cli(["--json", "sources", "update", sourceId, "--config", file("faker7.yaml", "count: 7\n")]),
    );
    expect(updated.configuration).toEqual({ count: 7 });

    const check = await cli(["--json", "sources", "check", sourceId]);
    expect(check.code).toBe(0);
    expect(json(check)).toEqual({ sourceId, success: true, message: null });
    const failing = await cli(["destinations", "check", destinationId]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/^Check failed: /);

    const malformed = await cli(["sources", "create", "x", "--config", file("bad.json", '{"count": 5,}')]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(
      /^airbyte-ts: .*bad\.json is not valid JSON \(.* at line 1, column 13\)\. Fix the source configuration and retry\.\n$/,
    );
    const missingFile = await cli(["sources", "create", "x", "--config", "/nonexistent.json"]);
    expect(missingFile.code).toBe(2);
    expect(missingFile.stderr).toBe(
      "airbyte-ts: Cannot read the source configuration from /nonexistent.json: no such file.\n",
    );

    const deleted = await cli(["--json", "sources", "delete", sourceId, "--yes"]);
    expect(json(deleted)).toEqual({ sourceId, deleted: true });
    // Airbyte keeps deleted connectors (a tombstone) but lists them no more.
    expect(json(await cli(["--json", "sources", "list", "--name", `${name} delete-me`]))).toEqual([]);
    expect((await cli(["destinations", "delete", destinationId, "--yes", "--unsafe"])).code).toBe(0);
  });

  test("connections: create, list, get by name, rename, enable/disable, schedule, streams, prefix", async () => {
    const workspace = harness.workspace();
    const source = await workspace.deploySource(uniqueName("faker delete-me"), { sourceType: "faker", count: 5 });
    const destination = await workspace.deployDestination(uniqueName("sink delete-me"), {
      destinationType: "dev-null",
      test_destination: { test_destination_type: "SILENT" },
    });
    const name = uniqueName("Faker to null");
    const created = await cli([
      "--json",
      "connections",
      "create",
      name,
      "--source",
      await source.getName(),
      "--destination",
      destination.destinationId,
      "--streams",
      "users,products",
      "--prefix",
      "f_",
      "--schedule",
      "0 6 * * *",
    ]);
    expect(created.code, created.stderr).toBe(0);
    const connection = json(created);
    const id = connection.connectionId as string;
    expect(connection).toMatchObject({
      name,
      sourceId: source.sourceId,
      destinationId: destination.destinationId,
      prefix: "f_",
      status: "active",
      schedule: { scheduleType: "cron", cronExpression: "0 0 6 * * ? UTC" },
    });

    const listed = json<Row[]>(
      await cli(["--json", "--fields", "connectionId,name", "connections", "list", "--name", name]),
    );
    expect(listed).toEqual([{ connectionId: id, name }]);
    expect(json(await cli(["--json", "connections", "get", name])).connectionId).toBe(id);
    const human = await cli(["connections", "get", name]);
    expect(human.stdout).toMatch(new RegExp(`^Connection ID +${id}\nName +${name}\n`));

    expect(json(await cli(["--json", "connections", "disable", id])).status).toBe("inactive");
    expect(json(await cli(["--json", "connections", "enable", id])).status).toBe("active");

    expect(json(await cli(["--json", "connections", "schedule", id]))).toEqual({
      connectionId: id,
      scheduleType: "cron",
      cronExpression: "0 0 6 * * ? UTC",
    });
    expect(json(await cli(["--json", "connections", "schedule", id, "--manual"])).scheduleType).toBe("manual");
    const badCron = await cli(["connections", "schedule", id, "every day"]);
    expect(badCron.code).toBe(2);
    expect(badCron.stderr.split("\n")).toHaveLength(2);

    const streams = json<Row[]>(await cli(["--json", "connections", "streams", id]));
    expect(streams.map((s) => s.name)).toEqual(["users", "products"]);
    const added = json<Row[]>(
      await cli(["--json", "connections", "streams", id, "--add", "purchases", "--remove", "users"]),
    );
    expect(added.map((s) => s.name)).toEqual(["products", "purchases"]);
    const set = await cli(["connections", "streams", id, "--set", "users"]);
    expect(set.stdout).toMatch(/^STREAM +SYNC MODE/);
    expect(set.stderr).toBe(`Connection ${id} syncs users.\n`);

    expect(json(await cli(["--json", "connections", "prefix", id, ""]))).toEqual({ connectionId: id, prefix: "" });
    expect(json(await cli(["--json", "connections", "prefix", id, "x_"])).prefix).toBe("x_");

    const renamed = json(await cli(["--json", "connections", "rename", id, `${name} delete-me`]));
    expect(renamed.name).toBe(`${name} delete-me`);
  });

  test("connections delete: safe mode, confirmation, cascade", async () => {
    const { connection, source, destination } = await seedConnection(harness.workspace(), { name: uniqueName("keep") });
    const id = connection.connectionId;
    const unsafe = await cli(["connections", "delete", id, "--yes"]);
    expect(unsafe.code).toBe(2);
    expect(unsafe.stderr).toContain("safe mode deletes only names containing 'delete-me'");
    const unconfirmed = await cli(["connections", "delete", id, "--unsafe"]);
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toMatch(
      /^airbyte-ts: Refusing to delete connection '.*' \(.*\) without confirmation\. Pass --yes/,
    );
    expect((await cli(["--json", "connections", "get", id])).code).toBe(0);

    const deleted = await cli([
      "--json",
      "connections",
      "delete",
      id,
      "--unsafe",
      "--yes",
      "--cascade-source",
      "--cascade-destination",
    ]);
    expect(deleted.code, deleted.stderr).toBe(0);
    expect(json(deleted)).toEqual({
      connectionId: id,
      deleted: true,
      sourceId: source.sourceId,
      destinationId: destination.destinationId,
    });
    const ids = async (noun: string, key: string) =>
      json<Row[]>(await cli(["--json", noun, "list"])).map((row) => row[key]);
    expect(await ids("connections", "connectionId")).not.toContain(id);
    expect(await ids("sources", "sourceId")).not.toContain(source.sourceId);
    expect(await ids("destinations", "destinationId")).not.toContain(destination.destinationId);
  });
});
