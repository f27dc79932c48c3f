import type { ResolvedConfig } from "../config.js";
import type { AttemptExecutor } from "./executor.js";
export type * from "./ports.js";
import type { EnginePorts } from "./ports.js";
import { JobRunner } from "./runner.js";
import { Scheduler } from "./scheduler.js";
import { ForkedExecutor } from "./sync/forked-executor.js";

export type { AttemptContext, AttemptExecutor, AttemptResult } from "./executor.js";

/** The parts of the server that run on their own: the job runner and the scheduler. */
export interface Engine {
  stop(): Promise<void>;
}

export interface EngineOptions {
  /** What runs the attempts; by default a worker process per attempt that moves the records. */
  executor?: AttemptExecutor;
}

export function startEngine(ports: EnginePorts, config: ResolvedConfig, options: EngineOptions = {}): Engine {
  const executor = options.executor ?? new ForkedExecutor({ localDirectory: config.localDirectory });
  const runner = new JobRunner(ports.jobQueue, ports.attemptInputs, executor, config.log);
  runner.start();
  const scheduler = config.scheduler
    ? new Scheduler(ports.syncSchedule, Date.now(), config.log).start(config.schedulerIntervalMs)
    : undefined;
  return {
    async stop() {
      scheduler?.stop();
      await runner.stop();
    },
  };
}
