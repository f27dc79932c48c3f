/**
 * The shape of one tool in the table. The four annotations are required fields, not optional
 * ones as in the MCP types: clients assume the worst of a missing hint (a missing
 * destructiveHint means destructive), and PyAirbyte's history (#840, #842) shows filters
 * going wrong on tools that left one out.
 */
import type { CloudClient, CloudWorkspace, RequestOptions } from "airbyte-ts";
import { z } from "zod";
import type { Env } from "./context.js";
import type { Session } from "./safe-mode.js";

export interface Annotations {
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export interface ToolContext {
  /** The workspace named by the call's `workspace_id`, or the environment's. */
  workspace: (workspaceId?: string) => CloudWorkspace;
  /** The client, for what spans workspaces (workspaces, organizations); same credentials. */
  client: () => CloudClient;
  /** The environment the server was created with (`process.env` unless embedded with another). */
  env: Env;
  /** How the client reached this server: over HTTP a tool must not read the server's files. */
  transport: "stdio" | "http";
  /** Passed to every SDK call: a client's cancellation stops the requests. */
  request: RequestOptions;
  /** Safe mode and the ids this server process created. */
  session: Session;
}

/**
 * The existing object a destructive tool acts on, named by one of its arguments: in safe mode
 * the server refuses the call, before `run`, unless this session created that object.
 */
interface Guard {
  /** The argument holding the object's id. */
  argument: string;
  /** How the refusal names the object ("connection", "connector", "custom source definition"). */
  resourceType: string;
}

export interface Tool {
  name: string;
  title: string;
  description: string;
  input: z.ZodObject;
  output: z.ZodObject;
  annotations: Annotations;
  guard?: Guard;
  run(args: Record<string, unknown>, context: ToolContext): Promise<Record<string, unknown>>;
}

/** A tool whose `run` is checked against its own schemas at compile time. */
export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(tool: {
  name: string;
  title: string;
  description: string;
  input: I;
  output: O;
  annotations: Annotations;
  guard?: { argument: keyof z.infer<I> & string; resourceType: string };
  run(args: z.infer<I>, context: ToolContext): Promise<z.infer<O>>;
}): Tool {
  // Widened to the table's type; the MCP SDK parses the arguments with `input` before `run` sees them.
  return tool;
}

/** Reads Airbyte and changes nothing; the same call gives the same answer while the workspace is unchanged. */
export const READ_ONLY: Annotations = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: true,
};

/** Creates or starts something: not read-only, removes nothing, a second call does it again. */
export const WRITE: Annotations = {
  readOnlyHint: false,
  destructiveHint: false,
  idempotentHint: false,
  openWorldHint: true,
};

/** Can break what depends on the object (tables, schedules, running jobs) or remove it. */
export const DESTRUCTIVE: Annotations = {
  readOnlyHint: false,
  destructiveHint: true,
  idempotentHint: false,
  openWorldHint: true,
};

export const workspaceIdArg = z
  .string()
  .min(1)
  .optional()
  .describe("The workspace; default the server's (AIRBYTE_WORKSPACE_ID or AIRBYTE_CLOUD_WORKSPACE_ID).");

/** JSON has no undefined: absent values are null, so the output schema can say so. */
export function orNull<T>(value: T | undefined): T | null {
  return value === undefined ? null : value;
}
