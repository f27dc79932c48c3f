/**
 * Where everything a command says goes: data on stdout (a table, JSON or YAML), messages,
 * warnings, progress and prompts on stderr. Under `--json`/`--format yaml` stdout holds only the
 * document and stderr only warnings and errors (errors as one JSON object with `--json`).
 */
import { type CliError, usageError } from "../util/errors.js";
import { checkFields, fieldNames, parseFields, project, valueAt } from "./fields.js";
import { cell } from "./human.js";

export type Format = "table" | "json" | "yaml";

export interface Column<T = Record<string, unknown>> {
  /** Dotted path of the value in the record (what `--fields` names). */
  key: string;
  header: string;
  /** The cell's value when it is not simply the value at `key`. */
  get?: (row: T) => unknown;
}

interface OutStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Streams {
  stdout: OutStream;
  stderr: OutStream;
  stdin: { isTTY?: boolean };
}

function parseFormat(options: { json?: boolean; format?: string }): Format {
  if (options.json) {
    if (options.format !== undefined && options.format !== "json") {
      throw usageError(`--json and --format ${options.format} contradict each other.`, "Pass one of them.");
    }
    return "json";
  }
  const format = options.format ?? "table";
  if (format !== "table" && format !== "json" && format !== "yaml") {
    throw usageError(`--format must be table, json or yaml; got "${format}".`);
  }
  return format;
}

export class Output {
  readonly format: Format;
  readonly fields: string[] | undefined;
  readonly streams: Streams;

  constructor(options: { json?: boolean; format?: string; fields?: string }, streams: Streams = process) {
    this.format = parseFormat(options);
    this.fields = parseFields(options.fields);
    this.streams = streams;
  }

  /** JSON or YAML: stdout is for programs. */
  get machine(): boolean {
    return this.format !== "table";
  }

  /** A person at a terminal who can answer a question (stdin and stderr are terminals). */
  get interactive(): boolean {
    return this.streams.stdin.isTTY === true && this.streams.stderr.isTTY === true;
  }

  /** Progress may be drawn: stderr is a terminal and nobody parses the output. */
  get showProgress(): boolean {
    return this.streams.stderr.isTTY === true && !this.machine;
  }

  /** A list of records: a table, or a JSON/YAML array. */
  async list<T extends object>(rows: readonly T[], columns: readonly Column<T>[], empty?: string): Promise<void> {
    checkFields(rows, this.fields ?? [], fieldNames(rows));
    if (this.machine) {
      const data = this.fields ? rows.map((row) => project(row, this.fields as string[])) : rows;
      return this.write(await this.render(data));
    }
    if (rows.length === 0) {
      if (empty) this.message(empty);
      return;
    }
    const shown = this.fields ? this.fields.map((field): Column<T> => ({ key: field, header: field })) : columns;
    this.write(table(shown, rows, this.streams.stdout.isTTY ? this.streams.stdout.columns : undefined));
  }

  /** One record: `Label  value` lines, or a JSON/YAML object. */
  async item<T extends object>(record: T, columns: readonly Column<T>[]): Promise<void> {
    checkFields([record], this.fields ?? [], fieldNames([record]));
    if (this.machine) {
      return this.write(await this.render(this.fields ? project(record, this.fields) : record));
    }
    const shown = this.fields ? this.fields.map((field): Column<T> => ({ key: field, header: field })) : columns;
    const width = Math.max(...shown.map((column) => column.header.length));
    const lines = shown.map((column) => {
      const value = cell(column.get ? column.get(record) : valueAt(record, column.key));
      return `${column.header.padEnd(width)}  ${value}`.trimEnd();
    });
    this.write(`${lines.join("\n")}\n`);
  }

  /** A document (state, catalog, a manifest): JSON, or YAML with `--format yaml`; a table shows it as JSON. */
  async document(value: unknown): Promise<void> {
    if (this.fields) throw usageError("--fields applies to lists and records, not to documents.");
    this.write(this.format === "yaml" ? await this.render(value) : `${JSON.stringify(value ?? null, null, 2)}\n`);
  }

  /** What a command did, for a person: stderr, and nothing under --json/--format yaml. */
  message(text: string): void {
    if (!this.machine) this.streams.stderr.write(`${text}\n`);
  }

  /** Something a person or a script should know: always on stderr. */
  warn(text: string): void {
    this.streams.stderr.write(`Warning: ${text}\n`);
  }

  /** Raw text to stdout (log lines). */
  write(text: string): void {
    this.streams.stdout.write(text);
  }

  /** An error: one line (message and hint), or one JSON object with --json; the stack with --debug. */
  error(error: CliError, debug: boolean): void {
    if (this.format === "json") {
      const body = {
        error: {
          code: error.code,
          message: error.message,
          ...(error.hint ? { hint: error.hint } : {}),
          exitCode: error.exitCode,
          ...error.details,
        },
      };
      this.streams.stderr.write(`${JSON.stringify(body)}\n`);
    } else {
      const line = error.hint ? `${error.message} ${error.hint}` : error.message;
      this.streams.stderr.write(`airbyte-ts: ${line.replaceAll("\n", " ")}\n`);
    }
    if (debug) {
      const original = error.cause instanceof Error ? error.cause : error;
      if (original.stack) this.streams.stderr.write(`${original.stack}\n`);
    }
  }

  private async render(value: unknown): Promise<string> {
    if (this.format === "yaml") {
      const { stringify } = await import("yaml");
      return stringify(value ?? null, { lineWidth: 0 });
    }
    return `${JSON.stringify(value ?? null, null, 2)}\n`;
  }
}

/** Rows as aligned columns with an upper-case header; too wide for the terminal, the widest columns are cut. */
function table<T extends object>(
  columns: readonly Column<T>[],
  rows: readonly T[],
  terminalWidth: number | undefined,
): string {
  const cells = rows.map((row) =>
    columns.map((column) => cell(column.get ? column.get(row) : valueAt(row, column.key)).replaceAll("\n", " ")),
  );
  const headers = columns.map((column) => column.header.toUpperCase());
  const widths = headers.map((header, i) => Math.max(header.length, ...cells.map((line) => (line[i] ?? "").length)));
  if (terminalWidth) shrink(widths, terminalWidth - 2 * (columns.length - 1));
  const fit = (text: string, width: number) =>
    text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text.padEnd(width);
  const line = (values: string[]) =>
    values
      .map((value, i) => fit(value, widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return `${[line(headers), ...cells.map(line)].join("\n")}\n`;
}

function shrink(widths: number[], available: number): void {
  const minimum = 8;
  let total = widths.reduce((sum, width) => sum + width, 0);
  while (total > available) {
    const widest = widths.indexOf(Math.max(...widths));
    if ((widths[widest] ?? 0) <= minimum) return;
    widths[widest] = (widths[widest] ?? 0) - 1;
    total -= 1;
  }
}
