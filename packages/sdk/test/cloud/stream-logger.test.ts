/**
 * `streamLogger`: what the SDK logs, one line per message on the stream given (stderr in the
 * CLI and the MCP server, whose stdout is their output), over real requests to the local server.
 */
import { describe, expect, it } from "vitest";
import { CloudWorkspace } from "airbyte-ts";
import { streamLogger } from "airbyte-ts/api";
import { useCloudServer } from "./harness.js";

const harness = useCloudServer();

describe("streamLogger", () => {
  it("writes each message as a line with its level and details, and no secret", async () => {
    const lines: string[] = [];
    const local = harness.local();
    const workspace = new CloudWorkspace({
      workspaceId: local.workspaceId,
      apiRoot: local.publicApiUrl,
      clientId: local.clientId,
      clientSecret: local.clientSecret,
      apiOptions: { logger: streamLogger({ write: (text: string) => lines.push(text) }), logLevel: "debug" },
    });
    await workspace.getInfo();
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^(error|warn|info|debug) \[airbyte-ts\] .+\n$/);
    expect(lines.some((line) => line.startsWith("debug ") && line.includes(local.workspaceId))).toBe(true);
    expect(lines.join("")).not.toContain(local.clientSecret);
  });
});
