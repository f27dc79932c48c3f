/**
 * The sync worker: a child process that runs one attempt (replication.ts) and talks to the
 * server over IPC. It exits when the attempt ends, and when the server goes away (its
 * uncommitted writes are then rolled back by the destination: nothing half-written stays).
 */
import type { SourceState } from "../../connectors/protocol.js";
import type { FromWorker, ToWorker } from "./messages.js";
import { type ReplicationChannel, replicate } from "./replication.js";

const cancel = new AbortController();
const replies = new Map<number, (state: SourceState | undefined) => void>();
let nextRequest = 0;
let gone = false;

/** Sends a message to the server; one that cannot be delivered means the server is gone. */
function send(message: FromWorker, then?: () => void): void {
  if (!process.send || !process.connected) return serverGone();
  try {
    process.send(message, undefined, {}, (error: Error | null) => (error ? serverGone() : then?.()));
  } catch {
    serverGone();
  }
}

function request(message: (requestId: number) => FromWorker): Promise<SourceState | undefined> {
  const requestId = nextRequest++;
  return new Promise((resolve, reject) => {
    // No answer comes once the attempt is cancelled or the server is gone.
    if (cancel.signal.aborted) return reject(cancel.signal.reason);
    replies.set(requestId, resolve);
    cancel.signal.addEventListener("abort", () => reject(cancel.signal.reason), { once: true });
    send(message(requestId));
  });
}

const channel: ReplicationChannel = {
  log: (level, source, message) => send({ type: "log", level, source, message }),
  progress: (stats) => send({ type: "progress", stats }),
  resume: async (lastCommittedCheckpoint) =>
    (await request((requestId) => ({ type: "resume", requestId, lastCommittedCheckpoint }))) ?? { streams: [] },
  prepare: async (checkpointId, states) => {
    await request((requestId) => ({ type: "prepare", requestId, checkpointId, states }));
  },
  confirm: (checkpointId) => send({ type: "confirm", checkpointId }),
};

process.on("message", (message: ToWorker) => {
  switch (message.type) {
    case "start":
      void replicate(message.plan, channel, cancel.signal).then((result) => {
        // maxRSS is in kilobytes: how much memory the attempt needed at its peak.
        const peakMb = Math.round(process.resourceUsage().maxRSS / 1024);
        channel.log("info", "replication-orchestrator", `Peak memory of the sync worker: ${peakMb} MB.`);
        // Leave once the last message is out.
        send({ type: "done", ...result }, () => {
          if (process.connected) process.disconnect();
        });
      });
      break;
    case "cancel":
      cancel.abort(new Error("The sync was cancelled."));
      break;
    case "reply":
      replies.get(message.requestId)?.(message.state);
      replies.delete(message.requestId);
      break;
  }
});

/** The server is gone (stopped or killed, or its pipe broke): stop, and let the destination roll back. */
function serverGone(): void {
  if (gone) return;
  gone = true;
  cancel.abort(new Error("The local server went away."));
  setTimeout(() => process.exit(1), 2_000).unref();
}

process.on("disconnect", serverGone);
// The IPC channel's own errors (a write to a closed pipe) land here rather than ending the worker.
process.on("error", serverGone);
