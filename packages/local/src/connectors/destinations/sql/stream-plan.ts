/**
 * A stream's plan: which tables it writes (final, staging, a batch of rows to merge), what
 * happens to them when the sync finishes, and the key and cursor its merges use.
 */
import type { StreamTarget } from "../../protocol.js";
import { derivedName, fitIdentifier, identifierKey } from "./identifiers.js";
import { AIRBYTE_COLUMNS, type RowLayout, WRITE_SEQUENCE } from "./record-encoding.js";
import type { SqlDialect, TableName } from "./session.js";

/** What a full refresh stream does with its staged rows when the sync succeeds. */
type FinishAction = "replace" | "append" | "merge";

export interface StreamPlan {
  target: StreamTarget;
  final: TableName;
  /** Full refresh (and overwrite) streams: rows wait here until `finish`. */
  staging?: TableName;
  /** Incremental deduplicated streams: rows written since the last commit, merged at the next. */
  batch?: TableName;
  onFinish?: FinishAction;
  /** Columns of the table `write` fills, with the kinds its rows are shaped for. */
  layout: RowLayout;
  /** Every column of that table, in its order. */
  tableColumns: string[];
  /** Primary key columns and cursor column of the merges. */
  key: string[];
  cursor?: string;
  /** A batch holds rows not yet merged. */
  pending: boolean;
}

export function planStream(dialect: SqlDialect, target: StreamTarget, index: number): StreamPlan {
  checkColumnNames(dialect, target);
  const identifier = (name: string) => fitIdentifier(dialect, name);
  const final = { schema: identifier(target.schema), name: identifier(target.table) };
  const staged = target.syncMode === "full_refresh" || target.destinationSyncMode === "overwrite";
  const onFinish = staged ? finishAction(target) : undefined;
  const merges = onFinish === "merge" || (!staged && target.destinationSyncMode === "append_dedup");
  const plan: StreamPlan = {
    target,
    final,
    onFinish,
    layout: { dataColumns: [], generationId: target.generationId, withSequence: merges },
    tableColumns: [],
    key: merges ? primaryKeyColumns(target).map(identifier) : [],
    cursor: merges ? mapDefined(cursorColumn(target), identifier) : undefined,
    pending: false,
  };
  if (staged) plan.staging = { schema: final.schema, name: derivedName(dialect, final.name, "_airbyte_tmp") };
  else if (merges) plan.batch = dialect.temporaryTable(`_airbyte_batch_${index}`);
  return plan;
}

const mapDefined = <T, U>(value: T | undefined, map: (value: T) => U) => (value === undefined ? undefined : map(value));

function finishAction(target: StreamTarget): FinishAction {
  if (target.destinationSyncMode === "overwrite") return "replace";
  return target.destinationSyncMode === "append" ? "append" : "merge";
}

function primaryKeyColumns(target: StreamTarget): string[] {
  if (target.primaryKey.length === 0) {
    throw new Error(`The stream ${target.key} is deduplicated (append_dedup) but has no primary key.`);
  }
  return target.primaryKey.map((path) => topLevelColumn(target, path, "primary key"));
}

function cursorColumn(target: StreamTarget): string | undefined {
  return target.cursorField.length === 0 ? undefined : topLevelColumn(target, target.cursorField, "cursor");
}

function topLevelColumn(target: StreamTarget, path: string[], role: string): string {
  const [name] = path;
  if (path.length !== 1 || name === undefined || !target.columns.some((column) => column.name === name)) {
    throw new Error(
      `The ${role} ${path.join(".")} of the stream ${target.key} is not one of its selected top-level properties; ` +
        "the local server deduplicates on those only.",
    );
  }
  return name;
}

/** Refuses properties the database would confuse with each other or with Airbyte's own columns. */
function checkColumnNames(dialect: SqlDialect, target: StreamTarget): void {
  const seen = new Map<string, string>();
  for (const name of [...AIRBYTE_COLUMNS.map((c) => c.name), WRITE_SEQUENCE, ...target.columns.map((c) => c.name)]) {
    const key = identifierKey(dialect, name);
    const other = seen.get(key);
    if (other !== undefined) {
      throw new Error(
        `The stream ${target.key} has properties ${JSON.stringify(other)} and ${JSON.stringify(name)}, ` +
          `which would be the same column in ${dialect.name}.`,
      );
    }
    seen.set(key, name);
  }
}
