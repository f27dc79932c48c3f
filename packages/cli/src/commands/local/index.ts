import type { Command } from "commander";
import { examples, lazy } from "../../util/command.js";

/** `airbyte-ts local ...`: a local Airbyte server. */
export function registerLocal(program: Command): void {
  const local = program
    .command("local")
    .description("run a local Airbyte server (public API and Config API on loopback)")
    .addHelpText("after", examples("airbyte-ts local serve --save-profile local"));
  local
    .command("serve")
    .description("start a local Airbyte server and keep it running until interrupted")
    .option("-p, --port <port>", "TCP port (0 picks a free one)", "8000")
    .option("--host <host>", "interface to bind; the default is reachable from this machine only", "127.0.0.1")
    .option(
      "--data-dir <dir>",
      "where the database lives (default: $AIRBYTE_TS_DATA_DIR or ~/.local/share/airbyte-ts/local)",
    )
    .option("--in-memory", "keep everything in memory; nothing survives a restart")
    .option(
      "--auth <mode>",
      "token (bearer tokens from /applications/token), basic (also airbyte:password) or none",
      "token",
    )
    .option("--token-expires-in <seconds>", "lifetime of issued access tokens", "900")
    .option("--no-scheduler", "do not run scheduled (cron) syncs")
    .option("--save-profile [name]", "save the server's URL and credentials as a profile (default name: local)")
    .option("--show-secret", "print the client secret in the banner (it is masked otherwise)")
    .option("--fault-seed <n>", "seed of the fault generator (same seed, same faults)")
    .option("--fault-latency <ms>", "added latency per request: N or MIN-MAX milliseconds")
    .option("--fault-error-rate <rate>", "fraction of requests answered 500, 502 or 503")
    .option("--fault-rate-limit-rate <rate>", "fraction of requests answered 429 with Retry-After")
    .option("--fault-drop-rate <rate>", "fraction of requests whose connection is dropped")
    .option("--fault-phase <phase>", "when faults strike: before, after (the request was handled) or both")
    .option(
      "--fault-include <pattern...>",
      'requests that may fail, e.g. "POST /api/public/v1/jobs" or "/api/public/v1/**"',
    )
    .option("--fault-exclude <pattern...>", "requests that never fail")
    .addHelpText(
      "after",
      `
Examples:
  $ airbyte-ts local serve
  $ airbyte-ts local serve --port 0 --in-memory
  $ airbyte-ts local serve --save-profile local   # then: airbyte-ts --profile local connections list
  $ airbyte-ts local serve --fault-error-rate 0.2 --fault-seed 7 --fault-latency 20-80`,
    )
    .action(lazy(() => import("./serve.js")));
}
