/**
 * The server's side of a sync worker against real child processes that misbehave
 * (test/fixtures/workers): one that dies right after sending, one that exits before reading,
 * one stuck in its work, one that hangs up its channel. Whatever they do, no write throws or
 * emits an unheard 'error', `ended` settles once with how the worker stopped, and a stop
 * always ends with the process gone.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { expect, test } from "vitest";
import type { FromWorker } from "../src/engine/sync/messages.js";
import {
  describeEnd,
  DISCONNECTED_GRACE_MS,
  type WorkerEvent,
  WorkerProcess,
} from "../src/engine/sync/worker-process.js";
import { eventually } from "@airbyte-ts/test-support";

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/workers/${name}.mjs`, import.meta.url));

function startWorker(name: string) {
  const received: FromWorker[] = [];
  const events: WorkerEvent[] = [];
  const worker = new WorkerProcess({
    path: fixture(name),
    execArgv: [],
    attempt: { connectionId: "c", jobId: 1, attemptNumber: 0 },
    onMessage: (message) => received.push(message),
    observe: (event) => events.push(event),
  });
  return { worker, received, events };
}

test("every message a worker sent before it died is handled before `ended`, which says it was killed", async () => {
  const { worker, received, events } = startWorker("dies-after-messages");
  const end = await worker.ended;
  expect(received).toHaveLength(200);
  expect(end).toMatchObject({ signal: "SIGKILL", started: true });
  expect(describeEnd(end)).toBe("killed by SIGKILL");
  expect(events.map((event) => event.type).filter((type) => type !== "received")).toEqual([
    "forked",
    "disconnected",
    "exited",
  ]);
});

/** A process's state letter in /proc (Linux): `Z` once it died and before its parent reaps it. */
function processState(pid: number): string {
  return readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] ?? "";
}

test.skipIf(!existsSync("/proc/self/stat"))(
  "a write to a worker that died while its channel still looks open fails quietly, and the end says so",
  async () => {
    // The kernel may still take a write for a moment after the peer died, so try a few workers.
    for (let tries = 1; ; tries++) {
      const { worker, events } = startWorker("exits-at-once");
      const pid = events.find((event) => event.type === "forked")?.pid as number;
      // The event loop is held until the worker is dead: the server has not read the end of
      // the pipe yet, so the channel looks connected and the writes go to a closed socket.
      const deadline = Date.now() + 10_000;
      while (processState(pid) !== "Z") if (Date.now() > deadline) throw new Error("the worker did not exit");
      for (let requestId = 0; requestId < 3; requestId++) worker.send({ type: "reply", requestId });
      const end = await worker.ended;
      expect(end).toMatchObject({ code: 3, signal: null, started: true });
      if (end.error) {
        expect(describeEnd(end)).toBe(
          "exit code 3; its reply message could not be delivered: write EPIPE; " +
            "stderr: Error: the worker broke at start (worker.js:1:1) at main (worker.js:2:1)",
        );
        return;
      }
      if (tries === 50) throw new Error("no write met the closed pipe in 50 tries");
    }
  },
);

test("a worker that does not stop when asked is killed once the grace period is over", async () => {
  const { worker, events } = startWorker("ignores-cancel");
  const asked = Date.now();
  worker.stop(300);
  const end = await worker.ended;
  expect(Date.now() - asked).toBeGreaterThanOrEqual(300);
  expect(end.signal).toBe("SIGKILL");
  expect(events.some((event) => event.type === "sent" && event.message === "cancel")).toBe(true);
});

test("a worker whose channel is gone is killed at once when a cancel cannot reach it", async () => {
  const { worker, events } = startWorker("hangs-up");
  await eventually(() => expect(events.map((event) => event.type)).toContain("disconnected"));
  const asked = Date.now();
  worker.stop(60_000);
  const end = await worker.ended;
  // Neither the cancel's grace (60 s) nor the hang-up's (3 s) was waited for.
  expect(Date.now() - asked).toBeLessThan(DISCONNECTED_GRACE_MS);
  expect(end.signal).toBe("SIGKILL");
  expect(events.some((event) => event.type === "sent")).toBe(false);
});

test("a message that cannot be serialized ends the worker and says which message it was", async () => {
  const { worker } = startWorker("ignores-cancel");
  worker.send({ type: "cancel", extra: () => undefined } as unknown as { type: "cancel" });
  const end = await worker.ended;
  expect(end.signal).toBe("SIGKILL");
  expect(describeEnd(end)).toMatch(/^killed by SIGKILL; its cancel message could not be delivered: /);
});
