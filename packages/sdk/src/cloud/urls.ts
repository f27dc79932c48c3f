/**
 * Every page of the Airbyte web app the SDK links to, built from a public API root (the web
 * app's root is derived from it: see `webAppRootOf`).
 */
import { webAppRootOf } from "../internal/url-roots.js";

export function workspaceUrlOf(apiRoot: string, workspaceId: string): string {
  return `${webAppRootOf(apiRoot)}/workspaces/${workspaceId}`;
}

/** A connection's page. */
export function connectionUrlOf(workspaceUrl: string, connectionId: string): string {
  return `${workspaceUrl}/connections/${connectionId}`;
}

/** A connection's job history (its timeline). */
export function connectionTimelineUrlOf(workspaceUrl: string, connectionId: string): string {
  return `${connectionUrlOf(workspaceUrl, connectionId)}/timeline`;
}

/** A job's entry in its connection's timeline: the app anchors it at the job's first attempt. */
export function jobUrlOf(workspaceUrl: string, connectionId: string, jobId: number): string {
  return `${connectionTimelineUrlOf(workspaceUrl, connectionId)}#${jobId}::0`;
}

/** A source's or destination's page. */
export function connectorUrlOf(workspaceUrl: string, connectorType: "source" | "destination", id: string): string {
  return `${workspaceUrl}/${connectorType}/${id}`;
}

/** The workspace's settings page of custom source or destination connectors. */
export function customConnectorsUrlOf(workspaceUrl: string, connectorType: "source" | "destination"): string {
  return `${workspaceUrl}/settings/${connectorType}`;
}

/** A Connector Builder project's editor. */
export function connectorBuilderUrlOf(workspaceUrl: string, projectId: string): string {
  return `${workspaceUrl}/connector-builder/edit/${projectId}`;
}
