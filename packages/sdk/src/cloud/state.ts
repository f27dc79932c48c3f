/**
 * Connection state in its two formats, with PyAirbyte's conversion rules:
 *
 * - the Config API's (`POST /state/get`): `{ stateType, connectionId, streamState | globalState | state }`,
 *   camelCase, one object per connection;
 * - the Airbyte protocol's: a list of `AirbyteStateMessage`s (`STREAM`, `GLOBAL`, `LEGACY`),
 *   snake_case, what a connector's `--state` takes.
 *
 * State blobs (what a connector wrote) are never touched.
 */
import type { Config } from "../api/index.js";
import { InputError } from "./errors.js";

export type StateBlob = Record<string, unknown>;

interface ProtocolStreamDescriptor {
  name: string;
  namespace: string | null;
}

export interface ProtocolStreamState {
  stream_descriptor: ProtocolStreamDescriptor;
  stream_state: StateBlob | null;
}

/** An `AirbyteStateMessage` as `normalizeStateToProtocol` produces it. */
export type AirbyteStateMessage =
  | { type: "STREAM"; stream: ProtocolStreamState }
  | { type: "GLOBAL"; global: { shared_state: StateBlob | null; stream_states: ProtocolStreamState[] } }
  | { type: "LEGACY"; data: StateBlob };

/** A state message as a caller may hand it in: anything with a `type`, read leniently. */
export type AirbyteStateMessageInput = AirbyteStateMessage | { type?: unknown; [key: string]: unknown };

/** The Config API's state of a connection (`stateType` and the field it populates). */
export type ConnectionState = Config.ConnectionState & Record<string, unknown>;

const PROTOCOL_TYPES = new Set(["STREAM", "GLOBAL", "LEGACY"]);
const STATE_TYPES = new Set(["global", "stream", "legacy", "not_set"]);

interface ParsedStream {
  name: string;
  namespace: string | null;
  state: StateBlob | null;
}

/**
 * Config API state -> protocol messages: `not_set` gives `[]`; `legacy` one `LEGACY` message;
 * `global` one `GLOBAL` message; `stream` one `STREAM` message per stream. Descriptors always
 * carry `namespace` (null when absent).
 */
export function normalizeStateToProtocol(raw: ConnectionState): AirbyteStateMessage[] {
  const state = parseConnectionState(raw);
  switch (state.stateType) {
    case "not_set":
      return [];
    case "legacy":
      return [{ type: "LEGACY", data: objectOr(raw.state, {}) }];
    case "global":
      if (isObject(raw.globalState)) {
        return [
          {
            type: "GLOBAL",
            global: {
              shared_state: sharedStateOf(raw.globalState),
              stream_states: streamsOf(raw.globalState.streamStates).map(toProtocolStream),
            },
          },
        ];
      }
      // A global state without its object is read as a stream state, which has no streams.
      return streamsOf(raw.streamState).map((stream) => ({ type: "STREAM", stream: toProtocolStream(stream) }));
    case "stream":
      return streamsOf(raw.streamState).map((stream) => ({ type: "STREAM", stream: toProtocolStream(stream) }));
  }
}

/**
 * Protocol messages -> Config API state for `connectionId`. The first message's type decides:
 * `LEGACY` and `GLOBAL` use the first message only; anything else is read as `STREAM` messages,
 * one stream each. An empty list is `not_set`. A `namespace` of null or `""` is dropped.
 *
 * The global state's shared part is written as `shared_state`, the key the Config API defines
 * (PyAirbyte writes `sharedState`, which the API does not read).
 */
export function denormalizeProtocolStateToApi(
  messages: readonly AirbyteStateMessageInput[],
  connectionId: string,
): ConnectionState {
  // tsc needs the cast to read the fields of every variant; typescript-eslint reads it as a no-op.
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
  const first = messages[0] as Record<string, unknown> | undefined;
  if (first === undefined) return { stateType: "not_set", connectionId };
  const type = typeof first.type === "string" ? first.type.toUpperCase() : "";
  if (type === "LEGACY") {
    return { stateType: "legacy", connectionId, state: objectOr(first.data, {}) };
  }
  if (type === "GLOBAL") {
    const body = objectOr(first.global, {});
    const shared = "shared_state" in body ? (body.shared_state as StateBlob | null) : {};
    return {
      stateType: "global",
      connectionId,
      globalState: {
        shared_state: shared as StateBlob,
        streamStates: arrayOf(body.stream_states).map(toApiStream),
      },
    };
  }
  return {
    stateType: "stream",
    connectionId,
    streamState: messages.map((message) => toApiStream(objectOr((message as Record<string, unknown>).stream, {}))),
  };
}

/**
 * Whether `input` is in protocol format: `[]`, a list whose every item has a `type` of exactly
 * `STREAM`, `GLOBAL` or `LEGACY`, or one object with a `type` and no `stateType`.
 */
export function isProtocolStateFormat(input: unknown): boolean {
  if (Array.isArray(input)) {
    return input.every((item) => isObject(item) && PROTOCOL_TYPES.has(item.type as string));
  }
  return isObject(input) && "type" in input && !("stateType" in input);
}

/** The streams of a stream or global state (none for legacy and not_set). */
export function streamStatesOf(raw: ConnectionState): ParsedStream[] {
  const state = parseConnectionState(raw);
  if (state.stateType === "stream") return streamsOf(raw.streamState);
  if (state.stateType === "global" && isObject(raw.globalState)) return streamsOf(raw.globalState.streamStates);
  return [];
}

/** A stream matches on its exact name and its namespace, where null and `""` are the same. */
export function matchesStream(
  stream: { name: string; namespace: string | null | undefined },
  name: string,
  namespace?: string | null,
): boolean {
  return stream.name === name && (stream.namespace || null) === (namespace || null);
}

/** Checks the envelope as PyAirbyte's model does: `stateType` and `connectionId` are required. */
function parseConnectionState(raw: unknown): { stateType: Config.ConnectionStateType; connectionId: string } {
  if (!isObject(raw)) throw new InputError("A connection state must be an object.", { inputValue: raw });
  const { stateType, connectionId } = raw;
  if (typeof stateType !== "string" || !STATE_TYPES.has(stateType)) {
    throw new InputError(
      `A connection state's stateType must be one of global, stream, legacy, not_set; got ${JSON.stringify(stateType)}.`,
      { inputValue: stateType },
    );
  }
  if (typeof connectionId !== "string") {
    throw new InputError("A connection state must have a connectionId.", { inputValue: raw });
  }
  return { stateType: stateType as Config.ConnectionStateType, connectionId };
}

/**
 * What `importRawState` sends for any input: protocol messages (a list, or one message) are
 * converted for `connectionId`; a Config API state is taken as it is.
 */
export function toApiState(input: unknown, connectionId: string): ConnectionState {
  if (Array.isArray(input)) {
    if (!isProtocolStateFormat(input)) {
      throw new InputError(
        "Expected connection_state list to contain Airbyte protocol state message dicts (each with a top-level `type` of STREAM, GLOBAL, or LEGACY). Got a list that does not match protocol format.",
        { inputValue: input },
      );
    }
    return denormalizeProtocolStateToApi(input as AirbyteStateMessageInput[], connectionId);
  }
  if (typeof input !== "object" || input === null) {
    throw new InputError(`Expected a state object or a list of state messages; got ${typeof input}.`, {
      inputValue: input,
    });
  }
  if (isProtocolStateFormat(input)) {
    return denormalizeProtocolStateToApi([input as AirbyteStateMessageInput], connectionId);
  }
  return input as ConnectionState;
}

/**
 * A copy of a stream or global state with one stream's blob set: matching entries are replaced
 * where they are, otherwise the stream is added at the end. Every other field, and every other
 * stream's entry, is kept as it was. A state that is not set, or legacy, is an `InputError`.
 */
export function withStreamState(
  raw: ConnectionState,
  stream: { name: string; namespace?: string | null | undefined },
  stateBlob: StateBlob,
): ConnectionState {
  const { stateType, connectionId } = parseConnectionState(raw);
  if (stateType === "not_set" || stateType === "legacy") {
    throw new InputError(
      stateType === "not_set"
        ? "Cannot set stream state: connection has no existing state."
        : "Cannot set stream state on a legacy-type connection state.",
      { context: { connectionId } },
    );
  }
  const { name, namespace } = stream;
  const entry = {
    streamDescriptor: { name, ...(namespace ? { namespace } : {}) },
    streamState: stateBlob,
  };
  const globalState = (raw.globalState ?? {}) as Record<string, unknown>;
  const rawStreams = (stateType === "stream" ? raw.streamState : globalState.streamStates) ?? [];
  const parsed = streamStatesOf(raw);
  let found = false;
  const updated = (rawStreams as unknown[]).map((original, i) => {
    const current = parsed[i];
    if (!current || !matchesStream(current, name, namespace)) return original;
    found = true;
    return entry;
  });
  if (!found) updated.push(entry);
  const next =
    stateType === "stream"
      ? { ...raw, streamState: updated }
      : { ...raw, globalState: { ...globalState, streamStates: updated } };
  return next as ConnectionState;
}

/** Reads `shared_state` (the API's key) or `sharedState` (what PyAirbyte writes), as PyAirbyte does. */
function sharedStateOf(globalState: Record<string, unknown>): StateBlob | null {
  const shared = "shared_state" in globalState ? globalState.shared_state : globalState.sharedState;
  return isObject(shared) ? shared : null;
}

function streamsOf(list: unknown): ParsedStream[] {
  return arrayOf(list).map((entry) => {
    const descriptor = objectOr(entry.streamDescriptor, {});
    if (typeof descriptor.name !== "string") {
      throw new InputError("Every stream state needs a streamDescriptor with a name.", { inputValue: entry });
    }
    const namespace = typeof descriptor.namespace === "string" ? descriptor.namespace : null;
    return { name: descriptor.name, namespace, state: isObject(entry.streamState) ? entry.streamState : null };
  });
}

function toProtocolStream(stream: ParsedStream): ProtocolStreamState {
  return { stream_descriptor: { name: stream.name, namespace: stream.namespace }, stream_state: stream.state };
}

function toApiStream(stream: Record<string, unknown>): Config.StreamState {
  const descriptor = objectOr(stream.stream_descriptor, {});
  const name = typeof descriptor.name === "string" ? descriptor.name : "";
  const namespace = descriptor.namespace;
  const state = "stream_state" in stream ? stream.stream_state : {};
  return {
    streamDescriptor: { name, ...(typeof namespace === "string" && namespace !== "" ? { namespace } : {}) },
    streamState: state as StateBlob,
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function objectOr(value: unknown, fallback: Record<string, unknown>): Record<string, unknown> {
  return isObject(value) ? value : fallback;
}

function arrayOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}
