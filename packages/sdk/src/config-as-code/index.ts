/**
 * Config as code: a workspace's sources, destinations, connections, custom definitions and tags
 * declared in YAML files, read and checked here. (Planning against a workspace and applying
 * the plan build on this.)
 */
export { loadProject, PROJECT_API_VERSION, type LoadProjectOptions, type ProjectFile } from "./load-project.js";
export { ConfigFileError, EnvVarMissingError, type FileLocation } from "./errors.js";
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
