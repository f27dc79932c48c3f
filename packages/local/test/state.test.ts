import type { Config } from "airbyte-ts";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { ServiceError } from "../src/services/errors.js";
import {
  ADMIN,
  FAILED_ATTEMPT,
  insertConnection,
  runAttempt,
  testServices,
  type TestServices,
} from "./helpers/engine.js";

let t: TestServices;
let connectionId: string;

beforeEach(() => {
  // Without a backoff, an incomplete job's next attempt may start at once.
  t = testServices({ retryBackoffMs: 0 });
  connectionId = insertConnection(t, { workspaceId: t.workspaceId }).id;
});
afterEach(() => t.close());

const streamState = (name: string, cursor: string, namespace?: string): Config.StreamState => ({
  streamDescriptor: namespace ? { name, namespace } : { name },
  streamState: { cursor },
});

function kindOf(work: () => unknown): string | undefined {
  try {
    work();
  } catch (error) {
    return error instanceof ServiceError ? error.kind : `not a ServiceError: ${String(error)}`;
  }
  return undefined;
}

describe("the state service", () => {
  test("a connection without state is not_set", () => {
    expect(t.services.state.get(ADMIN, connectionId)).toEqual({ stateType: "not_set", connectionId });
  });

  test("stream, global and legacy states are stored with exactly the field of their type", () => {
    const { state } = t.services;
    const stream = state.createOrUpdateSafe(ADMIN, connectionId, {
      stateType: "stream",
      connectionId,
      streamState: [streamState("users", "2024-01-01")],
      state: { ignored: true },
    });
    expect(stream).toEqual({ stateType: "stream", connectionId, streamState: [streamState("users", "2024-01-01")] });

    const globalState = { shared_state: { lsn: 42 }, streamStates: [streamState("users", "a", "public")] };
    expect(state.createOrUpdateSafe(ADMIN, connectionId, { stateType: "global", connectionId, globalState })).toEqual({
      stateType: "global",
      connectionId,
      globalState,
    });

    expect(
      state.createOrUpdateSafe(ADMIN, connectionId, { stateType: "legacy", connectionId, state: { cdc: true } }),
    ).toEqual({ stateType: "legacy", connectionId, state: { cdc: true } });
    expect(state.get(ADMIN, connectionId)).toEqual({ stateType: "legacy", connectionId, state: { cdc: true } });
  });

  test("the connection id inside the state is the request's, whatever the body says", () => {
    const other = "11111111-1111-1111-1111-111111111111";
    const stored = t.services.state.createOrUpdateSafe(ADMIN, connectionId, {
      stateType: "legacy",
      connectionId: other,
      state: { a: 1 },
    });
    expect(stored.connectionId).toBe(connectionId);
  });

  test("not_set removes the state", () => {
    const { state } = t.services;
    state.write(connectionId, { stateType: "legacy", connectionId, state: { a: 1 } });
    expect(state.createOrUpdateSafe(ADMIN, connectionId, { stateType: "not_set", connectionId })).toEqual({
      stateType: "not_set",
      connectionId,
    });
  });

  test("a state without the field its type needs, or with a stream twice, is unprocessable", () => {
    const { state } = t.services;
    expect(kindOf(() => state.createOrUpdateSafe(ADMIN, connectionId, { stateType: "stream", connectionId }))).toBe(
      "unprocessable",
    );
    expect(kindOf(() => state.createOrUpdateSafe(ADMIN, connectionId, { stateType: "global", connectionId }))).toBe(
      "unprocessable",
    );
    expect(kindOf(() => state.createOrUpdateSafe(ADMIN, connectionId, { stateType: "legacy", connectionId }))).toBe(
      "unprocessable",
    );
    const twice = [streamState("users", "a"), streamState("users", "b")];
    expect(
      kindOf(() =>
        state.createOrUpdateSafe(ADMIN, connectionId, { stateType: "stream", connectionId, streamState: twice }),
      ),
    ).toBe("unprocessable");
    // The same name in two namespaces is two streams.
    const two = [streamState("users", "a", "one"), streamState("users", "b", "two")];
    expect(
      kindOf(() =>
        state.createOrUpdateSafe(ADMIN, connectionId, { stateType: "stream", connectionId, streamState: two }),
      ),
    ).toBeUndefined();
  });

  test("423 while a sync is pending, running or incomplete; allowed again once it finished", () => {
    const { state, jobs, jobQueue } = t.services;
    const { jobId } = jobs.create(ADMIN, { connectionId, jobType: "sync" });
    const update = () =>
      state.createOrUpdateSafe(ADMIN, connectionId, { stateType: "legacy", connectionId, state: {} });
    expect(kindOf(update)).toBe("locked");
    const first = jobQueue.startAttempt(jobId);
    expect(first?.attemptNumber).toBe(0);
    expect(kindOf(update)).toBe("locked");
    expect(jobQueue.finishAttempt(jobId, 0, FAILED_ATTEMPT).status).toBe("incomplete");
    expect(kindOf(update)).toBe("locked");
    // The job's next attempt may start at once: the file's services retry without a backoff.
    expect(runAttempt(t.services, jobId, { status: "succeeded" }).status).toBe("succeeded");
    expect(kindOf(update)).toBeUndefined();
  });

  test("a pending reset does not lock the state (Airbyte waits for syncs and refreshes only)", () => {
    t.services.jobs.create(ADMIN, { connectionId, jobType: "reset" });
    const update = () =>
      t.services.state.createOrUpdateSafe(ADMIN, connectionId, { stateType: "legacy", connectionId, state: {} });
    expect(kindOf(update)).toBeUndefined();
  });

  describe("clearing streams (resets and clears)", () => {
    test("stream states lose the named streams; the state goes when none is left", () => {
      const { state } = t.services;
      state.write(connectionId, {
        stateType: "stream",
        connectionId,
        streamState: [streamState("users", "a"), streamState("users", "b", "other"), streamState("orders", "c")],
      });
      state.clearStreams(connectionId, [{ name: "users" }]);
      expect(state.read(connectionId).streamState?.map((s) => s.streamDescriptor)).toEqual([
        { name: "users", namespace: "other" },
        { name: "orders" },
      ]);
      state.clearStreams(connectionId, [{ name: "users", namespace: "other" }, { name: "orders" }]);
      expect(state.read(connectionId)).toEqual({ stateType: "not_set", connectionId });
    });

    test("a global state keeps its shared part while some streams remain", () => {
      const { state } = t.services;
      state.write(connectionId, {
        stateType: "global",
        connectionId,
        globalState: { shared_state: { lsn: 1 }, streamStates: [streamState("a", "1"), streamState("b", "2")] },
      });
      state.clearStreams(connectionId, [{ name: "a" }]);
      expect(state.read(connectionId).globalState).toEqual({
        shared_state: { lsn: 1 },
        streamStates: [streamState("b", "2")],
      });
      state.clearStreams(connectionId);
      expect(state.read(connectionId).stateType).toBe("not_set");
    });

    test("a legacy state cannot be split: any clear removes it", () => {
      const { state } = t.services;
      state.write(connectionId, { stateType: "legacy", connectionId, state: { a: 1 } });
      state.clearStreams(connectionId, [{ name: "users" }]);
      expect(state.read(connectionId).stateType).toBe("not_set");
    });
  });

  test("permissions: readers read, editors write, strangers get 403 even for unknown ids", () => {
    const { identity, state } = t.services;
    const stranger = identity.createUser({ email: "stranger@example.com" });
    const caller = { userId: stranger.userId, instanceAdmin: false };
    expect(kindOf(() => state.get(caller, connectionId))).toBe("forbidden");
    expect(kindOf(() => state.get(caller, "22222222-2222-2222-2222-222222222222"))).toBe("forbidden");
    expect(kindOf(() => state.get(ADMIN, "22222222-2222-2222-2222-222222222222"))).toBe("not-found");

    const reader = identity.createUser({
      email: "reader@example.com",
      organizationId: "00000000-0000-0000-0000-000000000000",
      organizationRole: "organization_reader",
    });
    const readerCaller = { userId: reader.userId, instanceAdmin: false };
    expect(state.get(readerCaller, connectionId).stateType).toBe("not_set");
    expect(
      kindOf(() =>
        state.createOrUpdateSafe(readerCaller, connectionId, { stateType: "legacy", connectionId, state: {} }),
      ),
    ).toBe("forbidden");
  });
});
