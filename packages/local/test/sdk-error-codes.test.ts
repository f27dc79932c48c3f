/**
 * Each class of the transport's errors, provoked against a real local server: the class, its
 * stable `code`, and the `requestId` the server named the request by (none when no answer came).
 */
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import {
  type AirbyteApi,
  AirbyteApiError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  LockedError,
  NetworkError,
  NotFoundError,
  NotImplementedError,
  PermissionDeniedError,
  RateLimitError,
  RequestAbortedError,
  SyncAlreadyRunningError,
  TimeoutError,
  UnprocessableEntityError,
} from "airbyte-ts";
import type { FaultOptions } from "@airbyte-ts/local";
import { adminToken, fakerToDevNull, outsider, type Pair } from "./helpers/connections.js";
import { failure, useLocalServer } from "@airbyte-ts/test-support/local-server";

const harness = useLocalServer();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MISSING = "00000000-0000-4000-8000-000000000000";

let admin: AirbyteApi;
let pair: Pair;
beforeAll(async () => {
  admin = harness.admin();
  pair = await fakerToDevNull(admin, harness.local().workspaceId);
});

function expectAnswered(error: AirbyteApiError, ErrorClass: typeof AirbyteApiError, code: string, status: number) {
  expect(error).toBeInstanceOf(ErrorClass);
  expect(error.code).toBe(code);
  expect(error.status).toBe(status);
  expect(error.requestId).toMatch(UUID);
  expect(error.requestId).toBe(error.headers?.get("x-request-id"));
}

describe("answers with an error status", () => {
  const newConnection = async () =>
    (await admin.connections.createConnection({ sourceId: pair.sourceId, destinationId: pair.destinationId }))
      .connectionId;

  test("400 bad_request", async () => {
    const error = await failure(
      admin.tags.createTag({ name: "t", color: "not a colour", workspaceId: pair.workspaceId }),
    );
    expectAnswered(error, BadRequestError, "bad_request", 400);
  });

  test("401 unauthorized", async () => {
    const error = await failure(harness.client({ bearerToken: "not-a-token" }).workspaces.listWorkspaces());
    expectAnswered(error, AuthenticationError, "unauthorized", 401);
  });

  test("403 forbidden", async () => {
    const error = await failure(outsider(harness).workspaces.getWorkspace({ workspaceId: pair.workspaceId }));
    expectAnswered(error, PermissionDeniedError, "forbidden", 403);
  });

  test("404 not_found", async () => {
    const error = await failure(admin.workspaces.getWorkspace({ workspaceId: MISSING }));
    expectAnswered(error, NotFoundError, "not_found", 404);
  });

  test("409 conflict", async () => {
    await admin.tags.createTag({ name: "twice", color: "00ff00", workspaceId: pair.workspaceId });
    const error = await failure(
      admin.tags.createTag({ name: "twice", color: "00ff00", workspaceId: pair.workspaceId }),
    );
    expectAnswered(error, ConflictError, "conflict", 409);
    expect(error).not.toBeInstanceOf(SyncAlreadyRunningError);
  });

  test("409 sync_already_running, and 423 locked while that sync has not finished", async () => {
    const connectionId = await newConnection();
    await admin.jobs.createJob({ connectionId, jobType: "sync" });
    const running = await failure(admin.jobs.createJob({ connectionId, jobType: "sync" }));
    expectAnswered(running, SyncAlreadyRunningError, "sync_already_running", 409);
    expect(running).toBeInstanceOf(ConflictError);

    const connectionState = { stateType: "not_set" as const, connectionId };
    const locked = await failure(admin.config.state.createOrUpdateSafe({ connectionId, connectionState }));
    expectAnswered(locked, LockedError, "locked", 423);
  });

  test("422 unprocessable", async () => {
    const error = await failure(
      admin.sources.createSource({
        name: "bad",
        workspaceId: pair.workspaceId,
        configuration: { sourceType: "faker", count: "many" },
      }),
    );
    expectAnswered(error, UnprocessableEntityError, "unprocessable", 422);
  });

  test("501 not_implemented", async () => {
    const error = await failure(
      admin.organizations.createOrUpdateOrganizationOAuthCredentials(
        { organizationId: harness.local().organizationId },
        { actorType: "source", name: "github", configuration: {} },
      ),
    );
    expectAnswered(error, NotImplementedError, "not_implemented", 501);
  });
});

describe("injected faults", () => {
  let token: string;
  beforeAll(async () => {
    token = await adminToken(harness);
  });
  afterEach(() => harness.local().setFaults(undefined));
  const withFaults = (faults: FaultOptions) => {
    harness.local().setFaults({ phase: "before", ...faults });
    return harness.client({ bearerToken: token });
  };

  test("429 rate_limited", async () => {
    const error = await failure(withFaults({ rateLimitRate: 1 }).workspaces.listWorkspaces());
    expectAnswered(error, RateLimitError, "rate_limited", 429);
  });

  test("5xx server_error", async () => {
    const error = await failure(withFaults({ errorRate: 1 }).workspaces.listWorkspaces());
    expect(error).toBeInstanceOf(InternalServerError);
    expectAnswered(error, InternalServerError, "server_error", error.status ?? 0);
    expect(error.status).toBeGreaterThanOrEqual(500);
  });

  test("network: no answer, so no request id", async () => {
    const error = await failure(withFaults({ dropRate: 1 }).workspaces.listWorkspaces());
    expect(error).toBeInstanceOf(NetworkError);
    expect(error).not.toBeInstanceOf(TimeoutError);
    expect([error.code, error.status, error.requestId]).toEqual(["network", undefined, undefined]);
  });

  test("timeout is a kind of network failure", async () => {
    harness.local().setFaults({ latencyMs: 2_000 });
    const error = await failure(harness.client({ bearerToken: token, timeoutMs: 100 }).workspaces.listWorkspaces());
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toBeInstanceOf(NetworkError);
    expect([error.code, error.requestId]).toEqual(["timeout", undefined]);
  });

  test("aborted", async () => {
    harness.local().setFaults({ latencyMs: 2_000 });
    const controller = new AbortController();
    const request = harness.client({ bearerToken: token }).workspaces.listWorkspaces({}, { signal: controller.signal });
    controller.abort();
    const error = await failure(request);
    expect(error).toBeInstanceOf(RequestAbortedError);
    expect(error).not.toBeInstanceOf(NetworkError);
    expect([error.code, error.requestId]).toEqual(["aborted", undefined]);
  });
});
