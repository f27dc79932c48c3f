/**
 * A credential that never prints: `String(secret)`, template strings, `JSON.stringify` and
 * `console.log`/`util.inspect` all show `****`. Only `reveal()` gives the value, so a secret
 * reaches a log or an error message only through a deliberate call.
 */
const MASK = "****";

export class SecretString {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** Wraps a value unless it is one already; blank and missing values give undefined. */
  static from(value: string | SecretString | undefined | null): SecretString | undefined {
    if (value === undefined || value === null) return undefined;
    if (value instanceof SecretString) return value.isEmpty() ? undefined : value;
    return value.trim() === "" ? undefined : new SecretString(value);
  }

  /** The secret itself. */
  reveal(): string {
    return this.#value;
  }

  isEmpty(): boolean {
    return this.#value.trim() === "";
  }

  toString(): string {
    return MASK;
  }

  toJSON(): string {
    return MASK;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `SecretString(${MASK})`;
  }
}
