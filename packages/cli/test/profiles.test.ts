/**
 * Configuration: `login` checks credentials before saving them, the config file's place and
 * mode (0600, in a 0700 directory), profiles (list, show, use, delete) with secrets masked,
 * and the precedence flags > environment > profile.
 */
import { chmodSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { built, freshHome, json, jsonError, run, useCliServer } from "./helpers/cli.js";

describe.skipIf(!built)("login and profiles", () => {
  const harness = useCliServer();

  /** The local server's coordinates as flags, for a login that reads nothing from the environment. */
  const loginFlags = () => ["--api-url", harness.local().url, "--client-id", harness.local().clientId];

  test("login refuses credentials the server refuses, and saves nothing", async () => {
    const { env, configDir } = freshHome();
    const refused = await run([...loginFlags(), "login", "--client-secret-stdin"], { env, input: "wrong-secret\n" });
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain("The credentials were refused");
    expect(() => statSync(join(configDir, "config.json"))).toThrow();

    const noSecret = await run([...loginFlags(), "login"], { env });
    expect(noSecret.code).toBe(2);
    expect(noSecret.stderr).toContain("The client secret is missing. Pass --client-secret-stdin");
  });

  test("login checks and saves the credentials in a 0600 file, picks the only workspace, prints no secret", async () => {
    const { env, configDir } = freshHome();
    const secret = harness.local().clientSecret;
    const login = await run([...loginFlags(), "--json", "login", "--client-secret-stdin"], {
      env,
      input: `${secret}\n`,
    });
    expect(login.code, login.stderr).toBe(0);
    const path = join(configDir, "config.json");
    expect(json(login)).toEqual({
      profile: "default",
      active: true,
      apiUrl: harness.local().publicApiUrl,
      clientId: `${harness.local().clientId.slice(0, 4)}****`,
      workspaceId: harness.local().workspaceId,
      configFile: path,
    });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(configDir).mode & 0o777).toBe(0o700);
    const saved = JSON.parse(readFileSync(path, "utf8"));
    expect(saved).toEqual({
      version: 1,
      activeProfile: "default",
      profiles: {
        default: {
          apiUrl: harness.local().publicApiUrl,
          clientId: harness.local().clientId,
          clientSecret: secret,
          workspaceId: harness.local().workspaceId,
        },
      },
    });

    // The saved profile is used when nothing else is given.
    const workspaces = json<{ name: string }[]>(await run(["--json", "workspaces", "list"], { env }));
    expect(workspaces.map((w) => w.name)).toEqual(["Default Workspace"]);
    const connections = await run(["--json", "connections", "list"], { env });
    expect(connections.code).toBe(0);
    expect(json(connections)).toEqual([]);

    // Shown masked, in every format.
    const shown = json(await run(["--json", "profiles", "show"], { env }));
    expect(shown).toMatchObject({ name: "default", active: true, clientSecret: "****", configFile: path });
    for (const format of ["table", "yaml", "json"]) {
      const list = await run(["--format", format, "profiles", "list"], { env });
      expect(list.code).toBe(0);
      expect(list.stdout).toContain("default");
      expect(list.stdout).not.toContain(secret);
      expect(list.stdout).not.toContain(harness.local().clientId);
      const show = await run(["--format", format, "profiles", "show", "default"], { env });
      expect(show.stdout).not.toContain(secret);
    }
  });

  test("several profiles: use switches, --profile and AIRBYTE_TS_PROFILE pick, delete needs --yes without a terminal", async () => {
    const { env, configDir } = freshHome();
    const secret = harness.local().clientSecret;
    for (const name of ["first", "second"]) {
      const login = await run([...loginFlags(), "--profile", name, "login", "--client-secret-stdin"], {
        env,
        input: secret,
      });
      expect(login.code, login.stderr).toBe(0);
      expect(login.stderr).toContain(`saved profile '${name}'`);
    }
    const profiles = json<{ name: string; active: boolean }[]>(await run(["--json", "profiles", "list"], { env }));
    expect(profiles.map((p) => [p.name, p.active])).toEqual([
      ["first", false],
      ["second", true],
    ]);
    expect((await run(["profiles", "use", "first"], { env })).stderr).toBe("Profile 'first' is now the active one.\n");
    expect(json(await run(["--json", "profiles", "show"], { env }))).toMatchObject({ name: "first", active: true });
    expect(json(await run(["--json", "--profile", "second", "profiles", "show"], { env }))).toMatchObject({
      name: "second",
      active: false,
    });
    expect(
      json(await run(["--json", "profiles", "show"], { env: { ...env, AIRBYTE_TS_PROFILE: "second" } })),
    ).toMatchObject({ name: "second" });

    const unknown = await run(["--profile", "third", "workspaces", "list"], { env });
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toContain('There is no profile "third"');
    expect((await run(["profiles", "use", "third"], { env })).code).toBe(3);

    const unconfirmed = await run(["profiles", "delete", "second"], { env });
    expect(unconfirmed.code).toBe(2);
    expect(unconfirmed.stderr).toBe(
      "airbyte-ts: Refusing to delete profile 'second' and its saved credentials without confirmation. Pass --yes to go ahead without a terminal.\n",
    );
    const deleted = await run(["--json", "profiles", "delete", "second", "--yes"], { env });
    expect(json(deleted)).toEqual({ profile: "second", deleted: true });
    const left = JSON.parse(readFileSync(join(configDir, "config.json"), "utf8"));
    expect(Object.keys(left.profiles)).toEqual(["first"]);
    expect(statSync(join(configDir, "config.json")).mode & 0o777).toBe(0o600);
  });

  test("precedence: flags > environment > profile, credentials taken as a group", async () => {
    const { env } = freshHome();
    const secret = harness.local().clientSecret;
    await run([...loginFlags(), "login", "--client-secret-stdin"], { env, input: secret });
    const other = await harness.workspace().api.workspaces.createWorkspace({ name: "Other" });
    const third = await harness.workspace().api.workspaces.createWorkspace({ name: "Third" });
    const current = async (extra: string[], extraEnv: Record<string, string> = {}) =>
      json<{ name: string }>(await run(["--json", ...extra, "workspaces", "get"], { env: { ...env, ...extraEnv } }))
        .name;

    expect(await current([])).toBe("Default Workspace");
    expect(await current([], { AIRBYTE_CLOUD_WORKSPACE_ID: other.workspaceId })).toBe("Other");
    expect(
      await current([], { AIRBYTE_WORKSPACE_ID: third.workspaceId, AIRBYTE_CLOUD_WORKSPACE_ID: other.workspaceId }),
    ).toBe("Third");
    expect(await current(["--workspace", other.workspaceId], { AIRBYTE_WORKSPACE_ID: third.workspaceId })).toBe(
      "Other",
    );

    // A wrong secret in the environment is not completed by the profile's right one.
    const envSecret = await run(["--json", "workspaces", "list"], { env: { ...env, AIRBYTE_CLIENT_SECRET: "wrong" } });
    expect(envSecret.code).toBe(3);
    expect(jsonError(envSecret).message).toContain("Client ID and client secret are both required");
    const flagSecret = await run(
      ["--client-id", harness.local().clientId, "--client-secret", "wrong", "workspaces", "list"],
      {
        env,
      },
    );
    expect(flagSecret.code).toBe(4);

    // `workspaces use` saves the workspace in the profile.
    const use = await run(["--json", "workspaces", "use", other.workspaceId], { env });
    expect(json(use)).toEqual({ profile: "default", workspaceId: other.workspaceId, name: "Other" });
    expect(await current([])).toBe("Other");
  });

  test("a config file others can read is used with a warning; a malformed one is exit 3", async () => {
    const { env, configDir } = freshHome();
    await run([...loginFlags(), "login", "--client-secret-stdin"], { env, input: harness.local().clientSecret });
    const path = join(configDir, "config.json");
    chmodSync(path, 0o644);
    const loose = await run(["workspaces", "list"], { env });
    expect(loose.code).toBe(0);
    expect(loose.stderr).toContain(`Warning: ${path} can be read by other users (mode 644); run: chmod 600 ${path}`);
    writeFileSync(path, "{ not json");
    const malformed = await run(["workspaces", "list"], { env });
    expect(malformed.code).toBe(3);
    expect(malformed.stderr).toMatch(/^airbyte-ts: The config file .* is not valid JSON/);
    expect(malformed.stderr.trim().split("\n")).toHaveLength(1);
  });

  test("AIRBYTE_TS_CONFIG_DIR moves the config file", async () => {
    const { env, home } = freshHome();
    const elsewhere = join(home, "elsewhere");
    const login = await run([...loginFlags(), "login", "--client-secret-stdin"], {
      env: { ...env, AIRBYTE_TS_CONFIG_DIR: elsewhere },
      input: harness.local().clientSecret,
    });
    expect(login.code, login.stderr).toBe(0);
    expect(statSync(join(elsewhere, "config.json")).mode & 0o777).toBe(0o600);
  });
});
