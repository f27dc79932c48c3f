/**
 * The destination writer DuckDB and Postgres share: Airbyte's typed final tables, staging for
 * full refresh, deduplication by primary key, all inside database transactions so that a
 * process killed at any moment leaves the tables as the last commit left them. Each database
 * brings a session (how it runs SQL and bulk-loads rows) and a dialect (how it names things).
 */
import type { DestinationRecord, DestinationWriter, StreamTarget } from "../../protocol.js";
import { fitIdentifier, identifierKey, qualifiedName, quoteIdentifier } from "./identifiers.js";
import { mergeRows } from "./merge.js";
import { encodeRecords, layoutColumns } from "./record-encoding.js";
import type { SqlSession, TableName } from "./session.js";
import { planStream, type StreamPlan } from "./stream-plan.js";
import { prepareCheckpoints, prepareTables } from "./tables.js";

export interface SqlWriterOptions {
  /** Where the writer keeps what is not a stream's table (the checkpoints), Airbyte's `airbyte_internal`. */
  internalSchema: string;
  /** Whose checkpoints `commit` records and `lastCheckpoint` reads: the connection id. */
  checkpointScope: string;
  /** Postgres' `drop_cascade`: an overwrite may drop the views that depend on the table it replaces. */
  dropCascade?: boolean;
}

export const DEFAULT_INTERNAL_SCHEMA = "airbyte_internal";
const CHECKPOINTS_TABLE = "_airbyte_checkpoints";

/**
 * Prepares the streams' tables (schemas and final tables created or widened, staging tables
 * created empty) in one committed transaction, then opens the transaction writes go to.
 */
export async function openSqlWriter(
  session: SqlSession,
  streams: readonly StreamTarget[],
  options: SqlWriterOptions,
): Promise<DestinationWriter> {
  try {
    const plans = streams.map((target, index) => planStream(session.dialect, target, index));
    const checkpoints = { schema: fitIdentifier(session.dialect, options.internalSchema), name: CHECKPOINTS_TABLE };
    await session.holdWriterLock?.(options.checkpointScope);
    await session.run("BEGIN");
    await session.lockSchemaChanges?.();
    await prepareCheckpoints(session, checkpoints);
    for (const plan of plans) await prepareTables(session, plan);
    await session.run("COMMIT");
    await session.run("BEGIN");
    return new SqlDestinationWriter(session, plans, checkpoints, options);
  } catch (error) {
    await session.run("ROLLBACK").catch(() => undefined);
    await session.close().catch(() => undefined);
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// Writing

class SqlDestinationWriter implements DestinationWriter {
  private readonly plans: Map<string, StreamPlan>;
  private nextSequence = 0;
  /** The first failure: the transaction is lost, so nothing after it may pretend to commit. */
  private failure: unknown;
  private state: "open" | "finished" | "closed" = "open";

  constructor(
    private readonly session: SqlSession,
    plans: StreamPlan[],
    private readonly checkpoints: TableName,
    private readonly options: SqlWriterOptions,
  ) {
    this.plans = new Map(plans.map((plan) => [plan.target.key, plan]));
  }

  async lastCheckpoint(): Promise<string | null> {
    const rows = await this.session.rows(
      `SELECT "checkpoint_id" FROM ${qualifiedName(this.checkpoints)} WHERE "scope" = $1`,
      [this.options.checkpointScope],
    );
    return rows.length === 0 ? null : String(rows[0]?.checkpoint_id);
  }

  write(streamKey: string, records: DestinationRecord[]): Promise<void> {
    return this.guard(async () => {
      const plan = this.plans.get(streamKey);
      if (plan === undefined) throw new Error(`The stream ${streamKey} was not opened for writing.`);
      if (records.length === 0) return;
      const table = plan.staging ?? plan.batch ?? plan.final;
      const batch = encodeRecords(plan.layout, records, this.nextSequence);
      this.nextSequence += records.length;
      await this.session.insert(
        {
          table,
          columns: layoutColumns(plan.layout),
          tableColumns: plan.tableColumns,
          columnKey: (name) => identifierKey(this.session.dialect, name),
        },
        batch,
      );
      if (plan.batch) plan.pending = true;
    });
  }

  commit(checkpointId?: string): Promise<void> {
    return this.guard(async () => {
      await this.mergeBatches();
      if (checkpointId !== undefined) await this.recordCheckpoint(checkpointId);
      await this.session.run("COMMIT");
      await this.session.run("BEGIN");
    });
  }

  finish(): Promise<void> {
    return this.guard(async () => {
      await this.mergeBatches();
      for (const plan of this.plans.values()) await this.publishStaged(plan);
      await this.session.run("COMMIT");
      this.state = "finished";
    });
  }

  async close(succeeded: boolean): Promise<void> {
    if (this.state === "closed") return;
    const inTransaction = this.state === "open";
    this.state = "closed";
    try {
      if (inTransaction && succeeded && this.failure === undefined) {
        await this.mergeBatches();
        await this.session.run("COMMIT");
      } else if (inTransaction) {
        // A lost connection has rolled back already; its error says nothing new.
        await this.session.run("ROLLBACK").catch(() => undefined);
        await this.dropStaging();
      }
    } finally {
      await this.session.close();
    }
  }

  /**
   * Tidies the staging tables of a failed attempt (the next attempt empties them anyway, so
   * when this cannot run, nothing is wrong, only untidy).
   */
  private async dropStaging(): Promise<void> {
    for (const { staging } of this.plans.values()) {
      if (staging) await this.session.run(`DROP TABLE IF EXISTS ${qualifiedName(staging)}`).catch(() => undefined);
    }
  }

  private async guard(operation: () => Promise<void>): Promise<void> {
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- the first failure is rethrown as the driver threw it
    if (this.failure !== undefined) throw this.failure;
    if (this.state !== "open") throw new Error(`The destination writer is ${this.state}.`);
    try {
      await operation();
    } catch (error) {
      this.failure = error;
      throw error;
    }
  }

  private async recordCheckpoint(checkpointId: string): Promise<void> {
    const table = qualifiedName(this.checkpoints);
    const scope = this.options.checkpointScope;
    await this.session.run(`DELETE FROM ${table} WHERE "scope" = $1`, [scope]);
    await this.session.run(
      `INSERT INTO ${table} ("scope", "checkpoint_id", "committed_at") VALUES ($1, $2, CURRENT_TIMESTAMP)`,
      [scope, checkpointId],
    );
  }

  private async mergeBatches(): Promise<void> {
    for (const plan of this.plans.values()) {
      if (!plan.batch || !plan.pending) continue;
      await mergeRows(this.session, plan, plan.batch);
      await this.session.run(`TRUNCATE ${qualifiedName(plan.batch)}`);
      plan.pending = false;
    }
  }

  private async publishStaged(plan: StreamPlan): Promise<void> {
    const { staging, final } = plan;
    if (!staging) return;
    switch (plan.onFinish) {
      case "replace": {
        const cascade = this.options.dropCascade ? " CASCADE" : "";
        await this.session.run(`DROP TABLE IF EXISTS ${qualifiedName(final)}${cascade}`);
        await this.session.run(`ALTER TABLE ${qualifiedName(staging)} RENAME TO ${quoteIdentifier(final.name)}`);
        return;
      }
      case "append": {
        const columns = layoutColumns(plan.layout)
          .map((c) => quoteIdentifier(c.name))
          .join(", ");
        await this.session.run(
          `INSERT INTO ${qualifiedName(final)} (${columns}) SELECT ${columns} FROM ${qualifiedName(staging)}`,
        );
        break;
      }
      case "merge":
        await mergeRows(this.session, plan, staging);
        break;
    }
    await this.session.run(`DROP TABLE ${qualifiedName(staging)}`);
  }
}
