/**
 * Connectors the local server knows but cannot run (warehouses, databases it has no driver for):
 * they can be created and configured like on Airbyte, and their checks fail with the reason.
 */
import type { ConnectorDefinition, DestinationConnector, SourceConnector } from "./types.js";

type Definition = Omit<ConnectorDefinition, "notRunnableReason">;

/** "The local server cannot run the Snowflake destination; create it against ..." */
function notRunnableReason(definition: Pick<ConnectorDefinition, "name" | "actorType">): string {
  return `The local server cannot run the ${definition.name} ${definition.actorType}; create it against Airbyte Cloud or a self-managed Airbyte to sync.`;
}

export function notRunnableSource(definition: Definition): SourceConnector {
  const reason = notRunnableReason(definition);
  return {
    definition: { ...definition, notRunnableReason: reason },
    check: async () => ({ status: "failed", message: reason }),
    discover: () => Promise.reject(new Error(reason)),
  };
}

export function notRunnableDestination(definition: Definition): DestinationConnector {
  const reason = notRunnableReason(definition);
  return {
    definition: { ...definition, notRunnableReason: reason },
    check: async () => ({ status: "failed", message: reason }),
  };
}
