import { afterAll, beforeAll, expect, test } from "vitest";
import { AirbyteApi } from "airbyte-ts";
import { startScriptedServer, type ScriptedServer } from "../helpers/scripted-server.js";

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(() => server.close());

test("a request goes through", async () => {
  server.on("GET /connections/*", (r) => ({ body: { connectionId: r.path.split("/").pop(), name: "x" } }));
  const api = new AirbyteApi({ serverUrl: server.url, bearerToken: "tok" });
  const c = await api.connections.getConnection({ connectionId: "abc" });
  expect(c.connectionId).toBe("abc");
  expect(server.requests[0]?.headers.authorization).toBe("Bearer tok");
});
