/**
 * The executor the local server runs today: it does not move records yet (the sync engine
 * comes next), so a sync reads nothing and succeeds with zero counts per stream, and a reset
 * or clear succeeds (the runner then clears the state of its streams). What it does check is
 * real: a connector the local server cannot run (e.g. Snowflake) fails the attempt with the
 * connector's reason, so jobs of such connections go through failed attempts and retries.
 */
import type { Config } from "airbyte-ts";
import { findConnector } from "../connectors/registry.js";
import type { AttemptStatsRecord } from "../services/job-records.js";
import type { AttemptContext, AttemptExecutor, AttemptResult } from "./executor.js";

export class LocalExecutor implements AttemptExecutor {
  async run(context: AttemptContext): Promise<AttemptResult> {
    const resetting = context.job.configType === "reset_connection" || context.job.configType === "clear";
    // A reset only writes to the destination; a sync needs both ends.
    const blocked = (resetting ? [context.destination] : [context.source, context.destination])
      .map((actor) => ({ actor, reason: findConnector(actor.row.definition_id)?.definition.notRunnableReason }))
      .find(({ reason }) => reason !== undefined);
    if (blocked) {
      const origin = blocked.actor.row.actor_type;
      context.log("error", origin, blocked.reason as string);
      return {
        status: "failed",
        failure: { origin, type: "system_error", message: blocked.reason as string, retryable: false },
      };
    }
    if (context.signal.aborted) return cancelled();
    return resetting ? this.reset(context) : this.sync(context);
  }

  private sync(context: AttemptContext): AttemptResult {
    const streams: Config.AttemptStreamStats[] = context.catalog.streams.flatMap(({ stream, config }) => {
      if (!stream) return [];
      const name = stream.namespace ? `${stream.namespace}.${stream.name}` : stream.name;
      const modes = config ? ` (${config.syncMode} | ${config.destinationSyncMode})` : "";
      context.log("info", "replication-orchestrator", `Stream ${name}${modes}: 0 records read, 0 committed.`);
      return [
        { streamName: stream.name, ...(stream.namespace ? { streamNamespace: stream.namespace } : {}), stats: zero() },
      ];
    });
    const stats: AttemptStatsRecord = { total: zero(), streams };
    context.progress(stats);
    return { status: "succeeded", stats };
  }

  private reset(context: AttemptContext): AttemptResult {
    const names = context.job.streams.map((s) => (s.namespace ? `${s.namespace}.${s.name}` : s.name));
    context.log(
      "info",
      "destination",
      names.length ? `Clearing streams: ${names.join(", ")}.` : "The connection has no selected streams to clear.",
    );
    return { status: "succeeded", stats: { total: zero(), streams: [] } };
  }
}

function zero(): Config.AttemptStats {
  return { recordsEmitted: 0, bytesEmitted: 0, recordsCommitted: 0, bytesCommitted: 0, recordsRejected: 0 };
}

function cancelled(): AttemptResult {
  return {
    status: "failed",
    failure: { origin: "airbyte_platform", type: "manual_cancellation", message: "The attempt was cancelled." },
  };
}
