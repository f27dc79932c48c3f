/** An organization: its name, email and billing status. */
import type { AirbyteApi, Config } from "../api/index.js";
import { AirbyteError, RequestAbortedError } from "../http/errors.js";
import { type CallOptions, requestOptions } from "./internal.js";

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
  async getOrganizationName(options: CallOptions = {}): Promise<string | undefined> {
    if (this.#organizationName !== undefined) return this.#organizationName;
    return (await this.#organizationInfo(options)).organizationName;
  }

  async getEmail(options: CallOptions = {}): Promise<string | undefined> {
    if (this.#email !== undefined) return this.#email;
    return (await this.#organizationInfo(options)).email;
  }

  /** Billing payment status, e.g. `okay`, `grace_period`, `disabled`, `locked`. */
  async getPaymentStatus(options: CallOptions = {}): Promise<string | undefined> {
    return (await this.#organizationInfo(options)).billing?.paymentStatus;
  }

  /** Billing subscription status, e.g. `subscribed`, `unsubscribed`. */
  async getSubscriptionStatus(options: CallOptions = {}): Promise<string | undefined> {
    return (await this.#organizationInfo(options)).billing?.subscriptionStatus;
  }

  /** Whether billing has locked the account: payment disabled or locked, or unsubscribed. */
  async isAccountLocked(options: CallOptions = {}): Promise<boolean> {
    const { billing } = await this.#organizationInfo(options);
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
  #organizationInfo(options: CallOptions): Promise<Partial<Config.OrganizationInfoRead> & { email?: string }> {
    this.#info ??= this.#api.config.organizations
      .getOrganizationInfo({ organizationId: this.organizationId }, requestOptions(options))
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
