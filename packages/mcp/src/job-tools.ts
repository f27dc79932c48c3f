/** The tools for logs, artifacts, state and troubleshooting of connections and their jobs. */
import type { Tool } from "./tool.js";

/** In the order listTools shows them. */
export const JOB_TOOLS: readonly Tool[] = [];
