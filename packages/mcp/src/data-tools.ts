/**
 * The tools that read what a connection holds besides its settings: its state and configured
 * catalog (get_connection_artifact, PyAirbyte's; get_connection_state, ours), and the records a
 * sync wrote, read back from the destination through the SDK's dataset readers
 * (read_synced_records, ours). Nothing here writes.
 */
import { type CloudConnection, type ConnectionState, normalizeStateToProtocol, type SyncResult } from "airbyte-ts";
import { z } from "zod";
import { withHints } from "./error-hints.js";
import { ToolError } from "./results.js";
import { defineTool, READ_ONLY, type Tool, type ToolContext, workspaceIdArg } from "./tool.js";
import { connectionIdArg, type ToolRequest } from "./tools.js";

const jsonObject = z.record(z.string(), z.unknown());

const getArtifact = defineTool({
  name: "get_connection_artifact",
  title: "A connection's state or catalog",
  description:
    "The connection's state (artifact_type state: a list of Airbyte protocol state messages, what a connector's --state takes; [] when no state is set) or its configured catalog (catalog: the protocol's ConfiguredAirbyteCatalog, what --catalog takes, every stream with its selected flag). get_connection_state gives the state by stream.",
  input: z.object({
    connection_id: connectionIdArg,
    artifact_type: z.enum(["state", "catalog"]).describe("state or catalog."),
    workspace_id: workspaceIdArg,
  }),
  output: z.object({
    connection_id: z.string(),
    artifact_type: z.enum(["state", "catalog"]),
    artifact: z.union([z.array(jsonObject), jsonObject]).nullable(),
    message: z.string().nullable().describe("Why the artifact is empty or missing; null otherwise."),
  }),
  annotations: READ_ONLY,
  async run({ connection_id, artifact_type, workspace_id }, { workspace, request }) {
    const connection = workspace(workspace_id).getConnection(connection_id);
    if (artifact_type === "state") {
      const state = await connection.dumpRawState({}, request);
      const message = state.length === 0 ? "No state is set for this connection (state type not_set)." : null;
      return { connection_id, artifact_type, artifact: state, message };
    }
    const catalog = await connection.dumpRawCatalog({}, request);
    return {
      connection_id,
      artifact_type,
      artifact: catalog ? { ...catalog } : null,
      message: catalog ? null : "No catalog found for this connection.",
    };
  },
});

const streamState = z.object({
  stream_descriptor: z.object({ name: z.string(), namespace: z.string().nullable() }),
  stream_state: jsonObject.nullable(),
});

/** The Config API's state as the tool shows it: the protocol's streams, and the parts beside them. */
function stateDump(raw: ConnectionState) {
  const streams: z.infer<typeof streamState>[] = [];
  let shared: Record<string, unknown> | null = null;
  let legacy: Record<string, unknown> | null = null;
  for (const message of normalizeStateToProtocol(raw)) {
    if (message.type === "STREAM") streams.push(message.stream);
    else if (message.type === "GLOBAL") {
      streams.push(...message.global.stream_states);
      shared = message.global.shared_state;
    } else legacy = message.data;
  }
  return { streams, shared_state: shared, legacy_state: legacy };
}

/** Whether the connection's catalog has the stream, selected or not; throws `unknown_stream` if not. */
async function requireKnownStream(
  connection: CloudConnection,
  name: string,
  namespace: string | undefined,
  request: ToolRequest,
): Promise<void> {
  const catalog = await connection.dumpRawCatalog({}, request);
  const streams = (catalog?.streams ?? []).map((entry) => entry.stream as { name?: string; namespace?: string });
  const known = streams.some(
    (stream) => stream.name === name && (namespace === undefined || (stream.namespace || null) === (namespace || null)),
  );
  if (known) return;
  throw new ToolError({
    code: "unknown_stream",
    message: `Connection '${connection.connectionId}' has no stream '${name}'${namespace ? ` in namespace '${namespace}'` : ""}. Its streams: ${streams.map((stream) => stream.name).join(", ") || "none"}.`,
    hint: "Pass one of the streams the message lists (get_connection_artifact with artifact_type catalog shows them all).",
    details: { connection_id: connection.connectionId },
  });
}

const getState = defineTool({
  name: "get_connection_state",
  title: "A connection's state",
  description:
    "The connection's state, what its incremental streams have synced up to: every stream's (state_type, streams in the protocol's form, shared_state of a global state, legacy_state of a legacy one) or, with stream_name (and namespace), that one stream's, stream_state null when it has none. A stream the connection's catalog lacks is an error (unknown_stream).",
  input: z.object({
    connection_id: connectionIdArg,
    stream_name: z.string().min(1).optional().describe("Only this stream's state."),
    namespace: z.string().optional().describe("The stream's namespace, for sources that have them (e.g. a schema)."),
    workspace_id: workspaceIdArg,
  }),
  output: z.object({
    connection_id: z.string(),
    state_type: z.enum(["global", "stream", "legacy", "not_set"]),
    streams: z.array(streamState).optional().describe("Without stream_name: every stream that has a state."),
    shared_state: jsonObject.nullable().optional(),
    legacy_state: jsonObject.nullable().optional(),
    stream: streamState.optional().describe("With stream_name: that stream."),
  }),
  annotations: READ_ONLY,
  async run({ connection_id, stream_name, namespace, workspace_id }, { workspace, request }) {
    const connection = workspace(workspace_id).getConnection(connection_id);
    const raw = await connection.dumpRawState({ normalize: false }, request);
    const state_type = raw.stateType;
    if (stream_name === undefined) return { connection_id, state_type, ...stateDump(raw) };
    const state = await connection.getStreamState(stream_name, namespace, request);
    if (state === undefined) await requireKnownStream(connection, stream_name, namespace, request);
    return {
      connection_id,
      state_type,
      stream: { stream_descriptor: { name: stream_name, namespace: namespace ?? null }, stream_state: state ?? null },
    };
  },
});

/** JSON has no bigint, Date or bytes: the values a driver may still hand over, as text. */
function jsonSafe(value: unknown): unknown {
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, jsonSafe(item)]));
  }
  return value;
}

/** What the agent can do about each way reading a destination fails (the SDK's codes). */
const READ_HINTS: Record<string, string> = {
  unsupported_destination:
    "This destination's records cannot be read back here (the message lists the destinations that can); query it with its own tools.",
  missing_driver:
    "A person installs the package the message names beside the MCP server and restarts it; nothing else can be done from here.",
  secret_missing:
    "The API masks the destination's secret: a person sets the environment variable the message names in the MCP server's environment and restarts it.",
  table_not_found:
    "The stream has no table yet: run_cloud_sync syncs it (describe_cloud_connection shows the streams and the table prefix).",
  destination_unreadable:
    "If a sync is writing to the destination now, wait for it (get_cloud_sync_status) and try again; otherwise a person checks the destination's settings.",
};

/** The job whose records are read: the one named, else the connection's newest successful sync. */
async function syncedJob(connection: CloudConnection, jobId: number | undefined, request: ToolRequest) {
  if (jobId !== undefined) {
    const result = connection.getSyncResult(jobId);
    // Fetches the job: an unknown id is not_found, another connection's job invalid_argument.
    await result.getJobInfo(request);
    return result;
  }
  const [newest] = await connection.workspace.listJobs(
    { connectionId: connection.connectionId, status: "succeeded", jobType: "sync", limit: 1 },
    request,
  );
  if (newest) return newest;
  throw new ToolError({
    code: "no_successful_sync",
    message: `Connection '${connection.connectionId}' has no successful sync: there are no records to read.`,
    hint: "Run one with run_cloud_sync; list_cloud_sync_jobs shows its jobs, troubleshoot_cloud_connection why they failed.",
    details: { connection_id: connection.connectionId },
  });
}

const readSyncedRecords = defineTool({
  name: "read_synced_records",
  title: "Read a synced stream's records",
  description:
    "Records of a stream as the connection's syncs wrote them to the destination (its table as it is now, Airbyte's _airbyte_* columns included): at most limit rows from offset, in the table's order, with columns to choose which. total_rows_available and truncated tell whether there is more. Reads DuckDB (a file in the server's local directory; not over HTTP), MotherDuck, Postgres, Snowflake and BigQuery destinations; masked secrets come from the server's environment. Fails when the connection has no successful sync yet.",
  input: z.object({
    connection_id: connectionIdArg,
    stream_name: z.string().min(1).describe("A selected stream of the connection."),
    job_id: z
      .number()
      .int()
      .positive()
      .optional()
      .describe("The sync that wrote them (checked to be the connection's); default the newest successful one."),
    limit: z.number().int().min(1).max(1000).default(20).describe("At most this many records (1 to 1000)."),
    offset: z.number().int().min(0).default(0).describe("Records to skip first."),
    columns: z.array(z.string().min(1)).min(1).optional().describe("Only these columns, in this order; default all."),
    workspace_id: workspaceIdArg,
  }),
  output: z.object({
    connection_id: z.string(),
    job_id: z.number().int(),
    stream_name: z.string(),
    columns: z.array(z.string()),
    records: z.array(jsonObject),
    returned: z.number().int(),
    total_rows_available: z.number().int(),
    truncated: z.boolean().describe("true: the table has rows after these."),
  }),
  annotations: READ_ONLY,
  async run(args, context) {
    const { connection_id, stream_name } = args;
    const connection = context.workspace(args.workspace_id).getConnection(connection_id);
    const selected = await connection.getStreamNames({}, context.request);
    if (!selected.includes(stream_name)) {
      throw new ToolError({
        code: "unknown_stream",
        message: `'${stream_name}' is not a selected stream of connection '${connection_id}'; its streams: ${selected.join(", ") || "none"}.`,
        hint: "Pass one of the streams the message lists.",
        details: { connection_id },
      });
    }
    const result = await syncedJob(connection, args.job_id, context.request);
    try {
      return await withHints(READ_HINTS, () => readPage(result, args, context.transport), { connection_id });
    } finally {
      // A DuckDB file stays locked while it is open: the next sync into it must be able to write.
      await result.close();
    }
  },
});

/** One page of the stream's table, read through the destination's reader. */
async function readPage(
  result: SyncResult,
  args: { connection_id: string; stream_name: string; limit: number; offset: number; columns?: string[] | undefined },
  transport: ToolContext["transport"],
) {
  const { connection_id, stream_name, limit, offset, columns } = args;
  const reader = await result.getDestinationReader();
  if (transport === "http" && reader.destinationType === "duckdb") {
    throw new ToolError({
      code: "local_files_refused",
      message: "The destination is a DuckDB file on the server's machine, and over HTTP the server reads no file.",
      hint: "Only a person can do this: they read the file where the server runs, or use the server over stdio.",
      details: { connection_id },
    });
  }
  const dataset = await result.getDataset(stream_name);
  const available = await dataset.columnNames();
  const unknown = (columns ?? []).filter((column) => !available.includes(column));
  if (unknown.length > 0) {
    throw new ToolError({
      code: "unknown_column",
      message: `The table of '${stream_name}' has no column ${unknown.map((column) => `'${column}'`).join(", ")}; its columns: ${available.join(", ")}.`,
      hint: "Pass columns from the list the message gives, or leave columns out for all.",
      details: { connection_id },
    });
  }
  const total = await dataset.count();
  // The database applies limit and offset: no more than `limit` rows are ever loaded.
  const rows = await dataset.toArray({ limit, offset, ...(columns ? { columns } : {}) });
  return {
    connection_id,
    job_id: result.jobId,
    stream_name,
    columns: columns ?? available,
    records: rows.map((row) => jsonSafe(row) as Record<string, unknown>),
    returned: rows.length,
    total_rows_available: total,
    truncated: offset + rows.length < total,
  };
}

/** In the order listTools shows them (after the job tools). */
export const DATA_TOOLS: readonly Tool[] = [getArtifact, getState, readSyncedRecords];
