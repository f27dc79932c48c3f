import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { beforeAll, describe, expect, it } from "vitest";
import { built, seedConnection, succeeded, useMcpServer } from "./helpers/mcp.js";

interface Listed {
  id: string;
  last_job_status?: string | null;
  last_job_id?: number | null;
  last_job_time?: string | null;
  currently_running_job_id?: number | null;
}

/** A dev-null destination that fails once it has received a record. */
const FAILING = {
  destinationType: "dev-null",
  test_destination: { test_destination_type: "FAILING", num_messages: 1 },
};

describe.skipIf(!built)("list_cloud_connections with_connection_status and failing_connections_only", () => {
  const harness = useMcpServer();
  let client: Client;
  let tools: Tool[];
  let healthy: Awaited<ReturnType<typeof seedConnection>>;
  let failingId: string;
  let neverRunId: string;

  beforeAll(async () => {
    const workspace = harness.workspace();
    healthy = await seedConnection(workspace);
    await healthy.connection.runSync({ wait: true });
    const failing = await seedConnection(workspace);
    const broken = await workspace.deployDestination(`failing ${failing.connection.connectionId}`, FAILING);
    const connection = await workspace.deployConnection(`failing ${broken.destinationId}`, {
      source: failing.source,
      destination: broken,
      selectedStreams: ["users"],
    });
    failingId = connection.connectionId;
    await expect(connection.runSync({ wait: true })).rejects.toMatchObject({ code: "sync_failed" });
    neverRunId = failing.connection.connectionId;
    client = await harness.connect();
    tools = (await client.listTools()).tools;
  });

  const list = async (args: Record<string, unknown>) =>
    succeeded<{ connections: Listed[]; count: number }>(
      await harness.call(client, "list_cloud_connections", args),
      tools.find((tool) => tool.name === "list_cloud_connections"),
    );

  it("adds each connection's newest ended job, as the SDK reports it", async () => {
    const { connections } = await list({ with_connection_status: true });
    const [newest] = await healthy.connection.getPreviousSyncLogs({ limit: 1 });
    const job = await newest!.getJobInfo();
    expect(connections.find((entry) => entry.id === healthy.connection.connectionId)).toMatchObject({
      last_job_status: "succeeded",
      last_job_id: job.jobId,
      last_job_time: job.startTime,
      currently_running_job_id: null,
    });
    expect(connections.find((entry) => entry.id === failingId)).toMatchObject({ last_job_status: "failed" });
    expect(connections.find((entry) => entry.id === neverRunId)).toMatchObject({
      last_job_status: null,
      last_job_id: null,
    });
  });

  it("keeps only the failing ones, within the limit, and says nothing of status unless asked", async () => {
    const failing = await list({ failing_connections_only: true });
    expect(failing.connections.map((entry) => entry.id)).toEqual([failingId]);
    expect(failing.count).toBe(1);
    expect((await list({ failing_connections_only: true, limit: 1 })).connections).toHaveLength(1);
    const plain = await list({ limit: 2 });
    expect(plain.count).toBe(2);
    expect(plain.connections[0]).not.toHaveProperty("last_job_status");
  });
});
