/**
 * What the destination tests share: a two-column stream target, numbered records for it,
 * queries of a DuckDB file with BIGINTs as numbers, a port nothing listens on, and a writer
 * process killed once it says how far it got.
 */
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { DuckDBInstance } from "@duckdb/node-api";
import type { DestinationRecord, StreamTarget } from "../../src/connectors/protocol.js";

/** An incremental append stream of `{ id, name }` records keyed on `id`; `options` override. */
export function streamTarget(table: string, options: Partial<StreamTarget> = {}): StreamTarget {
  return {
    key: table,
    stream: { name: table },
    schema: "",
    table,
    columns: [
      { name: "id", schema: { type: "integer" } },
      { name: "name", schema: { type: "string" } },
    ],
    destinationSyncMode: "append",
    syncMode: "incremental",
    primaryKey: [["id"]],
    cursorField: [],
    generationId: 1,
    ...options,
  };
}

/** Records `{ id, name: "row <id>" }` for ids `from` .. `from + count - 1`. */
export function numberedRecords(from: number, count: number): DestinationRecord[] {
  return Array.from({ length: count }, (_, i) => ({
    rawId: randomUUID(),
    extractedAt: Date.now(),
    data: { id: from + i, name: `row ${from + i}` },
    meta: { changes: [], sync_id: 1 },
  }));
}

/**
 * The rows of a query of a DuckDB file, BIGINTs as numbers. Through DuckDB's instance cache: a
 * writer open in this process shares the instance, so its uncommitted rows stay invisible.
 */
export async function queryDuckdb(file: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.fromCache(file);
  const connection = await instance.connect();
  try {
    const rows = (await connection.runAndReadAll(sql)).getRowObjectsJS();
    return rows.map((row) =>
      Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])),
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** A loopback port that was free a moment ago: connections to it are refused. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Kills a writer process with SIGKILL as soon as its stdout has printed `line` (a writer prints
 * `batch <n>` after each batch it wrote), so the kill lands at a known point of its work rather
 * than after a guessed time; resolves once it has exited.
 */
export async function killOnceItPrints(child: ChildProcess, line: string): Promise<void> {
  let errors = "";
  let output = "";
  child.stderr?.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.split("\n").includes(line)) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the writer exited (${code}) before printing "${line}": ${errors}`)));
    child.once("error", reject);
  });
  child.kill("SIGKILL");
  await exited;
}
