/**
 * End-to-End Testing (/dev/null): Airbyte's test destination, which accepts records and keeps
 * none of them. Its check always succeeds, as Airbyte's does. Its modes: SILENT and LOGGING
 * discard (LOGGING stays silent here: the attempt's log is no place for records), THROTTLED
 * pauses after each record, FAILING fails once it has received `num_messages` records.
 */
import { setTimeout as sleep } from "node:timers/promises";
import type { DestinationRecord, DestinationWriteRequest, DestinationWriter } from "../protocol.js";
import { alternatives, connectionSpec, integer, variant } from "../spec.js";
import type { DestinationConnector, JsonSchema } from "../types.js";

const maxEntryCount = (title: string): JsonSchema => ({
  type: "number",
  title,
  description: "At most this many records are logged per stream (1 to 1000).",
  minimum: 1,
  maximum: 1000,
  default: 100,
});

const loggingConfig = alternatives(
  "Logging Configuration",
  [
    variant("First N Entries", "logging_type", "FirstN", { max_entry_count: maxEntryCount("N") }, ["max_entry_count"]),
    variant(
      "Every N-th Entry",
      "logging_type",
      "EveryNth",
      {
        nth_entry_to_log: integer("N", { description: "Log one record out of N.", minimum: 1, maximum: 1000 }),
        max_entry_count: maxEntryCount("Max Log Entries"),
      },
      ["nth_entry_to_log", "max_entry_count"],
    ),
    variant(
      "Random Sampling",
      "logging_type",
      "RandomSampling",
      {
        sampling_ratio: {
          type: "number",
          title: "Sampling Ratio",
          description: "Share of the records logged, between 0 and 1.",
          minimum: 0,
          maximum: 1,
          default: 0.001,
        },
        seed: { type: "number", title: "Random Number Generator Seed" },
        max_entry_count: maxEntryCount("Max Log Entries"),
      },
      ["sampling_ratio", "max_entry_count"],
    ),
  ],
  { description: "Which records are logged." },
);

const specification = connectionSpec(
  "E2E Test Destination Spec",
  {
    test_destination: alternatives(
      "Test Destination",
      [
        variant("Logging", "test_destination_type", "LOGGING", { logging_config: loggingConfig }, ["logging_config"]),
        variant("Silent", "test_destination_type", "SILENT"),
        variant(
          "Throttled",
          "test_destination_type",
          "THROTTLED",
          { millis_per_record: integer("Milliseconds Per Record", { description: "Pause after each record." }) },
          ["millis_per_record"],
        ),
        variant(
          "Failing",
          "test_destination_type",
          "FAILING",
          {
            num_messages: integer("Messages Before Failing", { description: "The destination fails after this many." }),
          },
          ["num_messages"],
        ),
      ],
      { description: "What the destination does with the records it receives." },
    ),
  },
  ["test_destination"],
);

/** Counts records and honours the configured test mode; nothing is kept, so commits have nothing to do. */
export class DevNullWriter implements DestinationWriter {
  /** Records received per stream key. */
  readonly received = new Map<string, number>();
  private total = 0;

  constructor(private readonly mode: Record<string, unknown>) {}

  async write(streamKey: string, records: DestinationRecord[]): Promise<void> {
    switch (this.mode.test_destination_type) {
      case "FAILING":
        this.failAfter(Number(this.mode.num_messages ?? 0), streamKey, records.length);
        break;
      case "THROTTLED":
        await sleep(Number(this.mode.millis_per_record ?? 0) * records.length);
        break;
    }
    this.count(streamKey, records.length);
  }

  async commit(): Promise<void> {}

  /** Nothing is kept, so no checkpoint either. */
  async lastCheckpoint(): Promise<string | null> {
    return null;
  }

  async finish(): Promise<void> {}

  async close(): Promise<void> {}

  private failAfter(limit: number, streamKey: string, incoming: number): void {
    if (this.total + incoming <= limit) return;
    // The records before the limit were received; the one past it is where the destination fails.
    this.count(streamKey, Math.max(0, limit - this.total));
    throw new Error(
      `The End-to-End Testing (/dev/null) destination failed on purpose after ${limit} records (test_destination FAILING, num_messages ${limit}).`,
    );
  }

  private count(streamKey: string, records: number): void {
    this.total += records;
    this.received.set(streamKey, (this.received.get(streamKey) ?? 0) + records);
  }
}

async function openDevNull(request: DestinationWriteRequest): Promise<DestinationWriter> {
  const mode = request.config.test_destination;
  return new DevNullWriter(typeof mode === "object" && mode !== null ? (mode as Record<string, unknown>) : {});
}

export const devNullDestination: DestinationConnector = {
  definition: {
    definitionId: "a7bcc9d8-13b3-4e49-b80d-d020b90045e3",
    actorType: "destination",
    shortName: "dev-null",
    name: "End-to-End Testing (/dev/null)",
    dockerRepository: "airbyte/destination-dev-null",
    dockerImageTag: "0.8.0",
    documentationUrl: "https://docs.airbyte.com/integrations/destinations/dev-null",
    connectionSpecification: specification,
    // As the connector's own specification declares them.
    supportedDestinationSyncModes: ["overwrite", "append", "append_dedup"],
  },
  check: async () => ({ status: "succeeded" }),
  open: openDevNull,
};
