/**
 * The stored state of connections and the checkpoint a running sync has prepared but its
 * destination not yet committed: the SQL of the state service, which holds the rules.
 */
import type { Store } from "./db.js";
import type { ConnectionStateRow } from "./rows.js";

/** A checkpoint's state (JSON Config API ConnectionState) waiting for its records to commit. */
export interface PendingCheckpointRow {
  checkpoint_id: string;
  state: string;
}

export class StateRecords {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  state(connectionId: string): ConnectionStateRow | undefined {
    return this.store.db.prepare("SELECT * FROM connection_state WHERE connection_id = ?").get(connectionId) as
      ConnectionStateRow | undefined;
  }

  /** Stores the connection's state in place of the one it had. */
  saveState(connectionId: string, stateType: string, state: string): void {
    this.store.db
      .prepare(
        `INSERT INTO connection_state (connection_id, state_type, state, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (connection_id) DO UPDATE SET state_type = excluded.state_type, state = excluded.state, updated_at = excluded.updated_at`,
      )
      .run(connectionId, stateType, state, this.now());
  }

  removeState(connectionId: string): void {
    this.store.db.prepare("DELETE FROM connection_state WHERE connection_id = ?").run(connectionId);
  }

  pendingCheckpoint(connectionId: string): PendingCheckpointRow | undefined {
    return this.store.db
      .prepare("SELECT checkpoint_id, state FROM pending_checkpoints WHERE connection_id = ?")
      .get(connectionId) as PendingCheckpointRow | undefined;
  }

  /** Stores the connection's pending checkpoint in place of the one it had. */
  savePendingCheckpoint(connectionId: string, checkpoint: PendingCheckpointRow): void {
    this.store.db
      .prepare(
        `INSERT INTO pending_checkpoints (connection_id, checkpoint_id, state, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (connection_id) DO UPDATE SET checkpoint_id = excluded.checkpoint_id, state = excluded.state,
           created_at = excluded.created_at`,
      )
      .run(connectionId, checkpoint.checkpoint_id, checkpoint.state, this.now());
  }

  removePendingCheckpoint(connectionId: string): void {
    this.store.db.prepare("DELETE FROM pending_checkpoints WHERE connection_id = ?").run(connectionId);
  }
}
