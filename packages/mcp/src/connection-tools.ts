/**
 * The tools that change connections: PyAirbyte's names, arguments and annotations
 * (airbyte/mcp/cloud.py), on the SDK's `CloudConnection` and `SyncResult`. Creating registers
 * the new id in the session; the destructive ones (but cancel_cloud_sync, as PyAirbyte) declare
 * the safe-mode guard the server applies first, and a delete also checks the name it is given.
 */
import { type CloudConnection, InputError } from "airbyte-ts";
import { z } from "zod";
import { deleteByExactName } from "./deletion.js";
import { ToolError } from "./results.js";
import { DESTRUCTIVE, defineTool, type Tool, WRITE, workspaceIdArg } from "./tool.js";
import { connectionIdArg, job, jobSummary, type ToolRequest } from "./tools.js";

/** A connection as the connection tools answer it (troubleshooting shows part of it). */
export const connection = z.object({
  id: z.string(),
  name: z.string(),
  status: z.string(),
  url: z.string(),
  source_id: z.string(),
  destination_id: z.string(),
  selected_streams: z.array(z.string()),
  table_prefix: z.string().nullable(),
  schedule_type: z.string().nullable(),
  cron_expression: z.string().nullable(),
});

async function connectionSummary(target: CloudConnection, request: ToolRequest): Promise<z.infer<typeof connection>> {
  const info = await target.getInfo({}, request);
  const schedule = (info.raw as { schedule?: { scheduleType?: string; cronExpression?: string } }).schedule;
  return {
    id: info.connectionId,
    name: info.name,
    status: info.status,
    url: target.connectionUrl,
    source_id: info.sourceId,
    destination_id: info.destinationId,
    selected_streams: info.streams.map((stream) => stream.name),
    table_prefix: info.prefix ? info.prefix : null,
    schedule_type: schedule?.scheduleType ?? null,
    cron_expression: schedule?.cronExpression ?? null,
  };
}

/** Safe mode: the destructive connection tools act only on connections this session created. */
const CONNECTION_GUARD = { argument: "connection_id", resourceType: "connection" } as const;

/** PyAirbyte takes a list or a comma-separated string; `*` (all streams) is not accepted. */
const streamsArg = z
  .union([z.array(z.string().min(1)).min(1), z.string().min(1)])
  .describe('The streams to sync: a list, or names separated by commas ("users,purchases"). Not "*".');

function streamNames(value: string | string[]): string[] {
  const names = (typeof value === "string" ? value.split(",") : value).map((name) => name.trim()).filter(Boolean);
  if (names.length === 0 || names.includes("*")) {
    throw new InputError('Name the streams to sync; "*" (all streams) is not accepted.', { inputValue: value });
  }
  return names;
}

const createConnection = defineTool({
  name: "create_connection_on_cloud",
  title: "Create a connection",
  description:
    "Connects a deployed source to a deployed destination with the selected streams (and an optional table prefix). The new connection counts as created in this session, so safe mode lets the destructive tools act on it.",
  input: z.object({
    connection_name: z.string().min(1).describe("The new connection's name."),
    source_id: z.string().min(1).describe("The source (list_cloud_connectors shows them)."),
    destination_id: z.string().min(1).describe("The destination (list_cloud_connectors shows them)."),
    selected_streams: streamsArg,
    table_prefix: z.string().optional().describe("Prefix of the destination tables; default none."),
    workspace_id: workspaceIdArg,
  }),
  output: connection,
  annotations: WRITE,
  async run(args, { workspace, request, session }) {
    const created = await workspace(args.workspace_id).deployConnection(
      args.connection_name,
      {
        source: args.source_id,
        destination: args.destination_id,
        selectedStreams: streamNames(args.selected_streams),
        ...(args.table_prefix === undefined ? {} : { tablePrefix: args.table_prefix }),
      },
      request,
    );
    session.register(created.connectionId);
    return connectionSummary(created, request);
  },
});

const renameConnection = defineTool({
  name: "rename_cloud_connection",
  title: "Rename a connection",
  description: "Gives the connection a new name. Not guarded by safe mode (as PyAirbyte): a rename removes nothing.",
  input: z.object({
    connection_id: connectionIdArg,
    name: z.string().min(1).describe("The new name."),
    workspace_id: workspaceIdArg,
  }),
  output: connection,
  annotations: WRITE,
  async run({ connection_id, name, workspace_id }, { workspace, request }) {
    const target = await workspace(workspace_id).getConnection(connection_id).rename(name, request);
    return connectionSummary(target, request);
  },
});

const setTablePrefix = defineTool({
  name: "set_cloud_connection_table_prefix",
  title: "Set a connection's table prefix",
  description:
    "Sets the prefix of the connection's destination tables; later syncs write to the new tables, which can break what reads the old ones. Safe mode: only a connection created in this session.",
  input: z.object({
    connection_id: connectionIdArg,
    prefix: z.string().describe("The new table prefix."),
    workspace_id: workspaceIdArg,
  }),
  output: connection,
  annotations: DESTRUCTIVE,
  guard: CONNECTION_GUARD,
  async run({ connection_id, prefix, workspace_id }, { workspace, request }) {
    const target = await workspace(workspace_id).getConnection(connection_id).setTablePrefix(prefix, request);
    return connectionSummary(target, request);
  },
});

const setSelectedStreams = defineTool({
  name: "set_cloud_connection_selected_streams",
  title: "Set a connection's streams",
  description:
    "Selects exactly these streams: streams left out stop syncing; streams that stay keep their settings. Safe mode: only a connection created in this session.",
  input: z.object({
    connection_id: connectionIdArg,
    stream_names: streamsArg,
    workspace_id: workspaceIdArg,
  }),
  output: connection,
  annotations: DESTRUCTIVE,
  guard: CONNECTION_GUARD,
  async run({ connection_id, stream_names, workspace_id }, { workspace, request }) {
    const target = workspace(workspace_id).getConnection(connection_id);
    await target.setSelectedStreams(streamNames(stream_names), request);
    return connectionSummary(target, request);
  },
});

const updateConnection = defineTool({
  name: "update_cloud_connection",
  title: "Enable, disable or schedule a connection",
  description:
    "Enables or disables the connection and/or sets its schedule: cron_expression (Quartz, e.g. '0 0 12 * * ?', or 5-field Unix cron; at most hourly) or manual_schedule. At least one of them; cron_expression and manual_schedule not together. Safe mode: only a connection created in this session.",
  input: z.object({
    connection_id: connectionIdArg,
    enabled: z.boolean().optional().describe("true: active (syncs on its schedule); false: inactive."),
    cron_expression: z.string().min(1).optional().describe("Sync on this cron schedule."),
    manual_schedule: z.boolean().optional().describe("true: sync only when asked (run_cloud_sync)."),
    workspace_id: workspaceIdArg,
  }),
  output: connection,
  annotations: DESTRUCTIVE,
  guard: CONNECTION_GUARD,
  async run({ connection_id, enabled, cron_expression, manual_schedule, workspace_id }, context) {
    if (enabled === undefined && cron_expression === undefined && !manual_schedule) {
      throw new InputError("Pass at least one of enabled, cron_expression and manual_schedule: true.");
    }
    if (cron_expression !== undefined && manual_schedule) {
      throw new InputError("Pass cron_expression or manual_schedule, not both.");
    }
    const { request } = context;
    const target = context.workspace(workspace_id).getConnection(connection_id);
    // The schedule first: an invalid cron expression is refused before any change is made.
    if (cron_expression !== undefined) await target.setSchedule(cron_expression, request);
    else if (manual_schedule) await target.setManualSchedule(request);
    if (enabled !== undefined) await target.setEnabled({ enabled }, request);
    return connectionSummary(target, request);
  },
});

const cancelSync = defineTool({
  name: "cancel_cloud_sync",
  title: "Cancel a sync",
  description:
    "Cancels a running job of the connection: the one given by job_id, else the connection's newest sync job. A job that has already ended is an error (code conflict). Not guarded by safe mode (as PyAirbyte): a cancelled sync can be run again.",
  input: z.object({
    connection_id: connectionIdArg,
    job_id: z.number().int().positive().optional().describe("The job; default the connection's newest sync job."),
    workspace_id: workspaceIdArg,
  }),
  output: z.object({ connection_id: z.string(), job }),
  annotations: DESTRUCTIVE,
  async run({ connection_id, job_id, workspace_id }, { workspace, request }) {
    const target = workspace(workspace_id).getConnection(connection_id);
    let result;
    if (job_id === undefined) {
      [result] = await target.getPreviousSyncLogs({ limit: 1, fromTail: true, jobType: "sync" }, request);
      if (!result) {
        throw new ToolError({
          code: "not_found",
          message: `Connection '${connection_id}' has no sync job to cancel.`,
          hint: "Start one with run_cloud_sync, or pass the job_id list_cloud_sync_jobs shows.",
          details: { connection_id },
        });
      }
    } else {
      result = target.getSyncResult(job_id);
    }
    await result.cancel(request);
    return { connection_id, job: await jobSummary(result, request) };
  },
});

const deleteConnection = defineTool({
  name: "permanently_delete_cloud_connection",
  title: "Delete a connection",
  description:
    "Deletes the connection for good; its source and destination stay unless cascade_delete_source or cascade_delete_destination. name must be the connection's exact current name, and every name concerned (the connection's, and each cascaded connector's) must contain 'delete-me' or 'deleteme' (rename first with rename_cloud_connection or rename_cloud_connector), whatever the mode; all are checked before anything is deleted. Safe mode: only a connection, and cascaded connectors, created in this session.",
  input: z.object({
    connection_id: connectionIdArg,
    name: z.string().describe("The connection's exact current name, as confirmation."),
    cascade_delete_source: z.boolean().default(false).describe("Also delete the connection's source."),
    cascade_delete_destination: z.boolean().default(false).describe("Also delete the connection's destination."),
    workspace_id: workspaceIdArg,
  }),
  output: z.object({
    connection_id: z.string(),
    name: z.string(),
    deleted: z.literal(true),
    deleted_source_id: z.string().optional().describe("With cascade_delete_source."),
    deleted_destination_id: z.string().optional().describe("With cascade_delete_destination."),
  }),
  annotations: DESTRUCTIVE,
  guard: CONNECTION_GUARD,
  async run({ connection_id, name, cascade_delete_source, cascade_delete_destination, workspace_id }, context) {
    const { request, session } = context;
    const target = context.workspace(workspace_id).getConnection(connection_id);
    const info = await target.getInfo({}, request);
    const cascaded = {
      ...(cascade_delete_source ? { deleted_source_id: info.sourceId } : {}),
      ...(cascade_delete_destination ? { deleted_destination_id: info.destinationId } : {}),
    };
    // The guard covered the connection; safe mode covers what goes with it, before anything goes.
    const tool = "permanently_delete_cloud_connection";
    if (cascade_delete_source) session.requireCreatedInSession("source", info.sourceId, tool);
    if (cascade_delete_destination) session.requireCreatedInSession("destination", info.destinationId, tool);
    await deleteByExactName({
      resourceType: "connection",
      givenName: name,
      actualName: info.name,
      describeTool: "describe_cloud_connection",
      details: { connection_id },
      remove: () =>
        target.permanentlyDelete(
          { cascadeDeleteSource: cascade_delete_source, cascadeDeleteDestination: cascade_delete_destination },
          request,
        ),
    });
    for (const id of [connection_id, ...Object.values(cascaded)]) session.forget(id);
    return { connection_id, name, deleted: true as const, ...cascaded };
  },
});

/** The connection tools, in the order listTools shows them (after the read tools and run_cloud_sync). */
export const CONNECTION_TOOLS: readonly Tool[] = [
  createConnection,
  renameConnection,
  setTablePrefix,
  setSelectedStreams,
  updateConnection,
  cancelSync,
  deleteConnection,
];
