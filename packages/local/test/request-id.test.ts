/** Every answer names its request in `x-request-id`, which the SDK's errors carry as `requestId`. */
import { expect, test } from "vitest";
import { NotFoundError } from "airbyte-ts";
import { failure, useLocalServer } from "@airbyte-ts/test-support/local-server";

const harness = useLocalServer();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

test("answers, failed or not, carry a new request id each", async () => {
  const url = harness.local().url;
  const answers = await Promise.all([
    fetch(`${url}/api/public/v1/health`),
    fetch(`${url}/api/public/v1/health`),
    fetch(`${url}/api/public/v1/workspaces`),
    fetch(`${url}/api/v1/state/get`, { method: "POST" }),
    fetch(`${url}/nowhere`),
  ]);
  expect(answers.map((answer) => answer.status)).toEqual([200, 200, 401, 401, 404]);
  const ids = answers.map((answer) => answer.headers.get("x-request-id"));
  for (const id of ids) expect(id).toMatch(UUID);
  expect(new Set(ids).size).toBe(ids.length);
});

test("an id the caller sent is kept", async () => {
  const answer = await fetch(`${harness.local().url}/api/public/v1/health`, {
    headers: { "x-request-id": "trace-42" },
  });
  expect(answer.headers.get("x-request-id")).toBe("trace-42");
});

test("an implausible id the caller sent is replaced, not echoed", async () => {
  for (const sent of ["x".repeat(201), "has space", "caf\u00e9"]) {
    const answer = await fetch(`${harness.local().url}/api/public/v1/health`, { headers: { "x-request-id": sent } });
    expect(answer.headers.get("x-request-id")).toMatch(UUID);
  }
});

test("the SDK's error carries the id of the request that failed", async () => {
  const error = await failure(
    harness.admin().workspaces.getWorkspace({ workspaceId: "00000000-0000-4000-8000-000000000000" }),
  );
  expect(error).toBeInstanceOf(NotFoundError);
  expect(error.requestId).toMatch(UUID);
  expect(error.requestId).toBe(error.headers?.get("x-request-id"));
});
