/**
 * The tools, one table: PyAirbyte's Cloud tool names and arguments (airbyte/mcp/cloud.py), on
 * the SDK's high-level objects. Outputs use PyAirbyte's snake_case field names and never carry
 * a connector's configuration, so no secret can travel in them.
 */
import type { CloudConnection, CloudDestination, CloudSource, SyncResult } from "airbyte-ts";
import { z } from "zod";
import { connectionStatus, connectionStatusOf, isFailing } from "./connection-status.js";
import { connectorSchema, connectorSummary } from "./connector-summary.js";
import { defineTool, orNull, READ_ONLY, type Tool, workspaceIdArg } from "./tool.js";

const limitArg = (fallback: number, what: string) =>
  z.number().int().min(1).max(500).default(fallback).describe(`At most this many ${what} (1 to 500).`);

const nameContainsArg = z.string().optional().describe("Only names containing this text (any case).");

const nameContains = (text: string | undefined) =>
  text === undefined ? undefined : (name: string) => name.toLowerCase().includes(text.toLowerCase());

export const job = z.object({
  job_id: z.number().int(),
  status: z.string(),
  job_type: z.string(),
  bytes_synced: z.number().nullable(),
  rows_synced: z.number().nullable(),
  start_time: z.string(),
  duration: z.string().nullable(),
  job_url: z.string(),
});

export async function jobSummary(result: SyncResult, request: ToolRequest): Promise<z.infer<typeof job>> {
  const info = await result.getJobInfo(request);
  return {
    job_id: info.jobId,
    status: info.status,
    job_type: info.jobType,
    bytes_synced: orNull(info.bytesSynced),
    rows_synced: orNull(info.rowsSynced),
    start_time: info.startTime,
    duration: orNull(info.duration),
    job_url: result.jobUrl,
  };
}

export type ToolRequest = Parameters<SyncResult["getJobInfo"]>[0];

const describeWorkspace = defineTool({
  name: "describe_cloud_workspace",
  title: "Describe the workspace",
  description: "The workspace's name, id, organization, data residency and web URL. Checks the credentials too.",
  input: z.object({ workspace_id: workspaceIdArg }),
  output: z.object({
    workspace_id: z.string(),
    workspace_name: z.string(),
    workspace_url: z.string(),
    organization_id: z.string().nullable(),
    data_residency: z.string().nullable(),
    api_root: z.string(),
  }),
  annotations: READ_ONLY,
  async run({ workspace_id }, { workspace, request }) {
    const target = workspace(workspace_id);
    const info = await target.getInfo({}, request);
    return {
      workspace_id: info.workspaceId,
      workspace_name: info.name,
      workspace_url: target.workspaceUrl,
      organization_id: orNull(info.organizationId),
      data_residency: orNull(info.dataResidency),
      api_root: target.apiRoot,
    };
  },
});

/** Status lookups in flight at once: each costs a request per connection. */
const STATUS_LOOKUPS_IN_FLIGHT = 8;

const listConnections = defineTool({
  name: "list_cloud_connections",
  title: "List connections",
  description:
    "The workspace's connections: id, name, status, source and destination ids, web URL. with_connection_status adds each one's newest ended job (status, id, start) and any job running now; failing_connections_only keeps those whose newest ended job failed or was cancelled (and implies with_connection_status).",
  input: z.object({
    workspace_id: workspaceIdArg,
    name_contains: nameContainsArg,
    limit: limitArg(100, "connections"),
    with_connection_status: z.boolean().default(false).describe("Add each connection's last ended and running job."),
    failing_connections_only: z
      .boolean()
      .default(false)
      .describe("Only connections whose newest ended job failed or was cancelled."),
  }),
  output: z.object({
    connections: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        status: z.string(),
        source_id: z.string(),
        destination_id: z.string(),
        url: z.string(),
        ...connectionStatus.partial().shape,
      }),
    ),
    count: z.number().int(),
  }),
  annotations: READ_ONLY,
  async run(args, { workspace, request }) {
    const { workspace_id, name_contains, limit, failing_connections_only } = args;
    const withStatus = args.with_connection_status || failing_connections_only;
    // Failing ones are found among all of them; the limit applies to what is kept.
    const found = await workspace(workspace_id).listConnections(
      {
        ...(failing_connections_only ? {} : { limit }),
        ...(name_contains === undefined ? {} : { nameFilter: nameContains(name_contains) }),
      },
      request,
    );
    const describe = async (connection: CloudConnection) => {
      const info = await connection.getInfo({}, request);
      const summary = {
        id: info.connectionId,
        name: info.name,
        status: info.status,
        source_id: info.sourceId,
        destination_id: info.destinationId,
        url: connection.connectionUrl,
      };
      if (!withStatus) return summary;
      const status = await connectionStatusOf(connection, request);
      return failing_connections_only && !isFailing(status) ? undefined : { ...summary, ...status };
    };
    const connections = [];
    for (let start = 0; start < found.length && connections.length < limit; start += STATUS_LOOKUPS_IN_FLIGHT) {
      const batch = await Promise.all(found.slice(start, start + STATUS_LOOKUPS_IN_FLIGHT).map(describe));
      connections.push(...batch.filter((entry) => entry !== undefined));
    }
    return { connections: connections.slice(0, limit), count: Math.min(connections.length, limit) };
  },
});

const listConnectors = defineTool({
  name: "list_cloud_connectors",
  title: "List sources and destinations",
  description:
    "The workspace's deployed sources and destinations (connector_type to choose one kind): id, type, name, connector and web URL.",
  input: z.object({
    workspace_id: workspaceIdArg,
    connector_type: z.enum(["source", "destination"]).optional().describe("Only sources or only destinations."),
    name_contains: nameContainsArg,
    limit: limitArg(100, "connectors, sources first"),
  }),
  output: z.object({
    connectors: z.array(connectorSchema),
    count: z.number().int(),
  }),
  annotations: READ_ONLY,
  async run({ workspace_id, connector_type, name_contains, limit }, { workspace, request }) {
    const target = workspace(workspace_id);
    const filter = { limit, ...(name_contains === undefined ? {} : { nameFilter: nameContains(name_contains) }) };
    const found: (CloudSource | CloudDestination)[] = [];
    if (connector_type !== "destination") found.push(...(await target.listSources(filter, request)));
    const room = limit - found.length;
    if (connector_type !== "source" && room > 0) {
      found.push(...(await target.listDestinations({ ...filter, limit: room }, request)));
    }
    const connectors = await Promise.all(found.map((connector) => connectorSummary(connector, request)));
    return { connectors, count: connectors.length };
  },
});

export const connectionIdArg = z.string().min(1).describe("The connection's id (list_cloud_connections shows them).");

const describeConnection = defineTool({
  name: "describe_cloud_connection",
  title: "Describe a connection",
  description:
    "A connection's name, status, source and destination (ids and names), selected streams and table prefix.",
  input: z.object({ connection_id: connectionIdArg, workspace_id: workspaceIdArg }),
  output: z.object({
    id: z.string(),
    name: z.string(),
    status: z.string(),
    url: z.string(),
    source_id: z.string(),
    source_name: z.string(),
    destination_id: z.string(),
    destination_name: z.string(),
    selected_streams: z.array(z.string()),
    table_prefix: z.string().nullable(),
  }),
  annotations: READ_ONLY,
  async run({ connection_id, workspace_id }, { workspace, request }) {
    const connection = workspace(workspace_id).getConnection(connection_id);
    const info = await connection.getInfo({}, request);
    const [source, destination] = await Promise.all([
      connection.getSource({}, request),
      connection.getDestination({}, request),
    ]);
    return {
      id: info.connectionId,
      name: info.name,
      status: info.status,
      url: connection.connectionUrl,
      source_id: info.sourceId,
      source_name: await source.getName({}, request),
      destination_id: info.destinationId,
      destination_name: await destination.getName({}, request),
      selected_streams: info.streams.map((stream) => stream.name),
      table_prefix: info.prefix ? info.prefix : null,
    };
  },
});

const getSyncStatus = defineTool({
  name: "get_cloud_sync_status",
  title: "Status of a sync job",
  description:
    "A job's status, rows and bytes: the one given by job_id, else the connection's newest (job null when it has none). include_attempts adds each attempt's status and counts.",
  input: z.object({
    connection_id: connectionIdArg,
    job_id: z.number().int().positive().optional().describe("The job; default the connection's newest."),
    include_attempts: z.boolean().default(false).describe("Add the job's attempts."),
    workspace_id: workspaceIdArg,
  }),
  output: z.object({
    connection_id: z.string(),
    job: job.nullable(),
    attempts: z
      .array(
        z.object({
          attempt_number: z.number().int(),
          status: z.string(),
          records_synced: z.number(),
          bytes_synced: z.number(),
          created_at: z.string(),
        }),
      )
      .optional(),
  }),
  annotations: READ_ONLY,
  async run({ connection_id, job_id, include_attempts, workspace_id }, { workspace, request }) {
    const connection = workspace(workspace_id).getConnection(connection_id);
    // Without a job id the newest job is looked up, which also proves the connection exists.
    const result =
      job_id === undefined ? await connection.getSyncResult(undefined, request) : connection.getSyncResult(job_id);
    if (!result) return { connection_id, job: null, ...(include_attempts ? { attempts: [] } : {}) };
    const summary = await jobSummary(result, request);
    if (!include_attempts) return { connection_id, job: summary };
    const attempts = (await result.getAttempts(request)).map((attempt) => ({
      attempt_number: attempt.attemptNumber,
      status: attempt.status,
      records_synced: attempt.recordsSynced,
      bytes_synced: attempt.bytesSynced,
      created_at: attempt.createdAt.toISOString(),
    }));
    return { connection_id, job: summary, attempts };
  },
});

const listSyncJobs = defineTool({
  name: "list_cloud_sync_jobs",
  title: "List a connection's jobs",
  description: "A connection's jobs, newest first unless from_tail is false, with status, rows, bytes and web URL.",
  input: z.object({
    connection_id: connectionIdArg,
    max_jobs: limitArg(20, "jobs"),
    from_tail: z.boolean().default(true).describe("Newest first (true) or oldest first."),
    job_type: z.enum(["sync", "reset", "refresh", "clear"]).optional().describe("Only jobs of this type."),
    workspace_id: workspaceIdArg,
  }),
  output: z.object({
    connection_id: z.string(),
    jobs: z.array(job),
    jobs_count: z.number().int(),
    from_tail: z.boolean(),
  }),
  annotations: READ_ONLY,
  async run({ connection_id, max_jobs, from_tail, job_type, workspace_id }, { workspace, request }) {
    const connection = workspace(workspace_id).getConnection(connection_id);
    // The jobs endpoint answers an empty list for an unknown connection: ask for it first.
    await connection.getInfo({}, request);
    const results = await connection.getPreviousSyncLogs(
      { limit: max_jobs, fromTail: from_tail, ...(job_type ? { jobType: job_type } : {}) },
      request,
    );
    const jobs = await Promise.all(results.map((result) => jobSummary(result, request)));
    return { connection_id, jobs, jobs_count: jobs.length, from_tail };
  },
});

/** Longest wait: a client's request timeout is usually far shorter, and then it polls instead. */
const MAX_WAIT_SECONDS = 1800;

const runSync = defineTool({
  name: "run_cloud_sync",
  title: "Run a sync",
  description:
    "Starts a sync of the connection. With wait (the default) it waits up to wait_timeout seconds for the job to end and fails if the job fails; a job still running then goes on (poll get_cloud_sync_status). Refused while a sync of the connection runs.",
  input: z.object({
    connection_id: connectionIdArg,
    wait: z.boolean().default(true).describe("Wait for the job to finish."),
    wait_timeout: z
      .number()
      .int()
      .min(1)
      .max(MAX_WAIT_SECONDS)
      .default(300)
      .describe(`Seconds to wait when wait is true (1 to ${MAX_WAIT_SECONDS}).`),
    workspace_id: workspaceIdArg,
  }),
  output: z.object({ connection_id: z.string(), waited: z.boolean(), job }),
  // Starts work in Airbyte but removes nothing; a second call starts another job (or is refused).
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async run({ connection_id, wait, wait_timeout, workspace_id }, { workspace, request }) {
    const connection = workspace(workspace_id).getConnection(connection_id);
    const result = await connection.runSync({ wait, waitTimeoutMs: wait_timeout * 1000 }, request);
    return { connection_id, waited: wait, job: await jobSummary(result, request) };
  },
});

/** Every tool, in the order listTools shows them. */
export const TOOLS: readonly Tool[] = [
  describeWorkspace,
  listConnections,
  listConnectors,
  describeConnection,
  getSyncStatus,
  listSyncJobs,
  runSync,
];
