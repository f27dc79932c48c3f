/**
 * A source or destination as the tools show it (list_cloud_connectors and the connector tools
 * alike): id, kind, name, connector, definition and web URL; never its configuration.
 */
import type { CloudDestination, CloudSource, RequestOptions } from "airbyte-ts";
import { z } from "zod";

export const connectorSchema = z.object({
  id: z.string(),
  connector_type: z.enum(["source", "destination"]),
  name: z.string(),
  connector_name: z.string().describe("The connector's short name as the API gives it (faker); '' for a custom one."),
  definition_id: z.string(),
  url: z.string(),
});

export async function connectorSummary(
  target: CloudSource | CloudDestination,
  request: RequestOptions,
): Promise<z.infer<typeof connectorSchema>> {
  const info = await target.getInfo({}, request);
  return {
    id: target.connectorId,
    connector_type: target.connectorType,
    name: info.name,
    connector_name: "sourceType" in info ? info.sourceType : info.destinationType,
    definition_id: info.definitionId,
    url: target.connectorUrl,
  };
}
