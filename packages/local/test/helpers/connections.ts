/**
 * Shared set-up of the connection tests: a faker source and a destination in a workspace, and a
 * way to see the HTTP error a call ends with.
 */
import type { AirbyteApi } from "airbyte-ts";
import type { LocalHarness } from "@airbyte-ts/test-support/local-server";

export { failure } from "@airbyte-ts/test-support/local-server";

export interface Pair {
  workspaceId: string;
  sourceId: string;
  destinationId: string;
}

/** A faker source ("faker") and a dev-null destination ("null") in the workspace. */
export async function fakerToDevNull(api: AirbyteApi, workspaceId: string): Promise<Pair> {
  const source = await api.sources.createSource({
    name: "faker",
    workspaceId,
    configuration: { sourceType: "faker", count: 10 },
  });
  const destination = await api.destinations.createDestination({
    name: "null",
    workspaceId,
    configuration: { destinationType: "dev-null", test_destination: { test_destination_type: "SILENT" } },
  });
  return { workspaceId, sourceId: source.sourceId, destinationId: destination.destinationId };
}

/** A new workspace with a faker source and a dev-null destination. */
export async function newPair(harness: LocalHarness, name: string): Promise<Pair> {
  const api = harness.admin();
  const { workspaceId } = await api.workspaces.createWorkspace({ name });
  return fakerToDevNull(api, workspaceId);
}

/** A user of another organization, with its own client. */
export function outsider(harness: LocalHarness): AirbyteApi {
  return harness.person(`outsider-${crypto.randomUUID()}@example.com`).api;
}

/** A user of the default organization with the given organization role. */
export function member(harness: LocalHarness, organizationRole: string): AirbyteApi {
  const email = `${organizationRole}-${crypto.randomUUID()}@example.com`;
  return harness.person(email, { organizationId: harness.local().organizationId, organizationRole }).api;
}

/** An access token of the instance admin, for raw requests. */
export async function adminToken(harness: LocalHarness): Promise<string> {
  const token = await harness.admin().applications.createAccessToken({
    client_id: harness.local().clientId,
    client_secret: harness.local().clientSecret,
    grant_type: "client_credentials",
  });
  return token.access_token;
}
