/** The low-level client: one method per operation of the public API, plus the Config API calls. */
export { AirbyteApi, type AirbyteApiOptions } from "./client.js";
export { createJobOnce } from "../lib/create-job-once.js";
export {
  FAILED_JOB_STATUSES,
  FINAL_JOB_STATUSES,
  isFailedJobStatus,
  isFinalJobStatus,
  isUnfinishedJobStatus,
  JOB_STATUSES,
  UNFINISHED_JOB_STATUSES,
} from "./job-statuses.js";
export type * from "./models.gen.js";
export type * from "./params.js";
export type * from "./resources/applications.js";
export type * from "./resources/connections.js";
export type * from "./resources/connector-definitions.js";
export type * from "./resources/dataplanes.js";
export type * from "./resources/declarative-source-definitions.js";
export type * from "./resources/destination-definitions.js";
export type * from "./resources/destinations.js";
export type * from "./resources/embedded-scoped-token.js";
export type * from "./resources/embedded-widget.js";
export type * from "./resources/groups.js";
export type * from "./resources/health.js";
export type * from "./resources/jobs.js";
export type * from "./resources/oauth.js";
export type * from "./resources/organizations.js";
export type * from "./resources/permissions.js";
export type * from "./resources/public-root.js";
export type * from "./resources/regions.js";
export type * from "./resources/source-definitions.js";
export type * from "./resources/sources.js";
export type * from "./resources/streams.js";
export type * from "./resources/tags.js";
export type * from "./resources/users.js";
export type * from "./resources/workspaces.js";
/** Types of the Config API, e.g. `Config.ConnectionState`. */
export type * as Config from "./config/models.gen.js";
