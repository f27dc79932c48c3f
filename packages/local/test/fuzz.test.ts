/**
 * A property-based fuzz test of the local server's edge: every operation of api.yaml and every
 * Config API call the server routes, each sent requests with one thing wrong (see
 * helpers/fuzz/requests.ts), then bad credentials, bodies nested 100,000 levels deep, bodies of
 * several megabytes and malformed transports. No answer may be a 5xx (but the 501 of Cloud-only
 * operations), every invalid request is refused with a 4xx problem, every accepted write reads
 * back as the documents describe it, and the server stays healthy throughout.
 *
 * Deterministic: the seed is AIRBYTE_TS_FUZZ_SEED (default below) plus the operation's index, and
 * fast-check prints it with any failure. AIRBYTE_TS_FUZZ_RUNS sets the generated requests per
 * operation (default 200, about a minute here; bench/README.md has the figures of longer runs);
 * AIRBYTE_TS_FUZZ_SURVEY=1 records every violation instead of stopping at the first, and fails
 * at the end with a summary by class.
 */
import fc from "fast-check";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type LocalServer, startLocalServer } from "@airbyte-ts/local";
import { SPEC_AVAILABLE } from "@airbyte-ts/test-support/openapi";
import { fuzzOperations, unlistedPublicRoutes } from "./helpers/fuzz/operations.js";
import { type Answer, judge, problemShape, type Sender } from "./helpers/fuzz/oracle.js";
import { type Context, type FuzzOperation, type FuzzRequest, requestArbitrary } from "./helpers/fuzz/requests.js";
import { encode, RawJson, replaceAt, validValue } from "./helpers/fuzz/values.js";
import { buildWorld, hints, pathValue, seeds } from "./helpers/fuzz/world.js";

const SEED = Number(process.env.AIRBYTE_TS_FUZZ_SEED ?? 20_261_205);
const RUNS = Number(process.env.AIRBYTE_TS_FUZZ_RUNS ?? 200);
const SURVEY = process.env.AIRBYTE_TS_FUZZ_SURVEY === "1";
const OPEN_PATHS = ["/health", "/applications/token", "/oauth/callback", "/"];

const operations = SPEC_AVAILABLE ? ordered(fuzzOperations()) : [];
const figures = { requests: 0, serverErrors: 0, started: Date.now(), statuses: new Map<number, number>() };
const survey: { operation: string; label: string; violation: string }[] = [];
const serverLog: string[] = [];

let server: LocalServer;
let basicServer: LocalServer;
let context: Context;
let token: { value: string; expiresAt: number } | undefined;

/** Deletes last, and the workspace's own delete after every other, so earlier operations find their resources. */
function ordered(all: FuzzOperation[]): FuzzOperation[] {
  const rank = (op: FuzzOperation) => (op.method !== "DELETE" ? 0 : op.path === "/workspaces/{workspaceId}" ? 2 : 1);
  return [...all].sort((a, b) => rank(a) - rank(b));
}

async function accessToken(target: LocalServer = server): Promise<string> {
  if (target === server && token && token.expiresAt > Date.now()) return token.value;
  const response = await fetch(`${target.publicApiUrl}/applications/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client_id: target.clientId, client_secret: target.clientSecret }),
  });
  const { access_token, expires_in } = (await response.json()) as { access_token: string; expires_in: number };
  if (target === server) token = { value: access_token, expiresAt: Date.now() + (expires_in - 60) * 1000 };
  return access_token;
}

function senderFor(target: () => LocalServer): Sender {
  return {
    async send(api, method, pathAndQuery, body, authorization) {
      const local = target();
      const root = api === "public" ? local.publicApiUrl : local.configApiUrl;
      const headers: Record<string, string> = {};
      const auth = authorization === undefined ? `Bearer ${await accessToken(local)}` : authorization;
      if (auth !== null) headers.authorization = auth;
      if (body?.contentType) headers["content-type"] = body.contentType;
      figures.requests++;
      const response = await fetch(root + pathAndQuery, {
        method,
        headers,
        redirect: "manual",
        // Bytes go without a content type of fetch's choosing (a string would be text/plain).
        ...(body === undefined ? {} : { body: body.contentType ? body.text : bytes(body.text) }),
      });
      const answer: Answer = {
        status: response.status,
        contentType: response.headers.get("content-type") ?? "",
        text: await response.text(),
      };
      if (answer.status >= 500 && answer.status !== 501) figures.serverErrors++;
      figures.statuses.set(answer.status, (figures.statuses.get(answer.status) ?? 0) + 1);
      return answer;
    },
  };
}

const sender = senderFor(() => server);

function bytes(text: string | Uint8Array): Uint8Array {
  return typeof text === "string" ? new TextEncoder().encode(text) : text;
}

beforeAll(async () => {
  if (!SPEC_AVAILABLE) return;
  server = await startLocalServer({ inMemory: true, scheduler: false, log: (line) => serverLog.push(line) });
  // Tokens of this server expire as they are issued; it also takes HTTP basic credentials.
  basicServer = await startLocalServer({ inMemory: true, scheduler: false, auth: "basic", tokenExpiresInSeconds: 0 });
  const world = await buildWorld(server);
  context = { world, hints: hints(world), seeds: seeds(world) };
}, 120_000);

afterAll(async () => {
  await server?.close();
  await basicServer?.close();
});

async function healthy(): Promise<void> {
  const publicHealth = await sender.send("public", "GET", "/health", undefined, null);
  const configHealth = await sender.send("config", "GET", "/health", undefined, null);
  expect([publicHealth.status, configHealth.status], "the server's health").toEqual([200, 200]);
}

function describeFailure(op: FuzzOperation, request: FuzzRequest, violations: string[]): string {
  const text = request.body?.text ?? "";
  const body = (typeof text === "string" ? text : new TextDecoder().decode(text)).slice(0, 300);
  return `${op.method} ${request.path}${request.query.slice(0, 200)} [${request.label}] ${body}\n  ${violations.join("\n  ")}`;
}

const guarded = () =>
  operations.filter((op) => !(op.api === "public" && OPEN_PATHS.includes(op.path)) && op.path !== "/health");
const filled = (op: FuzzOperation) =>
  op.path.replace(/\{(\w+)\}/g, (_m, name: string) => encodeURIComponent(pathValue(context.world, op.path, name)));

/** The bad credentials: for each, the server it is sent to and the Authorization header (null: none). */
async function badCredentials(): Promise<[string, () => LocalServer, string | null][]> {
  const foreignKey = new TextEncoder().encode("a key that is not the server's key, 32+ bytes long");
  const now = Math.floor(Date.now() / 1000);
  const foreign = await new SignJWT({ typ: "io.airbyte.auth.application" })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject("00000000-0000-0000-0000-000000000000")
    .setIssuer("airbyte-ts-local")
    .setAudience("airbyte-server")
    .setIssuedAt(now)
    .setExpirationTime(now + 900)
    .sign(foreignKey);
  const basic = (credentials: string) => `Basic ${Buffer.from(credentials).toString("base64")}`;
  return [
    ["no Authorization header", () => server, null],
    ["garbage", () => server, "garbage"],
    ["a bearer token that is not a JWT", () => server, "Bearer not.a.token"],
    ["an empty bearer token", () => server, "Bearer "],
    ["a JWT signed with another key", () => server, `Bearer ${foreign}`],
    ["a token of another server", () => server, `Bearer ${await accessToken(basicServer)}`],
    ["HTTP basic on a server without basic auth", () => server, basic("airbyte:password")],
    ["an expired token", () => basicServer, `Bearer ${await accessToken(basicServer)}`],
    ["a wrong basic password", () => basicServer, basic("airbyte:wrong")],
    ["basic credentials that are not base64", () => basicServer, "Basic %%%"],
  ];
}

describe.skipIf(!SPEC_AVAILABLE)("fuzz: credentials", () => {
  test("every operation that needs credentials refuses bad ones with 401 and a problem", async () => {
    const failures: string[] = [];
    for (const [what, target, authorization] of await badCredentials()) {
      const sender = senderFor(target);
      const send = sender.send.bind(sender);
      for (const op of guarded()) {
        const body = op.spec.requestSchema ? { text: "{}", contentType: "application/json" } : undefined;
        const answer = await send(op.api, op.method, filled(op), body, authorization);
        const shape = problemShape(op.api, answer);
        if (answer.status !== 401 || shape.length > 0)
          failures.push(`${what}: ${op.method} ${op.path} -> ${answer.status} ${shape.join(", ")}`);
      }
    }
    expect(failures.slice(0, 20)).toEqual([]);
    const basic = `Basic ${Buffer.from("airbyte:password").toString("base64")}`;
    expect((await senderFor(() => basicServer).send("public", "GET", "/workspaces", undefined, basic)).status).toBe(
      200,
    );
    await healthy();
  });
});

describe.skipIf(!SPEC_AVAILABLE)("fuzz: limits of every body", () => {
  const deep = new RawJson(`${"[".repeat(100_000)}${"]".repeat(100_000)}`);
  const OPEN_OBJECTS = [
    "configuration",
    "manifest",
    "connectionState",
    "builderProject",
    "testingValues",
    "declarativeManifest",
  ];

  function base(op: FuzzOperation, index: number): unknown {
    const seed = context.seeds[op.seedKey];
    if (seed !== undefined) return seed;
    const schema = { $ref: `#/components/schemas/${op.spec.requestSchema}` };
    return fc.sample(validValue(op.doc, schema, context.hints), { seed: SEED + index, numRuns: 1 })[0];
  }

  /** Where 100,000 levels go: inside a connector configuration or a manifest when the body has one. */
  function deepInside(body: unknown): unknown {
    const record = (body ?? {}) as Record<string, unknown>;
    const open = OPEN_OBJECTS.find((name) => record[name] !== null && typeof record[name] === "object");
    return open ? replaceAt(body, [open, "fuzzDeep"], deep) : replaceAt(body, ["fuzzDeep"], deep);
  }

  test.each(
    operations.flatMap((op, index) =>
      op.spec.requestSchema ? [[`${op.api} ${op.method} ${op.path}`, op, index] as const] : [],
    ),
  )("%s: 100,000 levels, megabytes, malformed JSON, other content types, no body", async (_name, op, index) => {
    const send = (label: string, text: string, contentType = "application/json") =>
      sender.send(op.api, op.method, filled(op), { text, contentType }).then((answer) => ({ label, answer }));
    const body = base(op, index);
    const expected: [string, number][] = [];
    const answers = [
      await send("100,000 nested arrays as the body", deep.text),
      await send("100,000 nested arrays inside", encode(deepInside(body))),
      await send("malformed JSON", "{"),
      await send("no body", ""),
    ];
    expected.push(
      ["100,000 nested arrays as the body", 422],
      ["100,000 nested arrays inside", 422],
      ["malformed JSON", 422],
      ["no body", 400],
    );
    if (op.operationId !== "createAccessToken") {
      answers.push(await send("text/plain", encode(body), "text/plain"));
      expected.push(["text/plain", 415]);
    }
    const failures = answers.flatMap(({ label, answer }, i) => {
      const shape = problemShape(op.api, answer);
      const want = expected[i]?.[1];
      return answer.status === want && shape.length === 0
        ? []
        : [`${label}: ${answer.status} (want ${want}) ${shape.join(", ")} ${answer.text.slice(0, 200)}`];
    });
    const large = {
      text: encode(replaceAt(body, ["fuzzExtra"], "x".repeat(6 * 1024 * 1024))),
      contentType: "application/json",
    };
    const request: FuzzRequest = {
      label: "6 MB",
      path: filled(op),
      query: "",
      body: large,
      sent: JSON.parse(large.text),
      invalid: [],
    };
    const answer = await sender.send(op.api, op.method, request.path, large);
    failures.push(...(await judge(op, request, answer, sender)).map((v) => `6 MB body: ${v}`));
    expect(failures).toEqual([]);
  });

  test("a body over the 50 MB limit is 413, on both APIs", async () => {
    const text = JSON.stringify({ name: "x".repeat(51 * 1024 * 1024) });
    for (const [api, path] of [
      ["public", "/workspaces"],
      ["config", "/state/get"],
    ] as const) {
      const answer = await sender.send(api, "POST", path, { text, contentType: "application/json" });
      expect({ status: answer.status, shape: problemShape(api, answer) }).toEqual({ status: 413, shape: [] });
    }
    await healthy();
  });
});

describe.skipIf(!SPEC_AVAILABLE)("fuzz", () => {
  test("every public route of the server is an operation of api.yaml", () => {
    expect(unlistedPublicRoutes()).toEqual([]);
  });

  test.each(operations.map((op, index) => [`${op.api} ${op.method} ${op.path}`, op, index] as const))(
    "%s: generated bad input",
    async (_name, op, index) => {
      const seed = SEED + index;
      const property = fc.asyncProperty(requestArbitrary(op, context), async (request) => {
        const answer = await sender.send(op.api, op.method, request.path + request.query, request.body);
        const violations = await judge(op, request, answer, sender);
        for (const violation of violations) survey.push({ operation: op.operationId, label: request.label, violation });
        if (violations.length > 0 && !SURVEY) throw new Error(describeFailure(op, request, violations));
      });
      await fc.assert(property, { seed, numRuns: RUNS, endOnFailure: true });
      await healthy();
    },
    Math.max(30_000, RUNS * 2_000),
  );
});

describe.skipIf(!SPEC_AVAILABLE)("fuzz: summary", () => {
  test("no violation, no unexpected error in the server's log, figures", async () => {
    await healthy();
    const seconds = ((Date.now() - figures.started) / 1000).toFixed(1);
    console.log(
      `fuzz: seed ${SEED}, ${RUNS} runs per operation, ${operations.length} operations, ` +
        `${figures.requests} requests, ${figures.serverErrors} answers 5xx (501 aside), ${seconds} s; by status: ` +
        [...figures.statuses]
          .sort(([a], [b]) => a - b)
          .map(([status, count]) => `${status}: ${count}`)
          .join(", "),
    );
    const classes = new Map<string, { count: number; example: string }>();
    for (const { operation, label, violation } of survey) {
      const key = violation.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, "<id>").slice(0, 160);
      const entry = classes.get(key) ?? { count: 0, example: `${operation} [${label}]` };
      entry.count++;
      classes.set(key, entry);
    }
    for (const [key, { count, example }] of [...classes].sort((a, b) => b[1].count - a[1].count)) {
      console.log(`${String(count).padStart(5)}  ${key}\n       e.g. ${example}`);
    }
    expect(serverLog.filter((line) => line.includes("unexpected error")).slice(0, 5)).toEqual([]);
    expect(survey.length, "violations found (see the summary above)").toBe(0);
  });
});
