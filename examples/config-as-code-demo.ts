/**
 * The config-as-code demo (`npm run demo:config-as-code`), with no account: a local Airbyte on
 * loopback with a source, a destination and a connection made through the API (as a person
 * would in the web app); the workspace imported as project files; the files edited (more
 * records, a tag, a connection paused); the plan shown, applied, and planned again: nothing
 * left. Point `CloudWorkspace` at a real Airbyte and the same calls run there.
 */
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseDocument } from "yaml";
import { CloudWorkspace } from "airbyte-ts";
import { apply, importWorkspace, loadProject, lockFilePath, plan, writeLockFile } from "airbyte-ts/config-as-code";
import { startLocalServer } from "@airbyte-ts/local";
import { printPlan } from "./config-as-code.js";

export async function main(log: (line: string) => void = console.log): Promise<void> {
  const local = await startLocalServer({ inMemory: true, scheduler: false });
  try {
    const workspace = new CloudWorkspace({
      workspaceId: local.workspaceId,
      apiRoot: local.publicApiUrl,
      configApiRoot: local.configApiUrl,
      clientId: local.clientId,
      clientSecret: local.clientSecret,
    });
    log(`Local Airbyte at ${local.url}`);

    // What someone clicked together in the web app.
    const source = await workspace.deploySource("Sample Data", { sourceType: "faker", count: 100, seed: 7 });
    const destination = await workspace.deployDestination("Nowhere", {
      destinationType: "dev-null",
      test_destination: { test_destination_type: "SILENT" },
    });
    await workspace.deployConnection("Sample Data to Nowhere", {
      source,
      destination,
      selectedStreams: ["users", "purchases"],
    });

    // 1. Import it: files that declare the workspace as it is, and their lock file.
    const folder = await mkdtemp(join(tmpdir(), "airbyte-ts-project-"));
    const imported = await importWorkspace(workspace);
    for (const [path, text] of Object.entries(imported.files)) await writeFile(join(folder, path), text);
    await writeLockFile(lockFilePath(folder, workspace.workspaceId), imported.lock);
    const file = join(folder, "airbyte.yaml");
    log(`\n# ${file}\n${await readFile(file, "utf8")}`);

    // 2. Edit the files as a person would in review: more records, a tag, the connection paused.
    const document = parseDocument(await readFile(file, "utf8"));
    document.setIn(["sources", "sample_data", "configuration", "count"], 500);
    document.set("tags", { demo: { color: "FF9800" } });
    document.setIn(["connections", "sample_data_to_nowhere", "tags"], ["demo"]);
    document.setIn(["connections", "sample_data_to_nowhere", "status"], "inactive");
    await writeFile(file, document.toString());

    // 3. Plan: what applying would change, field by field.
    const project = await loadProject([file]);
    const changes = await plan(project, workspace); // the lock file beside the project binds its keys
    printPlan(changes, log);

    // 4. Apply it, then plan again: nothing is left to do.
    const { applied } = await apply(changes, {
      onProgress: ({ action, phase }) => phase === "done" && log(`  done: ${action.action} ${action.address}`),
    });
    log(`Applied ${applied.length} changes.`);
    printPlan(await plan(project, workspace), log);
  } finally {
    await local.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
