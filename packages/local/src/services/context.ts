import type { ResolvedConfig } from "../config.js";
import type { Store } from "../store/db.js";
import type { Access } from "./access.js";
import type { Services } from "./index.js";

/** What every service is built with. `services` gives access to the other services. */
export interface ServiceContext {
  readonly store: Store;
  readonly access: Access;
  readonly config: ResolvedConfig;
  readonly services: Services;
  /** Epoch milliseconds; one clock for the whole server. */
  now(): number;
}

/** Epoch seconds, as the APIs' `createdAt` fields are. */
export const seconds = (ms: number): number => Math.floor(ms / 1000);
