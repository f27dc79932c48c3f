/**
 * Services over an in-memory store with connections stored directly, for unit tests of jobs, state,
 * the runner and the scheduler; and a local server whose engine runs a given executor, for
 * HTTP tests that need a job to stay running (or fail) on demand.
 */
import { randomUUID } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import type { Config } from "airbyte-ts";
import { eventually } from "@airbyte-ts/test-support";
import { type LocalServerOptions, resolveConfig } from "../../src/config.js";
import { type AttemptContext, type AttemptExecutor, type AttemptResult, startEngine } from "../../src/engine/index.js";
import type { AttemptOutcome, JobAfterAttempt } from "../../src/engine/ports.js";
import { createApp } from "../../src/http/app.js";
import type { Caller } from "../../src/services/access.js";
import { createServices, enginePorts, type Services } from "../../src/services/index.js";
import { ConnectionRecords } from "../../src/store/connection-records.js";
import { openStore, type Store } from "../../src/store/db.js";
import type { ConnectionRow } from "../../src/store/rows.js";
import { SNOWFLAKE_CONFIGURATION } from "./configurations.js";

const FAKER_SOURCE = "dfd88b22-b603-4c3d-aad7-3701784586b1";
const DEV_NULL_DESTINATION = "a7bcc9d8-13b3-4e49-b80d-d020b90045e3";
export const SNOWFLAKE_DESTINATION = "424892c4-daac-4491-b35d-c6688ba547ba";

export const ADMIN: Caller = { userId: "00000000-0000-0000-0000-000000000000", instanceAdmin: true };

export interface TestServices {
  store: Store;
  services: Services;
  workspaceId: string;
  close(): void;
}

export function testServices(options: LocalServerOptions = {}, now?: () => number): TestServices {
  const config = resolveConfig({ inMemory: true, scheduler: false, log: () => undefined, ...options });
  const store = openStore({ inMemory: true });
  const services = createServices(store, config, now);
  const { workspaceId } = services.identity.ensureDefaults();
  return { store, services, workspaceId, close: () => store.close() };
}

export interface ConnectionSpec {
  workspaceId: string;
  status?: string;
  scheduleType?: "manual" | "cron" | "basic";
  cronExpression?: string;
  basicSchedule?: { units: number; timeUnit: string };
  sourceDefinitionId?: string;
  destinationDefinitionId?: string;
  /** Names of the streams; `incremental:` before a name makes it an incremental stream. */
  streams?: string[];
  createdAt?: number;
}

/** Configurations the actors service accepts, for the definitions the tests use. */
const CONFIGURATIONS: Record<string, Record<string, unknown>> = {
  [FAKER_SOURCE]: { count: 1000 },
  [DEV_NULL_DESTINATION]: { test_destination: { test_destination_type: "SILENT" } },
  [SNOWFLAKE_DESTINATION]: SNOWFLAKE_CONFIGURATION,
};

/**
 * A source and a destination made by the actors service, and a connection between them stored
 * by the store's connection records (the SQL the connections service writes with). The
 * connection is not made by `ConnectionsService.create`, which discovers the source's streams:
 * these tests need a catalog, a status, a schedule and a creation time of their own.
 */
export function insertConnection(
  { store, services }: { store: Store; services: Services },
  spec: ConnectionSpec,
): ConnectionRow {
  const now = spec.createdAt ?? Date.now();
  const actor = (type: "source" | "destination", definitionId: string) => {
    const created = services.actors.create(ADMIN, type, {
      workspaceId: spec.workspaceId,
      definitionId,
      name: `my ${type}`,
      configuration: CONFIGURATIONS[definitionId] ?? {},
    });
    return "sourceId" in created ? created.sourceId : created.destinationId;
  };
  const row: ConnectionRow = {
    id: randomUUID(),
    workspace_id: spec.workspaceId,
    source_id: actor("source", spec.sourceDefinitionId ?? FAKER_SOURCE),
    destination_id: actor("destination", spec.destinationDefinitionId ?? DEV_NULL_DESTINATION),
    name: "my source <> my destination",
    status: spec.status ?? "active",
    status_reason: null,
    schedule_type: spec.scheduleType ?? "manual",
    cron_expression: spec.cronExpression ?? null,
    basic_schedule: spec.basicSchedule ? JSON.stringify(spec.basicSchedule) : null,
    namespace_definition: "destination",
    namespace_format: null,
    prefix: "",
    non_breaking_changes: "ignore",
    notify_schema_changes: 1,
    notify_schema_changes_by_email: 0,
    backfill_preference: "disabled",
    resource_requirements: null,
    on_demand_enabled: 0,
    catalog: JSON.stringify(catalog(spec.streams ?? ["users", "incremental:purchases"])),
    created_at: now,
    updated_at: now,
  };
  new ConnectionRecords(store).insert(row);
  return row;
}

/**
 * Runs the job's next attempt to `outcome` through the job queue, the calls the engine's runner
 * makes, so that the job's status changes as it does in production.
 */
export function runAttempt(services: Services, jobId: number, outcome: AttemptOutcome): JobAfterAttempt {
  const attempt = services.jobQueue.startAttempt(jobId);
  if (!attempt) throw new Error(`job ${jobId} could not start an attempt`);
  return services.jobQueue.finishAttempt(jobId, attempt.attemptNumber, outcome);
}

/** How an attempt fails in the tests that need one to fail. */
export const FAILED_ATTEMPT: AttemptOutcome = {
  status: "failed",
  failure: { failureOrigin: "source", failureType: "system_error", externalMessage: "the source failed", timestamp: 0 },
};

/** A catalog with the given streams selected, plus one stream that is not. */
function catalog(names: string[]): Config.AirbyteCatalog {
  const entry = (spec: string, selected: boolean): Config.AirbyteStreamAndConfiguration => {
    const incremental = spec.startsWith("incremental:");
    const name = spec.replace(/^incremental:/, "");
    return {
      stream: {
        name,
        jsonSchema: { type: "object", properties: { id: { type: "integer" }, updated_at: { type: "string" } } },
        supportedSyncModes: ["full_refresh", "incremental"],
        sourceDefinedCursor: true,
        defaultCursorField: ["updated_at"],
        sourceDefinedPrimaryKey: [["id"]],
      },
      config: {
        syncMode: incremental ? "incremental" : "full_refresh",
        destinationSyncMode: incremental ? "append" : "overwrite",
        cursorField: incremental ? ["updated_at"] : [],
        primaryKey: [["id"]],
        selected,
      },
    };
  };
  return { streams: [...names.map((n) => entry(n, true)), entry("not_selected", false)] };
}

/**
 * An executor whose attempts end when the test says so, or when they are aborted; with
 * `slowToStop`, an aborted attempt still runs until the test ends it (a worker rolling back).
 */
export class ControlledExecutor implements AttemptExecutor {
  readonly started: AttemptContext[] = [];
  private readonly pending: { jobId: number; resolve: (result: AttemptResult) => void }[] = [];

  constructor(private readonly options: { slowToStop?: boolean } = {}) {}

  run(context: AttemptContext): Promise<AttemptResult> {
    this.started.push(context);
    return new Promise((resolve) => {
      const entry = { jobId: context.job.id, resolve };
      this.pending.push(entry);
      if (this.options.slowToStop) return;
      context.signal.addEventListener("abort", () => {
        this.pending.splice(this.pending.indexOf(entry), 1);
        resolve({
          status: "failed",
          failure: { origin: "airbyte_platform", type: "manual_cancellation", message: "aborted" },
        });
      });
    });
  }

  /** Resolves once `count` attempts have started in total. */
  waitForAttempts(count: number, timeoutMs = 5000): Promise<AttemptContext> {
    return eventually(
      () => {
        const context = this.started[count - 1];
        if (!context) throw new Error(`only ${this.started.length} of ${count} attempts started`);
        return context;
      },
      { timeoutMs },
    );
  }

  /** Whether an attempt of the job is running in this executor. */
  isRunning(jobId: number): boolean {
    return this.pending.some((entry) => entry.jobId === jobId);
  }

  /** Ends the running attempt of a job (by default the oldest running attempt). */
  finish(result: AttemptResult, jobId?: number): void {
    const index = jobId === undefined ? 0 : this.pending.findIndex((entry) => entry.jobId === jobId);
    const [entry] = index < 0 ? [] : this.pending.splice(index, 1);
    if (!entry) throw new Error(`no attempt${jobId === undefined ? "" : ` of job ${jobId}`} is running`);
    entry.resolve(result);
  }
}

export interface EngineServer {
  url: string;
  store: Store;
  services: Services;
  workspaceId: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

/** What `startLocalServer` does, with the engine running `executor`. */
export async function startServerWithExecutor(
  executor: AttemptExecutor,
  options: LocalServerOptions = {},
): Promise<EngineServer> {
  const config = resolveConfig({ inMemory: true, scheduler: false, log: () => undefined, ...options });
  const store = openStore({ inMemory: true });
  const services = createServices(store, config);
  const defaults = services.identity.ensureDefaults();
  const app = createApp(services, config, { current: config.faults });
  const listener = await new Promise<ServerType>((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(server));
  });
  const engine = startEngine(enginePorts(services), config, { executor });
  const { port } = listener.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    store,
    services,
    workspaceId: defaults.workspaceId,
    clientId: defaults.clientId,
    clientSecret: defaults.clientSecret,
    async close() {
      await engine.stop();
      await new Promise<void>((resolve) => {
        listener.close(() => resolve());
        if ("closeAllConnections" in listener) listener.closeAllConnections();
      });
      store.close();
    },
  };
}
