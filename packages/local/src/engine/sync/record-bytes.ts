/**
 * A record's size as the job's statistics count it: the length of its JSON text. Sources may
 * emit bigints (integers beyond 2^53, which the destinations store exactly), which
 * `JSON.stringify` refuses; such a record is measured as if the bigint were written as a JSON
 * number, so it counts what Airbyte's protocol would carry, and the sync goes on.
 */
export function recordBytes(data: Record<string, unknown>): number {
  try {
    return JSON.stringify(data).length;
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    let bigints = 0;
    const text = JSON.stringify(data, (_key, value: unknown) => {
      if (typeof value !== "bigint") return value;
      bigints += 1;
      return value.toString();
    });
    // Each bigint was written as a string: two quotes more than the number.
    return text.length - 2 * bigints;
  }
}
