/**
 * `--fields`: dotted paths picked out of records, with arrays broadcast
 * (`streams.name` picks `name` in every element of `streams`).
 */
import { usageError } from "../util/errors.js";

export function parseFields(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const fields = text
    .split(",")
    .map((field) => field.trim())
    .filter((field) => field !== "");
  if (fields.length === 0) throw usageError("--fields needs at least one field name, e.g. --fields connectionId,name.");
  return fields;
}

/** The value at a dotted path; arrays on the way give an array of what each element has there. */
export function valueAt(record: unknown, path: string): unknown {
  let values: unknown = record;
  for (const key of path.split(".")) values = step(values, key);
  return values;
}

function step(value: unknown, key: string): unknown {
  if (Array.isArray(value)) return value.map((item) => step(item, key));
  if (typeof value !== "object" || value === null) return undefined;
  return (value as Record<string, unknown>)[key];
}

function has(record: unknown, path: string): boolean {
  const [head, ...rest] = path.split(".");
  if (Array.isArray(record)) return record.length === 0 || record.some((item) => has(item, path));
  if (typeof record !== "object" || record === null || head === undefined) return false;
  if (!(head in record)) return false;
  return rest.length === 0 || has((record as Record<string, unknown>)[head], rest.join("."));
}

/** A record reduced to the given paths, nested as in the original. */
export function project(record: unknown, fields: readonly string[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const field of fields) assign(result, field.split("."), record);
  return result;
}

function assign(target: Record<string, unknown>, path: string[], source: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined || typeof source !== "object" || source === null) return;
  const value = (source as Record<string, unknown>)[head];
  if (value === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
  } else if (Array.isArray(value)) {
    const existing = Array.isArray(target[head]) ? (target[head] as Record<string, unknown>[]) : [];
    target[head] = value.map((item, i) => {
      const into = existing[i] ?? {};
      assign(into, rest, item);
      return into;
    });
  } else if (typeof value === "object" && value !== null) {
    const into = (target[head] as Record<string, unknown> | undefined) ?? {};
    assign(into, rest, value);
    target[head] = into;
  }
}

/** Refuses a field that none of the records has (an empty list can be asked for anything). */
export function checkFields(
  records: readonly unknown[],
  fields: readonly string[],
  available: readonly string[],
): void {
  if (records.length === 0) return;
  for (const field of fields) {
    if (!records.some((record) => has(record, field))) {
      throw usageError(
        `Unknown field "${field}".`,
        available.length > 0 ? `Fields here: ${available.join(", ")}.` : undefined,
      );
    }
  }
}

/** The top-level field names of the records, in order of appearance. */
export function fieldNames(records: readonly unknown[]): string[] {
  const names = new Set<string>();
  for (const record of records) {
    if (typeof record === "object" && record !== null && !Array.isArray(record)) {
      for (const key of Object.keys(record)) names.add(key);
    }
  }
  return [...names];
}
