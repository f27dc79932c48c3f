/** The tools for workspaces, organizations and billing. */
import type { Tool } from "./tool.js";

/** In the order listTools shows them. */
export const WORKSPACE_TOOLS: readonly Tool[] = [];
