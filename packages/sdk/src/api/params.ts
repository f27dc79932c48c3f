import type { ActorTypeEnum, TagId } from "./models.gen.js";

/** Path parameters shared by several operations. */

export interface ApplicationIdParams {
  applicationId: string;
}

export interface ConnectionIdParams {
  connectionId: string;
}

export interface DataplaneIdParams {
  dataplaneId: string;
}

export interface DestinationIdParams {
  destinationId: string;
}

export interface GroupIdParams {
  groupId: string;
}

export interface GroupMemberParams {
  groupId: string;
  userId: string;
}

export interface GroupPermissionParams {
  groupId: string;
  permissionId: string;
}

export interface JobIdParams {
  jobId: number;
}

export interface OrganizationIdParams {
  organizationId: string;
}

export interface OrganizationOAuthCredentialsParams {
  organizationId: string;
  actorType: ActorTypeEnum;
  name: string;
}

export interface PermissionIdParams {
  permissionId: string;
}

export interface RegionIdParams {
  regionId: string;
}

export interface SourceIdParams {
  sourceId: string;
}

export interface TagIdParams {
  tagId: TagId;
}

export interface WorkspaceDefinitionParams {
  workspaceId: string;
  definitionId: string;
}

export interface WorkspaceIdParams {
  workspaceId: string;
}

export interface WorkspaceOAuthCredentialsParams {
  workspaceId: string;
  actorType: ActorTypeEnum;
  name: string;
}
