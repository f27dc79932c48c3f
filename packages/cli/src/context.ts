/**
 * What every command gets: its options (global ones included), the output, and the high-level
 * SDK objects built from the resolved settings (flags > environment > profile). The SDK is
 * imported here, when a command first needs it, never at start-up.
 */
import type { Command } from "commander";
import type { CloudApiOptions, CloudClient, CloudWorkspace } from "airbyte-ts";
import type { GlobalOptions, Settings } from "./config/settings.js";
import { Output } from "./output/output.js";
import { configError, usageError } from "./util/errors.js";

export class Context {
  readonly options: GlobalOptions;
  readonly out: Output;
  readonly env: NodeJS.ProcessEnv;
  #settings: Promise<Settings> | undefined;

  constructor(options: GlobalOptions, env: NodeJS.ProcessEnv = process.env) {
    this.options = options;
    this.env = env;
    this.out = new Output(options);
  }

  static of(command: Command): Context {
    return new Context(command.optsWithGlobals<GlobalOptions>());
  }

  get debug(): boolean {
    return this.options.debug === true;
  }

  /** The settings (read once), with a warning when the config file can be read by others. */
  settings(): Promise<Settings> {
    this.#settings ??= import("./config/settings.js").then(async ({ resolveSettings }) => {
      const settings = await resolveSettings(this.options, this.env);
      const mode = settings.config.looseMode;
      if (mode !== undefined && settings.origins.credentials === "profile") {
        this.out.warn(
          `${settings.config.path} can be read by other users (mode ${mode.toString(8)}); run: chmod 600 ${settings.config.path}`,
        );
      }
      return settings;
    });
    return this.#settings;
  }

  /** Options of the SDK's low-level client: retries from --retries, logs to stderr (debug with --debug). */
  async apiOptions(): Promise<CloudApiOptions> {
    const retries = this.options.retries;
    let maxRetries: number | undefined;
    if (retries !== undefined) {
      maxRetries = Number(retries);
      if (!/^\d+$/.test(retries) || maxRetries > 10) throw usageError(`--retries must be 0 to 10; got "${retries}".`);
    }
    const { streamLogger } = await import("airbyte-ts/api");
    return {
      logger: streamLogger(process.stderr),
      ...(this.debug ? { logLevel: "debug" as const } : {}),
      ...(maxRetries === undefined ? {} : { retries: maxRetries === 0 ? false : { maxRetries } }),
    };
  }

  /** A client for what spans workspaces (workspaces, organizations). */
  async client(): Promise<CloudClient> {
    const settings = await this.settings();
    const { CloudClient } = await import("airbyte-ts");
    return new CloudClient({
      ...auth(settings),
      ...(settings.apiUrl ? { publicApiRoot: settings.apiUrl } : {}),
      ...(settings.configApiUrl ? { configApiRoot: settings.configApiUrl } : {}),
      ...(settings.workspaceId ? { workspaceId: settings.workspaceId } : {}),
      ...(settings.organizationId ? { organizationId: settings.organizationId } : {}),
      apiOptions: await this.apiOptions(),
    } as ConstructorParameters<typeof CloudClient>[0]);
  }

  /** The selected workspace (`--workspace`, `AIRBYTE_WORKSPACE_ID` or the profile's), or the one given. */
  async workspace(workspaceId?: string): Promise<CloudWorkspace> {
    const settings = await this.settings();
    const id = workspaceId ?? settings.workspaceId;
    const { CloudClientConfig, CloudWorkspace } = await import("airbyte-ts");
    const options = {
      ...auth(settings),
      ...(settings.apiUrl ? { apiRoot: settings.apiUrl } : {}),
      ...(settings.configApiUrl ? { configApiRoot: settings.configApiUrl } : {}),
      apiOptions: await this.apiOptions(),
    };
    if (!id) {
      // Missing or half-given credentials are the more basic problem: the SDK's check says so first.
      new CloudClientConfig(auth(settings));
      throw configError(
        "No workspace is selected.",
        "Pass --workspace ID, set AIRBYTE_WORKSPACE_ID, or save one in the profile with `airbyte-ts workspaces use ID`.",
      );
    }
    return new CloudWorkspace({ ...options, workspaceId: id } as ConstructorParameters<typeof CloudWorkspace>[0]);
  }
}

function auth(settings: Settings) {
  return settings.bearerToken
    ? { bearerToken: settings.bearerToken, ...(settings.clientId ? { clientId: settings.clientId } : {}) }
    : {
        ...(settings.clientId ? { clientId: settings.clientId } : {}),
        ...(settings.clientSecret ? { clientSecret: settings.clientSecret } : {}),
      };
}
