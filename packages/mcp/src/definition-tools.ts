/** The tools for custom source definitions (declarative manifests). */
import type { Tool } from "./tool.js";

/** In the order listTools shows them. */
export const DEFINITION_TOOLS: readonly Tool[] = [];
