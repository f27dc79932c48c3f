/** What the connector verbs share: finding the connector, its record and columns. */
import type { CloudDestination, CloudSource } from "airbyte-ts";
import type { Context } from "../../context.js";
import type { Column } from "../../output/output.js";
import { destinationColumns, destinationRecord, type Row, sourceColumns, sourceRecord } from "../../output/records.js";
import { destinationOf, sourceOf } from "../../util/resources.js";
import type { ConnectorKind } from "./register.js";

export async function connectorOf(
  ctx: Context,
  kind: ConnectorKind,
  idOrName: string,
): Promise<CloudSource | CloudDestination> {
  const workspace = await ctx.workspace();
  return kind === "source" ? sourceOf(workspace, idOrName) : destinationOf(workspace, idOrName);
}

export async function recordOf(connector: CloudSource | CloudDestination): Promise<Row> {
  return connector.connectorType === "source"
    ? sourceRecord(await connector.getInfo())
    : destinationRecord(await connector.getInfo());
}

export function columnsOf(kind: ConnectorKind): Column[] {
  return kind === "source" ? sourceColumns : destinationColumns;
}

export function detailColumns(kind: ConnectorKind): Column[] {
  return [
    ...columnsOf(kind),
    { key: "definitionId", header: "Definition ID" },
    { key: "workspaceId", header: "Workspace ID" },
    { key: "configuration", header: "Configuration" },
  ];
}
