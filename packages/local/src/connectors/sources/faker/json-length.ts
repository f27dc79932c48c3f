/**
 * The length of a faker record's JSON text, `JSON.stringify(record).length`, added up from its
 * values instead of written out: the job's statistics count every record's bytes, and
 * serializing a million records only to measure them costs about as much as generating them.
 * Exact for what faker makes: strings that need no escaping (its word lists hold no `"`, `\` or
 * control character, which a test checks), non-negative safe integers, finite numbers, null.
 */

/** `{"a":…,"bc":…}` without the values: braces, quoted keys, colons and commas. */
export function keysLength(keys: readonly string[]): number {
  let length = 2 + Math.max(0, keys.length - 1);
  for (const key of keys) length += key.length + 3;
  return length;
}

export const stringLength = (text: string) => text.length + 2;

export const nullableStringLength = (text: string | null) => (text === null ? 4 : text.length + 2);

/** Digits of a non-negative safe integer. */
export function integerLength(value: number): number {
  let length = 1;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) length++;
  return length;
}

/** A finite number as JSON writes it. */
export const numberLength = (value: number) =>
  Number.isInteger(value) && value >= 0 ? integerLength(value) : String(value).length;
