/**
 * What the config-as-code tools' tests share: a project (a Faker source, a destination and a
 * connection) whose Postgres password is a variable of the server's environment, and calls of
 * plan_project and apply_project, counted, whose results the harness checks at the end: the
 * password never came back.
 */
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import type { Tool } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, expect } from "vitest";
import { useMcpServer } from "./mcp.js";

/** A secret of the server's environment, which the projects name as ${MCP_PROJECT_PG_PASSWORD}. */
export const PASSWORD = `pg-${Math.random().toString(36).slice(2)}-secret`;
export const SERVER_ENV = { MCP_PROJECT_PG_PASSWORD: PASSWORD };

interface Field {
  path: string;
  change: string;
  sensitive: boolean;
  before?: unknown;
  after?: unknown;
}
interface Change {
  action: string;
  resource_kind: string;
  address: string;
  name: string;
  id: string | null;
  found_by_name: boolean;
  fields: Field[];
}
export interface Plan {
  workspace_id: string;
  plan_id: string;
  has_changes: boolean;
  summary: { create: number; update: number; replace: number; delete: number };
  changes: Change[];
  unchanged: string[];
  warnings: { address: string | null; message: string }[];
  safe_mode_refuses: string[];
  lock_file: string | null;
}
export interface Applied {
  plan_id: string;
  changes: { action: string; address: string; id: string | null; result: string }[];
  lock_file: string | null;
}

let counter = 0;
export const unique = () => `${++counter}-${Math.random().toString(36).slice(2, 7)}`;

export interface ProjectOptions {
  sourceName?: string;
  count?: number;
  streams?: string;
  /** Leave the connection out. */
  noConnection?: boolean;
  /** The destination: Postgres (with the password variable) or a dev-null one. */
  destination?: "postgres" | "dev-null";
}

/** A source, a destination and a connection between them; `suffix` keeps each test's names apart. */
export function project(suffix: string, options: ProjectOptions = {}): string {
  const { count = 20, streams = "users: { syncMode: full_refresh_overwrite }" } = options;
  const destination =
    options.destination === "dev-null"
      ? `    connector: destination-dev-null
    configuration:
      test_destination: { test_destination_type: SILENT }`
      : `    connector: destination-postgres
    configuration:
      host: 127.0.0.1
      port: 5432
      database: analytics
      schema: raw
      username: loader
      password: \${MCP_PROJECT_PG_PASSWORD}`;
  const connection = options.noConnection
    ? ""
    : `connections:
  faker_to_warehouse:
    name: mcp connection ${suffix}
    source: faker
    destination: warehouse
    streams:
      ${streams}
`;
  return `apiVersion: airbyte-ts/v1
sources:
  faker:
    name: ${options.sourceName ?? `mcp faker ${suffix}`}
    connector: source-faker
    configuration: { count: ${count}, seed: 3 }
destinations:
  warehouse:
    name: mcp warehouse ${suffix}
${destination}
${connection}`;
}

export const addresses = (plan: { changes: { action: string; address: string }[] }) =>
  plan.changes.map((change) => `${change.action} ${change.address}`);

/** The local server, a client of the server with SERVER_ENV, and calls checked as the tests want them. */
export function useProjectTools() {
  const harness = useMcpServer();
  harness.neverShows(PASSWORD);
  let calls = 0;
  let client: Client;
  let tools: Tool[];

  beforeAll(async () => {
    client = await harness.connect(SERVER_ENV);
    tools = (await client.listTools()).tools;
  });

  afterAll(() => {
    // Whatever the call, the password the server's environment holds never came back (the
    // harness checks every result): enough of them for that to mean something.
    expect(calls).toBeGreaterThan(10);
  });

  /** Every call is counted, for the check above. */
  const counted = <T>(answer: Promise<T>) => {
    calls += 1;
    return answer;
  };
  const call = (name: string, args: Record<string, unknown>, on: Client = client) =>
    counted(harness.call(on, name, args));
  const refused = (name: string, args: Record<string, unknown>, on: Client = client) =>
    counted(harness.refused(on, name, args));
  const plan = (args: Record<string, unknown>, on: Client = client) =>
    counted(harness.ok<Plan>(on, "plan_project", args));
  const apply = (args: Record<string, unknown>, on: Client = client) =>
    counted(harness.ok<Applied>(on, "apply_project", args));

  const sourcesNamed = async (name: string) =>
    (await harness.workspace().listSources({ nameFilter: (candidate) => candidate === name })).map(
      (source) => source.sourceId,
    );
  /** A source's count as the workspace has it now (a new object: one reads its info once). */
  const countOf = async (sourceId: string) => (await harness.workspace().getSource(sourceId).getConfiguration()).count;
  /**
   * A new server process: a session of its own, with its own lock for projects given as text
   * (the text projects of one session share one, as the files of one folder do).
   */
  const newSession = (extra: Record<string, string> = {}) => harness.connect({ ...SERVER_ENV, ...extra });

  return {
    harness,
    tools: () => tools,
    call,
    refused,
    plan,
    apply,
    sourcesNamed,
    countOf,
    newSession,
  };
}
