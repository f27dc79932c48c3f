import type { ResolvedConfig } from "../config.js";
import type { Services } from "../services/index.js";

/** The parts of the server that run on their own: the job runner and the scheduler. */
export interface Engine {
  stop(): Promise<void>;
}

export function startEngine(services: Services, config: ResolvedConfig): Engine {
  void services;
  void config;
  return { stop: async () => undefined };
}
