/**
 * The one place where service errors become HTTP answers. The public API answers Airbyte's
 * problem JSON (`application/json`, not `application/problem+json`, as Airbyte does); the
 * Config API answers its `{ message, errorId }` exception bodies.
 */
import { randomUUID } from "node:crypto";
import type { ServiceError, ServiceErrorKind } from "../services/errors.js";

interface Problem {
  status: number;
  type: string;
  title: string;
  detail: string;
}

const ERRORS = "https://reference.airbyte.com/reference/errors";

/** Airbyte's problem catalogue (api-problems.yaml) for the kinds the services raise. */
const PROBLEMS: Record<ServiceErrorKind, Problem> = {
  "bad-request": {
    status: 400,
    type: `${ERRORS}#bad-request`,
    title: "bad-request",
    detail: "The request could not be understood by the server due to malformed syntax.",
  },
  "unknown-value": {
    status: 400,
    type: ERRORS,
    title: "value-not-found",
    detail: "The submitted value could not be found.",
  },
  unauthorized: {
    status: 401,
    type: `${ERRORS}#invalid-api-key`,
    title: "invalid-api-key",
    detail: "The API key in the Authorization header is invalid.",
  },
  forbidden: { status: 403, type: `${ERRORS}#forbidden`, title: "forbidden", detail: "The request is forbidden." },
  "not-found": {
    status: 404,
    type: `${ERRORS}#resource-not-found`,
    title: "resource-not-found",
    detail: "The requested resource could not be found.",
  },
  "try-again-later": {
    status: 409,
    type: `${ERRORS}#try-again-later`,
    title: "try-again-later",
    detail: "Please try again later.",
  },
  "state-conflict": {
    status: 409,
    type: `${ERRORS}#409-state-conflict`,
    title: "state-conflict",
    detail: "State conflict",
  },
  "connection-locked": {
    status: 409,
    type: "error:connection/locked",
    title: "Connection is locked",
    detail: "The connection is locked and cannot be modified.",
  },
  unprocessable: {
    status: 422,
    type: `${ERRORS}#unprocessable-entity`,
    title: "unprocessable-entity",
    detail: "The body of the request was not understood",
  },
  locked: { status: 423, type: `${ERRORS}#locked`, title: "locked", detail: "The resource is locked." },
  "not-implemented": {
    status: 501,
    type: "error:implementation/not-implemented-in-oss",
    title: "API not implemented in Airbyte OSS",
    detail: "The requested API isn't implemented in the Airbyte OSS version.",
  },
  "tag-already-exists": {
    status: 409,
    type: "error:tag-already-exists",
    title: "Tag already exists",
    detail: "A tag with this name already exists in this workspace.",
  },
  "tag-invalid-hex-color": {
    status: 400,
    type: "error:tag-invalid-hex-color",
    title: "Invalid hex color",
    detail: "The hex color provided is invalid.",
  },
  "tag-name-too-long": {
    status: 400,
    type: "error:tag-name-too-long",
    title: "Tag name too long",
    detail: "The tag name can be maximum 30 characters.",
  },
  "tag-limit-reached": {
    status: 400,
    type: "error:tag-limit-for-workspace-reached",
    title: "Tag limit for workspace reached",
    detail: "The workspace has reached the maximum number of tags.",
  },
  "group-already-exists": {
    status: 409,
    type: "error:group-already-exists",
    title: "Group already exists",
    detail: "A group with this name already exists in this organization.",
  },
  "group-member-already-exists": {
    status: 409,
    type: "error:group-member-already-exists",
    title: "Group member already exists",
    detail: "This user is already a member of this group.",
  },
  "group-permission-already-exists": {
    status: 409,
    type: "error:group-permission-already-exists",
    title: "Group permission already exists",
    detail: "An equivalent permission already exists for this group.",
  },
  "region-already-exists": {
    status: 409,
    type: "error:dataplane-group-name-already-exists",
    title: "Data plane group name already exists",
    detail: "A data plane group with this name already exists for this organization.",
  },
  "dataplane-already-exists": {
    status: 409,
    type: "error:dataplane-name-already-exists",
    title: "Data plane name already exists",
    detail: "A data plane with this name already exists for the data plane group.",
  },
  "cron-invalid-expression": {
    status: 400,
    type: "error:cron-validation/invalid-expression",
    title: "Invalid cron expression",
    detail: "The cron expression is invalid",
  },
  "cron-under-one-hour": {
    status: 400,
    type: "error:cron-validation/under-one-hour-not-allowed",
    title: "Cron sync schedules more frequent than once per hour are not allowed",
    detail: "Syncs",
  },
  "cron-missing": {
    status: 400,
    type: "error:cron-validation/missing-cron-data",
    title: "Cron data is missing",
    detail: "If schedule type is cron, scheduleData.cron must be provided.",
  },
  "unsupported-media-type": {
    status: 415,
    type: `${ERRORS}#unsupported-media-type`,
    title: "unsupported-media-type",
    detail: "The request body is of a media type this operation does not take.",
  },
  "payload-too-large": {
    status: 413,
    type: `${ERRORS}#payload-too-large`,
    title: "payload-too-large",
    detail: "The request body is larger than the server accepts.",
  },
  "basic-schedule-under-one-hour": {
    status: 400,
    type: "error:basic-schedule-validation/under-one-hour-not-allowed",
    title: "Basic sync schedules more frequent than once per hour are not allowed",
    detail: "Syncs more frequent than once per hour require an entitlement",
  },
};

export interface HttpAnswer {
  status: number;
  body: Record<string, unknown>;
}

export function publicProblem(error: ServiceError): HttpAnswer {
  const problem = PROBLEMS[error.kind];
  return { status: problem.status, body: { ...problem, data: error.data } };
}

/** The Config API's exception body (KnownExceptionInfo): a message and an error id. */
export function configException(error: ServiceError): HttpAnswer {
  const problem = PROBLEMS[error.kind];
  const body: Record<string, unknown> = { message: error.message, errorId: randomUUID() };
  if (error.kind === "not-found") body.id = error.data.resourceId;
  if (error.kind === "unprocessable" && Array.isArray(error.data.validationErrors)) {
    body.validationErrors = error.data.validationErrors;
  }
  return { status: problem.status, body };
}

export function unexpectedProblem(message: string): HttpAnswer {
  return {
    status: 500,
    body: {
      status: 500,
      type: ERRORS,
      title: "unexpected-problem",
      detail:
        "An unexpected problem has occurred. If this is an error that needs to be addressed, please submit a pull request or github issue.",
      data: { message },
    },
  };
}
