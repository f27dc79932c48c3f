/** An organization: its name, email and billing status. */
import type { AirbyteApi, Config } from "../api/index.js";
import { AirbyteError, RequestAbortedError } from "../http/errors.js";
import type { RequestOptions } from "../http/request-options.js";

export interface CloudOrganizationOptions {
  /** The client the organization's info is read with. */
  api: AirbyteApi;
  organizationName?: string | undefined;
  email?: string | undefined;
}

export class CloudOrganization {
  readonly organizationId: string;
  readonly #api: AirbyteApi;
  readonly #organizationName: string | undefined;
  readonly #email: string | undefined;
  #info: Promise<Partial<Config.OrganizationInfoRead> & { email?: string }> | undefined;

  /** Prefer `client.getOrganization()` or `workspace.getOrganization()`. Makes no request. */
  constructor(organizationId: string, options: CloudOrganizationOptions) {
    this.organizationId = organizationId;
    this.#api = options.api;
    this.#organizationName = options.organizationName;
    this.#email = options.email;
  }

  /** The name given when the object was made, else the organization's info (fetched once). */
  async getOrganizationName(request?: RequestOptions): Promise<string | undefined> {
    if (this.#organizationName !== undefined) return this.#organizationName;
    return (await this.#organizationInfo(request)).organizationName;
  }

  async getEmail(request?: RequestOptions): Promise<string | undefined> {
    if (this.#email !== undefined) return this.#email;
    return (await this.#organizationInfo(request)).email;
  }

  /** Billing payment status, e.g. `okay`, `grace_period`, `disabled`, `locked`. */
  async getPaymentStatus(request?: RequestOptions): Promise<string | undefined> {
    return (await this.#organizationInfo(request)).billing?.paymentStatus;
  }

  /** Billing subscription status, e.g. `subscribed`, `unsubscribed`. */
  async getSubscriptionStatus(request?: RequestOptions): Promise<string | undefined> {
    return (await this.#organizationInfo(request)).billing?.subscriptionStatus;
  }

  /** Whether billing has locked the account: payment disabled or locked, or unsubscribed. */
  async isAccountLocked(request?: RequestOptions): Promise<boolean> {
    const { billing } = await this.#organizationInfo(request);
    return (
      billing?.paymentStatus === "disabled" ||
      billing?.paymentStatus === "locked" ||
      billing?.subscriptionStatus === "unsubscribed"
    );
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `CloudOrganization { organizationId: '${this.organizationId}' }`;
  }

  /**
   * The Config API's organization info, asked for once. Reading it may need rights a
   * workspace's credentials lack: a refusal (any Airbyte error) is remembered as "no info", as
   * PyAirbyte does, so the getters answer undefined instead of failing. A call the caller
   * aborted is not an answer: it is thrown, and the next call asks again.
   */
  #organizationInfo(
    request: RequestOptions | undefined,
  ): Promise<Partial<Config.OrganizationInfoRead> & { email?: string }> {
    this.#info ??= this.#api.config.organizations
      .getOrganizationInfo({ organizationId: this.organizationId }, request)
      .then(
        (info) => info,
        (error: unknown) => {
          if (error instanceof RequestAbortedError) {
            this.#info = undefined;
            throw error;
          }
          if (error instanceof AirbyteError) return {};
          throw error;
        },
      );
    return this.#info;
  }
}
