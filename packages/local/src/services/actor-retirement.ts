/**
 * Deleting sources and destinations: an actor is marked as a tombstone and the connections
 * that use it are deprecated. Apart from the actors service, so that deleting a definition
 * (definitions/catalog.ts) retires its actors without the two services depending on each other.
 */
import type { ActorRecords } from "../store/actor-records.js";
import type { Store } from "../store/db.js";
import type { ActorRow } from "../store/rows.js";
import type { ConnectionRetirement } from "./connections/retirement.js";

export class ActorRetirement {
  constructor(
    private readonly store: Store,
    private readonly records: ActorRecords,
    private readonly connections: ConnectionRetirement,
  ) {}

  retire(row: ActorRow): void {
    this.store.transaction(() => {
      this.connections.deprecate(row.actor_type === "source" ? "source_id" : "destination_id", row.id);
      this.records.tombstone(row.id);
    });
  }

  /** Deletes every actor made from a definition that is being deleted. */
  retireActorsOfDefinition(definitionId: string): void {
    for (const row of this.records.liveOfDefinition(definitionId)) this.retire(row);
  }
}
