/** Small helpers the high-level objects share. */
import type { RequestOptions } from "../http/request-options.js";

/** Per-call options that pass unchanged to the transport (`timeoutMs`, `retries`, `signal`, `headers`). */
export type CallOptions = RequestOptions;

/** The transport's options among a method's options, so that nothing else is sent down. */
export function requestOptions(options: RequestOptions | undefined): RequestOptions {
  if (!options) return {};
  const { timeoutMs, timeout, retries, maxRetries, signal, headers } = options;
  return {
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    ...(timeout === undefined ? {} : { timeout }),
    ...(retries === undefined ? {} : { retries }),
    ...(maxRetries === undefined ? {} : { maxRetries }),
    ...(signal === undefined ? {} : { signal }),
    ...(headers === undefined ? {} : { headers }),
  };
}

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
