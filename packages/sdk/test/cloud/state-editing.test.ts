import { describe, expect, it } from "vitest";
import { InputError } from "airbyte-ts";
import { type ConnectionState, toApiState, withStreamState } from "../../src/cloud/state.js";

const streamState = (name: string, blob: Record<string, unknown>, namespace?: string) => ({
  streamDescriptor: { name, ...(namespace ? { namespace } : {}) },
  streamState: blob,
});

describe("withStreamState", () => {
  it("replaces a matching stream where it is and keeps the others and every other field", () => {
    const raw = {
      stateType: "stream",
      connectionId: "c1",
      extra: "kept",
      streamState: [streamState("users", { cursor: 1 }), streamState("orders", { cursor: 2 }, "shop")],
    } as ConnectionState;
    const next = withStreamState(raw, { name: "users" }, { cursor: 9 });
    expect(next).toEqual({
      stateType: "stream",
      connectionId: "c1",
      extra: "kept",
      streamState: [streamState("users", { cursor: 9 }), streamState("orders", { cursor: 2 }, "shop")],
    });
    // The input is not changed.
    expect(raw.streamState).toEqual([
      streamState("users", { cursor: 1 }),
      streamState("orders", { cursor: 2 }, "shop"),
    ]);
  });

  it("matches on the namespace too, null and empty being the same, and adds a stream it does not find", () => {
    const raw = {
      stateType: "stream",
      connectionId: "c1",
      streamState: [streamState("orders", { cursor: 2 }, "shop")],
    } as ConnectionState;
    expect(withStreamState(raw, { name: "orders", namespace: "shop" }, { cursor: 3 }).streamState).toEqual([
      streamState("orders", { cursor: 3 }, "shop"),
    ]);
    expect(withStreamState(raw, { name: "orders", namespace: null }, { cursor: 4 }).streamState).toEqual([
      streamState("orders", { cursor: 2 }, "shop"),
      streamState("orders", { cursor: 4 }),
    ]);
    expect(withStreamState(raw, { name: "orders", namespace: "" }, { cursor: 4 }).streamState).toHaveLength(2);
  });

  it("edits a global state's streams and keeps its shared state", () => {
    const raw = {
      stateType: "global",
      connectionId: "c1",
      globalState: { shared_state: { lsn: 7 }, streamStates: [streamState("users", { cursor: 1 })] },
    } as ConnectionState;
    expect(withStreamState(raw, { name: "events" }, { cursor: 5 })).toEqual({
      stateType: "global",
      connectionId: "c1",
      globalState: {
        shared_state: { lsn: 7 },
        streamStates: [streamState("users", { cursor: 1 }), streamState("events", { cursor: 5 })],
      },
    });
  });

  it("refuses a state that is not set, or legacy, naming the connection", () => {
    const notSet = { stateType: "not_set", connectionId: "c1" } as ConnectionState;
    expect(() => withStreamState(notSet, { name: "users" }, {})).toThrow(
      expect.objectContaining({ message: "Cannot set stream state: connection has no existing state." }),
    );
    try {
      withStreamState({ stateType: "legacy", connectionId: "c2", state: {} }, { name: "u" }, {});
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toBe("Cannot set stream state on a legacy-type connection state.");
      expect((error as InputError).context).toMatchObject({ connectionId: "c2" });
    }
  });
});

describe("toApiState", () => {
  it("converts protocol messages, a list or one, for the connection", () => {
    const message = {
      type: "STREAM",
      stream: { stream_descriptor: { name: "users", namespace: null }, stream_state: { cursor: 1 } },
    };
    const expected = { stateType: "stream", connectionId: "c1", streamState: [streamState("users", { cursor: 1 })] };
    expect(toApiState([message], "c1")).toEqual(expected);
    expect(toApiState(message, "c1")).toEqual(expected);
    expect(toApiState([], "c1")).toEqual({ stateType: "not_set", connectionId: "c1" });
  });

  it("takes a Config API state as it is", () => {
    const state = { stateType: "legacy", connectionId: "other", state: { a: 1 } };
    expect(toApiState(state, "c1")).toBe(state);
  });

  it("refuses a list that is not protocol messages, and anything that is not an object", () => {
    expect(() => toApiState([{ stateType: "stream" }], "c1")).toThrow(InputError);
    expect(() => toApiState([{ type: "stream" }], "c1")).toThrow(/protocol state message/);
    expect(() => toApiState("state", "c1")).toThrow("Expected a state object or a list of state messages; got string.");
    expect(() => toApiState(null, "c1")).toThrow(/got object/);
  });
});
