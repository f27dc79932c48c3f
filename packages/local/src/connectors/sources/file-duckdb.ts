/**
 * Reading a file through DuckDB's readers (`read_csv`, `read_json`, `read_parquet`) in an
 * in-memory database of its own: the columns and their inferred types, and the rows streamed
 * chunk by chunk (DuckDB's vectors of 2,048 rows), never the whole result at once. Loaded
 * lazily (DuckDB's bindings are heavy) by file.ts.
 */
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import type { ReadableFormat } from "./file-spec.js";
import type { ReaderPlan } from "./file-reader-options.js";
import { sqlString } from "./file-reader-options.js";
import { type FileColumn, fileColumns, quoteIdentifier } from "./file-types.js";

/**
 * DuckDB's buffers for a read (its default is 80% of the machine's memory). Reading 2 and 5
 * million CSV rows (127 and 327 MB) peaked at about the same 450 MB of the process; 64 MB was
 * too little for typing a large CSV from all its rows.
 */
const MEMORY_LIMIT = "256MB";

const READERS: Record<ReadableFormat, string> = {
  csv: "read_csv",
  json: "read_json",
  jsonl: "read_json",
  parquet: "read_parquet",
};

export class FileReadError extends Error {}

export interface FileToRead {
  path: string;
  /** How the configuration names the file, for messages. */
  url: string;
  format: ReadableFormat;
  plan: ReaderPlan;
}

export class FileReader {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly file: FileToRead,
  ) {}

  /** Stops listening to the read's abort signal. */
  private detachSignal = () => {};

  /** With a `signal`, an abort interrupts the query running (typing a large file takes a while). */
  static async open(file: FileToRead, signal?: AbortSignal): Promise<FileReader> {
    const instance = await DuckDBInstance.create(":memory:");
    const connection = await instance.connect();
    // UTC, so that timestamps with a time zone are written as UTC instants (file-types.ts).
    await connection.run(`SET TimeZone = 'UTC'; SET memory_limit = '${MEMORY_LIMIT}'`);
    const reader = new FileReader(instance, connection, file);
    if (signal !== undefined) {
      const interrupt = () => connection.interrupt();
      signal.addEventListener("abort", interrupt, { once: true });
      reader.detachSignal = () => signal.removeEventListener("abort", interrupt);
    }
    return reader;
  }

  /**
   * The columns and their types. With `wholeFile`, CSV types come from every row, as pandas
   * infers them (only a malformed line can then fail to fit its column's type); otherwise
   * from DuckDB's sample of the first rows.
   */
  async columns(options: { wholeFile: boolean }): Promise<FileColumn[]> {
    const described = await this.explained(options, () => this.query(`DESCRIBE SELECT * FROM ${this.source(options)}`));
    const { columns } = this.file.plan;
    const kept =
      columns === undefined
        ? described
        : columns.map((name) => {
            const found = described.find((row) => row.column_name === name);
            if (found === undefined) throw new FileReadError(`The file ${this.file.url} has no column ${name}.`);
            return found;
          });
    return fileColumns(
      kept.map((row) => ({ name: String(row.column_name), type: String(row.column_type) })),
      this.file.plan,
    );
  }

  /** Reads the first rows, or says why they do not parse; answers how many there were. */
  async firstRows(columns: readonly FileColumn[], count: number): Promise<number> {
    const options = { wholeFile: false };
    const rows = await this.explained(options, () => this.query(this.selectSql(columns, options, count)));
    return rows.length;
  }

  /** The rows as arrays of values in `columns`' order, a chunk at a time. */
  async *rows(columns: readonly FileColumn[]): AsyncGenerator<unknown[][]> {
    const options = { wholeFile: true };
    const result = await this.explained(options, () =>
      this.connection.stream(this.selectSql(columns, options, this.file.plan.rowLimit)),
    );
    const chunks = result.yieldRowsJs();
    for (;;) {
      const next = await this.explained(options, () => chunks.next());
      if (next.done === true) return;
      yield next.value;
    }
  }

  close(): void {
    this.detachSignal();
    this.connection.closeSync();
    this.instance.closeSync();
  }

  private selectSql(columns: readonly FileColumn[], options: { wholeFile: boolean }, limit?: number): string {
    const list = columns.map((column) => `${column.expression} AS ${quoteIdentifier(column.name)}`).join(", ");
    return `SELECT ${list === "" ? "NULL" : list} FROM ${this.source(options)}${limit === undefined ? "" : ` LIMIT ${limit}`}`;
  }

  private source(options: { wholeFile: boolean }, extra: Record<string, string> = {}): string {
    const parameters = { ...this.file.plan.parameters, ...extra };
    if (this.file.format === "csv" && options.wholeFile) parameters.sample_size = "-1";
    const named = Object.entries(parameters).map(([name, value]) => `, ${name} = ${value}`);
    return `${READERS[this.file.format]}(${sqlString(this.file.path)}${named.join("")})`;
  }

  private async query(sql: string): Promise<Record<string, unknown>[]> {
    const reader = await this.connection.runAndReadAll(sql);
    return reader.getRowObjectsJS();
  }

  private async explained<T>(options: { wholeFile: boolean }, action: () => Promise<T>): Promise<T> {
    try {
      return await action();
    } catch (error) {
      throw error instanceof FileReadError ? error : await this.explain(error, options);
    }
  }

  /**
   * A clear error for a failed read. DuckDB says which CSV line broke a read, except when the
   * broken line is in the sample it sniffs the dialect from: then it only says that sniffing
   * failed, and a read that records rejected rows (`store_rejects`) finds the line.
   */
  private async explain(error: unknown, options: { wholeFile: boolean }): Promise<FileReadError> {
    // DuckDB names the file it read: a download's temporary copy means nothing to the reader.
    const message = (error as Error).message.replaceAll(this.file.path, this.file.url);
    const prefix = `Could not read ${this.file.url} as ${this.file.format}`;
    const broken = brokenCsvLine(message);
    if (broken !== undefined) return new FileReadError(`${prefix}: ${broken}`, { cause: error });
    if (this.file.format === "csv" && /Error when sniffing file/.test(message)) {
      const rejected = await this.firstRejectedLine(options);
      if (rejected !== undefined) return new FileReadError(`${prefix}: ${rejected}`, { cause: error });
    }
    return new FileReadError(`${prefix}: ${duckdbReason(message)}`, { cause: error });
  }

  private async firstRejectedLine(options: { wholeFile: boolean }): Promise<string | undefined> {
    try {
      await this.connection.run(`SELECT count(*) FROM ${this.source(options, { store_rejects: "true" })}`);
      const [first] = await this.query(
        "SELECT line, error_type, error_message, csv_line FROM reject_errors ORDER BY line LIMIT 1",
      );
      if (first === undefined) return undefined;
      const reason = `${String(first.error_type).toLowerCase()}, ${String(first.error_message)}`;
      return malformedLine(String(first.line), reason, first.csv_line === null ? undefined : String(first.csv_line));
    } catch {
      // The diagnosis failed too: DuckDB's own message is the best there is.
      return undefined;
    }
  }
}

/** The longest part of a broken line a message quotes. */
const QUOTED_LINE_LIMIT = 200;

function malformedLine(line: string, reason: string, original: string | undefined): string {
  const quoted =
    original === undefined
      ? ""
      : ` The line: ${original.length > QUOTED_LINE_LIMIT ? `${original.slice(0, QUOTED_LINE_LIMIT)}...` : original}`;
  return `line ${line} is malformed (${reason.replace(/\.$/, "")}).${quoted}`;
}

/**
 * DuckDB's report of a CSV line it could not read: "CSV Error on Line: N", "Original Line: ...",
 * the reason up to the first blank line, then advice about DuckDB's own options (left out).
 */
function brokenCsvLine(message: string): string | undefined {
  const lines = message.split("\n");
  const at = lines.findIndex((line) => /^CSV Error on Line: \d+/.test(line.replace(/^[A-Za-z ]+ Error: /, "")));
  if (at < 0) return undefined;
  const line = /CSV Error on Line: (\d+)/.exec(lines[at] as string)?.[1] as string;
  let next = at + 1;
  let original: string | undefined;
  if (lines[next]?.startsWith("Original Line: ")) {
    original = (lines[next] as string).slice("Original Line: ".length);
    next++;
  }
  const reason: string[] = [];
  for (; next < lines.length && (lines[next] as string).trim() !== ""; next++)
    reason.push((lines[next] as string).trim());
  return malformedLine(line, reason.join(" ") || "unreadable", original);
}

/**
 * DuckDB's message without what only confuses a reader of a sync's log: the SQL it was given
 * (`LINE 1: SELECT ...`), its list of reader settings and its advice on reader options that
 * are DuckDB's, not the configuration's.
 */
function duckdbReason(message: string): string {
  const kept: string[] = [];
  for (const line of message.split("\n")) {
    const trimmed = line.trim();
    if (/^(LINE \d+:|Possible (solutions?|fixes)|file = |The search space used was)/i.test(trimmed)) break;
    if (trimmed !== "") kept.push(trimmed);
  }
  return kept.join(" ").replace(/^(Invalid Input|IO|Conversion|Binder) Error: /, "");
}
