/**
 * The faker source's read: the records it generates (deterministic for a seed, conforming to the
 * streams' schemas), its checkpoints, incremental resumption on `updated_at`, `always_updated`,
 * cancellation, and how fast it generates.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import AjvModule from "ajv";
import addFormatsModule from "ajv-formats";
import { describe, expect, test } from "vitest";
import type {
  ConfiguredSourceStream,
  SourceMessage,
  SourceState,
  StreamStateBlob,
} from "../src/connectors/protocol.js";
import { isoTime } from "../src/connectors/sources/faker/iso-time.js";
import * as words from "../src/connectors/sources/faker/words.js";
import { fakerSource } from "../src/connectors/sources/faker.js";
import type { JsonSchema } from "../src/connectors/types.js";

// Both packages are CommonJS with a default export.
const Ajv = (AjvModule as unknown as { default: typeof AjvModule }).default ?? AjvModule;
const addFormats = (addFormatsModule as unknown as { default: typeof addFormatsModule }).default ?? addFormatsModule;

type StreamName = "users" | "products" | "purchases";
type Data = Record<string, unknown> & { id: number; updated_at: string };
type RecordMessage = Extract<SourceMessage, { type: "record" }>;
type StateMessage = Extract<SourceMessage, { type: "state" }>;

const ALL: StreamName[] = ["users", "products", "purchases"];

function configured(name: string, syncMode: "incremental" | "full_refresh" = "incremental"): ConfiguredSourceStream {
  return { name, jsonSchema: {}, syncMode, cursorField: ["updated_at"], primaryKey: [["id"]] };
}

interface ReadOptions {
  streams?: string[];
  state?: SourceState;
  syncMode?: "incremental" | "full_refresh";
  signal?: AbortSignal;
}

async function read(config: Record<string, unknown>, options: ReadOptions = {}): Promise<SourceMessage[]> {
  const messages: SourceMessage[] = [];
  for await (const message of fakerSource.read!({
    config,
    streams: (options.streams ?? ALL).map((name) => configured(name, options.syncMode)),
    state: options.state ?? { streams: [] },
    localDirectory: "/tmp/airbyte_local",
    signal: options.signal ?? new AbortController().signal,
  })) {
    messages.push(message);
  }
  return messages;
}

const recordsOf = (messages: SourceMessage[], stream?: string): Data[] =>
  messages
    .filter((m): m is RecordMessage => m.type === "record" && (stream === undefined || m.stream === stream))
    .map((m) => m.data as Data);

const statesOf = (messages: SourceMessage[], stream?: string): StateMessage[] =>
  messages.filter((m): m is StateMessage => m.type === "state" && (stream === undefined || m.stream.name === stream));

/** The state a sync would save: each stream's last checkpoint. */
function finalState(messages: SourceMessage[]): SourceState {
  const last = new Map<string, StreamStateBlob>();
  for (const message of statesOf(messages)) last.set(message.stream.name, message.state);
  return { streams: [...last].map(([name, state]) => ({ stream: { name }, state })) };
}

const stateOf = (stream: string, state: StreamStateBlob): SourceState => ({
  streams: [{ stream: { name: stream }, state }],
});

/** Records as a destination would see them, without the time they were emitted. */
const recordsText = (messages: SourceMessage[]) =>
  JSON.stringify(messages.map((m) => (m.type === "record" ? { stream: m.stream, data: m.data } : m)));

const fixed = (extra: Record<string, unknown> = {}) => ({ count: 100, seed: 42, always_updated: false, ...extra });

describe("records", () => {
  test("are the same on every read for a seed, in this process and in another one", async () => {
    const config = fixed({ count: 300, records_per_slice: 50 });
    const first = recordsText(await read(config));
    expect(recordsText(await read(config))).toBe(first);

    const faker = fileURLToPath(new URL("../src/connectors/sources/faker.ts", import.meta.url));
    const script = `
      import { createHash } from "node:crypto";
      import { fakerSource } from ${JSON.stringify(faker)};
      const streams = ["users", "products", "purchases"].map((name) => ({ name, jsonSchema: {}, syncMode: "incremental", cursorField: ["updated_at"], primaryKey: [["id"]] }));
      const messages = [];
      for await (const m of fakerSource.read({ config: ${JSON.stringify(config)}, streams, state: { streams: [] }, localDirectory: "/tmp/airbyte_local", signal: new AbortController().signal }))
        messages.push(m.type === "record" ? { stream: m.stream, data: m.data } : m);
      console.log(createHash("sha256").update(JSON.stringify(messages)).digest("hex"));`;
    const { stdout } = await promisify(execFile)(process.execPath, [
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      script,
    ]);
    expect(stdout.trim()).toBe(createHash("sha256").update(first).digest("hex"));
  });

  test("differ between seeds, and seed -1 (the default) picks a random one", async () => {
    const names = async (config: Record<string, unknown>) =>
      recordsOf(await read(config, { streams: ["users"] })).map((user) => `${String(user.name)} ${String(user.email)}`);
    expect(await names(fixed({ seed: 1 }))).not.toEqual(await names(fixed({ seed: 2 })));
    expect(await names({ count: 100 })).not.toEqual(await names({ count: 100 }));
    expect(await names({ count: 100, seed: -1 })).not.toEqual(await names({ count: 100, seed: -1 }));
  });

  test("with always_updated, differ between reads only in updated_at", async () => {
    const withoutCursor = async () =>
      recordsOf(await read({ count: 50, seed: 7, always_updated: true })).map(({ updated_at: _, ...rest }) => rest);
    expect(await withoutCursor()).toEqual(await withoutCursor());
  });

  test("count users, min(count, 100) products as Airbyte's faker, and 0 to 3 purchases per user", async () => {
    const messages = await read(fixed({ count: 250 }));
    const users = recordsOf(messages, "users");
    const purchases = recordsOf(messages, "purchases");
    expect(users.map((user) => user.id)).toEqual(range(1, 250));
    expect(recordsOf(messages, "products").map((product) => product.id)).toEqual(range(1, 100));
    expect(recordsOf(await read(fixed({ count: 30 }), { streams: ["products"] })).length).toBe(30);

    // Every block of ten users makes 13 purchases; ids follow the users' order.
    expect(purchases.map((purchase) => purchase.id)).toEqual(range(1, 325));
    const userIds = purchases.map((purchase) => purchase.user_id as number);
    expect(userIds).toEqual([...userIds].sort((a, b) => a - b));
    const perUser = range(1, 250).map((id) => userIds.filter((userId) => userId === id).length);
    expect(new Set(perUser)).toEqual(new Set([0, 1, 2, 3]));
    for (const purchase of purchases) {
      expect(purchase.product_id).toBeGreaterThanOrEqual(1);
      expect(purchase.product_id).toBeLessThanOrEqual(100);
    }
    // Products referenced exist even when count caps the catalog.
    const few = await read(fixed({ count: 20 }), { streams: ["purchases"] });
    expect(Math.max(...recordsOf(few).map((purchase) => purchase.product_id as number))).toBeLessThanOrEqual(20);
  });

  test("conform to the streams' schemas from discover(), every property present, with both clocks", async () => {
    const schemas = Object.fromEntries(
      (await fakerSource.discover({}, { localDirectory: "/tmp/airbyte_local" })).map((stream) => [
        stream.name,
        strict(stream.jsonSchema as JsonSchema),
      ]),
    );
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const validators = Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, ajv.compile(schema)]));
    for (const alwaysUpdated of [false, true]) {
      const messages = await read({ count: 1000, seed: 3, always_updated: alwaysUpdated });
      for (const message of messages) {
        if (message.type !== "record") continue;
        expect(message.namespace).toBeUndefined();
        expect(message.emittedAt).toBeGreaterThan(Date.now() - 60_000);
        const validate = validators[message.stream]!;
        if (!validate(message.data)) throw new Error(`${message.stream}: ${ajv.errorsText(validate.errors)}`);
      }
    }
  });

  test("have timestamps in ISO-8601 with Z, and events in order: signed up, carted, bought, returned, updated", async () => {
    const messages = await read(fixed({ count: 2000 }));
    const users = new Map(recordsOf(messages, "users").map((user) => [user.id, user]));
    const purchases = recordsOf(messages, "purchases");
    const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    for (const record of recordsOf(messages)) {
      for (const key of ["created_at", "updated_at"]) expect(record[key]).toMatch(iso);
      expect(Date.parse(record.created_at as string)).toBeLessThan(Date.parse(record.updated_at));
    }
    for (const purchase of purchases) {
      const times = [
        users.get(purchase.user_id as number)!.created_at,
        purchase.created_at,
        purchase.added_to_cart_at,
        purchase.purchased_at,
        purchase.returned_at,
      ].filter((time): time is string => time !== null);
      expect(times.map(Date.parse)).toEqual(times.map(Date.parse).sort((a, b) => a - b));
      if (purchase.returned_at !== null) expect(purchase.purchased_at).not.toBeNull();
      expect(purchase.added_to_cart_at).not.toBeNull();
    }
    // Airbyte's rates: 70% of cart items bought, 15% of those returned.
    const bought = purchases.filter((purchase) => purchase.purchased_at !== null);
    const returned = bought.filter((purchase) => purchase.returned_at !== null);
    expect(bought.length / purchases.length).toBeCloseTo(0.7, 1);
    expect(returned.length / bought.length).toBeCloseTo(0.15, 1);
  });

  test("only the requested streams are read, in the order given", async () => {
    const messages = await read(fixed({ count: 20 }), { streams: ["purchases", "users"] });
    const order = messages.filter((m) => m.type !== "log").map((m) => (m.type === "record" ? m.stream : m.stream.name));
    expect([...new Set(order)]).toEqual(["purchases", "users"]);
    expect(order.indexOf("users")).toBeGreaterThan(order.lastIndexOf("purchases"));
    await expect(read(fixed(), { streams: ["orders"] })).rejects.toThrow(
      'Sample Data (Faker) has no stream "orders"; its streams are users, products, purchases.',
    );
  });

  test("carry their size, the length of their JSON text, added up without writing it", async () => {
    for (const alwaysUpdated of [false, true]) {
      const messages = await read({ count: 3000, seed: 5, always_updated: alwaysUpdated });
      for (const message of messages) {
        if (message.type !== "record") continue;
        expect(message.bytes, message.stream).toBe(JSON.stringify(message.data).length);
      }
    }
    // The sum counts every string as its characters in quotes: no word of the lists needs escaping.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- flat()'s type arguments cannot name string
    const texts = Object.values(words).flat(3) as string[];
    for (const text of texts) expect(JSON.stringify(text)).toBe(`"${text}"`);
  });

  test("an invalid configuration fails the read with a message naming the option", async () => {
    await expect(read({ count: 0 })).rejects.toThrow('"count" must be an integer of at least 1, not 0');
    await expect(read({ count: 5, records_per_slice: "10" })).rejects.toThrow('"records_per_slice" must be an integer');
    await expect(read({ count: 5, always_updated: "yes" })).rejects.toThrow('"always_updated" must be true or false');
  });
});

describe("checkpoints", () => {
  test("come after every records_per_slice records of a stream and at its end, never twice in a row", async () => {
    const messages = await read(fixed({ count: 25, records_per_slice: 10 }), { streams: ["users"] });
    expect(
      messages
        .filter((m) => m.type !== "log")
        .map((m) => (m.type === "record" ? "r" : "S"))
        .join(""),
    ).toBe(`${"r".repeat(10)}S${"r".repeat(10)}S${"r".repeat(5)}S`);
    // Each carries the newest updated_at emitted before it.
    messages.forEach((message, index) => {
      if (message.type !== "state") return;
      const previous = messages[index - 1] as RecordMessage;
      expect(message).toEqual({
        type: "state",
        stream: { name: "users" },
        state: { updated_at: previous.data.updated_at },
      });
    });
    expect(statesOf(await read(fixed({ count: 20, records_per_slice: 10 }), { streams: ["users"] }))).toHaveLength(2);
    const purchases = await read(fixed({ count: 100, records_per_slice: 7 }), { streams: ["purchases"] });
    expect(statesOf(purchases)).toHaveLength(Math.ceil(130 / 7));
  });

  test("full refresh streams checkpoint too, and read everything whatever the state", async () => {
    const first = await read(fixed({ records_per_slice: 30 }), { syncMode: "full_refresh" });
    expect(statesOf(first, "users")).toHaveLength(4);
    const again = await read(fixed({ records_per_slice: 30 }), { syncMode: "full_refresh", state: finalState(first) });
    expect(recordsText(again)).toBe(recordsText(first));
  });

  test("a stream without records still ends with a checkpoint: the saved one, or an empty one", async () => {
    // Seed 42's first user buys nothing.
    const nothing = await read(fixed({ count: 1 }), { streams: ["purchases"] });
    expect(recordsOf(nothing)).toEqual([]);
    expect(statesOf(nothing).map((m) => m.state)).toEqual([{}]);
    const saved = { updated_at: "2024-01-01T00:00:01.000Z" };
    const resumed = await read(fixed({ count: 1 }), { streams: ["users"], state: stateOf("users", saved) });
    expect(recordsOf(resumed)).toEqual([]);
    expect(statesOf(resumed).map((m) => m.state)).toEqual([saved]);
  });
});

describe("incremental reads", () => {
  test("resumed from any checkpoint emit exactly the records after it, mid-user purchases included", async () => {
    const config = fixed({ count: 95, records_per_slice: 7 });
    for (const stream of ALL) {
      const whole = await read(config, { streams: [stream] });
      const records = recordsOf(whole);
      for (const checkpoint of statesOf(whole)) {
        const cursor = checkpoint.state.updated_at as string;
        const resumed = recordsOf(await read(config, { streams: [stream], state: stateOf(stream, checkpoint.state) }));
        expect(resumed).toEqual(records.filter((record) => record.updated_at > cursor));
        expect(resumed.length).toBe(records.length - records.findIndex((record) => record.updated_at === cursor) - 1);
      }
    }
  });

  test("a state edited by hand resumes after its updated_at, between two records' cursors too", async () => {
    const users = recordsOf(await read(fixed(), { streams: ["users"] }));
    const between = new Date(Date.parse(users[9]!.updated_at) + 500).toISOString();
    const resumed = recordsOf(
      await read(fixed(), { streams: ["users"], state: stateOf("users", { updated_at: between }) }),
    );
    expect(resumed.map((user) => user.id)).toEqual(range(11, 100));
    const old = recordsOf(
      await read(fixed(), { streams: ["users"], state: stateOf("users", { updated_at: "2001-01-01T00:00:00Z" }) }),
    );
    expect(old).toHaveLength(100);
  });

  test("an unreadable saved cursor is reported and the stream read from the start", async () => {
    const messages = await read(fixed(), { streams: ["users"], state: stateOf("users", { updated_at: "yesterday" }) });
    expect(messages[0]).toEqual({
      type: "log",
      level: "warn",
      message: 'users: the saved updated_at "yesterday" is not a timestamp; reading from the start.',
    });
    expect(recordsOf(messages)).toHaveLength(100);
  });

  test("without always_updated, a second sync emits nothing, and a larger count only the new records", async () => {
    const first = await read(fixed({ count: 50 }));
    const again = await read(fixed({ count: 50 }), { state: finalState(first) });
    expect(recordsOf(again)).toEqual([]);
    expect(finalState(again)).toEqual(finalState(first));

    const grown = await read(fixed({ count: 80 }), { state: finalState(first) });
    const everything = await read(fixed({ count: 80 }));
    expect(recordsOf(grown, "users").map((user) => user.id)).toEqual(range(51, 80));
    expect(recordsOf(grown, "products").map((product) => product.id)).toEqual(range(51, 80));
    const newPurchases = recordsOf(grown, "purchases");
    expect(newPurchases.every((purchase) => (purchase.user_id as number) > 50)).toBe(true);
    // ... and they are the very records a first sync with the larger count emits.
    for (const stream of ALL) {
      const seen = new Set(recordsOf(first, stream).map((record) => record.id));
      expect(recordsOf(grown, stream)).toEqual(recordsOf(everything, stream).filter((record) => !seen.has(record.id)));
    }
  });

  test("with always_updated (the default), every sync emits every record again, each newer than the last sync's", async () => {
    const config = { count: 300, seed: 5 };
    const first = await read(config);
    const second = await read(config, { state: finalState(first) });
    for (const stream of ALL) {
      const before = recordsOf(first, stream);
      const after = recordsOf(second, stream);
      expect(after.map((record) => record.id)).toEqual(before.map((record) => record.id));
      const savedCursor = statesOf(first, stream).at(-1)!.state.updated_at as string;
      expect(after.every((record) => record.updated_at > savedCursor)).toBe(true);
      // Within a read, updated_at increases with the id, up to about the time of the read.
      const times = after.map((record) => Date.parse(record.updated_at));
      times.slice(1).forEach((time, index) => expect(time).toBeGreaterThan(times[index]!));
      expect(times.at(-1)!).toBeLessThanOrEqual(Date.now() + times.length);
    }
  });

  test("with always_updated, the first sync's records are stamped at the time of the read", async () => {
    const started = Date.now();
    const users = recordsOf(await read({ count: 100 }, { streams: ["users"] }));
    const newest = Date.parse(users.at(-1)!.updated_at);
    expect(newest).toBeGreaterThanOrEqual(started);
    expect(newest).toBeLessThanOrEqual(Date.now());
  });
});

describe("cancellation", () => {
  test("an abort stops the read before the next record", async () => {
    const controller = new AbortController();
    let records = 0;
    const reading = (async () => {
      for await (const message of fakerSource.read!({
        config: { count: 100_000, seed: 1 },
        streams: ALL.map((name) => configured(name)),
        state: { streams: [] },
        localDirectory: "/tmp/airbyte_local",
        signal: controller.signal,
      })) {
        if (message.type === "record" && ++records === 250) controller.abort();
      }
    })();
    await expect(reading).rejects.toThrow(expect.objectContaining({ name: "AbortError" }));
    expect(records).toBe(250);
  });

  test("an abort that arrives as an event (a timer, an IPC message) lands within a slice", async () => {
    const controller = new AbortController();
    let records = 0;
    let recordsAtAbort = -1;
    controller.signal.addEventListener("abort", () => (recordsAtAbort = records));
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    const reading = (async () => {
      for await (const message of fakerSource.read!({
        config: { count: 50_000_000, seed: 1, records_per_slice: 1000 },
        streams: [configured("users")],
        state: { streams: [] },
        localDirectory: "/tmp/airbyte_local",
        signal: controller.signal,
      })) {
        if (message.type === "record") records++;
      }
    })();
    await expect(reading).rejects.toThrow(expect.objectContaining({ name: "AbortError" }));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(recordsAtAbort).toBeGreaterThan(0);
    expect(records - recordsAtAbort).toBeLessThanOrEqual(1000);
  });

  test("a read aborted before it starts emits nothing", async () => {
    const controller = new AbortController();
    controller.abort();
    const messages: SourceMessage[] = [];
    await expect(
      (async () => {
        for await (const message of fakerSource.read!({
          config: fixed(),
          streams: [configured("users")],
          state: { streams: [] },
          localDirectory: "/tmp/airbyte_local",
          signal: controller.signal,
        })) {
          messages.push(message);
        }
      })(),
    ).rejects.toThrow(expect.objectContaining({ name: "AbortError" }));
    expect(messages).toEqual([]);
  });
});

describe("generation", () => {
  test("writes timestamps exactly as Date.prototype.toISOString does", () => {
    const samples = [0, -1, 1, Date.UTC(2000, 1, 29, 23, 59, 59, 999), Date.UTC(1900, 2, 1), Date.UTC(9999, 11, 31)];
    for (let i = 0; i < 20_000; i++) samples.push(Math.floor((Math.random() * 2 - 1) * 8e12));
    for (const ms of samples) expect(isoTime(ms)).toBe(new Date(ms).toISOString());
  });

  test("1,000,000 users in a few seconds, in flat memory", async () => {
    const baseline = process.memoryUsage().heapUsed;
    let peak = baseline;
    let users = 0;
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    for await (const message of fakerSource.read!({
      config: { count: 1_000_000, seed: 11 },
      streams: [configured("users")],
      state: { streams: [] },
      localDirectory: "/tmp/airbyte_local",
      signal: new AbortController().signal,
    })) {
      if (message.type === "record" && ++users % 100_000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `faker: ${users.toLocaleString("en")} users in ${seconds.toFixed(2)} s, ${cpuSeconds.toFixed(2)} s of CPU ` +
        `(${Math.round(users / seconds).toLocaleString("en")} records/s), heap growth ${((peak - baseline) / 1e6).toFixed(0)} MB`,
    );
    expect(users).toBe(1_000_000);
    // CPU time, not wall time: the suite runs files in parallel, and a busy machine stretches the clock.
    expect(cpuSeconds).toBeLessThan(8);
    // A million users held in memory would take about a gigabyte.
    expect(peak - baseline).toBeLessThan(150e6);
  }, 60_000);
});

/** The schema with every property required and no other allowed, at every level. */
function strict(schema: JsonSchema): JsonSchema {
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  if (!properties) return schema;
  return {
    ...schema,
    required: Object.keys(properties),
    additionalProperties: false,
    properties: Object.fromEntries(Object.entries(properties).map(([name, child]) => [name, strict(child)])),
  };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}
