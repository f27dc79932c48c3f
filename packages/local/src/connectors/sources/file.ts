/**
 * File source (Airbyte's `source-file`): one file, CSV, JSON, JSON Lines or Parquet, from the
 * `/local` mount or an HTTP(S) URL, as one stream named `dataset_name`, full refresh only (as
 * Airbyte's). DuckDB reads it (file-duckdb.ts, loaded on first use); a remote file is
 * downloaded to a temporary file first (file-fetch.ts).
 */
import type { Config } from "airbyte-ts";
import { statSync } from "node:fs";
import type { SourceMessage, SourceReadRequest } from "../protocol.js";
import { configurationErrors } from "../spec.js";
import type { CheckOutcome, SourceConnector } from "../types.js";
import type { FileReader } from "./file-duckdb.js";
import { downloadToTemporaryFile } from "./file-fetch.js";
import { fileLocation } from "./file-location.js";
import { parseReaderOptions, readerPlan } from "./file-reader-options.js";
import { fileSpecification, isReadableFormat, READABLE_FORMATS, type ReadableFormat } from "./file-spec.js";
import { type FileColumn, recordSchema, recordValue } from "./file-types.js";

/** Rows check reads past the header: enough to meet a malformed line early in the file. */
const CHECKED_ROWS = 100;

/** The configuration's problem, before any file is opened. */
function configurationProblem(config: Record<string, unknown>): string | undefined {
  const errors = configurationErrors(fileSpecification, config);
  if (errors.length > 0) return errors.join("; ");
  if (!isReadableFormat(config.format)) {
    return `The local server reads ${READABLE_FORMATS.join(", ")} files, not ${String(config.format)} (DuckDB, which reads them, has no extension for it here); sync this source from Airbyte Cloud or a self-managed Airbyte.`;
  }
  return undefined;
}

/** The configured file open in a DuckDB reader; `close` also removes a downloaded copy. */
interface OpenedFile {
  reader: FileReader;
  close(): Promise<void>;
}

async function openFile(
  config: Record<string, unknown>,
  localDirectory: string,
  signal: AbortSignal | undefined,
): Promise<OpenedFile> {
  const problem = configurationProblem(config);
  if (problem !== undefined) throw new Error(problem);
  const format = config.format as ReadableFormat;
  const plan = readerPlan(format, parseReaderOptions(config.reader_options));
  const location = fileLocation(config, localDirectory);
  if (location.kind === "invalid") throw new Error(location.reason);
  let path: string;
  let remove = async () => {};
  if (location.kind === "local") {
    const found = statSync(location.path, { throwIfNoEntry: false });
    if (found === undefined) throw new Error(`The file ${location.url} does not exist (looked for ${location.path}).`);
    if (!found.isFile()) throw new Error(`${location.url} is not a file (${location.path}).`);
    path = location.path;
  } else {
    const downloaded = await downloadToTemporaryFile(location.url, { userAgent: location.userAgent, signal });
    path = downloaded.path;
    remove = () => downloaded.remove();
  }
  try {
    // Loaded on first use: DuckDB's bindings are most of a worker's start-up.
    const { FileReader } = await import("./file-duckdb.js");
    const reader = await FileReader.open({ path, url: location.url, format, plan }, signal);
    return {
      reader,
      async close() {
        reader.close();
        await remove();
      },
    };
  } catch (error) {
    await remove();
    throw error;
  }
}

async function withFile<T>(
  config: Record<string, unknown>,
  localDirectory: string,
  action: (reader: FileReader) => Promise<T>,
): Promise<T> {
  const file = await openFile(config, localDirectory, undefined);
  try {
    return await action(file.reader);
  } finally {
    await file.close();
  }
}

async function checkFile(config: Record<string, unknown>, localDirectory: string): Promise<CheckOutcome> {
  try {
    await withFile(config, localDirectory, async (reader) => {
      await reader.firstRows(await reader.columns({ wholeFile: false }), CHECKED_ROWS);
    });
    return { status: "succeeded" };
  } catch (error) {
    return { status: "failed", message: (error as Error).message };
  }
}

function datasetName(config: Record<string, unknown>): string {
  return String(config.dataset_name);
}

async function discoverFile(config: Record<string, unknown>, localDirectory: string): Promise<Config.AirbyteStream[]> {
  const columns = await withFile(config, localDirectory, (reader) => reader.columns({ wholeFile: true }));
  return [
    {
      name: datasetName(config),
      jsonSchema: recordSchema(columns),
      supportedSyncModes: ["full_refresh"],
      sourceDefinedCursor: false,
      defaultCursorField: [],
      sourceDefinedPrimaryKey: [],
      isResumable: false,
    },
  ];
}

async function* readFile(request: SourceReadRequest): AsyncGenerator<SourceMessage> {
  const { config, signal } = request;
  const stream = datasetName(config);
  const unknown = request.streams.filter((configured) => configured.name !== stream);
  if (unknown.length > 0) {
    throw new Error(
      `The File source has one stream, ${stream} (its dataset_name), not ${unknown.map((s) => s.name).join(", ")}.`,
    );
  }
  if (request.streams.length === 0) return;
  const file = await openFile(config, request.localDirectory, signal);
  try {
    const columns = await file.reader.columns({ wholeFile: true });
    yield {
      type: "log",
      level: "info",
      message: `${stream}: reading ${columns.length} columns of ${String(config.url)}.`,
    };
    let count = 0;
    for await (const rows of file.reader.rows(columns)) {
      signal.throwIfAborted();
      const emittedAt = Date.now();
      for (const row of rows) yield record(stream, row, columns, emittedAt);
      count += rows.length;
    }
    yield { type: "log", level: "info", message: `${stream}: read ${count} records.` };
  } finally {
    await file.close();
  }
  signal.throwIfAborted();
}

function record(stream: string, row: unknown[], columns: readonly FileColumn[], emittedAt: number): SourceMessage {
  const data: Record<string, unknown> = {};
  let bigints = 0;
  columns.forEach((column, index) => {
    const value = recordValue(row[index], column);
    if (typeof value === "bigint") bigints++;
    data[column.name] = value;
  });
  return { type: "record", stream, data, emittedAt, bytes: jsonLength(data, bigints) };
}

/** `JSON.stringify(data).length`, where bigints (which it refuses) count as the digits they are. */
function jsonLength(data: Record<string, unknown>, bigints: number): number {
  if (bigints === 0) return JSON.stringify(data).length;
  const quoted = JSON.stringify(data, (_key, value: unknown) => (typeof value === "bigint" ? String(value) : value));
  return quoted.length - 2 * bigints;
}

export const fileSource: SourceConnector = {
  definition: {
    definitionId: "778daa7c-feaf-4db6-96f3-70fd645acc77",
    actorType: "source",
    shortName: "file",
    name: "File (CSV, JSON, Excel, Feather, Parquet)",
    dockerRepository: "airbyte/source-file",
    dockerImageTag: "0.5.21",
    documentationUrl: "https://docs.airbyte.com/integrations/sources/file",
    connectionSpecification: fileSpecification,
  },
  check: (config, context) => checkFile(config, context.localDirectory),
  discover: (config, context) => discoverFile(config, context.localDirectory),
  read: readFile,
};
