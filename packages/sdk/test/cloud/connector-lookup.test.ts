/**
 * A connector found by id alone (`getConnector`), its specification, and its configuration as
 * it may be shown (`getConfiguration`), against the local server, with the requests each makes.
 */
import { describe, expect, it } from "vitest";
import {
  CloudClient,
  CloudDestination,
  CloudSource,
  CloudWorkspace,
  MissingResourceError,
  PermissionDeniedError,
} from "airbyte-ts";
import { maskConfigurationSecrets } from "../../src/cloud/configuration-secrets.js";
import { rejection, uniqueName, useCloudServer } from "./harness.js";

const harness = useCloudServer();
const FAKER = { sourceType: "faker", count: 10, seed: 5 };
const DEV_NULL = { destinationType: "dev-null", test_destination: { test_destination_type: "SILENT" } };
const MASK = "**********";
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

describe("getConnector", () => {
  it("finds a source with one request, a destination with two, and one with the type given", async () => {
    const workspace = harness.workspace();
    const source = await workspace.deploySource(uniqueName("src"), FAKER);
    const destination = await workspace.deployDestination(uniqueName("dst"), DEV_NULL);

    const asSource = await harness.count(() => workspace.getConnector(source.sourceId));
    expect(asSource.result).toBeInstanceOf(CloudSource);
    expect(asSource.requests).toEqual({ getSource: 1 });
    expect(await asSource.result.getName()).toBe(await source.getName());

    const asDestination = await harness.count(() => workspace.getConnector(destination.destinationId));
    expect(asDestination.result).toBeInstanceOf(CloudDestination);
    expect(asDestination.result.connectorId).toBe(destination.destinationId);
    expect(asDestination.requests).toEqual({ getSource: 1, getDestination: 1 });

    const typed = await harness.count(() =>
      workspace.getConnector(destination.destinationId, { connectorType: "destination" }),
    );
    expect(typed.requests).toEqual({ getDestination: 1 });
  });

  it("an id of neither kind is a MissingResourceError naming a connector; a wrong type, the type's", async () => {
    const workspace = harness.workspace();
    const missing = await rejection(workspace.getConnector(UNKNOWN_ID));
    expect(missing).toBeInstanceOf(MissingResourceError);
    expect(missing).toMatchObject({ resourceType: "connector", resourceNameOrId: UNKNOWN_ID });
    expect(missing.message).toContain("source or destination");

    const source = await workspace.deploySource(uniqueName("src"), FAKER);
    const wrongType = await rejection(workspace.getConnector(source.sourceId, { connectorType: "destination" }));
    expect(wrongType).toMatchObject({ resourceType: "destination", resourceNameOrId: source.sourceId });
    expect(await rejection(() => workspace.getConnector(" "))).toMatchObject({ code: "invalid_argument" });
  });

  it("for a caller who is no instance admin, a 403 for the source means: try the destination", async () => {
    const user = harness.local().createUser({ email: `${uniqueName("u").replace(/\W/g, "")}@example.com` });
    const client = new CloudClient({
      clientId: user.clientId,
      clientSecret: user.clientSecret,
      publicApiRoot: harness.local().publicApiUrl,
      organizationId: user.organizationId,
      ...harness.tuning(),
    });
    const info = await client.createWorkspace({ name: uniqueName("theirs") });
    const workspace = client.getWorkspace(info.workspaceId);
    const destination = await workspace.deployDestination(uniqueName("dst"), DEV_NULL);

    const found = await harness.count(() => workspace.getConnector(destination.destinationId));
    expect(found.result).toBeInstanceOf(CloudDestination);
    expect(found.requests).toEqual({ getSource: 1, getDestination: 1 });
    expect(await rejection(workspace.getConnector(UNKNOWN_ID))).toBeInstanceOf(PermissionDeniedError);
  });
});

describe("getSpecification and getConfiguration", () => {
  it("the specification comes from the Config API, once per call", async () => {
    const workspace = harness.workspace();
    const source = await workspace.deploySource(uniqueName("src"), FAKER);
    const { result, requests } = await harness.count(() => source.getSpecification());
    expect(requests).toEqual({ "config.source_definition_specifications.get": 1 });
    expect(result).toMatchObject({ type: "object", properties: { count: { type: "integer" } } });
  });

  it("masks what the API masks and text fields named like secrets that the spec does not describe", async () => {
    const workspace = harness.workspace();
    const destination = await workspace.deployDestination(uniqueName("dst"), {
      destinationType: "duckdb",
      destination_path: "/local/lookup.duckdb",
      motherduck_api_key: "md-key-value",
    });
    const shown = await harness.count(() => destination.getConfiguration());
    expect(shown.result).toEqual({ destination_path: "/local/lookup.duckdb", motherduck_api_key: MASK });
    expect(shown.requests).toEqual({ "config.destination_definition_specifications.get": 1 });

    // Faker's spec takes fields it does not describe, and the API answers them as stored.
    const source = await workspace.deploySource(uniqueName("src"), { ...FAKER, api_token: "tok-value", note: "kept" });
    expect((await source.getInfo()).raw.configuration).toMatchObject({ api_token: "tok-value" });
    expect(await source.getConfiguration()).toEqual({ count: 10, seed: 5, api_token: MASK, note: "kept" });
  });

  it("without a specification this Airbyte gives, secrets are found by their names", async () => {
    const admin = harness.workspace();
    const source = await admin.deploySource(uniqueName("src"), { ...FAKER, client_secret: "cs-value" });
    // A Config API root where nothing answers: every Config API call is a 404.
    const workspace = new CloudWorkspace({
      workspaceId: harness.local().workspaceId,
      clientId: harness.local().clientId,
      clientSecret: harness.local().clientSecret,
      apiRoot: harness.local().publicApiUrl,
      configApiRoot: `${harness.local().url}/nowhere/api/v1`,
      apiOptions: { retries: false, logLevel: "off" },
    });
    expect(await workspace.getSource(source.sourceId).getConfiguration()).toEqual({
      count: 10,
      seed: 5,
      client_secret: MASK,
    });
  });
});

describe("maskConfigurationSecrets", () => {
  const spec = {
    type: "object",
    properties: {
      host: { type: "string" },
      token_url: { type: "string" },
      replicas: {
        type: "array",
        items: { type: "object", properties: { key: { type: "string", airbyte_secret: true } } },
      },
      credentials: {
        type: "object",
        oneOf: [
          { properties: { auth_type: { const: "key" }, api_key: { type: "string", airbyte_secret: true } } },
          { properties: { auth_type: { const: "login" }, password: { type: "string", airbyte_secret: true } } },
        ],
      },
    },
  };

  it("masks what the spec marks secret, in arrays and in every branch, and keeps the rest", () => {
    const configuration = {
      host: "db",
      token_url: "https://auth.example/token",
      replicas: [{ key: "k1", region: "eu" }],
      credentials: { auth_type: "login", password: "p" },
      extra_password: "x",
      unset_secret: null,
    };
    expect(maskConfigurationSecrets(configuration, spec)).toEqual({
      host: "db",
      // Described and not secret: the spec says, not the name.
      token_url: "https://auth.example/token",
      replicas: [{ key: MASK, region: "eu" }],
      credentials: { auth_type: "login", password: MASK },
      // Not described: the name says.
      extra_password: MASK,
      unset_secret: null,
    });
    expect(configuration.credentials.password).toBe("p");
  });

  it("without a spec, every text field named like a secret, at any depth", () => {
    expect(
      maskConfigurationSecrets(
        { token_url: "u", nested: { access_key: "a", port: 5432, password: 7 }, list: [{ secret: "s" }] },
        undefined,
      ),
    ).toEqual({ token_url: MASK, nested: { access_key: MASK, port: 5432, password: 7 }, list: [{ secret: MASK }] });
  });
});
