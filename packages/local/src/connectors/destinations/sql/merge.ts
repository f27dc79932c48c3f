/**
 * Deduplication: rows merged into a final table by primary key, the newest by cursor winning.
 */
import { qualifiedName, quoteIdentifier } from "./identifiers.js";
import { AIRBYTE_COLUMNS, WRITE_SEQUENCE } from "./record-encoding.js";
import type { SqlSession, TableName } from "./session.js";
import type { StreamPlan } from "./stream-plan.js";

/**
 * Merges rows into the final table: per primary key, the newest row by cursor wins (a row
 * without a cursor value is the oldest), and of equals the later one, new rows being later
 * than the final table's. So final rows whose key has a newer-or-equal new row are deleted,
 * then the newest new row of each key is inserted unless a newer final row remains.
 */
export async function mergeRows(session: SqlSession, plan: StreamPlan, source: TableName): Promise<void> {
  const merge = new MergeSql(plan, source);
  // Keys are matched with `=` first: both databases then narrow the final table's scan to the
  // batch's keys (Postgres through the index, DuckDB through its zone maps), which a join on
  // IS NOT DISTINCT FROM defeats. Keys with a NULL in them, rare, get a pass of their own.
  await session.run(merge.deleteReplaced("strict", "all"));
  await session.run(merge.insertNewest("strict", "keyed"));
  if ((await session.rows(merge.anyNullKey())).length > 0) {
    await session.run(merge.deleteReplaced("nullSafe", "nullKeyed"));
    await session.run(merge.insertNewest("nullSafe", "nullKeyed"));
  }
}

type KeyEquality = "strict" | "nullSafe";
/** Which new rows a statement handles: all, those with a complete key, those with a null in theirs. */
type RowsByKey = "all" | "keyed" | "nullKeyed";

class MergeSql {
  private readonly final: string;
  private readonly source: string;
  private readonly columns: string[];
  private readonly keys: string[];
  private readonly cursor?: string;

  constructor(plan: StreamPlan, source: TableName) {
    this.final = qualifiedName(plan.final);
    this.source = qualifiedName(source);
    const finalColumns = [...AIRBYTE_COLUMNS, ...plan.layout.dataColumns];
    this.columns = finalColumns.map((c) => quoteIdentifier(c.name));
    this.keys = plan.key.map(quoteIdentifier);
    this.cursor = plan.cursor === undefined ? undefined : quoteIdentifier(plan.cursor);
  }

  deleteReplaced(equality: KeyEquality, rows: RowsByKey): string {
    const newerOrEqual =
      this.cursor === undefined ? "" : ` AND (f.${this.cursor} IS NULL OR n.${this.cursor} >= f.${this.cursor})`;
    return `DELETE FROM ${this.final} AS f USING ${this.newest(rows)} AS n WHERE ${this.sameKey(equality)}${newerOrEqual}`;
  }

  insertNewest(equality: KeyEquality, rows: RowsByKey): string {
    const selected = this.columns.map((column) => `n.${column}`).join(", ");
    return (
      `INSERT INTO ${this.final} (${this.columns.join(", ")}) SELECT ${selected} FROM ${this.newest(rows)} AS n ` +
      `WHERE NOT EXISTS (SELECT 1 FROM ${this.final} AS f WHERE ${this.sameKey(equality)})`
    );
  }

  anyNullKey(): string {
    return `SELECT 1 FROM ${this.source} WHERE ${this.keys.map((key) => `${key} IS NULL`).join(" OR ")} LIMIT 1`;
  }

  /**
   * The newest new row of each key: by cursor (nulls last), then by arrival. The window ranks
   * narrow rows (key, cursor, sequence) and the winners are picked by their unique sequence:
   * ranking whole rows costs DuckDB twice as much.
   */
  private newest(rows: RowsByKey): string {
    const sequence = quoteIdentifier(WRITE_SEQUENCE);
    const order = [...(this.cursor === undefined ? [] : [`${this.cursor} DESC NULLS LAST`]), `${sequence} DESC`].join(
      ", ",
    );
    const ranked =
      `SELECT ${sequence}, row_number() OVER (PARTITION BY ${this.keys.join(", ")} ORDER BY ${order}) AS "_airbyte_row_number" ` +
      `FROM ${this.source}${this.rowFilter(rows)}`;
    const winners = `SELECT ${sequence} FROM (${ranked}) AS ranked WHERE "_airbyte_row_number" = 1`;
    return `(SELECT * FROM ${this.source} WHERE ${sequence} IN (${winners}))`;
  }

  private rowFilter(rows: RowsByKey): string {
    if (rows === "all") return "";
    if (rows === "keyed") return ` WHERE ${this.keys.map((key) => `${key} IS NOT NULL`).join(" AND ")}`;
    return ` WHERE ${this.keys.map((key) => `${key} IS NULL`).join(" OR ")}`;
  }

  private sameKey(equality: KeyEquality): string {
    const operator = equality === "strict" ? "=" : "IS NOT DISTINCT FROM";
    return this.keys.map((key) => `f.${key} ${operator} n.${key}`).join(" AND ");
  }
}
