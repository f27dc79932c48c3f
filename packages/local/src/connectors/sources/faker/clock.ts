/**
 * Where the faker source's `updated_at` values come from. Both clocks stamp record `id` with a
 * time that grows with the id, so the newest `updated_at` a checkpoint saves tells exactly which
 * records came before it, and a read resumed from it starts at the next id.
 */

import { isoTime } from "./iso-time.js";

/** A record's `updated_at` and the way back from a cursor to the ids it covers. */
export interface Clock {
  stamp(id: number): string;
  /** The highest id whose `updated_at` is not newer than `cursorMs` (0 when none). */
  lastIdNotAfter(cursorMs: number): number;
}

/** Deterministic records are "updated" at this instant plus their id in seconds. */
const FIXED_EPOCH_MS = Date.UTC(2024, 0, 1);

/** Every record at the same time on every sync: an incremental sync emits only new ids. */
export function fixedClock(): Clock {
  return {
    stamp: (id) => isoTime(FIXED_EPOCH_MS + id * 1000),
    lastIdNotAfter: (cursorMs) => Math.max(0, Math.floor((cursorMs - FIXED_EPOCH_MS) / 1000)),
  };
}

/**
 * `always_updated`: every record is stamped anew on every read, one millisecond apart (exact in
 * JavaScript dates and in every destination's timestamps), the newest at the read's start. The
 * clock never goes back behind the previous read's newest cursor (when reads follow each other
 * faster than they have records), so every record is newer than the state and every sync emits
 * them all, and a destination that keeps the newest row per key keeps this read's.
 */
export function freshClock(readStartMs: number, records: number, previousCursorMs: number | undefined): Clock {
  const base = Math.max(readStartMs - records, previousCursorMs ?? Number.NEGATIVE_INFINITY);
  return {
    stamp: (id) => isoTime(base + id),
    lastIdNotAfter: (cursorMs) => Math.max(0, Math.floor(cursorMs - base)),
  };
}
