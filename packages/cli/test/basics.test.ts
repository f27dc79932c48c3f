/**
 * What every command shares: help with an example for each command, the version, usage
 * mistakes (unknown commands and options, missing arguments, bad values) as one line and exit
 * 2, errors as JSON on stderr with --json, the exit codes of configuration, auth and network
 * problems, and stack traces only with --debug.
 */
import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { describe, expect, test } from "vitest";
import { buildProgram } from "../src/program.js";
import { VERSION } from "../src/version.js";
import { built, json, jsonError, run, useCliServer } from "./helpers/cli.js";

/** The subcommands a --help lists under "Commands:" (without `help`). */
function commandsOf(help: string): string[] {
  const section = help.split("\nCommands:\n")[1]?.split("\n\n")[0] ?? "";
  return section
    .split("\n")
    .map((line) => /^ {2}(\S+)/.exec(line)?.[1])
    .filter((name): name is string => name !== undefined && name !== "help")
    .map((name) => name.split("|")[0] as string);
}

describe.skipIf(!built)("airbyte-ts basics (run `npm run build` first)", () => {
  const harness = useCliServer();

  test("--version prints the package's version; --help lists the command groups, with examples", async () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
    expect(VERSION).toBe(pkg.version);
    expect((await run(["--version"])).stdout.trim()).toBe(VERSION);

    const root = await run(["--help"]);
    expect(root.code).toBe(0);
    expect(root.stderr).toBe("");
    expect(commandsOf(root.stdout)).toEqual([
      "workspaces",
      "orgs",
      "sources",
      "destinations",
      "connections",
      "sync",
      "jobs",
      "state",
      "catalog",
      "definitions",
      "local",
      "demo",
      "login",
      "profiles",
      "validate",
      "import",
      "plan",
      "apply",
      "mcp",
    ]);
    expect(root.stdout).toContain("Examples:\n  $ airbyte-ts login");
    const group = await run(["connections", "--help"]);
    expect(commandsOf(group.stdout)).toEqual([
      "list",
      "get",
      "create",
      "rename",
      "enable",
      "disable",
      "schedule",
      "streams",
      "prefix",
      "delete",
    ]);
    const leaf = await run(["sync", "run", "--help"]);
    expect(leaf.stdout).toContain("--if-running <what>");
    expect(leaf.stdout).toContain("Examples:\n  $ airbyte-ts sync run");
  });

  test("every command's --help has a description and an example", () => {
    const helpOf = (command: Command) => {
      let text = "";
      command.configureOutput({ writeOut: (chunk) => (text += chunk), writeErr: (chunk) => (text += chunk) });
      command.outputHelp();
      return text;
    };
    const walk = (command: Command, path: string[]): string[][] =>
      command.commands.flatMap((sub) => [[...path, sub.name()], ...walk(sub, [...path, sub.name()])]);
    const program = buildProgram();
    const paths = walk(program, []);
    expect(paths.length).toBeGreaterThan(60);
    for (const path of paths) {
      let command = program;
      for (const name of path) command = command.commands.find((c) => c.name() === name) as Command;
      expect(command.description(), path.join(" ")).not.toBe("");
      expect(helpOf(command), `airbyte-ts ${path.join(" ")} --help`).toMatch(/\nExamples:\n {2}\$ airbyte-ts \S/);
    }
    // The tree built for one command has only that group's subcommands.
    const partial = buildProgram(["sync", "run"]);
    expect(partial.commands.find((c) => c.name() === "sync")?.commands.length).toBe(3);
    expect(partial.commands.find((c) => c.name() === "connections")?.commands).toEqual([]);
  });

  test("usage mistakes: one line on stderr naming what to do, exit 2, nothing on stdout", async () => {
    const unknown = await run(["nope"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr).toBe("airbyte-ts: Unknown command 'nope'. See: airbyte-ts --help\n");

    const badFlag = await run(["--profile", "local", "connections", "list", "--bogus"]);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toBe("airbyte-ts: Unknown option '--bogus'. See: airbyte-ts connections list --help\n");

    const missing = await run(["connections", "get"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(
      "airbyte-ts: Missing required argument 'connection'. See: airbyte-ts connections get --help\n",
    );

    const extra = await run(["connections", "get", "a", "b"]);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain("Too many arguments");

    const format = await run(["--format", "xml", "workspaces", "list"]);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("Allowed choices are table, json, yaml");

    // A group without its subcommand shows its help on stderr.
    const group = await run(["connections"]);
    expect(group.code).toBe(2);
    expect(group.stdout).toBe("");
    expect(group.stderr).toContain("Usage: airbyte-ts connections");

    const badValue = await run(["jobs", "list", "--limit", "many"], { env: harness.env() });
    expect(badValue.code).toBe(2);
    expect(badValue.stderr).toBe('airbyte-ts: --limit must be a whole number from 1 to 1000; got "many".\n');
  });

  test("with --json, errors are one JSON object on stderr and stdout stays empty", async () => {
    const unknown = await run(["connections", "get", "--json"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe("");
    expect(jsonError(unknown)).toMatchObject({ code: "usage", exitCode: 2 });

    const missing = await harness.cli(["--json", "connections", "get", "00000000-0000-4000-8000-000000000001"]);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe("");
    expect(jsonError(missing)).toEqual({
      code: "not_found",
      message: "No connection '00000000-0000-4000-8000-000000000001' was found.",
      hint: "List them with: airbyte-ts connections list",
      exitCode: 1,
      resourceType: "connection",
      resourceId: "00000000-0000-4000-8000-000000000001",
    });
    const byName = await harness.cli(["--format", "json", "sources", "get", "no such source"]);
    expect(byName.code).toBe(1);
    expect(jsonError(byName)).toMatchObject({
      code: "not_found",
      message: "No source named 'no such source' was found.",
    });
  });

  test("missing configuration is exit 3; refused credentials exit 4; an unreachable server exit 5", async () => {
    const { home } = harness;
    const none = await run(["connections", "list"], { env: home.env });
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/^airbyte-ts: No Airbyte credentials were found\. Run `airbyte-ts login`/);

    const noWorkspace = await harness.cli(["connections", "list"], { env: { AIRBYTE_WORKSPACE_ID: undefined } });
    expect(noWorkspace.code).toBe(3);
    expect(noWorkspace.stderr).toContain("No workspace is selected. Pass --workspace ID");

    const badUrl = await harness.cli(["--api-url", "not a url", "connections", "list"]);
    expect(badUrl.code).toBe(3);
    expect(badUrl.stderr).toContain('"not a url" is not a URL.');

    const refused = await harness.cli(["--json", "workspaces", "list"], {
      env: { AIRBYTE_CLIENT_SECRET: "not-the-secret" },
    });
    expect(refused.code).toBe(4);
    expect(jsonError(refused)).toMatchObject({ code: "unauthorized", exitCode: 4 });

    const unreachable = await harness.cli(["--retries", "0", "connections", "list"], {
      env: { AIRBYTE_API_ROOT: "http://127.0.0.1:9/api/public/v1" },
    });
    expect(unreachable.code).toBe(5);
    expect(unreachable.stderr).toContain("The Airbyte API at http://127.0.0.1:9 could not be reached.");
  });

  test("no stack trace unless --debug", async () => {
    const plain = await harness.cli(["connections", "get", "00000000-0000-4000-8000-000000000002"]);
    expect(plain.stderr.trim().split("\n")).toHaveLength(1);
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    const debug = await harness.cli(["--debug", "connections", "get", "00000000-0000-4000-8000-000000000002"]);
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  test("--fields picks columns in every format; an unknown field is a usage error", async () => {
    const rows = json<Record<string, unknown>[]>(
      await harness.cli(["--json", "--fields", "workspaceId,name", "workspaces", "list"]),
    );
    expect(rows).toEqual([{ workspaceId: harness.local().workspaceId, name: "Default Workspace" }]);
    const table = await harness.cli(["--fields", "name", "workspaces", "list"]);
    expect(table.stdout).toBe("NAME\nDefault Workspace\n");
    const yaml = await harness.cli(["--format", "yaml", "--fields", "name", "workspaces", "list"]);
    expect(yaml.stdout).toBe("- name: Default Workspace\n");
    const unknown = await harness.cli(["--fields", "nope", "workspaces", "list"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain(
      'Unknown field "nope". Fields here: workspaceId, name, organizationId, dataResidency.',
    );
  });
});
