/**
 * Every route of the public API and every Config API call, fed malformed JSON, wrong types,
 * missing fields and unknown ids: each answer is a client error with a problem body (or the
 * Config API's message body), never a 500.
 */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startLocalServer, type LocalServer } from "@airbyte-ts/local";
import { configOperation, publicOperations, SPEC_AVAILABLE } from "@airbyte-ts/test-support/openapi";

const CONFIG_CALLS = [
  "/state/get",
  "/state/create_or_update_safe",
  "/web_backend/connections/get",
  "/web_backend/connections/update",
  "/connections/get",
  "/jobs/get",
  "/jobs/list",
  "/attempt/get_for_job",
  "/sources/check_connection",
  "/destinations/check_connection",
  "/sources/discover_schema",
  "/source_definitions/list_for_workspace",
  "/destination_definitions/list_for_workspace",
  "/source_definition_specifications/get",
  "/destination_definition_specifications/get",
  "/workspaces/get_organization_info",
  "/organizations/get_organization_info",
  "/workspaces/list_by_organization_id",
  "/connector_builder_projects/get_for_definition_id",
  "/connector_builder_projects/get_with_manifest",
  "/connector_builder_projects/update_testing_values",
  "/connector_builder_projects/create",
  "/connector_builder_projects/publish",
  "/declarative_source_definitions/create_manifest",
  "/declarative_source_definitions/update_active_manifest",
  "/declarative_source_definitions/list_manifests",
];

const UNKNOWN = "7d2c4e1a-9b3f-4c5d-8e6f-0a1b2c3d4e5f";
const CLIENT_ERRORS = [400, 403, 404, 409, 422, 501];

let server: LocalServer;
let token: string;
beforeAll(async () => {
  server = await startLocalServer({ inMemory: true, scheduler: false });
  const response = await fetch(`${server.publicApiUrl}/applications/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client_id: server.clientId, client_secret: server.clientSecret }),
  });
  token = ((await response.json()) as { access_token: string }).access_token;
});
afterAll(() => server.close());

async function send(
  method: string,
  url: string,
  body?: string,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body }),
  });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // A non-JSON body fails the shape check below.
  }
  return { status: response.status, json };
}

function expectPublicProblem(answer: { status: number; json: Record<string, unknown> }, what: string) {
  expect(CLIENT_ERRORS, `${what} answered ${answer.status}: ${JSON.stringify(answer.json)}`).toContain(answer.status);
  expect(typeof answer.json.type, `${what}: problem type`).toBe("string");
  expect(typeof answer.json.title, `${what}: problem title`).toBe("string");
}

describe.skipIf(!SPEC_AVAILABLE)("public API", () => {
  const operations = SPEC_AVAILABLE ? publicOperations() : [];
  const withBody = operations.filter((op) => op.requestSchema && op.operationId !== "createAccessToken");
  const fill = (path: string) =>
    path
      .replace(/\{actorType\}/g, "source")
      .replace(/\{jobId\}/g, "987654")
      .replace(/\{\w+\}/g, UNKNOWN);

  test.each(withBody.map((op) => [op.operationId, op] as const))(
    "%s: malformed JSON, wrong types, missing fields",
    async (_id, op) => {
      const url = server.publicApiUrl + fill(op.path);
      for (const body of ["{", "[]", '"text"', "{}", '{"name": 12, "workspaceId": false, "connectionId": []}']) {
        const answer = await send(op.method, url, body);
        if (body === "{}" && answer.status < 300) continue; // every field of this body is optional
        expectPublicProblem(answer, `${op.method} ${op.path} with ${body}`);
      }
    },
  );

  test.each(operations.filter((op) => op.path.includes("{")).map((op) => [op.operationId, op] as const))(
    "%s: unknown ids are 404 (or 501 where the operation is Cloud only), never 500",
    async (_id, op) => {
      const answer = await send(op.method, server.publicApiUrl + fill(op.path), op.requestSchema ? "{}" : undefined);
      expectPublicProblem(answer, `${op.method} ${op.path}`);
    },
  );

  test("malformed ids and query values are 400", async () => {
    for (const path of [
      "/connections/not-a-uuid",
      "/jobs/abc",
      "/sources?limit=0",
      "/sources?limit=101",
      "/sources?offset=-1",
      "/jobs?orderBy=name|UP",
      "/sources?workspaceIds=nope",
      "/sources?includeDeleted=maybe",
    ]) {
      const answer = await send("GET", server.publicApiUrl + path);
      expect(answer.status, path).toBe(400);
      expectPublicProblem(answer, path);
    }
  });

  test("the token endpoint: wrong credentials and malformed bodies", async () => {
    for (const body of ["{", "{}", JSON.stringify({ client_id: "x", client_secret: "y" })]) {
      const answer = await send("POST", `${server.publicApiUrl}/applications/token`, body);
      expect([400, 401, 422], body).toContain(answer.status);
    }
  });

  test("no token, a bad token: 401 problem", async () => {
    const none = await fetch(`${server.publicApiUrl}/workspaces`);
    expect(none.status).toBe(401);
    expect(((await none.json()) as { title: string }).title).toBe("invalid-api-key");
    const bad = await fetch(`${server.publicApiUrl}/workspaces`, { headers: { authorization: "Bearer not.a.token" } });
    expect(bad.status).toBe(401);
  });
});

describe.skipIf(!SPEC_AVAILABLE)("Config API", () => {
  test.each(CONFIG_CALLS)("%s: malformed JSON, wrong types, missing fields, unknown ids", async (path) => {
    const op = configOperation(path);
    const url = server.configApiUrl + path;
    const unknownIds = JSON.stringify({
      connectionId: UNKNOWN,
      sourceId: UNKNOWN,
      destinationId: UNKNOWN,
      workspaceId: UNKNOWN,
      organizationId: UNKNOWN,
      id: 987654,
      jobId: 987654,
      attemptNumber: 0,
      actorDefinitionId: UNKNOWN,
      builderProjectId: UNKNOWN,
      sourceDefinitionId: UNKNOWN,
      destinationDefinitionId: UNKNOWN,
      version: 1,
      configTypes: ["sync"],
    });
    for (const body of ["{", "[]", "{}", '{"connectionId": 5, "id": "x"}', unknownIds]) {
      const answer = await send("POST", url, body);
      if (answer.status < 300) continue; // e.g. a list that is simply empty for unknown ids
      expect(
        CLIENT_ERRORS,
        `${op.operationId} with ${body} answered ${answer.status}: ${JSON.stringify(answer.json)}`,
      ).toContain(answer.status);
      expect(typeof answer.json.message, `${op.operationId} with ${body}: message`).toBe("string");
    }
  });
});
