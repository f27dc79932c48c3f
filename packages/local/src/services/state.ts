/**
 * The state of a connection: where its incremental streams stopped, as the destination last
 * committed it. Clients read it and, while no sync runs, may replace it (Config API
 * `state/get` and `state/create_or_update_safe`); the engine reads it before a sync, writes it
 * as the destination commits, and clears streams on resets and clears.
 */
import type { Config } from "airbyte-ts";
import type { StateRecords } from "../store/state-records.js";
import type { Caller } from "./access.js";
import type { ConnectionAccess } from "./connections/access.js";
import type { JobsService } from "./jobs/service.js";
import type { ServiceContext } from "./context.js";
import { locked, unprocessable } from "./errors.js";

/** What a stored state holds besides its type: exactly the field its type populates. */
type StoredState =
  { state: Config.StateBlob } | { streamState: Config.StreamState[] } | { globalState: Config.GlobalState };

export class StateService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly records: StateRecords,
    private readonly connectionAccess: ConnectionAccess,
    private readonly jobs: JobsService,
  ) {}

  get(caller: Caller, connectionId: string): Config.ConnectionState {
    this.connectionAccess.require(caller, connectionId, "reader");
    return this.read(connectionId);
  }

  /**
   * Replaces the connection's state, unless a sync might be writing it: Airbyte answers 423
   * while a sync or refresh of the connection has not finished.
   */
  createOrUpdateSafe(caller: Caller, connectionId: string, state: Config.ConnectionState): Config.ConnectionState {
    this.connectionAccess.require(caller, connectionId, "editor");
    if (this.jobs.unfinishedSyncJob(connectionId)) {
      throw locked("State cannot be updated while a sync is running for this connection.");
    }
    this.ctx.store.transaction(() => {
      // What the user sets wins over a checkpoint a crashed sync left pending.
      this.dropPendingCheckpoint(connectionId);
      this.write(connectionId, state);
    });
    return this.read(connectionId);
  }

  /** Phase 1 of a checkpoint (see engine/sync/replication.ts): the state waits for its records. */
  prepareCheckpoint(connectionId: string, checkpointId: string, state: Config.ConnectionState): void {
    this.records.savePendingCheckpoint(connectionId, { checkpoint_id: checkpointId, state: JSON.stringify(state) });
  }

  /** Phase 3: the destination committed the checkpoint's records; its state becomes the connection's. */
  confirmCheckpoint(connectionId: string, checkpointId: string): void {
    this.ctx.store.transaction(() => {
      const pending = this.pendingCheckpoint(connectionId);
      if (pending?.checkpointId !== checkpointId) return;
      this.write(connectionId, pending.state);
      this.dropPendingCheckpoint(connectionId);
    });
  }

  /**
   * After a crash between phases 1 and 3: the pending state is kept when the destination did
   * commit its checkpoint, dropped otherwise. `null` (no checkpoint committed for the
   * connection yet, or a destination that keeps none) drops it too: a crash before the first
   * commit must not skip the records it never wrote, and re-reading costs a destination that
   * keeps nothing nothing. Answers the state to resume from.
   */
  settleCheckpoint(connectionId: string, lastCommitted: string | null): Config.ConnectionState {
    const pending = this.pendingCheckpoint(connectionId);
    if (pending && lastCommitted === pending.checkpointId) {
      this.confirmCheckpoint(connectionId, pending.checkpointId);
    } else if (pending) {
      this.dropPendingCheckpoint(connectionId);
    }
    return this.read(connectionId);
  }

  private pendingCheckpoint(connectionId: string): { checkpointId: string; state: Config.ConnectionState } | undefined {
    const row = this.records.pendingCheckpoint(connectionId);
    return row && { checkpointId: row.checkpoint_id, state: JSON.parse(row.state) as Config.ConnectionState };
  }

  private dropPendingCheckpoint(connectionId: string): void {
    this.records.removePendingCheckpoint(connectionId);
  }

  /** The stored state; `not_set` when there is none. */
  read(connectionId: string): Config.ConnectionState {
    const row = this.records.state(connectionId);
    if (!row) return { stateType: "not_set", connectionId };
    return {
      stateType: row.state_type as Config.ConnectionStateType,
      connectionId,
      ...(JSON.parse(row.state) as object),
    };
  }

  /** Stores a state (its `connectionId` is ignored); `not_set` removes it. */
  write(connectionId: string, state: Config.ConnectionState): void {
    if (state.stateType === "not_set") {
      this.remove(connectionId);
      return;
    }
    this.store(connectionId, state.stateType, storedPart(state));
  }

  /**
   * Forgets where the given streams stopped (every stream when none are named), as a reset or
   * clear does. A legacy state cannot be split by stream, so it goes entirely; a global state
   * keeps its shared part while some of its streams remain.
   */
  clearStreams(connectionId: string, streams?: Config.StreamDescriptor[]): void {
    this.dropPendingCheckpoint(connectionId);
    const current = this.read(connectionId);
    const cleared = (descriptor: Config.StreamDescriptor) =>
      !streams ||
      streams.some((s) => s.name === descriptor.name && (s.namespace ?? null) === (descriptor.namespace ?? null));
    const keep = (list: Config.StreamState[]) => list.filter((s) => !cleared(s.streamDescriptor));
    if (current.stateType === "stream") {
      const remaining = keep(current.streamState ?? []);
      if (remaining.length > 0) this.store(connectionId, "stream", { streamState: remaining });
      else this.remove(connectionId);
    } else if (current.stateType === "global") {
      const remaining = keep(current.globalState?.streamStates ?? []);
      if (remaining.length > 0) {
        this.store(connectionId, "global", { globalState: { ...current.globalState, streamStates: remaining } });
      } else this.remove(connectionId);
    } else if (current.stateType === "legacy") {
      this.remove(connectionId);
    }
  }

  private store(connectionId: string, stateType: Config.ConnectionStateType, stored: StoredState): void {
    this.records.saveState(connectionId, stateType, JSON.stringify(stored));
  }

  private remove(connectionId: string): void {
    this.records.removeState(connectionId);
  }
}

/** The field the state's type populates, which must be there; the others are dropped. */
function storedPart(state: Config.ConnectionState): StoredState {
  switch (state.stateType) {
    case "legacy":
      if (!state.state) throw missingField("state", "legacy");
      return { state: state.state };
    case "stream":
      if (!state.streamState) throw missingField("streamState", "stream");
      requireDistinct(state.streamState);
      return { streamState: state.streamState };
    case "global":
      if (!state.globalState) throw missingField("globalState", "global");
      requireDistinct(state.globalState.streamStates);
      return { globalState: state.globalState };
    default:
      throw unprocessable(`connectionState.stateType ${String(state.stateType)} cannot be stored.`);
  }
}

function missingField(field: string, stateType: string) {
  return unprocessable(`connectionState.${field} is required when stateType is ${stateType}.`);
}

function requireDistinct(states: Config.StreamState[]): void {
  const seen = new Set<string>();
  for (const { streamDescriptor } of states) {
    const key = `${streamDescriptor.namespace ?? ""}\u0000${streamDescriptor.name}`;
    if (seen.has(key)) {
      const namespace = streamDescriptor.namespace ? ` (namespace ${streamDescriptor.namespace})` : "";
      throw unprocessable(`The state of stream ${streamDescriptor.name}${namespace} is given more than once.`);
    }
    seen.add(key);
  }
}
