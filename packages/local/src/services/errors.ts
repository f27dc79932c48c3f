/**
 * What services throw when a request cannot be carried out. A kind names the rule that was
 * broken; the edge (src/http/problems.ts) maps each kind to Airbyte's problem and its status.
 * Some kinds are named after the status Airbyte answers for them (`not-found`, `locked`,
 * `unprocessable`, `try-again-later`, `payload-too-large`, ...), since that status is the rule
 * clients see; no service sets a status itself.
 */
export type ServiceErrorKind =
  | "bad-request"
  | "unknown-value"
  | "unauthorized"
  | "forbidden"
  | "not-found"
  | "try-again-later"
  | "state-conflict"
  | "connection-locked"
  | "unprocessable"
  | "locked"
  | "not-implemented"
  | "tag-already-exists"
  | "tag-invalid-hex-color"
  | "tag-name-too-long"
  | "tag-limit-reached"
  | "group-already-exists"
  | "group-member-already-exists"
  | "group-permission-already-exists"
  | "region-already-exists"
  | "dataplane-already-exists"
  | "cron-invalid-expression"
  | "cron-under-one-hour"
  | "cron-missing"
  | "basic-schedule-under-one-hour"
  // What the edge refuses before any service is asked: a body of another media type, or too large.
  | "unsupported-media-type"
  | "payload-too-large";

export class ServiceError extends Error {
  constructor(
    readonly kind: ServiceErrorKind,
    message: string,
    readonly data: Record<string, unknown> = { message },
  ) {
    super(message);
    this.name = "ServiceError";
  }
}

export const badRequest = (message: string) => new ServiceError("bad-request", message);

export const unprocessable = (message: string) => new ServiceError("unprocessable", message);

export const notFound = (resourceType: string, resourceId: string | number) =>
  new ServiceError("not-found", `Could not find ${resourceType} ${resourceId}.`, {
    resourceType,
    resourceId: String(resourceId),
  });

export const unknownValue = (value: string, message: string) =>
  new ServiceError("unknown-value", message, { value, message });

export const forbidden = (role: string) =>
  new ServiceError(
    "forbidden",
    `Caller does not have the required ${role.toUpperCase()} permissions to access the resource(s).`,
  );

export const stateConflict = (message: string) => new ServiceError("state-conflict", message);

export const tryAgainLater = (message: string) => new ServiceError("try-again-later", message);

/** 423: the resource cannot change while something runs (state edits during a sync). */
export const locked = (message: string) => new ServiceError("locked", message);

export const notImplemented = (message = "This operation is available on Airbyte Cloud only.") =>
  new ServiceError("not-implemented", message);
