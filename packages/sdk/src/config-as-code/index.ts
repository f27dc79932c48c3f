/**
 * Config as code: a workspace's sources, destinations, connections, custom definitions and tags
 * declared in YAML files. `loadProject` reads and checks the files, `plan` compares them with a
 * workspace, `apply` carries the plan out, `importWorkspace` writes the files of a workspace as it is.
 */
export {
  loadProject,
  PROJECT_API_VERSION,
  PROJECT_SCHEMA_URL,
  type LoadProjectOptions,
  type ProjectFile,
} from "./load-project.js";
export { plan, type PlanOptions, type PlanTarget } from "./plan-workspace.js";
export { apply, type ApplyOptions, type ApplyProgress, type ApplyResult } from "./apply-plan.js";
export {
  hasChanges,
  type Plan,
  type PlanAction,
  type PlanActionKind,
  type PlanCounts,
  type PlanWarning,
} from "./plan.js";
export type { FieldChange } from "./compare.js";
export type { SpecProvider } from "./plan-connectors.js";
export { importWorkspace, type ImportedWorkspace } from "./import-workspace.js";
export { lockFilePath, writeLockFile, type LockEntry, type LockFile, type RetiringObject } from "./lock-file.js";
export {
  ConfigFileError,
  DestroyPreventedError,
  EnvVarMissingError,
  PlanStaleError,
  ReplaceNotAllowedError,
  type FileLocation,
} from "./errors.js";
export { AIRBYTE_MACROS } from "./variables.js";
export {
  RESOURCE_KINDS,
  type Address,
  type ConfigurationValue,
  type ConnectionResource,
  type ConnectorChoice,
  type ConnectorResource,
  type DefinitionResource,
  type Lifecycle,
  type NamespaceSetting,
  type Project,
  type Reference,
  type Resource,
  type ResourceKind,
  type Schedule,
  type StreamSetting,
  type SyncMode,
  type TagResource,
  type WorkspaceChoice,
} from "./project.js";
