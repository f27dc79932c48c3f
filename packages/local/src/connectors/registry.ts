/**
 * The built-in connector catalog: the connectors every workspace can use, found by definition
 * id or by the public API's short name (`configuration.sourceType` / `destinationType`).
 * Custom definitions (Docker images, declarative manifests) live in the database instead.
 */
import { devNullDestination } from "./destinations/dev-null.js";
import { duckdbDestination } from "./destinations/duckdb.js";
import { postgresDestination } from "./destinations/postgres.js";
import { bigqueryDestination, motherduckDestination, snowflakeDestination } from "./destinations/warehouses.js";
import { fakerSource } from "./sources/faker.js";
import { fileSource } from "./sources/file.js";
import { postgresSource } from "./sources/postgres.js";
import type { Connector, DestinationConnector, SourceConnector } from "./types.js";

const SOURCES: readonly SourceConnector[] = [fakerSource, postgresSource, fileSource];
const DESTINATIONS: readonly DestinationConnector[] = [
  devNullDestination,
  duckdbDestination,
  postgresDestination,
  motherduckDestination,
  snowflakeDestination,
  bigqueryDestination,
];
const ALL: readonly Connector[] = [...SOURCES, ...DESTINATIONS];
const BY_ID = new Map(ALL.map((connector) => [connector.definition.definitionId, connector]));

export function builtInConnectors(): readonly Connector[] {
  return ALL;
}

export function findConnector(definitionId: string): Connector | undefined {
  return BY_ID.get(definitionId.toLowerCase());
}

export function connectorByShortName(actorType: "source", shortName: string): SourceConnector | undefined;
export function connectorByShortName(actorType: "destination", shortName: string): DestinationConnector | undefined;
export function connectorByShortName(actorType: "source" | "destination", shortName: string): Connector | undefined;
export function connectorByShortName(actorType: "source" | "destination", shortName: string): Connector | undefined {
  const list: readonly Connector[] = actorType === "source" ? SOURCES : DESTINATIONS;
  return list.find((connector) => connector.definition.shortName === shortName);
}

export function isSourceConnector(connector: Connector): connector is SourceConnector {
  return connector.definition.actorType === "source";
}
