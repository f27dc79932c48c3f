/**
 * Reading synced data back: a destination's configuration becomes a reader, a stream's table a
 * {@link Dataset}. Database drivers are optional peer dependencies, imported on first use.
 */
export {
  openDestination,
  DestinationReader,
  READABLE_DESTINATION_TYPES,
  type ReadableDestinationType,
  type DestinationToRead,
  type OpenDestinationOptions,
  type DatasetOptions,
  type QueryStreamOptions,
} from "./reader.js";
export { Dataset, type RowsOptions } from "./dataset.js";
export type { Row } from "./backend.js";
export type { DestinationSecrets } from "./secrets.js";
export {
  normalizeName,
  normalizeSchemaName,
  tableName,
  schemaName,
  type NormalizeNameOptions,
  type TableNameOptions,
  type SchemaNameOptions,
  type NamespaceDefinition,
} from "./naming.js";
export {
  NameNormalizationError,
  UnsupportedDestinationError,
  MissingDriverError,
  MissingSecretError,
  DestinationReadError,
  TableNotFoundError,
} from "./errors.js";
