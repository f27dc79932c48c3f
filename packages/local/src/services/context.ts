import type { ResolvedConfig } from "../config.js";
import type { Store } from "../store/db.js";
import type { Access } from "./access.js";

/**
 * The infrastructure every service is built with. The other services a service uses are given
 * to its constructor one by one (see createServices in index.ts).
 */
export interface ServiceContext {
  readonly store: Store;
  readonly access: Access;
  readonly config: ResolvedConfig;
  /** Epoch milliseconds; one clock for the whole server. */
  now(): number;
}

/** Epoch seconds, as the APIs' `createdAt` fields are. */
export const seconds = (ms: number): number => Math.floor(ms / 1000);
