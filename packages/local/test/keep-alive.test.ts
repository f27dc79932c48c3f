/**
 * The listener keeps an idle connection past the idle time it advertises, so a client that
 * reuses a connection at the last moment it was told is still answered (no ECONNRESET).
 */
import { once } from "node:events";
import { connect, type Socket } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type LocalServer, startLocalServer } from "@airbyte-ts/local";
import { eventually } from "@airbyte-ts/test-support";
import { ADVERTISED_KEEP_ALIVE_MS, KEEP_ALIVE_MS } from "../src/keep-alive.js";

let server: LocalServer;
beforeAll(async () => {
  server = await startLocalServer({ inMemory: true, scheduler: false });
});
afterAll(() => server.close());

/** Sends one request on the socket and resolves with the whole response's head and body. */
function exchange(socket: Socket, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    if (socket.readyState !== "open") {
      reject(new Error(`the server had closed the connection before ${path} was sent`));
      return;
    }
    let text = "";
    const onData = (chunk: Buffer) => {
      text += chunk.toString("latin1");
      const end = text.indexOf("\r\n\r\n");
      const length = /content-length: (\d+)/i.exec(text)?.[1];
      if (end >= 0 && length !== undefined && text.length >= end + 4 + Number(length)) {
        socket.off("data", onData).off("close", onClose);
        resolve(text);
      }
    };
    const onClose = () => reject(new Error(`the server closed the connection before answering ${path}`));
    socket.on("data", onData).once("close", onClose);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`);
  });
}

test("an idle connection is kept past the advertised keep-alive timeout, and answered", async () => {
  expect(KEEP_ALIVE_MS).toBeGreaterThanOrEqual(ADVERTISED_KEEP_ALIVE_MS + 4_000);
  const { port } = new URL(server.url);
  const socket = connect(Number(port), "127.0.0.1");
  socket.on("error", () => {});
  try {
    await once(socket, "connect");
    const first = await exchange(socket, "/api/public/v1/health");
    expect(first).toMatch(/^HTTP\/1\.1 200/);
    expect(first).toMatch(/\r\nkeep-alive: timeout=5\r\n/i);
    expect(first).not.toMatch(/\r\nconnection: close\r\n/i);

    // Reuse the connection 2 s after the advertised time, as a client whose event loop is busy
    // does (Node alone keeps a connection 1 s more than it advertises: not enough).
    const reuseAt = Date.now() + ADVERTISED_KEEP_ALIVE_MS + 2_000;
    await eventually(
      () => {
        if (Date.now() < reuseAt) throw new Error("the advertised idle time has not passed yet");
      },
      { timeoutMs: ADVERTISED_KEEP_ALIVE_MS * 2, intervalMs: 50 },
    );
    const second = await exchange(socket, "/api/public/v1/health");
    expect(second).toMatch(/^HTTP\/1\.1 200/);
  } finally {
    socket.destroy();
  }
}, 30_000);
