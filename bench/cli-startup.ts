/**
 * Start-up time of the command line, hyperfine-style: N runs of `node dist/bin.js --help`
 * (every command registered, none of their implementations loaded), beside N runs of
 * `node -e 0` (Node's own start-up) interleaved in the same run, after a few warm-up runs of
 * each. Also `--version` and a command's `--help`, which load nothing more. Goal: under
 * 150 ms for `--help` on this machine.
 *
 * Wall time moves with whatever else the machine does; each run's CPU time (user + system, read
 * by a one-line `--import` hook in the child at exit, the same for every case) moves much less,
 * so both are reported.
 *
 *   node --import tsx bench/cli-startup.ts        (after npm run build)
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = 3;
const bin = fileURLToPath(new URL("../packages/cli/dist/bin.js", import.meta.url));

interface Timing {
  medianMs: number;
  p95Ms: number;
  minMs: number;
  /** Median CPU time (user + system) of the process. */
  cpuMedianMs: number;
}

const CPU_HOOK =
  "data:text/javascript,process.on('exit',()=>{const c=process.cpuUsage();process.stderr.write('\\ncpu-us '+(c.user+c.system)+'\\n')})";

const CASES: Record<string, string[]> = {
  "node -e 0": ["-e", "0"],
  "airbyte-ts --help": [bin, "--help"],
  "airbyte-ts --version": [bin, "--version"],
  "airbyte-ts sync run --help": [bin, "sync", "run", "--help"],
};

function once(args: string[]): { wallMs: number; cpuMs: number } {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ["--import", CPU_HOOK, ...args], {
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  const cpu = /cpu-us (\d+)/.exec(result.stderr)?.[1];
  return { wallMs, cpuMs: Number(cpu) / 1000 };
}

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const quantile = (values: number[], q: number) =>
  sorted(values)[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)] as number;
const round = (ms: number) => Math.round(ms * 10) / 10;

function summary(samples: { wallMs: number; cpuMs: number }[]): Timing {
  const wall = samples.map((sample) => sample.wallMs);
  const cpu = samples.map((sample) => sample.cpuMs);
  return {
    medianMs: round(quantile(wall, 0.5)),
    p95Ms: round(quantile(wall, 0.95)),
    minMs: round(sorted(wall)[0] as number),
    cpuMedianMs: round(quantile(cpu, 0.5)),
  };
}

export async function benchCliStartup(): Promise<Record<string, Timing | number>> {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run npm run build first`);
  const samples: Record<string, { wallMs: number; cpuMs: number }[]> = Object.fromEntries(
    Object.keys(CASES).map((name) => [name, []]),
  );
  for (let i = 0; i < WARMUP; i++) for (const args of Object.values(CASES)) once(args);
  // Interleaved, so that a busy moment of the machine weighs on every case alike.
  for (let i = 0; i < RUNS; i++) {
    for (const [name, args] of Object.entries(CASES)) samples[name]?.push(once(args));
  }
  const results: Record<string, Timing | number> = {};
  for (const [name, values] of Object.entries(samples)) results[name] = summary(values);
  const baseline = results["node -e 0"] as Timing;
  const help = results["airbyte-ts --help"] as Timing;
  results["--help over node -e 0, wall (median ms)"] = round(help.medianMs - baseline.medianMs);
  results["--help over node -e 0, wall (min ms)"] = round(help.minMs - baseline.minMs);
  results["--help over node -e 0, CPU (median ms)"] = round(help.cpuMedianMs - baseline.cpuMedianMs);
  results.runs = RUNS;
  return results;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log(JSON.stringify(await benchCliStartup(), null, 2));
}
