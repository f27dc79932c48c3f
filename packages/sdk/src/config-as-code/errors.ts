/**
 * What can be wrong with a project's files, said with the file, the line and the path of the
 * value, before anything is read from or written to a workspace.
 */
import { type AirbyteErrorCode } from "../http/error-codes.js";
import { InvalidArgumentError } from "../http/errors.js";

/** Where in the project's files a value sits. */
export interface FileLocation {
  /** The file as it was given to `loadProject`. */
  file: string;
  /** The value's path in the file, e.g. `["sources", "pg_prod", "configuration", "port"]`. */
  path: readonly (string | number)[];
  /** 1-based, when the file's text is known. */
  line?: number | undefined;
  column?: number | undefined;
}

/** `sources.pg_prod.configuration.port`, `connections.a.streams["public/users"]`, `tags[2]`. */
function formatPath(path: readonly (string | number)[]): string {
  let text = "";
  for (const part of path) {
    if (typeof part === "number") text += `[${part}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(part)) text += text ? `.${part}` : part;
    else text += `[${JSON.stringify(part)}]`;
  }
  return text;
}

function where(location: FileLocation): string {
  const position = location.line === undefined ? "" : `:${location.line}:${location.column ?? 1}`;
  const path = location.path.length > 0 ? ` (${formatPath(location.path)})` : "";
  return `${location.file}${position}${path}`;
}

/** A project file that does not parse, or holds a value the format does not allow. */
export class ConfigFileError extends InvalidArgumentError {
  override name = "ConfigFileError";
  override readonly code: AirbyteErrorCode = "config_invalid";
  readonly location: FileLocation;

  constructor(location: FileLocation, problem: string, options: { guidance?: string; cause?: unknown } = {}) {
    super(`${where(location)}: ${problem}`, {
      guidance: options.guidance,
      context: { file: location.file, path: formatPath(location.path) },
      cause: options.cause,
    });
    this.location = location;
  }
}

/**
 * A `${NAME}` whose environment variable is not set. Never sent as the literal text (octavia
 * did, and a connector then ran with the password `${PG_PASSWORD}`).
 */
export class EnvVarMissingError extends InvalidArgumentError {
  override name = "EnvVarMissingError";
  override readonly code: AirbyteErrorCode = "env_var_missing";
  readonly variable: string;
  readonly location: FileLocation;

  constructor(variable: string, location: FileLocation) {
    super(`${where(location)}: the environment variable ${variable} is not set.`, {
      guidance: `Set it, or write $\${${variable}} for the literal text.`,
      context: { variable, file: location.file, path: formatPath(location.path) },
    });
    this.variable = variable;
    this.location = location;
  }
}

/** A plan that would replace a resource, applied without allowing replacements. */
export class ReplaceNotAllowedError extends InvalidArgumentError {
  override name = "ReplaceNotAllowedError";
  override readonly code: AirbyteErrorCode = "replace_not_allowed";
  readonly addresses: string[];

  constructor(addresses: string[]) {
    super(`The plan replaces ${addresses.join(", ")}, which resets sync state and data.`, {
      guidance: "Apply with allowReplace (--allow-replace) if that is what you want.",
      context: { addresses },
    });
    this.addresses = addresses;
  }
}

/** A plan that would delete or replace a resource the project's `lifecycle.preventDestroy` protects. */
export class DestroyPreventedError extends InvalidArgumentError {
  override name = "DestroyPreventedError";
  override readonly code: AirbyteErrorCode = "destroy_prevented";
  readonly addresses: string[];

  constructor(addresses: string[]) {
    super(`The plan would destroy ${addresses.join(", ")}, which lifecycle.preventDestroy protects.`, {
      guidance: "Change the files so they keep it, or take it out of preventDestroy.",
      context: { addresses },
    });
    this.addresses = addresses;
  }
}

/** The workspace changed after the plan was made: applying it could undo someone's change. */
export class PlanStaleError extends InvalidArgumentError {
  override name = "PlanStaleError";
  override readonly code: AirbyteErrorCode = "plan_stale";

  constructor(workspaceId: string) {
    super(`Workspace ${workspaceId} changed after this plan was made.`, {
      guidance: "Plan again and review the new plan.",
    });
  }
}
