/**
 * A local server per test file and SDK clients for it, every response of which is checked
 * against Airbyte's OpenAPI documents: a response that strays from them fails the test that
 * saw it. The local server's tests and the SDK's high-level tests share it.
 */
import { afterAll, afterEach, beforeAll, expect } from "vitest";
import { AirbyteApi, AirbyteApiError, type AirbyteApiOptions, selfManaged } from "airbyte-ts";
import { type LocalServer, type LocalServerOptions, startLocalServer } from "@airbyte-ts/local";
import { specCheck } from "./spec-check.js";

export interface LocalHarness {
  local(): LocalServer;
  /** An SDK client of the instance admin. */
  admin(): AirbyteApi;
  /**
   * An SDK client with other credentials or options, checked against the spec too: hooks given
   * in `options` run after the harness's own check, never instead of it.
   */
  client(options: AirbyteApiOptions): AirbyteApi;
  /**
   * A new user with an SDK client: in an organization of their own (as its admin) unless one is
   * named, with `organizationRole` there (default member).
   */
  person(email: string, options?: { organizationId?: string; organizationRole?: string }): Person;
  /** Mismatches seen so far in the current test (the harness fails the test on any). */
  mismatches: string[];
}

export interface Person {
  userId: string;
  organizationId: string;
  email: string;
  api: AirbyteApi;
}

/** The API error a call ends with (any awaitable: the SDK's page promises are not Promises). */
export async function failure(promise: PromiseLike<unknown>): Promise<AirbyteApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AirbyteApiError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

/**
 * An in-memory local server (no scheduler) for the tests of one file: started before them,
 * closed after them, and after each test a check that no response
 * strayed from Airbyte's OpenAPI documents (`mismatches` is what `specCheck` fills).
 */
export function useServerLifecycle(options: LocalServerOptions, mismatches: string[]): () => LocalServer {
  let server: LocalServer | undefined;
  beforeAll(async () => {
    server = await startLocalServer({ inMemory: true, scheduler: false, ...options });
  });
  afterAll(async () => {
    await server?.close();
  });
  afterEach(() => {
    const seen = mismatches.splice(0);
    expect(seen, "responses that do not match Airbyte's OpenAPI documents").toEqual([]);
  });

  return () => {
    if (!server) throw new Error("the local server has not started");
    return server;
  };
}

export function useLocalServer(options: LocalServerOptions = {}): LocalHarness {
  let adminClient: AirbyteApi | undefined;
  const mismatches: string[] = [];
  const hooks = specCheck(mismatches);
  const local = useServerLifecycle(options, mismatches);
  const client = ({ hooks: extraHooks, ...extra }: AirbyteApiOptions) =>
    new AirbyteApi({
      ...selfManaged(local().url),
      logLevel: "off",
      retries: false,
      ...extra,
      hooks: [hooks, ...(extraHooks === undefined ? [] : [extraHooks].flat())],
    });
  return {
    local,
    admin: () => (adminClient ??= client({ clientId: local().clientId, clientSecret: local().clientSecret })),
    client,
    person(email, options = {}) {
      const created = local().createUser({ email, ...options });
      const api = client({ clientId: created.clientId, clientSecret: created.clientSecret });
      return { userId: created.userId, organizationId: created.organizationId, email, api };
    },
    mismatches,
  };
}
