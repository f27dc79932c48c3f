/** Small helpers the high-level objects share. */

/**
 * A value fetched at most once at a time: readers that arrive while it is being fetched share
 * that request, and later readers get the stored value until a forced refresh.
 */
export class Cached<T> {
  #value: T | undefined;
  #pending: Promise<T> | undefined;

  constructor(initial?: T) {
    this.#value = initial;
  }

  set(value: T): void {
    this.#value = value;
  }

  async get(load: () => Promise<T>, forceRefresh = false): Promise<T> {
    if (!forceRefresh) {
      if (this.#value !== undefined) return this.#value;
      if (this.#pending) return this.#pending;
    }
    const pending = load().then((value) => {
      this.#value = value;
      return value;
    });
    this.#pending = pending;
    try {
      return await pending;
    } finally {
      if (this.#pending === pending) this.#pending = undefined;
    }
  }
}
