/**
 * A connector configuration as the tools take it, PyAirbyte's way: `config` (an object, or its
 * JSON text) and `config_secret_name`, the name of one of the server's environment variables
 * holding a configuration as JSON, merged into `config`. That variable is how a person keeps a
 * password out of the agent's context: the agent names it, the server reads it, and nothing of
 * its value comes back, not even in an error.
 */
import { InputError } from "airbyte-ts";
import { z } from "zod";
import { Redactor, ToolError } from "./results.js";
import type { ToolContext } from "./tool.js";

type Configuration = Record<string, unknown>;

export const configArg = z
  .union([z.record(z.string(), z.unknown()), z.string()])
  .describe(
    "The connector's configuration: an object, or its JSON text. Keep secrets out of it: put them in config_secret_name.",
  );

export const configSecretNameArg = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "an environment variable's name")
  .describe(
    "The name of an environment variable of the MCP server that holds configuration as JSON (a person sets it, e.g. with the password); merged into config, its values winning. Only a server on stdio reads it.",
  );

export interface ResolvedConfig {
  config: Configuration;
  /** Masks the values that came from the environment wherever they might show (an error's message). */
  redactor: Redactor;
}

/** The two arguments a configuration comes in: its value and the variable holding its secrets. */
export interface ConfigArguments {
  value: string;
  secretName: string;
  /** Mask the given values too, not only the variable's (testing values are all secrets). */
  maskGiven?: boolean;
}

const CONNECTOR_CONFIG: ConfigArguments = { value: "config", secretName: "config_secret_name" };

/**
 * The configuration in `args[names.value]` and the variable `args[names.secretName]` names,
 * merged (undefined when neither is given); throws before any request.
 */
export function resolveConfig(
  args: Record<string, unknown>,
  context: Pick<ToolContext, "transport" | "env">,
  tool: string,
  names: ConfigArguments = CONNECTOR_CONFIG,
): ResolvedConfig {
  const value = args[names.value] as Configuration | string | undefined;
  const secretName = args[names.secretName] as string | undefined;
  const given = value === undefined ? {} : parseConfig(value, names.value);
  const masked = names.maskGiven ? textValues(given) : [];
  if (secretName === undefined) return { config: given, redactor: new Redactor(masked) };
  const secret = readSecretConfig(secretName, context, tool, names);
  return { config: deepMerge(given, secret), redactor: new Redactor([...masked, ...textValues(secret)]) };
}

/**
 * Runs `action`; an error it throws leaves with the environment's values masked wherever the
 * agent reads it: the message, an SDK error's guidance (the hint), a ToolError's failure.
 */
export async function withSecretsMasked<T>(redactor: Redactor, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    error.message = redactor.redact(error.message);
    const guided = error as { guidance?: unknown };
    if (typeof guided.guidance === "string") guided.guidance = redactor.redact(guided.guidance);
    if (error instanceof ToolError) Object.assign(error.failure, redactor.redact(error.failure));
    throw error;
  }
}

function parseConfig(value: Configuration | string, argument: string): Configuration {
  if (typeof value !== "string") return value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    // Not the parser's message: it quotes the text.
    throw new InputError(`${argument} is not valid JSON: pass an object, or the JSON text of one.`);
  }
  if (!isObject(parsed)) throw new InputError(`${argument} must be a JSON object.`);
  return parsed;
}

function readSecretConfig(
  name: string,
  { env, transport }: Pick<ToolContext, "transport" | "env">,
  tool: string,
  names: ConfigArguments,
): Configuration {
  if (transport !== "stdio") {
    throw new ToolError({
      code: "config_secret_unavailable",
      message: `${names.secretName} is refused over HTTP: the server does not read its environment for a remote client. Nothing was changed.`,
      hint: `Pass the values in ${names.value}, or ask the person who runs the server to use it over stdio; then call ${tool} again.`,
    });
  }
  const text = env[name];
  if (text === undefined || text.trim() === "") {
    throw new ToolError({
      code: "config_secret_missing",
      message: `The MCP server has no environment variable ${name}. Nothing was changed.`,
      hint: `Ask the person who runs the server to set ${name} to the values as JSON and restart it, or pass ${names.value} instead; then call ${tool} again.`,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  if (!isObject(parsed)) {
    // Never the text itself: it is what the variable keeps from the agent.
    throw new ToolError({
      code: "config_secret_invalid",
      message: `The environment variable ${name} does not hold a JSON object. Nothing was changed.`,
      hint: `Ask the person who runs the server to set ${name} to a JSON object such as {"password": "..."}; then call ${tool} again.`,
    });
  }
  return parsed;
}

/** `base` with `override` merged in, object by object; the override's other values win. */
function deepMerge(base: Configuration, override: Configuration): Configuration {
  const merged: Configuration = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    merged[key] = isObject(current) && isObject(value) ? deepMerge(current, value) : value;
  }
  return merged;
}

/** Every text of a configuration, at any depth. */
function textValues(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(textValues);
  return isObject(value) ? Object.values(value).flatMap(textValues) : [];
}

const isObject = (value: unknown): value is Configuration =>
  typeof value === "object" && value !== null && !Array.isArray(value);
