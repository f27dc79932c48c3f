/**
 * Plans read each connector's specification from the workspace's Airbyte (the local server's
 * Config API here) and check configurations against it before anything is written: the file's
 * line for a missing or mistyped field, values typed as the spec says (`${PORT}` becomes a
 * number), the spec's secrets taken as secrets, and a declarative definition created in the
 * same plan checked against its manifest's spec.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Hooks } from "airbyte-ts";
import { useLocalServer } from "@airbyte-ts/test-support/local-server";
import { manifest } from "@airbyte-ts/test-support/manifests";
import { apply, loadProject, plan } from "../../src/config-as-code/index.js";

const harness = useLocalServer();
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "airbyte-ts-specs-"));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

/** A client that notes every write it sends. */
function watchedClient() {
  const writes: string[] = [];
  const hooks: Hooks = {
    beforeRequest: ({ method, url }) => {
      const isRead = method === "GET" || url.pathname.endsWith("/get") || url.pathname.endsWith("/token");
      if (!isRead) writes.push(`${method} ${url.pathname}`);
    },
  };
  const { clientId, clientSecret } = harness.local();
  return { api: harness.client({ clientId, clientSecret, hooks }), writes };
}

async function workspaceFor(api: ReturnType<typeof harness.admin>) {
  const { workspaceId } = await api.workspaces.createWorkspace({
    name: `specs-${Math.random().toString(36).slice(2)}`,
    organizationId: harness.local().organizationId,
  });
  return { api, workspaceId };
}

const WAREHOUSE = (configuration: string) => `apiVersion: airbyte-ts/v1
destinations:
  warehouse:
    connector: destination-postgres
    configuration:
${configuration}
`;

const VALID = `      host: db.internal
      port: \${PG_PORT}
      database: analytics
      schema: raw
      username: loader
      password: \${PG_PASSWORD}`;

const env = { PG_PORT: "5432", PG_PASSWORD: "hunter2" };
const load = (text: string, name = "airbyte.yaml") => loadProject([{ path: join(folder, name), text }], { env });

describe("configurations checked against their connector's spec", () => {
  it("refuses a missing and a mistyped field on their lines, before any write", async () => {
    const { api, writes } = watchedClient();
    const target = await workspaceFor(api);
    const broken = VALID.replace("      host: db.internal\n", "").replace(
      "database: analytics",
      "database: [analytics]",
    );
    const error = await plan(await load(WAREHOUSE(broken)), target).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: "config_invalid",
      location: { path: ["destinations", "warehouse", "configuration", "host"], line: 5 },
    });
    expect((error as Error).message).toMatch(
      /airbyte\.yaml:5:\d+ \(destinations\.warehouse\.configuration\.host\): does not match the destination's specification: configuration\.host is required; configuration\.database must be a string, not a list\./,
    );
    expect((error as Error).message).not.toContain("hunter2");
    expect(writes.filter((write) => !write.endsWith("/workspaces"))).toEqual([]);
  });

  it("types values as the spec says and takes its secrets as secrets", async () => {
    const target = await workspaceFor(harness.admin());
    const project = await load(WAREHOUSE(VALID));
    const first = await plan(project, target);
    expect(first.warnings).toEqual([]);
    await apply(first);
    const [created] = await target.api.destinations.listDestinations({ workspaceIds: [target.workspaceId] }).toArray();
    expect(created?.configuration).toMatchObject({ port: 5432, password: "**********" });
    expect((await plan(await load(WAREHOUSE(VALID)), target)).actions).toEqual([]);
  });

  it("checks a source on a declarative definition of the same plan against the manifest's spec", async () => {
    const target = await workspaceFor(harness.admin());
    await writeFile(join(folder, "acme.yaml"), JSON.stringify(manifest()));
    const spec = (manifest() as { spec?: { connection_specification?: { required?: string[] } } }).spec;
    const required = spec?.connection_specification?.required ?? [];
    expect(required.length).toBeGreaterThan(0);
    const text = `apiVersion: airbyte-ts/v1
definitions:
  sources:
    acme: { name: Acme API, manifestFile: ./acme.yaml }
sources:
  acme_eu: { connector: { custom: acme }, configuration: {} }
`;
    const error = await plan(await load(text, "custom.yaml"), target).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "config_invalid" });
    expect((error as Error).message).toContain(`configuration.${required[0]} is required`);
  });

  it("plans on without a spec where the Airbyte gives none, and says the configurations were not checked", async () => {
    const { clientId, clientSecret, url } = harness.local();
    // An Airbyte whose Config API this caller cannot reach: every call there is a 404.
    const api = harness.client({ clientId, clientSecret, configApiUrl: `${url}/no-config-api/v1` });
    const target = await workspaceFor(api);
    const planned = await plan(await load(WAREHOUSE(VALID)), target);
    expect(planned.actions.map((action) => action.action)).toEqual(["create"]);
    expect(planned.warnings).toEqual([
      {
        message: expect.stringMatching(
          /^The destination definition \S+ has no specification this Airbyte gives \(.*404.*\); its configurations are not checked before apply/,
        ),
      },
    ]);
  });

  it("says a value the server refused during apply at the resource's place in the files", async () => {
    const target = await workspaceFor(harness.admin());
    const broken = VALID.replace("      host: db.internal\n", "");
    // Without a spec the plan cannot see the missing host: the server's refusal is the check.
    const planned = await plan(await load(WAREHOUSE(broken), "refused.yaml"), target, {
      specs: () => Promise.resolve(undefined),
    });
    const error = await apply(planned).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: "config_invalid",
      location: { path: ["destinations", "warehouse"], line: 3 },
      message: expect.stringMatching(
        /refused\.yaml:3:\d+ \(destinations\.warehouse\): the server refused the create of destination\.warehouse: /,
      ),
    });
    expect((error as Error).message).not.toContain("hunter2");
  });
});
