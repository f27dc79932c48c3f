/** The tools for config as code (plan and apply a project file). */
import type { Tool } from "./tool.js";

/** In the order listTools shows them. */
export const PROJECT_TOOLS: readonly Tool[] = [];
