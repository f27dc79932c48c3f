import type { ApiResult } from "./request-options.js";

/**
 * What an API method returns: a Promise of the parsed data that can also give the HTTP
 * `Response` (status, headers, an unread body) through `asResponse()`, or both with the request
 * id through `withResponse()`. The request is sent at once; a failure is reported through
 * whichever the caller uses, and, like any promise, goes unhandled only if the caller uses none.
 *
 * The body is buffered inside the attempt's timeout (so a server stalling mid-body is timed out)
 * and parsed from a copy: the Response handed out has a body still to read, but a successful
 * call's body has been checked first, so a body that is not what the operation returns is a
 * `ResponseValidationError` from `asResponse()` too.
 */
export class ApiPromise<T> extends Promise<T> {
  readonly #result: Promise<ApiResult<T>>;
  #data: Promise<T> | undefined;

  constructor(result: Promise<ApiResult<T>>) {
    // The base promise is never observed: `then`, `catch` and `finally` read the data instead.
    super((resolve) => resolve(undefined as T));
    this.#result = result;
  }

  // Derived promises (`then`, `catch`, `finally`) are plain Promises.
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  /** The data together with the HTTP response it came from and the server's request id. */
  withResponse(): Promise<ApiResult<T>> {
    return this.#result;
  }

  /** The HTTP response, its body unread. */
  asResponse(): Promise<Response> {
    return this.#result.then((result) => result.response);
  }

  override then<A = T, B = never>(
    onFulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    // `any`, as in Promise's own signature, so that callers may type the reason they expect.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    onRejected?: ((reason: any) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#parsed().then(onFulfilled, onRejected);
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as in then()
  override catch<B = never>(onRejected?: ((reason: any) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.#parsed().catch(onRejected);
  }

  override finally(onFinally?: (() => void) | null): Promise<T> {
    return this.#parsed().finally(onFinally);
  }

  #parsed(): Promise<T> {
    this.#data ??= this.#result.then((result) => result.data);
    return this.#data;
  }
}
