/**
 * A local server per test file and high-level objects for it, whose every response is checked
 * against Airbyte's OpenAPI documents (the local server tests' `specCheck`) and whose requests
 * are counted per operation, so that tests can say exactly which requests a method makes.
 */
import {
  type AirbyteApi,
  CloudClient,
  type CloudClientOptions,
  type CloudTuning,
  CloudWorkspace,
  type CloudWorkspaceOptions,
  type Hooks,
} from "airbyte-ts";
import type { LocalServer, LocalServerOptions } from "@airbyte-ts/local";
import { useServerLifecycle } from "@airbyte-ts/test-support/local-server";
import { specCheck } from "@airbyte-ts/test-support/spec-check";

/** Requests by operation (`getConnection`, `config.state.get`, ...); token requests are left out. */
type RequestCounts = Record<string, number>;

const TOKEN_OPERATION = "createAccessToken";

class RequestCounter {
  #counts = new Map<string, number>();

  readonly hooks: Hooks = {
    beforeRequest: (context) => {
      if (context.operation === TOKEN_OPERATION) return;
      this.#counts.set(context.operation, (this.#counts.get(context.operation) ?? 0) + 1);
    },
  };

  reset(): void {
    this.#counts.clear();
  }

  get counts(): RequestCounts {
    return Object.fromEntries([...this.#counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  get total(): number {
    return [...this.#counts.values()].reduce((sum, count) => sum + count, 0);
  }
}

export interface CloudHarness {
  local(): LocalServer;
  /** Counts the requests of every object the harness made. */
  requests: RequestCounter;
  /** The options every object gets: the spec check and the counter, no retries, no logs. */
  tuning(): CloudTuning;
  /** A workspace of the instance admin (the default workspace unless another id is given). */
  workspace(extra?: Partial<Pick<CloudWorkspaceOptions, "workspaceId" | "datasetOptions">>): CloudWorkspace;
  /** A client of the instance admin. */
  client(extra?: Partial<CloudClientOptions>): CloudClient;
  /** The admin's low-level client, for setting things up without counting. */
  admin(): AirbyteApi;
  /** A bearer token of the admin's application. */
  bearerToken(): Promise<string>;
  /**
   * What `action` requested, by operation. The counter starts from zero, so anything done
   * before (setting up) is not counted.
   */
  count<T>(action: () => Promise<T>): Promise<{ result: T; requests: RequestCounts }>;
}

export function useCloudServer(options: LocalServerOptions = {}): CloudHarness {
  let setupWorkspace: CloudWorkspace | undefined;
  const mismatches: string[] = [];
  const requests = new RequestCounter();

  const local = useServerLifecycle(options, mismatches);
  const tuning = (): CloudTuning => ({
    apiOptions: { hooks: [specCheck(mismatches), requests.hooks], retries: false, logLevel: "off" },
  });
  const workspace: CloudHarness["workspace"] = (extra = {}) =>
    new CloudWorkspace({
      workspaceId: local().workspaceId,
      clientId: local().clientId,
      clientSecret: local().clientSecret,
      apiRoot: local().publicApiUrl,
      ...tuning(),
      ...extra,
    });
  return {
    local,
    requests,
    tuning,
    workspace,
    client: (extra = {}) =>
      new CloudClient({
        clientId: local().clientId,
        clientSecret: local().clientSecret,
        publicApiRoot: local().publicApiUrl,
        ...tuning(),
        ...extra,
      } as CloudClientOptions),
    admin: () => (setupWorkspace ??= workspace()).api,
    async bearerToken() {
      const response = await fetch(`${local().publicApiUrl}/applications/token`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ client_id: local().clientId, client_secret: local().clientSecret }),
      });
      return ((await response.json()) as { access_token: string }).access_token;
    },
    async count(action) {
      requests.reset();
      const result = await action();
      const counts = requests.counts;
      requests.reset();
      return { result, requests: counts };
    },
  };
}

/** The error a call ends with. */
export async function rejection(promise: PromiseLike<unknown> | (() => unknown)): Promise<Error> {
  try {
    await (typeof promise === "function" ? promise() : promise);
  } catch (error) {
    if (error instanceof Error) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

let counter = 0;

/** A name no other test uses. */
export function uniqueName(prefix: string): string {
  counter += 1;
  return `${prefix} ${counter}-${Math.random().toString(36).slice(2, 8)}`;
}

/** A faker source, a dev-null destination and a connection syncing `users`, made with the low-level client. */
export async function seedConnection(
  api: AirbyteApi,
  workspaceId: string,
  options: { name?: string; streams?: string[]; destinationConfiguration?: Record<string, unknown> } = {},
) {
  const source = await api.sources.createSource({
    name: uniqueName("faker"),
    workspaceId,
    configuration: { sourceType: "faker", count: 10, seed: 1 },
  });
  const destination = await api.destinations.createDestination({
    name: uniqueName("sink"),
    workspaceId,
    configuration: options.destinationConfiguration ?? {
      destinationType: "dev-null",
      test_destination: { test_destination_type: "SILENT" },
    },
  });
  const connection = await api.connections.createConnection({
    name: options.name ?? uniqueName("connection"),
    sourceId: source.sourceId,
    destinationId: destination.destinationId,
    configurations: { streams: (options.streams ?? ["users"]).map((name) => ({ name })) },
  });
  return { source, destination, connection };
}
