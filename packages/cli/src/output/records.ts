/**
 * The records commands print, and their table columns. JSON fields are a contract: they are the
 * public API's own field names (camelCase), so a script can rely on Airbyte's documentation.
 * Connector configurations pass through `maskSecrets` on top of the server's own masking.
 */
import type {
  CloudConnectionInfo,
  CloudCustomDefinitionInfo,
  CloudDestinationInfo,
  CloudJobInfo,
  CloudSourceInfo,
  CloudWorkspaceInfo,
} from "airbyte-ts";
import { bytes, count, isoDuration } from "./human.js";
import type { Column } from "./output.js";

export type Row = Record<string, unknown>;

const MASK = "**********";
const SECRET_KEY = /(password|secret|token|api_?key|private_?key|credentials?_json|access_?key|client_?secret)/i;

/** A copy with every string under a secret-looking key replaced by the mask. */
function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value as Row).map(([key, field]) => [
      key,
      SECRET_KEY.test(key) && typeof field === "string" && field !== "" ? MASK : maskSecrets(field),
    ]),
  );
}

// ---- workspaces -------------------------------------------------------------------------------

export function workspaceRecord(info: CloudWorkspaceInfo): Row {
  return {
    workspaceId: info.workspaceId,
    name: info.name,
    organizationId: info.organizationId ?? null,
    dataResidency: info.dataResidency ?? null,
  };
}

export const workspaceColumns: Column[] = [
  { key: "workspaceId", header: "Workspace ID" },
  { key: "name", header: "Name" },
  { key: "organizationId", header: "Organization ID" },
];

// ---- connections ------------------------------------------------------------------------------

export function connectionRecord(info: CloudConnectionInfo): Row {
  return { ...info.raw };
}

const schedule = (row: Row) => {
  const value = row.schedule as { scheduleType?: string; cronExpression?: string } | undefined;
  return value?.scheduleType === "cron" ? `cron ${value.cronExpression ?? ""}` : (value?.scheduleType ?? "");
};

export const connectionColumns: Column[] = [
  { key: "connectionId", header: "Connection ID" },
  { key: "name", header: "Name" },
  { key: "status", header: "Status" },
  { key: "schedule", header: "Schedule", get: schedule },
  { key: "configurations.streams.name", header: "Streams" },
];

export const connectionDetailColumns: Column[] = [
  { key: "connectionId", header: "Connection ID" },
  { key: "name", header: "Name" },
  { key: "status", header: "Status" },
  { key: "schedule", header: "Schedule", get: schedule },
  { key: "sourceId", header: "Source ID" },
  { key: "destinationId", header: "Destination ID" },
  { key: "prefix", header: "Prefix" },
  { key: "configurations.streams.name", header: "Streams" },
  { key: "workspaceId", header: "Workspace ID" },
];

// ---- sources and destinations -----------------------------------------------------------------

export function sourceRecord(info: CloudSourceInfo): Row {
  return maskSecrets({ ...info.raw }) as Row;
}

export function destinationRecord(info: CloudDestinationInfo): Row {
  return maskSecrets({ ...info.raw }) as Row;
}

export const sourceColumns: Column[] = [
  { key: "sourceId", header: "Source ID" },
  { key: "name", header: "Name" },
  { key: "sourceType", header: "Type" },
];

export const destinationColumns: Column[] = [
  { key: "destinationId", header: "Destination ID" },
  { key: "name", header: "Name" },
  { key: "destinationType", header: "Type" },
];

// ---- jobs -------------------------------------------------------------------------------------

export function jobRecord(job: CloudJobInfo): Row {
  return {
    jobId: job.jobId,
    status: job.status,
    jobType: job.jobType,
    connectionId: job.connectionId,
    startTime: job.startTime,
    lastUpdatedAt: job.lastUpdatedAt ?? null,
    duration: job.duration ?? null,
    rowsSynced: job.rowsSynced ?? 0,
    bytesSynced: job.bytesSynced ?? 0,
  };
}

export const jobColumns: Column[] = [
  { key: "jobId", header: "Job ID" },
  { key: "jobType", header: "Type" },
  { key: "status", header: "Status" },
  { key: "connectionId", header: "Connection ID" },
  { key: "startTime", header: "Started" },
  { key: "duration", header: "Duration", get: (row) => isoDuration(row.duration as string | undefined) },
  { key: "rowsSynced", header: "Rows", get: (row) => count(row.rowsSynced as number) },
  { key: "bytesSynced", header: "Bytes", get: (row) => bytes(row.bytesSynced as number) },
];

// ---- custom definitions -----------------------------------------------------------------------

export function definitionRecord(
  info: CloudCustomDefinitionInfo,
  definitionType: string,
  connectorType: "source" | "destination",
  withManifest = false,
): Row {
  return {
    definitionId: info.definitionId,
    name: info.name,
    connectorType,
    definitionType,
    ...(definitionType === "yaml"
      ? { version: info.version ?? null, ...(withManifest ? { manifest: info.manifest ?? null } : {}) }
      : {
          dockerRepository: info.dockerRepository ?? null,
          dockerImageTag: info.dockerImageTag ?? null,
          documentationUrl: info.documentationUrl ?? null,
        }),
  };
}

export const definitionColumns: Column[] = [
  { key: "definitionId", header: "Definition ID" },
  { key: "name", header: "Name" },
  { key: "connectorType", header: "For" },
  { key: "definitionType", header: "Type" },
  {
    key: "dockerRepository",
    header: "Image / version",
    get: (row) =>
      row.definitionType === "yaml"
        ? `manifest ${String(row.version ?? "")}`
        : `${String(row.dockerRepository)}:${String(row.dockerImageTag)}`,
  },
];
