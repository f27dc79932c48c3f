/**
 * Reading the faker source: its streams in the requested order, records generated lazily one
 * at a time (memory stays flat whatever `count` is), a checkpoint after every
 * `records_per_slice` records of a stream and at its end.
 *
 * Incremental streams resume after the saved `updated_at`: records are stamped by a clock that
 * grows with the id (clock.ts), so the cursor maps back to the last id it covers and generation
 * starts at the next one. With `always_updated` (Airbyte's default) every read stamps every
 * record anew, after the saved cursor, so every sync emits everything again.
 */
import { randomInt } from "node:crypto";
import { setImmediate as nextTurn } from "node:timers/promises";
import type {
  ConfiguredSourceStream,
  SourceMessage,
  SourceReadRequest,
  SourceState,
  StreamStateBlob,
} from "../../protocol.js";
import { type Clock, fixedClock, freshClock } from "./clock.js";
import { type Product, productCount, productJsonLength, products } from "./products.js";
import { type Purchase, purchaseCount, purchaseJsonLength, purchases } from "./purchases.js";
import { type User, userJsonLength, users } from "./users.js";

interface FakerOptions {
  /** Users; products are capped by it too; purchases follow from the users. */
  count: number;
  /** Never -1 here: a random seed has been picked. */
  seed: number;
  recordsPerSlice: number;
  alwaysUpdated: boolean;
}

/** What every faker record has: the primary key and the cursor. */
type FakerRecord = { id: number; updated_at: string } & Record<string, unknown>;

interface FakerStream {
  /** Records of the stream for this configuration: ids 1..size. */
  size(options: FakerOptions): number;
  /** The records with ids after `afterId`, in id order, generated as they are pulled. */
  records(options: FakerOptions, afterId: number, clock: Clock): Iterable<FakerRecord>;
  /** `JSON.stringify(record).length`, which the engine would otherwise serialize every record for. */
  jsonLength(record: FakerRecord): number;
}

const STREAMS: Record<string, FakerStream> = {
  users: {
    size: (options) => options.count,
    records: (options, afterId, clock) => users(options.seed, afterId, options.count, clock),
    jsonLength: (record) => userJsonLength(record as unknown as User),
  },
  products: {
    size: (options) => productCount(options.count),
    records: (options, afterId, clock) => products(afterId, productCount(options.count), clock),
    jsonLength: (record) => productJsonLength(record as unknown as Product),
  },
  purchases: {
    size: (options) => purchaseCount(purchaseScope(options)),
    records: (options, afterId, clock) => purchases(purchaseScope(options), afterId, clock),
    jsonLength: (record) => purchaseJsonLength(record as unknown as Purchase),
  },
};

const purchaseScope = (options: FakerOptions) => ({
  seed: options.seed,
  users: options.count,
  products: productCount(options.count),
});

/**
 * Generation is synchronous: without a turn of the event loop now and then, a cancel arriving
 * as an event (a timer, an IPC message) would wait for the whole read.
 */
const MESSAGES_BETWEEN_TURNS = 1000;

/**
 * The only asynchronous layer: cancellation and turns of the event loop around the streams'
 * synchronous messages (one async generator per message is the costly part of a read).
 */
export async function* readFaker(request: SourceReadRequest): AsyncGenerator<SourceMessage> {
  const options = fakerOptions(request.config);
  const { signal } = request;
  let sinceTurn = 0;
  for (const configured of request.streams) {
    for (const message of streamMessages(configured, options, request.state)) {
      signal.throwIfAborted();
      yield message;
      if (++sinceTurn === MESSAGES_BETWEEN_TURNS) {
        sinceTurn = 0;
        await nextTurn();
      }
    }
  }
  signal.throwIfAborted();
}

/** One stream's log line, records and checkpoints, generated as they are pulled. */
function* streamMessages(
  configured: ConfiguredSourceStream,
  options: FakerOptions,
  state: SourceState,
): Generator<SourceMessage> {
  const { name } = configured;
  const stream = STREAMS[name];
  if (!stream) {
    throw new Error(`Sample Data (Faker) has no stream "${name}"; its streams are ${Object.keys(STREAMS).join(", ")}.`);
  }
  const size = stream.size(options);
  // Full refresh reads everything; its checkpoints are only for the record.
  const saved = configured.syncMode === "incremental" ? savedCursor(state, name) : undefined;
  if (saved?.invalid) {
    yield { type: "log", level: "warn", message: `${name}: ${saved.invalid}; reading from the start.` };
  }
  const cursorMs = saved?.ms;
  const clock = options.alwaysUpdated ? freshClock(Date.now(), size, cursorMs) : fixedClock();
  const afterId = cursorMs === undefined ? 0 : Math.min(size, clock.lastIdNotAfter(cursorMs));
  yield { type: "log", level: "info", message: readingMessage(configured, size, afterId, saved?.cursor) };

  let newest = cursorMs === undefined ? undefined : saved?.cursor;
  let sinceCheckpoint = 0;
  let checkpoints = 0;
  for (const record of stream.records(options, afterId, clock)) {
    yield { type: "record", stream: name, data: record, emittedAt: Date.now(), bytes: stream.jsonLength(record) };
    newest = record.updated_at;
    if (++sinceCheckpoint === options.recordsPerSlice) {
      sinceCheckpoint = 0;
      checkpoints++;
      yield checkpoint(name, newest);
    }
  }
  // Not twice in a row: a stream ending on a slice boundary has just been checkpointed.
  if (sinceCheckpoint > 0 || checkpoints === 0) yield checkpoint(name, newest);
}

function checkpoint(stream: string, newest: string | undefined): SourceMessage {
  const state: StreamStateBlob = newest === undefined ? {} : { updated_at: newest };
  return { type: "state", stream: { name: stream }, state };
}

function readingMessage(configured: ConfiguredSourceStream, size: number, afterId: number, cursor?: string): string {
  const from = cursor === undefined || afterId === 0 ? "" : ` after updated_at ${cursor}`;
  return `Reading ${configured.name} (${configured.syncMode}): ${size - afterId} of ${size} records${from}.`;
}

interface SavedCursor {
  cursor?: string;
  ms?: number;
  /** Why a saved state was ignored. */
  invalid?: string;
}

function savedCursor(state: SourceState, stream: string): SavedCursor | undefined {
  const entry = state.streams.find((candidate) => candidate.stream.name === stream);
  if (!entry || !("updated_at" in entry.state)) return undefined;
  const cursor = entry.state.updated_at;
  const ms = typeof cursor === "string" ? Date.parse(cursor) : Number.NaN;
  if (Number.isNaN(ms)) return { invalid: `the saved updated_at ${JSON.stringify(cursor)} is not a timestamp` };
  return { cursor: cursor as string, ms };
}

// ---------------------------------------------------------------------------------------------
// Configuration

/**
 * The configuration with Airbyte's defaults. `parallelism` is accepted and ignored: one
 * generator in the worker outpaces any destination, and the order of records stays the id order.
 */
function fakerOptions(config: Record<string, unknown>): FakerOptions {
  const seed = integerOption(config, "seed", -1);
  return {
    count: integerOption(config, "count", 1000, 1),
    // Any negative seed asks for random data, as -1 (the default) does.
    seed: seed < 0 ? randomInt(0, 2 ** 31) : seed,
    recordsPerSlice: integerOption(config, "records_per_slice", 1000, 1),
    alwaysUpdated: booleanOption(config, "always_updated", true),
  };
}

function integerOption(config: Record<string, unknown>, name: string, fallback: number, minimum?: number): number {
  const value = config[name] ?? fallback;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || (minimum !== undefined && value < minimum)) {
    const range = minimum === undefined ? "an integer" : `an integer of at least ${minimum}`;
    throw new Error(`Sample Data (Faker): "${name}" must be ${range}, not ${JSON.stringify(value)}.`);
  }
  return value;
}

function booleanOption(config: Record<string, unknown>, name: string, fallback: boolean): boolean {
  const value = config[name] ?? fallback;
  if (typeof value !== "boolean") {
    throw new Error(`Sample Data (Faker): "${name}" must be true or false, not ${JSON.stringify(value)}.`);
  }
  return value;
}
