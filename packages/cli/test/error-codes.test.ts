/**
 * Every SDK error code, as the CLI restates it: its exit code, its message and its hint. The
 * codes come from the SDK's own list, so a code added there fails here until it has a case. Then
 * the codes a local server produces cheaply, through the built binary.
 */
import { describe, expect, test } from "vitest";
import * as sdk from "airbyte-ts";
import { AIRBYTE_ERROR_CODES, type AirbyteError, type AirbyteErrorCode } from "airbyte-ts";
import {
  ConfigFileError,
  DestroyPreventedError,
  EnvVarMissingError,
  PlanStaleError,
  ReplaceNotAllowedError,
} from "airbyte-ts/config-as-code";
import { EXIT, toCliError } from "../src/util/errors.js";
import { built, jsonError, seedConnection, STUCK, uniqueName, useCliServer } from "./helpers/cli.js";

const URL_ = "http://127.0.0.1:8000/api/public/v1/connections/c1";
const CONNECTION = "5a1b7c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";

type ApiErrorClass = new (message: string, init: sdk.ApiErrorInit) => sdk.AirbyteApiError;

/** An API error as the transport builds it, with a request id and a problem saying `why`. */
function answered(ErrorClass: ApiErrorClass, status: number | undefined): sdk.AirbyteApiError {
  return new ErrorClass(`GET ${URL_} failed`, {
    status,
    method: "GET",
    url: URL_,
    headers: new Headers({ "x-request-id": "req-1" }),
    ...(status === undefined ? {} : { problem: { status, title: "t", detail: "why." } }),
  });
}

interface Case {
  error: () => AirbyteError;
  exit: number;
  message: string | RegExp;
  /** The hint, or undefined when the CLI gives none. */
  hint: string | RegExp | undefined;
}

const LIST_CONNECTIONS = "List them with: airbyte-ts connections list";
const SYNC_RUNNING = /--if-running attach/;
const STATE_LOCKED = /Wait for the sync to finish/;
const SERVER_URL = /Check the API URL/;
const workspace = { workspaceUrl: "https://cloud.airbyte.com/workspaces/w" };

const CASES: Record<AirbyteErrorCode, Case> = {
  bad_request: {
    error: () => answered(sdk.BadRequestError, 400),
    exit: 1,
    message: "The API refused: 400 why.",
    hint: undefined,
  },
  unauthorized: {
    error: () => answered(sdk.AuthenticationError, 401),
    exit: EXIT.auth,
    message: "The credentials were refused (401 why).",
    hint: /airbyte-ts login/,
  },
  forbidden: {
    error: () => answered(sdk.PermissionDeniedError, 403),
    exit: EXIT.auth,
    message: "Permission denied: 403 why.",
    hint: /lack the rights/,
  },
  not_found: {
    error: () => new sdk.MissingResourceError({ resourceType: "connection", resourceNameOrId: "c1" }),
    exit: 1,
    message: "No connection 'c1' was found.",
    hint: LIST_CONNECTIONS,
  },
  conflict: {
    error: () => answered(sdk.ConflictError, 409),
    exit: 1,
    message: "The API refused: 409 why.",
    hint: undefined,
  },
  sync_already_running: {
    error: () => new sdk.ConnectionSyncActiveError("A sync is already running.", { connectionId: CONNECTION }),
    exit: 1,
    message: "A sync is already running.",
    hint: SYNC_RUNNING,
  },
  unprocessable: {
    error: () => answered(sdk.UnprocessableEntityError, 422),
    exit: 1,
    message: "The API refused: 422 why.",
    hint: undefined,
  },
  locked: {
    error: () => answered(sdk.LockedError, 423),
    exit: 1,
    message: "The API refused: 423 why.",
    hint: STATE_LOCKED,
  },
  state_locked: {
    error: () =>
      new sdk.ConnectionStateLockedError("Cannot update connection state while a sync is running.", {
        connectionId: CONNECTION,
        guidance: "Wait for the current sync to complete before updating state.",
      }),
    exit: 1,
    message: "Cannot update connection state while a sync is running.",
    hint: STATE_LOCKED,
  },
  rate_limited: {
    error: () => answered(sdk.RateLimitError, 429),
    exit: 1,
    message: "The API refused: 429 why.",
    hint: undefined,
  },
  server_error: {
    error: () => answered(sdk.InternalServerError, 503),
    exit: 1,
    message: "The API refused: 503 why.",
    hint: undefined,
  },
  not_implemented: {
    error: () => answered(sdk.NotImplementedError, 501),
    exit: 1,
    message: "The API refused: 501 why.",
    hint: undefined,
  },
  api_error: {
    error: () => answered(sdk.AirbyteApiError, 410),
    exit: 1,
    message: "The API refused: 410 why.",
    hint: undefined,
  },
  network: {
    error: () => answered(sdk.NetworkError, undefined),
    exit: EXIT.network,
    message: "The Airbyte API at http://127.0.0.1:8000 could not be reached.",
    hint: SERVER_URL,
  },
  timeout: {
    error: () => answered(sdk.TimeoutError, undefined),
    exit: EXIT.network,
    message: "The Airbyte API at http://127.0.0.1:8000 did not answer in time.",
    hint: SERVER_URL,
  },
  aborted: {
    error: () => answered(sdk.RequestAbortedError, undefined),
    exit: EXIT.interrupted,
    message: "The request to http://127.0.0.1:8000 was interrupted.",
    hint: undefined,
  },
  response_invalid: {
    error: () => answered(sdk.ResponseValidationError, 200),
    exit: EXIT.config,
    message: "The server at http://127.0.0.1:8000 did not answer like an Airbyte API.",
    hint: /api\/public\/v1/,
  },
  invalid_argument: {
    error: () => new sdk.InvalidArgumentError("limit must be positive.", { guidance: "Pass limit: 10." }),
    exit: EXIT.usage,
    message: "limit must be positive.",
    hint: undefined,
  },
  credentials_missing: {
    error: () =>
      new sdk.MissingCredentialsError("Client ID and client secret are both required.", { missing: "clientSecret" }),
    exit: EXIT.config,
    message: "Client ID and client secret are both required.",
    hint: "The client secret is missing: pass --client-secret, set AIRBYTE_CLIENT_SECRET, or run `airbyte-ts login`.",
  },
  credentials_conflict: {
    error: () =>
      new sdk.ConflictingCredentialsError("Cannot use both client credentials and bearer token authentication.", {
        given: ["bearerToken", "clientId/clientSecret"],
        guidance: "Pass either bearerToken, or clientId with clientSecret.",
      }),
    exit: EXIT.config,
    message: "Cannot use both client credentials and bearer token authentication.",
    hint: "Give a bearer token or client credentials, not both.",
  },
  unsafe_delete: {
    error: () => new sdk.UnsafeDeleteError({ resourceType: "source", resourceId: "s1", resourceName: "prod" }),
    exit: EXIT.usage,
    message: "Refusing to delete source 'prod': safe mode deletes only names containing 'delete-me' or 'deleteme'.",
    hint: "Rename it, or pass --unsafe.",
  },
  missing_driver: {
    error: () => new sdk.MissingDriverError({ packageName: "pg", purpose: "Reading a postgres destination" }),
    exit: 1,
    message: 'Reading a postgres destination needs the "pg" package: npm install pg',
    hint: undefined,
  },
  secret_missing: {
    error: () =>
      new sdk.MissingSecretError({
        destinationType: "postgres",
        field: "password",
        option: "options.secrets.password",
        environmentVariable: "AIRBYTE_POSTGRES_PASSWORD",
      }),
    exit: EXIT.usage,
    message: /password is masked .* AIRBYTE_POSTGRES_PASSWORD/,
    hint: undefined,
  },
  unsupported_destination: {
    error: () => new sdk.UnsupportedDestinationError("s3", ["duckdb", "postgres"]),
    exit: EXIT.usage,
    message: /Reading a "s3" destination is not supported/,
    hint: undefined,
  },
  config_invalid: {
    error: () =>
      new ConfigFileError({ file: "airbyte.yaml", path: ["sourcs"], line: 2, column: 1 }, "is not a known field.", {
        guidance: 'Did you mean "sources"?',
      }),
    exit: EXIT.usage,
    message: "airbyte.yaml:2:1 (sourcs): is not a known field.",
    hint: 'Did you mean "sources"?',
  },
  env_var_missing: {
    error: () =>
      new EnvVarMissingError("PG_PASSWORD", {
        file: "airbyte.yaml",
        path: ["sources", "pg", "configuration", "password"],
        line: 9,
        column: 7,
      }),
    exit: EXIT.config,
    message: "airbyte.yaml:9:7 (sources.pg.configuration.password): the environment variable PG_PASSWORD is not set.",
    hint: "Set it, or write $${PG_PASSWORD} for the literal text.",
  },
  replace_not_allowed: {
    error: () => new ReplaceNotAllowedError(["connection.pg_to_bq"]),
    exit: EXIT.usage,
    message: "The plan replaces connection.pg_to_bq, which resets sync state and data.",
    hint: "Apply with allowReplace (--allow-replace) if that is what you want.",
  },
  destroy_prevented: {
    error: () => new DestroyPreventedError(["source.pg"]),
    exit: EXIT.usage,
    message: "The plan would destroy source.pg, which lifecycle.preventDestroy protects.",
    hint: "Change the files so they keep it, or take it out of preventDestroy.",
  },
  plan_stale: {
    error: () => new PlanStaleError("w1"),
    exit: EXIT.usage,
    message: "Workspace w1 changed after this plan was made.",
    hint: "Plan again and review the new plan.",
  },
  sync_failed: {
    error: () =>
      new sdk.ConnectionSyncError("The sync failed.", { connectionId: CONNECTION, jobId: 12, jobStatus: "failed" }),
    exit: EXIT.syncFailed,
    message: "The sync failed.",
    hint: "See its log: airbyte-ts jobs logs 12",
  },
  sync_timeout: {
    error: () =>
      new sdk.ConnectionSyncTimeoutError("The sync did not finish within 1 s.", {
        connectionId: CONNECTION,
        jobId: 12,
        jobStatus: "running",
        timeoutMs: 1000,
      }),
    exit: EXIT.timeout,
    message: "The sync did not finish within 1 s.",
    hint: `The job goes on; follow it with: airbyte-ts sync status ${CONNECTION} --job 12`,
  },
  workspace_mismatch: {
    error: () =>
      new sdk.WorkspaceMismatchError({
        resourceType: "source",
        resourceId: "s1",
        expectedWorkspaceId: "w1",
        actualWorkspaceId: "w2",
      }),
    exit: 1,
    message: "Source 's1' belongs to workspace 'w2', not 'w1'.",
    hint: "Pass --workspace w2 to work in that workspace.",
  },
  workspace_not_empty: {
    error: () => new sdk.WorkspaceNotEmptyError({ workspaceId: "w1", connectionIds: ["c1", "c2"] }),
    exit: 1,
    message: "Workspace 'w1' still has connections, so it cannot be deleted.",
    hint: "Delete its connections first: c1, c2",
  },
  duplicate_resource: {
    error: () => new sdk.DuplicateResourcesError({ resourceType: "source", resourceName: "faker" }),
    exit: 1,
    message: "A source named 'faker' already exists.",
    hint: "Choose another name, or pass --allow-duplicate.",
  },
  ambiguous_name: {
    error: () => new sdk.MultipleResourcesError({ resourceType: "source", resourceNameOrId: "faker" }),
    exit: EXIT.usage,
    message: "More than one source is named 'faker'.",
    hint: /Use its id instead/,
  },
  connector_check_failed: {
    error: () =>
      new sdk.ConnectorCheckError("The source 's1' failed its check.", {
        connectorType: "source",
        connectorId: "s1",
        connectorUrl: `${workspace.workspaceUrl}/source/s1`,
        errorMessage: "bad password",
        guidance: "Fix its configuration.",
        ...workspace,
      }),
    exit: 1,
    message: "The source 's1' failed its check.",
    hint: "Fix its configuration.",
  },
  destination_unreadable: {
    error: () => new sdk.DestinationReadError("duckdb", "The DuckDB file is locked by another process."),
    exit: 1,
    message: "The DuckDB file is locked by another process.",
    hint: undefined,
  },
  table_not_found: {
    error: () => new sdk.TableNotFoundError("duckdb", "main.users"),
    exit: 1,
    message: /The table main.users does not exist/,
    hint: undefined,
  },
  airbyte_error: {
    error: () => new sdk.AirbyteCloudError("Organization info is incomplete.", { guidance: "Ask an admin." }),
    exit: 1,
    message: "Organization info is incomplete.",
    hint: "Ask an admin.",
  },
};

describe("every SDK error code has its exit code, message and hint", () => {
  test("the SDK's list has no code twice", () => {
    expect(new Set(AIRBYTE_ERROR_CODES).size).toBe(AIRBYTE_ERROR_CODES.length);
  });

  test.each(AIRBYTE_ERROR_CODES.map((code) => [code]))("%s", async (code) => {
    const example = CASES[code];
    expect(example, `no case for the code ${code}`).toBeDefined();
    const error = example.error();
    expect(error.code).toBe(code);
    const cli = await toCliError(error);
    expect(cli.code).toBe(code);
    expect(cli.exitCode).toBe(example.exit);
    if (typeof example.message === "string") expect(cli.message).toBe(example.message);
    else expect(cli.message).toMatch(example.message);
    if (example.hint === undefined) expect(cli.hint).toBeUndefined();
    else if (typeof example.hint === "string") expect(cli.hint).toBe(example.hint);
    else expect(cli.hint).toMatch(example.hint);
    if (error instanceof sdk.AirbyteApiError) expect(cli.details.requestId).toBe("req-1");
  });
});

describe.skipIf(!built)("the built binary, against a local server", () => {
  const harness = useCliServer();
  const cli = harness.cli;

  test("not_found", async () => {
    const result = await cli(["--json", "connections", "get", "00000000-0000-4000-8000-000000000000"]);
    expect(result.code).toBe(1);
    expect(jsonError(result)).toMatchObject({ code: "not_found", exitCode: 1, hint: LIST_CONNECTIONS });
  });

  test("unauthorized, with the request id of the refusal", async () => {
    const result = await cli(["--json", "workspaces", "list"], { env: { AIRBYTE_CLIENT_SECRET: "wrong" } });
    expect(result.code).toBe(EXIT.auth);
    const error = jsonError(result);
    // The token exchange's refusal (a 400 from /applications/token), restated by the SDK.
    expect(error).toMatchObject({ code: "unauthorized", exitCode: EXIT.auth, status: 400 });
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("credentials_missing and credentials_conflict", async () => {
    const none = await cli(["--json", "connections", "list"], {
      env: { AIRBYTE_CLIENT_ID: undefined, AIRBYTE_CLIENT_SECRET: undefined },
    });
    expect(none.code).toBe(EXIT.config);
    expect(jsonError(none)).toMatchObject({
      code: "credentials_missing",
      message: "No Airbyte credentials were found.",
    });
    const half = await cli(["--json", "connections", "list"], { env: { AIRBYTE_CLIENT_SECRET: undefined } });
    expect(half.code).toBe(EXIT.config);
    expect(jsonError(half)).toMatchObject({
      code: "credentials_missing",
      hint: expect.stringContaining("--client-secret"),
    });
  });

  test("unsafe_delete", async () => {
    const { connection } = await seedConnection(harness.workspace(), { name: uniqueName("kept") });
    const result = await cli(["--json", "connections", "delete", connection.connectionId, "--yes"]);
    expect(result.code).toBe(EXIT.usage);
    expect(jsonError(result)).toMatchObject({ code: "unsafe_delete", hint: "Rename it, or pass --unsafe." });
  });

  test("sync_already_running, then state_locked while that sync has not finished", async () => {
    const { connection } = await seedConnection(harness.workspace(), { destination: STUCK });
    const id = connection.connectionId;
    expect((await cli(["sync", "run", id])).code).toBe(0);
    const again = await cli(["--json", "sync", "run", id]);
    expect(again.code).toBe(1);
    expect(jsonError(again)).toMatchObject({ code: "sync_already_running", hint: expect.stringMatching(SYNC_RUNNING) });
    const state = JSON.stringify({ stateType: "not_set", connectionId: id });
    const locked = await cli(["--json", "state", "import", id, "-", "--yes"], { input: state });
    expect(locked.code).toBe(1);
    expect(jsonError(locked)).toMatchObject({ code: "state_locked", hint: expect.stringMatching(STATE_LOCKED) });
  });
});
