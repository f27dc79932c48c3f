import type { ApiPromise } from "../http/api-promise.js";
import type { ListBehaviour, PagePromise, PageQuery } from "../http/pagination.js";
import type { RequestSpec } from "../http/request-options.js";

/** A list request: the template's parameters include `limit` and `offset`. */
export type ListSpec = Omit<RequestSpec, "params"> & { params: PageQuery };

/** What a resource needs from the client: one way to send a request, one to list pages. */
export interface ApiCore {
  request<T>(spec: RequestSpec): ApiPromise<T>;
  list<Item>(spec: ListSpec, behaviour?: ListBehaviour): PagePromise<Item>;
}

/** A group of operations. Methods are one-liners: operation, verb, URI template, parameters. */
export abstract class ApiResource {
  constructor(protected readonly client: ApiCore) {}
}
