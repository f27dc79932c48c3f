/**
 * How progress is paced without a terminal (what a pipe or a CI log gets), and the demo's
 * progress line in both cases. The commands' own progress is tested on the built binary
 * (sync.test.ts piped, terminal.test.ts in tmux).
 */
import { PassThrough } from "node:stream";
import { describe, expect, test } from "vitest";
import { lineOn } from "../src/commands/demo/demo.js";
import { PlainProgress, plainIntervalMs } from "../src/output/progress.js";
import { CliError } from "../src/util/errors.js";

const job = (status: string) => ({ job: { jobId: 1, status } as never, recordsRead: 10, recordsCommitted: 5 });

function capture(isTTY: boolean) {
  const stream = Object.assign(new PassThrough(), { isTTY });
  let text = "";
  stream.on("data", (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe("progress without a terminal", () => {
  test("a plain line only when its text is new, at most once per interval", () => {
    const lines: string[] = [];
    const everyTime = new PlainProgress((line) => lines.push(line), 0);
    everyTime.offer("running · 1 record", " · 0:01");
    everyTime.offer("running · 1 record", " · 0:02"); // the same figures: nothing new to say
    everyTime.offer("running · 2 records", " · 0:03");
    expect(lines).toEqual(["running · 1 record · 0:01", "running · 2 records · 0:03"]);

    const seldom = new PlainProgress((line) => lines.push(line), 60_000);
    expect(seldom.due).toBe(false);
    seldom.offer("running · 3 records");
    expect(lines).toHaveLength(2);
  });

  test("the interval: 10 s, or AIRBYTE_TS_PROGRESS_INTERVAL as a duration; anything else is a usage error", () => {
    expect(plainIntervalMs({})).toBe(10_000);
    expect(plainIntervalMs({ AIRBYTE_TS_PROGRESS_INTERVAL: " " })).toBe(10_000);
    expect(plainIntervalMs({ AIRBYTE_TS_PROGRESS_INTERVAL: "30" })).toBe(30_000);
    expect(plainIntervalMs({ AIRBYTE_TS_PROGRESS_INTERVAL: "1m" })).toBe(60_000);
    expect(plainIntervalMs({ AIRBYTE_TS_PROGRESS_INTERVAL: "0.5" })).toBe(500);
    let error: unknown;
    try {
      plainIntervalMs({ AIRBYTE_TS_PROGRESS_INTERVAL: "often" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toContain("AIRBYTE_TS_PROGRESS_INTERVAL must be a duration");
  });

  test("the demo's line: rewritten in place on a terminal, paced plain lines elsewhere", () => {
    const terminal = capture(true);
    const onTerminal = lineOn(terminal.stream);
    onTerminal(job("running"));
    onTerminal(job("succeeded"));
    expect(terminal.text()).toBe(
      `\r${"  running: 10 records read, 5 committed".padEnd(60)}\r${"  succeeded: 10 records read, 5 committed".padEnd(60)}\n`,
    );

    const piped = capture(false);
    const inLog = lineOn(piped.stream, 0);
    inLog(job("running"));
    inLog(job("running"));
    inLog(job("succeeded"));
    expect(piped.text()).toBe("  running: 10 records read, 5 committed\n  succeeded: 10 records read, 5 committed\n");
  });
});
