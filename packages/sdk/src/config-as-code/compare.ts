/**
 * The desired-subset comparison behind every plan: only what the files wrote is compared with
 * the live value, so server defaults and keys the server added never show as changes; an
 * explicit `null` clears; `null`, absent and `[]` are the same empty list; set-like lists
 * compare as sets and ordered ones in order; objects compare field by field, never whole.
 */
import type { Path } from "./file-reader.js";

/** How one value differs from the live one. Secret values are never held here. */
export type FieldChange =
  | { path: Path; op: "add"; after: unknown }
  | { path: Path; op: "change"; before: unknown; after: unknown }
  | { path: Path; op: "remove"; before: unknown }
  /** A set-like list: the members added and removed. */
  | { path: Path; op: "set"; added: unknown[]; removed: unknown[] }
  /** A secret whose applied hash differs from the value now written. */
  | { path: Path; op: "secret" };

export interface CompareRules {
  /** Lists whose order does not matter (selected fields, tags). */
  isSet?: (path: Path) => boolean;
  /** Paths holding secrets: compared by `secretChanged`, never by value. */
  isSecret?: (path: Path) => boolean;
  /**
   * Paths compared by value but never shown (values read from environment variables, which
   * the server does not mask): a difference is reported as `op: "secret"`.
   */
  isSensitive?: (path: Path) => boolean;
  /** Whether the secret written at `path` differs from the one last applied; undefined: cannot tell. */
  secretChanged?: (path: Path, value: unknown) => boolean | undefined;
}

/** The mask Airbyte answers in place of every secret. */
export const SECRET_MASK = "**********";

/** The changes that make `live` what `desired` says, comparing only what `desired` holds. */
export function compareDesired(
  desired: unknown,
  live: unknown,
  rules: CompareRules = {},
  path: Path = [],
): FieldChange[] {
  const changes: FieldChange[] = [];
  walk(desired, live, path);
  return changes;

  function walk(want: unknown, have: unknown, at: Path): void {
    if (want === undefined) return;
    if (rules.isSensitive?.(at) && !rules.isSecret?.(at) && have !== SECRET_MASK) {
      const hidden = compareDesired(want, have, { ...rules, isSensitive: undefined }, at);
      if (hidden.length > 0) changes.push({ path: at, op: "secret" });
      return;
    }
    if (rules.isSecret?.(at) || (have === SECRET_MASK && want !== null)) {
      if (want === null) {
        if (!isEmpty(have)) changes.push({ path: at, op: "remove", before: SECRET_MASK });
      } else if (have === undefined || have === null) {
        changes.push({ path: at, op: "secret" });
      } else if (rules.secretChanged?.(at, want) === true) {
        changes.push({ path: at, op: "secret" });
      }
      return;
    }
    if (want === null) {
      if (!isEmpty(have)) changes.push({ path: at, op: "remove", before: have });
      return;
    }
    if (Array.isArray(want)) {
      const wantList: unknown[] = want;
      const current: unknown[] | undefined = Array.isArray(have) ? (have as unknown[]) : isEmpty(have) ? [] : undefined;
      if (current === undefined) {
        changes.push({ path: at, op: "change", before: have, after: want });
      } else if (rules.isSet?.(at)) {
        const wanted = new Map(wantList.map((item) => [canonical(item), item]));
        const present = new Map(current.map((item) => [canonical(item), item]));
        const added = [...wanted].filter(([key]) => !present.has(key)).map(([, item]) => item);
        const removed = [...present].filter(([key]) => !wanted.has(key)).map(([, item]) => item);
        if (added.length + removed.length > 0) changes.push({ path: at, op: "set", added, removed });
      } else if (canonical(want) !== canonical(current)) {
        if (want.length === 0 || current.length === 0) {
          changes.push(
            current.length === 0 ? { path: at, op: "add", after: want } : { path: at, op: "remove", before: current },
          );
        } else {
          changes.push({ path: at, op: "change", before: current, after: want });
        }
      }
      return;
    }
    if (isRecord(want)) {
      if (!isRecord(have)) {
        if (isEmpty(have)) changes.push({ path: at, op: "add", after: want });
        else changes.push({ path: at, op: "change", before: have, after: want });
        return;
      }
      for (const key of Object.keys(want).sort()) walk(want[key], have[key], [...at, key]);
      return;
    }
    if (have === undefined || have === null) changes.push({ path: at, op: "add", after: want });
    else if (!sameScalar(want, have)) changes.push({ path: at, op: "change", before: have, after: want });
  }
}

/** A JSON object (not null, not an array). */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || (Array.isArray(value) && value.length === 0);

/**
 * Scalars the same: `5432` and `5432.0` are one number; where no spec said the type, `5432` and
 * `"5432"` are one value too (a spec-typed value was converted before it got here).
 */
function sameScalar(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "string") return b.trim() !== "" && Number(b) === a;
  if (typeof a === "string" && typeof b === "number") return a.trim() !== "" && Number(a) === b;
  return false;
}

/** A stable text for a value: object keys sorted, so `{a, b}` and `{b, a}` are one value. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    isRecord(item)
      ? Object.fromEntries(
          Object.keys(item)
            .sort()
            .map((key) => [key, item[key]]),
        )
      : item,
  );
}
