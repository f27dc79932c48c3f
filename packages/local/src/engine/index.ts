import type { ResolvedConfig } from "../config.js";
import type { Services } from "../services/index.js";
import type { AttemptExecutor } from "./executor.js";
import { LocalExecutor } from "./local-executor.js";
import { JobRunner } from "./runner.js";
import { Scheduler } from "./scheduler.js";

export type {
  ActorInAttempt,
  AttemptContext,
  AttemptExecutor,
  AttemptFailure,
  AttemptResult,
  AttemptStatsRecord,
} from "./executor.js";

/** The parts of the server that run on their own: the job runner and the scheduler. */
export interface Engine {
  stop(): Promise<void>;
}

export interface EngineOptions {
  /** What runs the attempts; by default the local executor. */
  executor?: AttemptExecutor;
}

export function startEngine(services: Services, config: ResolvedConfig, options: EngineOptions = {}): Engine {
  const runner = new JobRunner(services, options.executor ?? new LocalExecutor(), config.log);
  runner.start();
  const scheduler = config.scheduler
    ? new Scheduler(services, Date.now(), config.log).start(config.schedulerIntervalMs)
    : undefined;
  return {
    async stop() {
      scheduler?.stop();
      await runner.stop();
    },
  };
}
