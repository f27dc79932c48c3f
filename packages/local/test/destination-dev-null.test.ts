/**
 * The End-to-End Testing (/dev/null) destination: it counts and discards, keeps no checkpoint,
 * and honours its test modes (FAILING after `num_messages` records, THROTTLED per record).
 */
import { randomUUID } from "node:crypto";
import { describe, expect, test } from "vitest";
import { DevNullWriter, devNullDestination } from "../src/connectors/destinations/dev-null.js";
import type { DestinationRecord, DestinationWriter, StreamTarget } from "../src/connectors/protocol.js";

const stream: StreamTarget = {
  key: "users",
  stream: { name: "users" },
  schema: "",
  table: "users",
  columns: [{ name: "id", schema: { type: "integer" } }],
  destinationSyncMode: "append",
  syncMode: "incremental",
  primaryKey: [["id"]],
  cursorField: [],
  generationId: 1,
};

const records = (count: number): DestinationRecord[] =>
  Array.from({ length: count }, (_, id) => ({
    rawId: randomUUID(),
    extractedAt: Date.now(),
    data: { id },
    meta: { changes: [], sync_id: 1 },
  }));

const open = (test_destination: Record<string, unknown>): Promise<DestinationWriter> =>
  devNullDestination.open!({
    config: { test_destination },
    streams: [stream],
    localDirectory: "/nonexistent",
    checkpointScope: "c",
  });

describe("the dev-null destination", () => {
  test("SILENT and LOGGING accept everything, keep nothing and no checkpoint", async () => {
    for (const mode of [
      { test_destination_type: "SILENT" },
      { test_destination_type: "LOGGING", logging_config: { logging_type: "FirstN", max_entry_count: 10 } },
    ]) {
      const writer = await open(mode);
      await writer.write("users", records(3));
      await writer.write("others", records(2));
      await writer.commit("checkpoint");
      expect(await writer.lastCheckpoint()).toBeNull();
      await writer.finish();
      await writer.close(true);
      expect((writer as DevNullWriter).received).toEqual(
        new Map([
          ["users", 3],
          ["others", 2],
        ]),
      );
    }
  });

  test("FAILING fails once it has received num_messages records", async () => {
    const writer = await open({ test_destination_type: "FAILING", num_messages: 5 });
    await writer.write("users", records(3));
    await writer.write("users", records(2));
    await expect(writer.write("users", records(4))).rejects.toThrow(
      "The End-to-End Testing (/dev/null) destination failed on purpose after 5 records (test_destination FAILING, num_messages 5).",
    );
    expect((writer as DevNullWriter).received.get("users")).toBe(5);
    await writer.close(false);
    const immediately = await open({ test_destination_type: "FAILING", num_messages: 0 });
    await expect(immediately.write("users", records(1))).rejects.toThrow(/after 0 records/);
  });

  test("THROTTLED pauses millis_per_record for each record", async () => {
    const writer = await open({ test_destination_type: "THROTTLED", millis_per_record: 20 });
    const started = performance.now();
    await writer.write("users", records(5));
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    await writer.close(true);
  });
});
