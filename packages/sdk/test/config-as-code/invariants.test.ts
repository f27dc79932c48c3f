/**
 * Invariants of config as code over generated projects, against a real local server: for any
 * sequence of project files (resources added, dropped, renamed, re-pointed, their settings
 * changed), plan then apply (with prune and replacements allowed) leaves the workspace as the
 * files say: planning again is empty, each resource exists exactly once with its name, and
 * nothing the files dropped is left. Importing the result gives files that plan empty, the
 * same bytes twice; and a change made through the API behind the tool's back shows in the next
 * plan.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useLocalServer } from "@airbyte-ts/test-support/local-server";
import { apply, importWorkspace, loadProject, plan } from "../../src/config-as-code/index.js";

const harness = useLocalServer();
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "airbyte-ts-invariants-"));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

const STREAMS = ["users", "products", "purchases"] as const;
const MODES = ["full_refresh_overwrite", "full_refresh_append", "incremental_append"] as const;

interface Model {
  tags: Map<string, { color: string }>;
  sources: Map<string, { variant: number; count: number }>;
  destinations: Map<string, { variant: number }>;
  connections: Map<
    string,
    {
      source: string;
      destination: string;
      variant: number;
      status: "active" | "inactive";
      cron: boolean;
      prefix: string;
      tags: string[];
      streams: Map<string, (typeof MODES)[number]>;
    }
  >;
}

/** Keys from small pools, so successive versions share, drop and add resources. */
const model: fc.Arbitrary<Model> = fc
  .record({
    tags: fc.uniqueArray(fc.constantFrom("t1", "t2", "t3"), { maxLength: 3 }),
    colors: fc.array(fc.constantFrom("00AA00", "FF9800", "3F51B5"), { minLength: 3, maxLength: 3 }),
    sources: fc.uniqueArray(fc.constantFrom("s1", "s2", "s3", "s4"), { minLength: 1, maxLength: 4 }),
    destinations: fc.uniqueArray(fc.constantFrom("d1", "d2", "d3"), { minLength: 1, maxLength: 3 }),
    variants: fc.array(fc.nat(1), { minLength: 12, maxLength: 12 }),
    counts: fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 4, maxLength: 4 }),
    connections: fc.array(
      fc.record({
        key: fc.constantFrom("c1", "c2", "c3", "c4"),
        source: fc.nat(3),
        destination: fc.nat(2),
        variant: fc.nat(1),
        status: fc.constantFrom("active", "inactive"),
        cron: fc.boolean(),
        prefix: fc.constantFrom("", "raw_"),
        tags: fc.uniqueArray(fc.nat(2), { maxLength: 3 }),
        streams: fc.uniqueArray(fc.tuple(fc.constantFrom(...STREAMS), fc.constantFrom(...MODES)), {
          minLength: 1,
          maxLength: 3,
          selector: ([stream]) => stream,
        }),
      }),
      { maxLength: 4 },
    ),
  })
  .map((drawn) => {
    const result: Model = { tags: new Map(), sources: new Map(), destinations: new Map(), connections: new Map() };
    drawn.tags.forEach((key, n) => result.tags.set(key, { color: drawn.colors[n] ?? "00AA00" }));
    drawn.sources.forEach((key, n) =>
      result.sources.set(key, { variant: drawn.variants[n] ?? 0, count: drawn.counts[n] ?? 1 }),
    );
    drawn.destinations.forEach((key, n) => result.destinations.set(key, { variant: drawn.variants[4 + n] ?? 0 }));
    for (const connection of drawn.connections) {
      if (result.connections.has(connection.key)) continue;
      const source = drawn.sources[connection.source % drawn.sources.length] as string;
      const destination = drawn.destinations[connection.destination % drawn.destinations.length] as string;
      const tags: string[] = [];
      for (const n of connection.tags) {
        const tag = drawn.tags[n];
        if (tag !== undefined) tags.push(tag);
      }
      result.connections.set(connection.key, {
        ...connection,
        source,
        destination,
        tags,
        streams: new Map(connection.streams),
      });
    }
    return result;
  });

const nameOf = (key: string, variant: number) => `${key} (v${variant})`;

function render(project: Model): string {
  const lines = ["apiVersion: airbyte-ts/v1", "tags:"];
  for (const [key, tag] of project.tags) lines.push(`  ${key}: { color: "${tag.color}" }`);
  lines.push("sources:");
  for (const [key, source] of project.sources) {
    lines.push(
      `  ${key}: { name: "${nameOf(key, source.variant)}", connector: source-faker, configuration: { count: ${source.count}, seed: 1 } }`,
    );
  }
  lines.push("destinations:");
  for (const [key, destination] of project.destinations) {
    lines.push(
      `  ${key}: { name: "${nameOf(key, destination.variant)}", connector: destination-dev-null, configuration: { test_destination: { test_destination_type: SILENT } } }`,
    );
  }
  lines.push("connections:");
  for (const [key, connection] of project.connections) {
    const schedule = connection.cron ? `{ type: cron, cron: "0 0 12 * * ?" }` : "manual";
    const streams = [...connection.streams].map(([stream, mode]) => `${stream}: { syncMode: ${mode} }`).join(", ");
    lines.push(
      `  ${key}:`,
      `    name: "${nameOf(key, connection.variant)}"`,
      `    source: ${connection.source}`,
      `    destination: ${connection.destination}`,
      `    status: ${connection.status}`,
      `    schedule: ${schedule}`,
      `    prefix: "${connection.prefix}"`,
      `    tags: [${connection.tags.join(", ")}]`,
      `    streams: { ${streams} }`,
    );
  }
  return `${lines.join("\n")}\n`;
}

let workspaces = 0;

describe("any sequence of projects", () => {
  it("applies to what the files say, plans empty after, imports stably to files that plan empty, and sees drift", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(model, { minLength: 1, maxLength: 3 }), async (versions) => {
        const api = harness.admin();
        const { workspaceId } = await api.workspaces.createWorkspace({
          name: `invariants-${++workspaces}`,
          organizationId: harness.local().organizationId,
        });
        const target = { api, workspaceId };
        const file = join(folder, `${workspaceId}.yaml`);
        for (const version of versions) {
          const project = await loadProject([{ path: file, text: render(version) }], { env: {} });
          await apply(await plan(project, target, { prune: "managed" }), { allowReplace: true });
          const again = await plan(project, target, { prune: "managed" });
          expect(again.actions).toEqual([]);

          const workspaceIds = [workspaceId];
          const names = (items: { name: string }[]) => items.map((item) => item.name).sort();
          const expected = (resources: Map<string, { variant: number }>) =>
            [...resources].map(([key, resource]) => nameOf(key, resource.variant)).sort();
          expect(names(await api.sources.listSources({ workspaceIds }).toArray())).toEqual(expected(version.sources));
          expect(names(await api.destinations.listDestinations({ workspaceIds }).toArray())).toEqual(
            expected(version.destinations),
          );
          expect(names(await api.connections.listConnections({ workspaceIds }).toArray())).toEqual(
            expected(version.connections),
          );
          expect(names((await api.tags.listTags({ workspaceIds })).data)).toEqual([...version.tags.keys()].sort());
        }
        const imported = await importWorkspace(target);
        // Byte-stable: the same workspace imports to the same files.
        expect((await importWorkspace(target)).files).toEqual(imported.files);
        const reimported = await loadProject(
          [{ path: join(folder, "imported.yaml"), text: imported.files["airbyte.yaml"] ?? "" }],
          {
            env: {},
          },
        );
        expect((await plan(reimported, target, { lock: imported.lock })).actions).toEqual([]);

        // A change behind the tool's back (through the API, as the web app would) shows in the next plan.
        const last = versions.at(-1) as Model;
        const [sourceKey] = [...last.sources.keys()];
        const [source] = await api.sources.listSources({ workspaceIds: [workspaceId] }).toArray();
        if (source && sourceKey) {
          await api.sources.patchSource({ sourceId: source.sourceId }, { name: `${source.name} (edited)` });
          const project = await loadProject([{ path: file, text: render(last) }], { env: {} });
          const drift = await plan(project, target);
          expect(
            drift.actions.map((action) => [action.action, action.changes.map((change) => change.path.join("."))]),
          ).toEqual([["update", ["name"]]]);
        }
      }),
      { numRuns: 20, seed: 20261206 },
    );
    // Twenty workspaces, each applied up to three times: about 10 s idle, more on a loaded machine.
  }, 120_000);
});
