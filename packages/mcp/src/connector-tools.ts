/** The tools for sources and destinations (deploy, describe, check, rename, configure, delete). */
import type { Tool } from "./tool.js";

/** In the order listTools shows them. */
export const CONNECTOR_TOOLS: readonly Tool[] = [];
