import type { Context } from "../../context.js";
import { count as formatCount } from "../../output/human.js";
import { LiveLine } from "../../output/progress.js";
import { parseInteger } from "../../util/input.js";

export async function run(ctx: Context, _args: [], options: { count: string; localDir?: string }) {
  const count = parseInteger(options.count, "--count", 1, 10_000_000);
  const { runDemo } = await import("./demo.js");
  const line = LiveLine.onStderr(ctx.out, ctx.env);
  line.start("Starting a local Airbyte");
  try {
    await runDemo({
      count,
      ...(options.localDir ? { localDirectory: options.localDir } : {}),
      // What the demo says is its output (stdout); progress goes to stderr (plain lines now and then without a terminal).
      log: (text) => {
        line.stop();
        ctx.out.write(`${text}\n`);
        line.start("Deploying and syncing");
      },
      onProgress: ({ job, recordsRead, recordsCommitted }) =>
        line.update(
          `Syncing: job ${job.jobId} ${job.status} · ${formatCount(recordsRead)} records read, ${formatCount(recordsCommitted)} committed`,
        ),
    });
  } finally {
    line.stop();
  }
}
