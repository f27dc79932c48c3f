/**
 * What the high-level objects know about a resource, in one shape whichever API answered
 * (PyAirbyte's `Cloud*Info` models). Dates are `Date`s.
 */
import type {
  Config,
  ConnectionResponse,
  ConnectionStatusEnum,
  DeclarativeSourceDefinitionResponse,
  DefinitionResponse,
  DestinationResponse,
  JobResponse,
  JobTypeEnum,
  SourceResponse,
  StreamConfiguration,
  WorkspaceResponse,
} from "../api/index.js";
import type { JobStatusEnum } from "./constants.js";

export interface CloudWorkspaceInfo {
  workspaceId: string;
  name: string;
  dataResidency: string | undefined;
  organizationId: string | undefined;
  /** The public API answers an object, the Config API a list. */
  notifications: Record<string, unknown> | Record<string, unknown>[];
}

export interface CloudConnectionInfo {
  connectionId: string;
  workspaceId: string;
  sourceId: string;
  destinationId: string;
  name: string;
  streams: StreamConfiguration[];
  prefix: string | undefined;
  status: ConnectionStatusEnum;
  /** The raw answer of the public API. */
  raw: ConnectionResponse;
}

export interface CloudJobInfo {
  jobId: number;
  status: JobStatusEnum;
  jobType: JobTypeEnum;
  connectionId: string;
  bytesSynced: number | undefined;
  rowsSynced: number | undefined;
  /** As the API sends it (ISO-8601). */
  startTime: string;
  lastUpdatedAt: string | undefined;
  duration: string | undefined;
}

export interface CloudSourceInfo {
  sourceId: string;
  workspaceId: string;
  name: string;
  definitionId: string;
  sourceType: string;
  raw: SourceResponse;
}

export interface CloudDestinationInfo {
  destinationId: string;
  workspaceId: string;
  name: string;
  definitionId: string;
  destinationType: string;
  raw: DestinationResponse;
}

export interface CloudCustomSourceDefinitionInfo {
  definitionId: string;
  name: string;
  /** YAML definitions only. */
  manifest: Record<string, unknown> | undefined;
  /** YAML definitions only: the manifest's version number, as text. */
  version: string | undefined;
  /** Docker definitions only. */
  dockerRepository: string | undefined;
  dockerImageTag: string | undefined;
  documentationUrl: string | undefined;
}

export function workspaceInfoFromApi(response: WorkspaceResponse): CloudWorkspaceInfo {
  return {
    workspaceId: response.workspaceId,
    name: response.name,
    dataResidency: response.dataResidency,
    organizationId: (response as WorkspaceResponse & { organizationId?: string }).organizationId,
    notifications: (response.notifications ?? {}) as Record<string, unknown>,
  };
}

export function workspaceInfoFromConfig(workspace: Config.WorkspaceRead): CloudWorkspaceInfo {
  return {
    workspaceId: workspace.workspaceId,
    name: workspace.name,
    dataResidency: workspace.dataplaneGroupId,
    organizationId: workspace.organizationId,
    notifications: (workspace.notifications ?? []) as unknown as Record<string, unknown>[],
  };
}

export function connectionInfo(response: ConnectionResponse): CloudConnectionInfo {
  return {
    connectionId: response.connectionId,
    workspaceId: response.workspaceId,
    sourceId: response.sourceId,
    destinationId: response.destinationId,
    name: response.name,
    streams: response.configurations?.streams ?? [],
    prefix: response.prefix,
    status: response.status,
    raw: response,
  };
}

export function jobInfo(response: JobResponse): CloudJobInfo {
  return {
    jobId: response.jobId,
    status: response.status,
    jobType: response.jobType,
    connectionId: response.connectionId,
    bytesSynced: response.bytesSynced,
    rowsSynced: response.rowsSynced,
    startTime: response.startTime,
    lastUpdatedAt: response.lastUpdatedAt,
    duration: response.duration,
  };
}

export function sourceInfo(response: SourceResponse): CloudSourceInfo {
  return {
    sourceId: response.sourceId,
    workspaceId: response.workspaceId,
    name: response.name,
    definitionId: response.definitionId,
    sourceType: response.sourceType,
    raw: response,
  };
}

export function destinationInfo(response: DestinationResponse): CloudDestinationInfo {
  return {
    destinationId: response.destinationId,
    workspaceId: response.workspaceId,
    name: response.name,
    definitionId: response.definitionId,
    destinationType: response.destinationType,
    raw: response,
  };
}

export function declarativeDefinitionInfo(
  response: DeclarativeSourceDefinitionResponse,
): CloudCustomSourceDefinitionInfo {
  return {
    definitionId: response.id,
    name: response.name,
    manifest: response.manifest,
    version: response.version === undefined || response.version === null ? undefined : String(response.version),
    dockerRepository: undefined,
    dockerImageTag: undefined,
    documentationUrl: undefined,
  };
}

export function dockerDefinitionInfo(response: DefinitionResponse): CloudCustomSourceDefinitionInfo {
  return {
    definitionId: response.id,
    name: response.name,
    manifest: undefined,
    version: undefined,
    dockerRepository: response.dockerRepository,
    dockerImageTag: response.dockerImageTag,
    documentationUrl: response.documentationUrl,
  };
}
