/**
 * Sources through the public API: creation by short name or definition id, configuration
 * validation, secret masking, patch/put/delete, lists, permissions and bad input.
 */
import { type AirbyteApi, type SourceResponse } from "airbyte-ts";
import { describe, expect, test } from "vitest";
import { resolveConfig } from "../src/config.js";
import { createServices } from "../src/services/index.js";
import { openStore } from "../src/store/db.js";
import { failure, useLocalServer } from "@airbyte-ts/test-support/local-server";

const harness = useLocalServer();

const FAKER = "dfd88b22-b603-4c3d-aad7-3701784586b1";
const POSTGRES_SOURCE = "decd338e-5647-4c0b-adf4-da0e75f5a750";
const DEV_NULL = "a7bcc9d8-13b3-4e49-b80d-d020b90045e3";
const UNKNOWN = "0b5c3f52-1d4e-4e0f-9a43-6f0f1c2d3e4f";
const MASK = "**********";

let counter = 0;
async function newWorkspace(): Promise<string> {
  return (await harness.admin().workspaces.createWorkspace({ name: `sources-${++counter}` })).workspaceId;
}

function outsider(): AirbyteApi {
  const user = harness.local().createUser({ email: `src-outsider-${++counter}@example.com` });
  return harness.client({ clientId: user.clientId, clientSecret: user.clientSecret });
}

function member(role: string): AirbyteApi {
  const user = harness.local().createUser({
    email: `src-${role}-${++counter}@example.com`,
    organizationId: harness.local().organizationId,
    organizationRole: role,
  });
  return harness.client({ clientId: user.clientId, clientSecret: user.clientSecret });
}

const postgresConfiguration = {
  host: "db.internal",
  port: 5432,
  database: "app",
  username: "reader",
  password: "pg-password",
  schemas: ["public"],
  ssl_mode: { mode: "verify-ca", ca_certificate: "CA-PEM", client_key: "KEY-PEM" },
  tunnel_method: {
    tunnel_method: "SSH_KEY_AUTH",
    tunnel_host: "bastion",
    tunnel_port: 22,
    tunnel_user: "ops",
    ssh_key: "SSH-KEY",
  },
};

async function createFaker(workspaceId: string, name = "faker"): Promise<SourceResponse> {
  return harness.admin().sources.createSource({ name, workspaceId, configuration: { sourceType: "faker", count: 10 } });
}

describe("creating sources", () => {
  test("by configuration.sourceType: the short name is resolved and removed from the configuration", async () => {
    const workspaceId = await newWorkspace();
    const before = Math.floor(Date.now() / 1000);
    const source = await harness.admin().sources.createSource({
      name: "Sample",
      workspaceId,
      configuration: { sourceType: "faker", count: 25, seed: 7 },
    });
    expect(source).toEqual({
      sourceId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      name: "Sample",
      sourceType: "faker",
      definitionId: FAKER,
      workspaceId,
      configuration: { count: 25, seed: 7 },
      createdAt: expect.any(Number),
    });
    expect(source.createdAt).toBeGreaterThanOrEqual(before);
    expect(source.createdAt).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000));
    expect(await harness.admin().sources.getSource({ sourceId: source.sourceId })).toEqual(source);
  });

  test("by definitionId, with a resource allocation", async () => {
    const workspaceId = await newWorkspace();
    const resourceAllocation = {
      default: { cpu_limit: "1", memory_limit: "1Gi" },
      jobSpecific: [{ jobType: "sync" as const, resourceRequirements: { memory_request: "512Mi" } }],
    };
    const source = await harness.admin().sources.createSource({
      name: "by id",
      workspaceId,
      definitionId: FAKER,
      configuration: { count: 1 },
      resourceAllocation,
    });
    expect(source.sourceType).toBe("faker");
    expect(source.resourceAllocation).toEqual(resourceAllocation);
  });

  test("secrets are masked everywhere in the answer, nested and in oneOf branches", async () => {
    const workspaceId = await newWorkspace();
    const source = await harness.admin().sources.createSource({
      name: "pg",
      workspaceId,
      configuration: { sourceType: "postgres", ...postgresConfiguration },
    });
    const masked = {
      ...postgresConfiguration,
      password: MASK,
      ssl_mode: { mode: "verify-ca", ca_certificate: MASK, client_key: MASK },
      tunnel_method: { ...postgresConfiguration.tunnel_method, ssh_key: MASK },
    };
    expect(source.configuration).toEqual(masked);
    const read = await harness.admin().sources.getSource({ sourceId: source.sourceId, includeSecretCoordinates: true });
    expect(read.configuration).toEqual(masked);
    expect(JSON.stringify(read)).not.toMatch(/pg-password|CA-PEM|SSH-KEY/);
  });

  test("without definitionId or sourceType: 422", async () => {
    const error = await failure(
      harness.admin().sources.createSource({ name: "x", workspaceId: harness.local().workspaceId, configuration: {} }),
    );
    expect(error.status).toBe(422);
    expect(error.title).toBe("unprocessable-entity");
    expect(error.data?.message).toBe(
      "Either definitionId or configuration.sourceType must be given to create a source.",
    );
  });

  test("an unknown sourceType: 400 value-not-found with the value", async () => {
    const error = await failure(
      harness.admin().sources.createSource({
        name: "x",
        workspaceId: harness.local().workspaceId,
        configuration: { sourceType: "no-such-source" },
      }),
    );
    expect(error.status).toBe(400);
    expect(error.title).toBe("value-not-found");
    expect(error.data?.value).toBe("no-such-source");
    // A destination's short name is not a source type.
    const wrongKind = await failure(
      harness.admin().sources.createSource({
        name: "x",
        workspaceId: harness.local().workspaceId,
        configuration: { sourceType: "dev-null" },
      }),
    );
    expect(wrongKind.data?.value).toBe("dev-null");
  });

  test("an unknown definitionId, or a destination's: 404", async () => {
    for (const definitionId of [UNKNOWN, DEV_NULL]) {
      const error = await failure(
        harness.admin().sources.createSource({
          name: "x",
          workspaceId: harness.local().workspaceId,
          definitionId,
          configuration: {},
        }),
      );
      expect(error.status).toBe(404);
      expect(error.data).toEqual({ resourceType: "source_definition", resourceId: definitionId });
    }
  });

  test("a configuration its specification rejects: 422 with the JSON Schema errors", async () => {
    const error = await failure(
      harness.admin().sources.createSource({
        name: "x",
        workspaceId: harness.local().workspaceId,
        configuration: { sourceType: "faker", count: "ten", parallelism: 0 },
      }),
    );
    expect(error.status).toBe(422);
    expect(error.data?.message).toBe(
      "The provided configuration does not fulfill the specification of Sample Data (Faker). Errors: $.count: must be integer; $.parallelism: must be >= 1",
    );
    const missing = await failure(
      harness.admin().sources.createSource({
        name: "x",
        workspaceId: harness.local().workspaceId,
        configuration: { sourceType: "postgres", host: "h" },
      }),
    );
    expect(missing.data?.message).toMatch(/\$\.port: is missing but it is required/);
  });

  test("the workspace must exist and not be deleted", async () => {
    const unknown = await failure(
      harness
        .admin()
        .sources.createSource({ name: "x", workspaceId: UNKNOWN, configuration: { sourceType: "faker", count: 1 } }),
    );
    expect(unknown.status).toBe(404);
    expect(unknown.data).toEqual({ resourceType: "workspace", resourceId: UNKNOWN });
    const workspaceId = await newWorkspace();
    await harness.admin().workspaces.deleteWorkspace({ workspaceId });
    const deleted = await failure(createFaker(workspaceId));
    expect(deleted.status).toBe(400);
  });

  test("malformed bodies: 400 or 422, never 500", async () => {
    const api = harness.admin();
    const send = (body: unknown) =>
      failure(api.request({ operation: "createSource", method: "POST", path: "/sources", body }));
    const workspaceId = harness.local().workspaceId;
    expect((await send({ workspaceId, configuration: { sourceType: "faker", count: 1 } })).status).toBe(400); // no name
    expect((await send({ name: "x", configuration: {} })).status).toBe(400); // no workspaceId
    expect((await send({ name: "x", workspaceId })).status).toBe(400); // no configuration
    expect((await send({ name: "x", workspaceId, configuration: "faker" })).status).toBe(422);
    expect((await send({ name: 5, workspaceId, configuration: {} })).status).toBe(422);
    expect((await send({ name: "x", workspaceId: "not-a-uuid", configuration: {} })).status).toBe(400);
    const allocation = await send({
      name: "x",
      workspaceId,
      configuration: { sourceType: "faker", count: 1 },
      resourceAllocation: { jobSpecific: [{ jobType: "nope", resourceRequirements: {} }] },
    });
    expect(allocation.status).toBe(422);

    const { access_token } = await tokenFor(harness.local().clientId, harness.local().clientSecret);
    const raw = await fetch(`${harness.local().publicApiUrl}/sources`, {
      method: "POST",
      headers: { authorization: `Bearer ${access_token}`, "content-type": "application/json" },
      body: "{ not json",
    });
    expect(raw.status).toBe(422);
    expect(((await raw.json()) as { title: string }).title).toBe("unprocessable-entity");
  });
});

async function tokenFor(clientId: string, clientSecret: string): Promise<{ access_token: string }> {
  const response = await fetch(`${harness.local().publicApiUrl}/applications/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client_id: clientId, client_secret: clientSecret }),
  });
  return (await response.json()) as { access_token: string };
}

describe("reading sources", () => {
  test("an unknown id: 404 for the instance admin; a malformed one: 400", async () => {
    const error = await failure(harness.admin().sources.getSource({ sourceId: UNKNOWN }));
    expect(error.status).toBe(404);
    expect(error.data).toEqual({ resourceType: "source", resourceId: UNKNOWN });
    expect((await failure(harness.admin().sources.getSource({ sourceId: "abc" }))).status).toBe(400);
    const bad = await failure(
      harness
        .admin()
        .request({ operation: "getSource", method: "GET", path: `/sources/${UNKNOWN}?includeSecretCoordinates=maybe` }),
    );
    expect(bad.status).toBe(400);
  });

  test("a destination's id is not a source", async () => {
    const destination = await harness.admin().destinations.createDestination({
      name: "null",
      workspaceId: harness.local().workspaceId,
      configuration: { destinationType: "dev-null", test_destination: { test_destination_type: "SILENT" } },
    });
    const error = await failure(harness.admin().sources.getSource({ sourceId: destination.destinationId }));
    expect(error.status).toBe(404);
  });

  test("lists are paged by createdAt, filtered by workspaces, and hide deleted sources", async () => {
    const api = harness.admin();
    const workspaceId = await newWorkspace();
    const other = await newWorkspace();
    const created: SourceResponse[] = [];
    for (const name of ["a", "b", "c"]) created.push(await createFaker(workspaceId, name));
    const elsewhere = await createFaker(other, "elsewhere");

    const first = await api.request<{ data: SourceResponse[]; next: string; previous: string }>({
      operation: "listSources",
      method: "GET",
      path: `/sources?workspaceIds=${workspaceId}&limit=2`,
    });
    expect(first.data.map((s) => s.name)).toEqual(["a", "b"]);
    const root = harness.local().publicApiUrl;
    expect(first.next).toBe(`${root}/sources?includeDeleted=false&workspaceIds=${workspaceId}&limit=2&offset=2`);
    expect(first.previous).toBe("");
    const second = await api.request<{ data: SourceResponse[]; next: string; previous: string }>({
      operation: "listSources",
      method: "GET",
      path: `/sources?workspaceIds=${workspaceId}&limit=2&offset=2`,
    });
    expect(second.data.map((s) => s.name)).toEqual(["c"]);
    expect(second.previous).toBe(`${root}/sources?includeDeleted=false&workspaceIds=${workspaceId}&limit=2&offset=0`);

    // Repeated and comma-separated workspace ids; the SDK pages through everything.
    const both = [];
    for await (const source of api.sources.listSources({ workspaceIds: [workspaceId, other] })) both.push(source.name);
    expect(both).toEqual(["a", "b", "c", "elsewhere"]);
    const comma = await api.request<{ data: SourceResponse[] }>({
      operation: "listSources",
      method: "GET",
      path: `/sources?workspaceIds=${workspaceId},${other}`,
    });
    expect(comma.data).toHaveLength(4);

    await api.sources.deleteSource({ sourceId: created[1]?.sourceId as string });
    const visible = (await api.sources.listSources({ workspaceIds: [workspaceId] })).data.map((s) => s.name);
    expect(visible).toEqual(["a", "c"]);
    const all = await api.sources.listSources({ workspaceIds: [workspaceId], includeDeleted: true });
    expect(all.data.map((s) => s.name)).toEqual(["a", "b", "c"]);
    expect(elsewhere.workspaceId).toBe(other);

    const badLimit = await failure(
      api.request({ operation: "listSources", method: "GET", path: "/sources?limit=101" }),
    );
    expect(badLimit.status).toBe(400);
    const badIds = await failure(
      api.request({ operation: "listSources", method: "GET", path: "/sources?workspaceIds=x" }),
    );
    expect(badIds.status).toBe(400);
  });
});

describe("updating sources", () => {
  test("PATCH changes only what is given and merges configuration keys", async () => {
    const api = harness.admin();
    const workspaceId = await newWorkspace();
    const source = await api.sources.createSource({
      name: "pg",
      workspaceId,
      configuration: { sourceType: "postgres", ...postgresConfiguration },
    });
    const renamed = await api.sources.patchSource({ sourceId: source.sourceId }, { name: "renamed" });
    expect(renamed).toEqual({ ...source, name: "renamed" });
    const patched = await api.sources.patchSource(
      { sourceId: source.sourceId },
      { configuration: { sourceType: "postgres", port: 6543, password: MASK } },
    );
    expect(patched.name).toBe("renamed");
    expect(patched.configuration).toEqual({ ...source.configuration, port: 6543 });
    const invalid = await failure(
      api.sources.patchSource({ sourceId: source.sourceId }, { configuration: { port: "x" } }),
    );
    expect(invalid.status).toBe(422);
    expect(invalid.data?.message).toMatch(/\$\.port: must be integer/);
  });

  test("PUT replaces name and configuration; masked secrets keep their stored values", async () => {
    const api = harness.admin();
    const workspaceId = await newWorkspace();
    const source = await createFaker(workspaceId);
    const replaced = await api.sources.putSource(
      { sourceId: source.sourceId },
      { name: "replaced", configuration: { count: 3, always_updated: false } },
    );
    expect(replaced).toEqual({ ...source, name: "replaced", configuration: { count: 3, always_updated: false } });
    const missingName = await failure(
      api.request({
        operation: "putSource",
        method: "PUT",
        path: `/sources/${source.sourceId}`,
        body: { configuration: {} },
      }),
    );
    expect(missingName.status).toBe(400);
    const blank = await failure(
      api.sources.putSource({ sourceId: source.sourceId }, { name: " ", configuration: { count: 1 } }),
    );
    expect(blank.status).toBe(400);
  });

  test("deleted sources cannot be changed; unknown ones are 404", async () => {
    const api = harness.admin();
    const source = await createFaker(await newWorkspace());
    await api.sources.deleteSource({ sourceId: source.sourceId });
    expect((await api.sources.getSource({ sourceId: source.sourceId })).name).toBe("faker");
    const patch = await failure(api.sources.patchSource({ sourceId: source.sourceId }, { name: "again" }));
    expect(patch.status).toBe(400);
    expect((await failure(api.sources.patchSource({ sourceId: UNKNOWN }, { name: "x" }))).status).toBe(404);
    expect((await failure(api.sources.deleteSource({ sourceId: UNKNOWN }))).status).toBe(404);
  });

  test("the stored configuration keeps secrets in clear, and a mask sent back keeps them", async () => {
    const store = openStore({ inMemory: true });
    try {
      const services = createServices(store, resolveConfig({ inMemory: true }));
      const defaults = services.identity.ensureDefaults();
      const caller = { userId: defaults.userId, instanceAdmin: true };
      const source = services.actors.create<"source">(caller, "source", {
        name: "pg",
        workspaceId: defaults.workspaceId,
        configuration: { sourceType: "postgres", ...postgresConfiguration },
      });
      const stored = () => services.actors.configuration(services.actors.sourceRow(source.sourceId));
      expect(stored()).toEqual(postgresConfiguration);

      services.actors.put(caller, "source", source.sourceId, { name: "pg", configuration: source.configuration });
      expect(stored()).toEqual(postgresConfiguration);

      services.actors.patch(caller, "source", source.sourceId, {
        configuration: { password: "new-password", ssl_mode: { mode: "verify-ca", ca_certificate: MASK } },
      });
      expect(stored()).toEqual({
        ...postgresConfiguration,
        password: "new-password",
        ssl_mode: { mode: "verify-ca", ca_certificate: "CA-PEM" },
      });
    } finally {
      store.close();
    }
  });
});

describe("deleting sources", () => {
  test("204, the source is tombstoned and its connections deprecated", async () => {
    const api = harness.admin();
    const workspaceId = await newWorkspace();
    const source = await createFaker(workspaceId);
    const destination = await api.destinations.createDestination({
      name: "null",
      workspaceId,
      configuration: { destinationType: "dev-null", test_destination: { test_destination_type: "SILENT" } },
    });
    const connection = await api.connections.createConnection({
      sourceId: source.sourceId,
      destinationId: destination.destinationId,
    });
    expect(connection.status).toBe("active");
    const { response } = await api.sources.deleteSource({ sourceId: source.sourceId }).withResponse();
    expect(response.status).toBe(204);
    expect((await api.connections.getConnection({ connectionId: connection.connectionId })).status).toBe("deprecated");
    expect((await api.sources.listSources({ workspaceIds: [workspaceId] })).data).toEqual([]);
    // The destination is untouched.
    expect((await api.destinations.listDestinations({ workspaceIds: [workspaceId] })).data).toHaveLength(1);
  });
});

describe("permissions", () => {
  test("a user of another organization gets 403 everywhere, unknown ids included", async () => {
    const source = await createFaker(await newWorkspace());
    const stranger = outsider();
    const forbidden = [
      () => stranger.sources.getSource({ sourceId: source.sourceId }),
      () => stranger.sources.getSource({ sourceId: UNKNOWN }),
      () => stranger.sources.patchSource({ sourceId: source.sourceId }, { name: "x" }),
      () => stranger.sources.putSource({ sourceId: source.sourceId }, { name: "x", configuration: { count: 1 } }),
      () => stranger.sources.deleteSource({ sourceId: source.sourceId }),
      () =>
        stranger.sources.createSource({
          name: "x",
          workspaceId: source.workspaceId,
          configuration: { sourceType: "faker", count: 1 },
        }),
      () => stranger.sources.listSources({ workspaceIds: [source.workspaceId] }),
    ];
    for (const attempt of forbidden) {
      const error = await failure(attempt());
      expect(error.status).toBe(403);
      expect(error.title).toBe("forbidden");
    }
    const denied = await failure(stranger.sources.getSource({ sourceId: source.sourceId }));
    expect(denied.data?.message).toBe(
      "Caller does not have the required WORKSPACE_READER permissions to access the resource(s).",
    );
    // Their own lists hold only their own workspaces' sources.
    expect((await stranger.sources.listSources()).data).toEqual([]);
  });

  test("an organization reader reads but cannot write", async () => {
    const source = await createFaker(harness.local().workspaceId, "shared");
    const reader = member("organization_reader");
    expect((await reader.sources.getSource({ sourceId: source.sourceId })).name).toBe("shared");
    expect((await reader.sources.listSources()).data.map((s) => s.sourceId)).toContain(source.sourceId);
    const error = await failure(reader.sources.patchSource({ sourceId: source.sourceId }, { name: "mine" }));
    expect(error.status).toBe(403);
    expect(error.data?.message).toBe(
      "Caller does not have the required WORKSPACE_EDITOR permissions to access the resource(s).",
    );
    const editor = member("organization_editor");
    expect((await editor.sources.patchSource({ sourceId: source.sourceId }, { name: "edited" })).name).toBe("edited");
  });
});

describe("OAuth", () => {
  test("initiateOAuth answers 501 after validating its body", async () => {
    const api = harness.admin();
    const workspaceId = harness.local().workspaceId;
    const error = await failure(
      api.sources.initiateOAuth({ redirectUrl: "https://example.com/cb", workspaceId, sourceType: "github" }),
    );
    expect(error.status).toBe(501);
    expect(error.type).toBe("error:implementation/not-implemented-in-oss");
    const send = (body: unknown) =>
      failure(api.request({ operation: "initiateOAuth", method: "POST", path: "/sources/initiateOAuth", body }));
    expect((await send({ workspaceId })).status).toBe(400);
    expect((await send({ redirectUrl: 7, workspaceId })).status).toBe(422);
  });

  test("the OAuth callback answers 501", async () => {
    const response = await fetch(`${harness.local().publicApiUrl}/oauth/callback?code=abc`);
    expect(response.status).toBe(501);
  });
});

describe("custom definitions", () => {
  test('sources of a custom Docker definition have sourceType "" and any configuration object', async () => {
    const api = harness.admin();
    const workspaceId = await newWorkspace();
    const definition = await api.sourceDefinitions.createSourceDefinition(
      { workspaceId },
      { name: "In-house", dockerRepository: "acme/source-inhouse", dockerImageTag: "1.0.0" },
    );
    const source = await api.sources.createSource({
      name: "inhouse",
      workspaceId,
      definitionId: definition.id,
      configuration: { anything: { goes: true } },
    });
    expect(source.sourceType).toBe("");
    expect(source.definitionId).toBe(definition.id);
    expect(source.configuration).toEqual({ anything: { goes: true } });
    // Another workspace cannot use it.
    const elsewhere = await failure(
      api.sources.createSource({
        name: "x",
        workspaceId: await newWorkspace(),
        definitionId: definition.id,
        configuration: {},
      }),
    );
    expect(elsewhere.status).toBe(404);
    expect(POSTGRES_SOURCE).toHaveLength(36);
  });
});
