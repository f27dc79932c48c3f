/**
 * `validate`, `plan` and `apply` through the built binary against the local server: Terraform's
 * exit codes with --detailed-exitcode, a plain plan when piped, JSON with --json, confirmation
 * before any change, saved plans refused when the workspace moved, and no secret in any output.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { built, json, jsonError, useCliServer } from "./helpers/cli.js";
import { Terminal, tmuxAvailable } from "./helpers/tmux.js";

const PROJECT = `apiVersion: airbyte-ts/v1
sources:
  faker: { name: Faker (project), connector: source-faker, configuration: { count: 10 } }
destinations:
  warehouse:
    name: Warehouse (project)
    connector: destination-postgres
    configuration: { host: localhost, port: 5432, database: db, schema: public, username: u, password: "\${WAREHOUSE_PASSWORD}" }
connections:
  faker_to_warehouse:
    source: faker
    destination: warehouse
    schedule: { type: manual }
    streams: { users: { syncMode: full_refresh_overwrite } }
`;

describe.skipIf(!built)("config as code on the command line", () => {
  const harness = useCliServer();
  const folder = mkdtempSync(join(tmpdir(), "airbyte-ts-project-cli-"));
  const file = join(folder, "airbyte.yaml");
  writeFileSync(file, PROJECT);
  const secret = { WAREHOUSE_PASSWORD: "hunter2-cli" };
  const cli = (args: string[], input?: string) =>
    harness.cli(args, { env: secret, ...(input === undefined ? {} : { input }) });

  test("validate checks the files without a workspace; a broken file is a usage error with its line", async () => {
    const valid = await cli(["validate", "-f", file]);
    expect(valid.code, valid.stderr).toBe(0);
    expect(valid.stderr).toBe("The project is valid: 1 source, 1 destination, 1 connection in 1 file.\n");
    const broken = join(folder, "broken.yaml");
    writeFileSync(broken, PROJECT.replace("connector: source-faker", "conector: source-faker"));
    const refused = await cli(["--json", "validate", "-f", broken]);
    expect(refused.code).toBe(2);
    expect(jsonError(refused)).toMatchObject({
      code: "config_invalid",
      message: expect.stringMatching(/broken\.yaml:3:\d+ \(sources\.faker\.conector\): is not a known field\./),
      hint: 'Did you mean "connector"?',
    });
    const unset = await harness.cli(["validate", "-f", file]);
    expect(unset.code).toBe(3);
    expect(unset.stderr).toMatch(/the environment variable WAREHOUSE_PASSWORD is not set\./);
  });

  test("plan shows the changes plainly when piped, exits 2 with --detailed-exitcode, and never the secret", async () => {
    const planned = await cli(["plan", "-f", file, "--detailed-exitcode"]);
    expect(planned.code, planned.stderr).toBe(2);
    expect(planned.stdout).not.toContain("\u001b[");
    expect(planned.stdout).toContain('+ destination.warehouse "Warehouse (project)"');
    expect(planned.stdout).toContain("    ~ configuration.password: (secret changed)");
    expect(planned.stdout).toContain("Plan: 3 to add, 0 to change, 0 to replace, 0 to destroy.");
    const asJson = json<{ counts: Record<string, number>; actions: { address: string }[] }>(
      await cli(["--json", "plan", "-f", file]),
    );
    expect(asJson.counts).toEqual({ create: 3, update: 0, replace: 0, delete: 0 });
    expect(asJson.actions.map((action) => action.address)).toEqual([
      "source.faker",
      "destination.warehouse",
      "connection.faker_to_warehouse",
    ]);
  });

  test.skipIf(!tmuxAvailable)(
    "on a terminal the plan is in colour, each resource's line in its action's; NO_COLOR turns it off",
    async () => {
      const env = { ...harness.env(), ...secret };
      const coloured = Terminal.start(["plan", "-f", file], env);
      const plain = Terminal.start(["plan", "-f", file], { ...env, NO_COLOR: "1" });
      try {
        await coloured.waitFor(/\[exit 0\]/);
        expect(coloured.screen({ escapes: true })).toContain('\u001b[32m+ destination.warehouse "Warehouse (project)"');
        await plain.waitFor(/\[exit 0\]/);
        expect(plain.screen({ escapes: true })).not.toContain("\u001b[");
        expect(plain.screen()).toContain('+ destination.warehouse "Warehouse (project)"');
      } finally {
        coloured.close();
        plain.close();
      }
    },
  );

  test("apply asks first (and without a terminal wants --yes), then plan says nothing is left", async () => {
    const refused = await cli(["apply", "-f", file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/Refusing to apply 3 changes to workspace .* without confirmation\. Pass --yes/);
    const applied = await cli(["apply", "-f", file, "--yes"]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toContain("[3/3] create connection.faker_to_warehouse: done");
    expect(applied.stderr).toContain("Applied 3 of 3 changes.");
    const clean = await cli(["plan", "-f", file, "--detailed-exitcode"]);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toBe("No changes: the workspace is as the files say.\n");
  });

  test("a saved plan is applied only while the workspace is as it was; errors are 1 with --detailed-exitcode", async () => {
    writeFileSync(file, PROJECT.replace("count: 10", "count: 20"));
    const saved = join(folder, "plan.json");
    expect((await cli(["plan", "-f", file, "--out", saved])).code).toBe(0);
    await harness
      .workspace()
      .api.tags.createTag({ name: "meanwhile", color: "FF0000", workspaceId: harness.local().workspaceId });
    // The plan before -f, whose list of files would take it too.
    const stale = await cli(["--json", "apply", saved, "-f", file, "--yes"]);
    expect(stale.code).toBe(2);
    expect(jsonError(stale)).toMatchObject({ code: "plan_stale" });
    expect((await cli(["plan", "-f", file, "--out", saved])).code).toBe(0);
    const applied = await cli(["apply", saved, "-f", file]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toContain("~ configuration.count: 10 -> 20");
    const failing = await cli(["plan", "-f", join(folder, "missing.yaml"), "--detailed-exitcode"]);
    expect(failing.code).toBe(1);
  });

  test("apply with nothing to change still records what the plan found by name in a new lock file", async () => {
    // The same files in a folder without a lock file: every resource is found by its name.
    const fresh = mkdtempSync(join(tmpdir(), "airbyte-ts-project-adopt-"));
    const copy = join(fresh, "airbyte.yaml");
    writeFileSync(copy, readFileSync(file, "utf8"));
    const applied = await cli(["apply", "-f", copy, "--yes"]);
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toBe("No changes: the workspace is as the files say.\n");
    const lock = JSON.parse(
      readFileSync(join(fresh, ".airbyte-ts", `${harness.local().workspaceId}.lock.json`), "utf8"),
    ) as { resources: Record<string, { id: string }> };
    expect(Object.keys(lock.resources).sort()).toEqual([
      "connection.faker_to_warehouse",
      "destination.warehouse",
      "source.faker",
    ]);
  });

  test("import writes the workspace's files and lock file; they plan clean with the secrets set; never overwritten unasked", async () => {
    const into = join(folder, "imported");
    const imported = await cli(["--json", "import", "-o", into]);
    expect(imported.code, imported.stderr).toBe(0);
    const { variables } = json<{ variables: { name: string }[] }>(imported);
    expect(variables.map((variable) => variable.name)).toEqual(["DESTINATION_WAREHOUSE_PROJECT_PASSWORD"]);
    const text = readFileSync(join(into, "airbyte.yaml"), "utf8");
    expect(text).not.toContain("hunter2-cli");
    const planned = await harness.cli(["plan", "-f", join(into, "airbyte.yaml"), "--detailed-exitcode"], {
      env: { DESTINATION_WAREHOUSE_PROJECT_PASSWORD: "hunter2-cli" },
    });
    expect(planned.code, planned.stdout + planned.stderr).toBe(0);
    const again = await cli(["import", "-o", into]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already exist.*--force/s);
    expect((await cli(["import", "-o", into, "--force"])).code).toBe(0);
    expect(readFileSync(join(into, "airbyte.yaml"), "utf8")).toBe(text);
  });

  test.skipIf(!tmuxAvailable)("on a terminal apply shows the plan, asks, and reports each resource done", async () => {
    writeFileSync(file, readFileSync(file, "utf8").replace("count: 20", "count: 30"));
    const terminal = Terminal.start(["apply", "-f", file], { ...harness.env(), ...secret });
    try {
      await terminal.waitFor(/Apply 1 change to workspace \S+\? \[y\/N\]/);
      expect(terminal.screen()).toContain("~ configuration.count: 20 -> 30");
      terminal.type("y");
      terminal.send("Enter");
      const screen = await terminal.waitFor(/\[exit 0\]/);
      expect(screen).toMatch(/\[1\/1\] update source\.faker: done/);
      expect(screen).toContain("Applied 1 of 1 change.");
    } finally {
      terminal.close();
    }
  });

  test("no output carried the secret", async () => {
    const all = [await cli(["--json", "plan", "-f", file]), await cli(["plan", "-f", file])];
    for (const result of all) expect(`${result.stdout}${result.stderr}`).not.toContain("hunter2-cli");
  });
});
