/** An organization: its name, email and billing status. */
import type { AirbyteApi, Config } from "../api/index.js";
import { AirbyteError } from "../http/errors.js";

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
  get organizationName(): Promise<string | undefined> {
    if (this.#organizationName !== undefined) return Promise.resolve(this.#organizationName);
    return this.#organizationInfo().then((info) => info.organizationName);
  }

  get email(): Promise<string | undefined> {
    if (this.#email !== undefined) return Promise.resolve(this.#email);
    return this.#organizationInfo().then((info) => info.email);
  }

  /** Billing payment status, e.g. `okay`, `grace_period`, `disabled`, `locked`. */
  get paymentStatus(): Promise<string | undefined> {
    return this.#organizationInfo().then((info) => info.billing?.paymentStatus);
  }

  /** Billing subscription status, e.g. `subscribed`, `unsubscribed`. */
  get subscriptionStatus(): Promise<string | undefined> {
    return this.#organizationInfo().then((info) => info.billing?.subscriptionStatus);
  }

  /** Whether billing has locked the account: payment disabled or locked, or unsubscribed. */
  get isAccountLocked(): Promise<boolean> {
    return this.#organizationInfo().then(
      (info) =>
        info.billing?.paymentStatus === "disabled" ||
        info.billing?.paymentStatus === "locked" ||
        info.billing?.subscriptionStatus === "unsubscribed",
    );
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `CloudOrganization { organizationId: '${this.organizationId}' }`;
  }

  /**
   * The Config API's organization info, asked for once. Reading it may need rights a
   * workspace's credentials lack: a refusal (any Airbyte error) is remembered as "no info", as
   * PyAirbyte does, so the properties answer undefined instead of failing.
   */
  #organizationInfo(): Promise<Partial<Config.OrganizationInfoRead> & { email?: string }> {
    this.#info ??= this.#api.config.organizations.getOrganizationInfo({ organizationId: this.organizationId }).then(
      (info) => info,
      (error: unknown) => {
        if (error instanceof AirbyteError) return {};
        throw error;
      },
    );
    return this.#info;
  }
}
