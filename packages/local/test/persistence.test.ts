import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach, expect, test } from "vitest";
import { AirbyteApi, selfManaged } from "airbyte-ts";
import { startLocalServer, type LocalServer } from "@airbyte-ts/local";

const dirs: string[] = [];
let server: LocalServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "airbyte-local-"));
  dirs.push(dir);
  return dir;
}

test("everything survives a restart: data, credentials, and tokens issued before it", async () => {
  const dir = dataDir();
  server = await startLocalServer({ dataDir: dir, scheduler: false });
  const first = { clientId: server.clientId, clientSecret: server.clientSecret, workspaceId: server.workspaceId };
  const api = new AirbyteApi({
    ...selfManaged(server.url),
    clientId: first.clientId,
    clientSecret: first.clientSecret,
  });
  const created = await api.workspaces.createWorkspace({ name: "survives" });
  const app = await api.applications.createApplication({ name: "ci" });
  const token = await api.applications.createAccessToken({
    client_id: app.clientId,
    client_secret: app.clientSecret,
    grant_type: "client_credentials",
  });
  await server.close();

  server = await startLocalServer({ dataDir: dir, scheduler: false });
  expect({ clientId: server.clientId, clientSecret: server.clientSecret, workspaceId: server.workspaceId }).toEqual(
    first,
  );
  const again = new AirbyteApi({ ...selfManaged(server.url), bearerToken: token.access_token });
  expect((await again.workspaces.getWorkspace({ workspaceId: created.workspaceId })).name).toBe("survives");
  const apps = (await again.applications.listApplications()).applications.map((a) => a.name);
  expect(apps).toEqual(["Default Application", "ci"]);
});

test("a process killed with SIGKILL while writing loses nothing it acknowledged and leaves nothing half-written", async () => {
  const dir = dataDir();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", fileURLToPath(new URL("./fixtures/write-until-killed.ts", import.meta.url)), dir],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const acked: string[] = [];
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    let buffered = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) if (line.startsWith("acked ")) acked.push(line.slice(6));
      if (acked.length >= 200) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the writer exited early (${code}): ${stderr}`)));
    child.once("error", reject);
  });
  child.kill("SIGKILL");
  await new Promise((resolve) => child.once("exit", resolve));

  const db = new Database(join(dir, "airbyte-local.sqlite"));
  expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
  expect(db.pragma("foreign_key_check")).toEqual([]);
  db.close();

  server = await startLocalServer({ dataDir: dir, auth: "none", scheduler: false });
  const api = new AirbyteApi({ ...selfManaged(server.url) });
  const stored = new Set((await api.workspaces.listWorkspaces().toArray()).map((w) => w.workspaceId));
  const lost = acked.filter((id) => !stored.has(id));
  expect(lost).toEqual([]);
  // Every stored workspace is whole: it answers with all its fields.
  for (const workspace of await api.workspaces.listWorkspaces().toArray()) {
    expect(workspace).toMatchObject({ name: expect.any(String), dataResidency: "auto" });
  }
}, 60_000);
