/**
 * What an agent does, end to end, through the tools alone (safe mode on, as by default): find
 * its workspace, deploy a source and a destination, connect them, run a sync that fails because
 * the destination's path is wrong, find out why, fix the destination, sync again while following
 * its log, read the records back, and delete everything it created. Each step is checked
 * against the local server's state as the SDK reads it.
 */
import { join } from "node:path";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { beforeAll, describe, expect, it } from "vitest";
import { built, useMcpServer } from "./helpers/mcp.js";

interface Deployed {
  id: string;
  connector_type: string;
}
interface Job {
  job_id: number;
  status: string;
  rows_synced: number | null;
}
interface Check {
  succeeded: boolean | null;
  message: string | null;
}
interface Report {
  destination_check: Check;
  latest_failed_job: { job_id: number } | null;
  guidance: string;
}
interface Followed {
  lines: string[];
  next_line: number;
  job_finished: boolean;
  status: string;
}

const USERS = 40;

describe.skipIf(!built)("an agent's session, through the tools alone", () => {
  const harness = useMcpServer();
  let client: Client;

  beforeAll(async () => {
    client = await harness.connect({ AIRBYTE_LOCAL_DIRECTORY: join(harness.env().HOME!, "local") });
  });

  const ok = <T>(name: string, args: Record<string, unknown> = {}) => harness.ok<T>(client, name, args);

  it("deploys, connects, syncs, fixes a failing destination, reads the records back and cleans up", async () => {
    const context = await ok<{ default_workspace: { workspace_id: string } | null }>("get_default_cloud_context");
    expect(context.default_workspace?.workspace_id).toBe(harness.local().workspaceId);

    const source = await ok<Deployed>("deploy_connector_to_cloud", {
      name: "agent faker delete-me",
      connector_name: "source-faker",
      config: { count: USERS, seed: 11 },
    });
    // The mistake: a path outside /local, which the DuckDB destination cannot write.
    const destination = await ok<Deployed>("deploy_connector_to_cloud", {
      name: "agent duckdb delete-me",
      connector_name: "destination-duckdb",
      config: { destination_path: "/tmp/agent.duckdb" },
    });
    expect([source.connector_type, destination.connector_type]).toEqual(["source", "destination"]);
    const connection = await ok<{ id: string; selected_streams: string[] }>("create_connection_on_cloud", {
      connection_name: "agent connection",
      source_id: source.id,
      destination_id: destination.id,
      selected_streams: "users",
    });
    expect(await harness.workspace().getConnection(connection.id).getStreamNames()).toEqual(["users"]);

    const failed = await harness.refused(client, "run_cloud_sync", { connection_id: connection.id });
    expect(failed.code).toBe("sync_failed");

    const report = await ok<Report>("troubleshoot_cloud_connection", { connection_id: connection.id });
    expect(report.destination_check.succeeded).toBe(false);
    expect(report.destination_check.message).toContain("/local");
    expect(report.latest_failed_job).not.toBeNull();
    expect(report.guidance).toContain("update_cloud_connector_config");

    // Safe mode lets it change the destination: this session created it.
    await ok("update_cloud_connector_config", {
      connector_id: destination.id,
      config: { destination_path: "/local/agent.duckdb" },
    });
    expect(await ok<Check>("check_cloud_connector", { connector_id: destination.id })).toMatchObject({
      succeeded: true,
    });

    const started = await ok<{ job: Job }>("run_cloud_sync", { connection_id: connection.id, wait: false });
    const lines: string[] = [];
    let cursor = 0;
    let followed: Followed;
    do {
      followed = await ok<Followed>("follow_cloud_sync_logs", {
        connection_id: connection.id,
        job_id: started.job.job_id,
        after_line: cursor,
        wait_seconds: 10,
      });
      lines.push(...followed.lines);
      cursor = followed.next_line;
    } while (!followed.job_finished);
    expect(followed.status).toBe("succeeded");
    const attempts = await (await harness.workspace().getSyncResult(started.job.job_id)).getAttempts();
    expect(lines.join("\n")).toBe(attempts.map((attempt) => attempt.getFullLogText()).join("\n"));

    const records = await ok<{ returned: number; total_rows_available: number; records: { id: number }[] }>(
      "read_synced_records",
      { connection_id: connection.id, stream_name: "users", limit: 5 },
    );
    expect(records.returned).toBe(5);
    expect(records.total_rows_available).toBe(USERS);
    const ids = records.records.map((record) => Number(record.id));
    expect(new Set(ids).size).toBe(5);
    for (const id of ids) expect(id >= 1 && id <= USERS, `user id ${id}`).toBe(true);

    // Cleaning up: the connection's name must say delete-me before it can go, with its connectors.
    await ok("rename_cloud_connection", { connection_id: connection.id, name: "agent connection delete-me" });
    await ok("permanently_delete_cloud_connection", {
      connection_id: connection.id,
      name: "agent connection delete-me",
      cascade_delete_source: true,
      cascade_delete_destination: true,
    });
    const workspace = harness.workspace();
    expect((await workspace.listConnections()).map((left) => left.connectionId)).not.toContain(connection.id);
    expect((await workspace.listSources()).map((left) => left.sourceId)).not.toContain(source.id);
    expect((await workspace.listDestinations()).map((left) => left.destinationId)).not.toContain(destination.id);
  });
});
