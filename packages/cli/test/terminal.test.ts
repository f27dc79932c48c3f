/**
 * The terminal experience, in a real pseudo-terminal (tmux): the progress line of
 * `sync run --wait` (status, records read and committed and bytes so far, elapsed time), Ctrl-C asking whether to
 * cancel the job, --cancel-on-interrupt, a destructive command's confirmation, and `login`
 * asking for what is missing with the secret typed unseen.
 */
import { afterEach, describe, expect, test } from "vitest";
import { built, freshHome, seedConnection, STUCK, uniqueName, useCliServer } from "./helpers/cli.js";
import { Terminal, tmuxAvailable } from "./helpers/tmux.js";

const BIG = 1_000_000;

describe.skipIf(!built || !tmuxAvailable)("in a terminal (needs tmux and a build)", () => {
  const harness = useCliServer();
  let terminal: Terminal | undefined;
  afterEach(() => {
    terminal?.close();
    terminal = undefined;
  });

  test("sync run --wait draws its progress; Ctrl-C asks, and y cancels the job (exit 130)", async () => {
    const workspace = harness.workspace();
    const { connection } = await seedConnection(workspace, { count: BIG });
    terminal = Terminal.start(["sync", "run", connection.connectionId, "--wait"], harness.env());
    // Records read and committed while the job runs (committed is no longer 0 until the end).
    const screen = await terminal.waitFor(
      /job \d+ running · [1-9][\d,]* records read, [1-9][\d,]* committed \([\d.]+ [KMG]?B\) · \d+:\d\d/,
    );
    const line = screen.split("\n").find((text) => text.includes("Syncing")) as string;
    expect(line).toMatch(new RegExp(`^[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] Syncing '${await connection.getName()}': job (\\d+) running`));
    const jobId = Number(/job (\d+)/.exec(line)?.[1]);

    terminal.send("C-c");
    await terminal.waitFor(new RegExp(`Cancel sync job ${jobId}\\? \\[y/N\\]$`));
    terminal.send("y", "Enter");
    const end = await terminal.waitFor(/\[exit \d+\]/);
    expect(end).toContain("[exit 130]");
    expect(end).toContain(`airbyte-ts: Interrupted; sync job ${jobId} was cancelled.`);
    expect(end).toMatch(/Status +cancelled/);
    expect(await connection.getSyncResult(jobId).getJobStatus()).toBe("cancelled");
  }, 60_000);

  test("Ctrl-C answered No leaves the job running; --cancel-on-interrupt cancels without asking", async () => {
    const workspace = harness.workspace();
    const { connection } = await seedConnection(workspace, { destination: STUCK });
    terminal = Terminal.start(["sync", "run", connection.connectionId, "--wait"], harness.env());
    await terminal.waitFor(/Syncing '.*': job \d+ (pending|running)/);
    terminal.send("C-c");
    await terminal.waitFor(/\[y\/N\]$/);
    terminal.send("n", "Enter");
    const kept = await terminal.waitFor(/\[exit \d+\]/);
    expect(kept).toContain("[exit 130]");
    expect(kept).toMatch(/Interrupted; sync job (\d+) keeps running\. Follow it with: airbyte-ts sync status/);
    const sync = await connection.getSyncResult();
    expect(await sync?.isJobComplete()).toBe(false);
    terminal.close();

    terminal = Terminal.start(
      ["sync", "run", connection.connectionId, "--wait", "--if-running", "attach", "--cancel-on-interrupt"],
      harness.env(),
    );
    await terminal.waitFor(/Syncing '.*': job \d+ (pending|running)/);
    terminal.send("C-c");
    const cancelled = await terminal.waitFor(/\[exit \d+\]/);
    expect(cancelled).not.toContain("[y/N]");
    expect(cancelled).toContain(`Cancelling sync job ${sync?.jobId}...`);
    expect(cancelled).toContain("[exit 130]");
    expect(await sync?.getJobStatus()).toBe("cancelled");
  }, 60_000);

  test("a destructive command asks first: No changes nothing, yes deletes", async () => {
    const { connection } = await seedConnection(harness.workspace(), { name: uniqueName("doomed delete-me") });
    const name = await connection.getName();
    terminal = Terminal.start(["connections", "delete", connection.connectionId], harness.env());
    await terminal.waitFor(
      new RegExp(`Delete connection '${name}' \\(${connection.connectionId}\\)\\? This cannot be undone\\. \\[y/N\\]$`),
    );
    terminal.send("Enter");
    const kept = await terminal.waitFor(/\[exit \d+\]/);
    expect(kept).toContain("airbyte-ts: Not confirmed; nothing was changed.");
    expect(kept).toContain("[exit 2]");
    expect((await connection.getInfo({ forceRefresh: true })).status).not.toBe("deprecated");
    terminal.close();

    terminal = Terminal.start(["connections", "delete", connection.connectionId], harness.env());
    await terminal.waitFor(/\[y\/N\]$/);
    terminal.send("y", "Enter");
    const deleted = await terminal.waitFor(/\[exit \d+\]/);
    expect(deleted).toContain(`Deleted connection '${name}'.`);
    expect(deleted).toContain("[exit 0]");
  }, 30_000);

  test("login asks for what is missing; the secret is typed without echo", async () => {
    const { env } = freshHome();
    const local = harness.local();
    terminal = Terminal.start(["login"], env);
    await terminal.waitFor(/Airbyte API URL \(https:\/\/api\.airbyte\.com\/v1\):$/);
    terminal.type(local.url);
    terminal.send("Enter");
    await terminal.waitFor(/Client ID:$/);
    terminal.type(local.clientId);
    terminal.send("Enter");
    await terminal.waitFor(/Client secret:$/);
    terminal.type(local.clientSecret);
    terminal.send("Enter");
    const screen = await terminal.waitFor(/\[exit \d+\]/);
    expect(screen).toContain("[exit 0]");
    expect(screen).toContain("saved profile 'default'");
    expect(screen).not.toContain(local.clientSecret);
  }, 30_000);
});
