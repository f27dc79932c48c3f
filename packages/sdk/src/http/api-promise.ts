import type { ApiResult } from "./transport.js";

/**
 * What an API method returns: a Promise of the parsed data that can also give the raw
 * `Response` (status, headers) through `withResponse()`.
 */
export class ApiPromise<T> extends Promise<T> {
  private readonly result: Promise<ApiResult<T>>;

  constructor(result: Promise<ApiResult<T>>) {
    let resolveData!: (value: T) => void;
    let rejectData!: (reason: unknown) => void;
    super((resolve, reject) => {
      resolveData = resolve;
      rejectData = reject;
    });
    this.result = result;
    result.then((r) => resolveData(r.data), rejectData);
    // Rejections surface through `then`/`await` of this promise; the inner one must not be
    // reported as unhandled on its own.
    result.catch(() => undefined);
  }

  // Derived promises (`then`, `catch`, `finally`) are plain Promises.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  /** The data together with the HTTP response it came from. */
  withResponse(): Promise<ApiResult<T>> {
    return this.result;
  }
}
