/**
 * Deployed sources and destinations against the local server: lazy info, rename, configuration
 * updates, checks (passing, failing, not runnable), with the requests each makes.
 */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { CheckResult, ConnectorCheckError, MissingResourceError } from "airbyte-ts";
import { rejection, uniqueName, useCloudServer } from "./harness.js";

const harness = useCloudServer();
const FAKER = { sourceType: "faker", count: 10, seed: 5 };
/** A Postgres destination nobody listens for: its check runs and fails. */
const UNREACHABLE_POSTGRES = {
  destinationType: "postgres",
  host: "127.0.0.1",
  port: 1,
  database: "db",
  schema: "public",
  username: "user",
  password: "secret-password",
  ssl_mode: { mode: "disable" },
};
/** Snowflake: the local server can configure it but not run it, so its check cannot run. */
const SNOWFLAKE = {
  destinationType: "snowflake",
  host: "account.snowflakecomputing.com",
  role: "AIRBYTE_ROLE",
  warehouse: "AIRBYTE_WAREHOUSE",
  database: "AIRBYTE_DATABASE",
  schema: "AIRBYTE_SCHEMA",
  username: "AIRBYTE_USER",
  credentials: { auth_type: "Username and Password", password: "secret" },
};

describe("sources and destinations", () => {
  it("getName and getDefinitionId: one request the first time, none after", async () => {
    const workspace = harness.workspace();
    const deployed = await workspace.deploySource(uniqueName("src"), FAKER);
    const source = workspace.getSource(deployed.sourceId);
    expect(source.sourceId).toBe(source.connectorId);
    const first = await harness.count(() => source.getName());
    expect(first).toEqual({ result: await deployed.getName(), requests: { getSource: 1 } });
    const rest = await harness.count(() => source.getDefinitionId());
    expect(rest).toEqual({ result: await deployed.getDefinitionId(), requests: {} });
    expect(await harness.count(() => source.getInfo({ forceRefresh: true }))).toMatchObject({
      requests: { getSource: 1 },
    });
  });

  it("rename and updateConfig: one PATCH each, whose answer serves later reads", async () => {
    const workspace = harness.workspace();
    const source = await workspace.deploySource(uniqueName("src"), FAKER);
    const renamed = await harness.count(() => source.rename("renamed source"));
    expect(renamed).toEqual({ result: source, requests: { patchSource: 1 } });
    expect(await harness.count(() => source.getName())).toEqual({ result: "renamed source", requests: {} });
    await source.updateConfig({ ...FAKER, count: 25 });
    expect((await source.getInfo()).raw.configuration).toMatchObject({ count: 25 });

    const destination = await workspace.deployDestination(uniqueName("dst"), {
      destinationType: "dev-null",
      test_destination: { test_destination_type: "SILENT" },
    });
    expect(destination.destinationId).toBe(destination.connectorId);
    await destination.rename("renamed destination");
    expect(await workspace.getDestination(destination.destinationId).getName()).toBe("renamed destination");
    await destination.updateConfig({
      destinationType: "dev-null",
      test_destination: {
        test_destination_type: "LOGGING",
        logging_config: { logging_type: "FirstN", max_entry_count: 5 },
      },
    });
    expect((await destination.getInfo()).raw.configuration).toMatchObject({
      test_destination: { test_destination_type: "LOGGING" },
    });
  });

  it("a passing check: one Config API request, a successful CheckResult", async () => {
    const workspace = harness.workspace();
    const source = await workspace.deploySource(uniqueName("src"), FAKER);
    const { result, requests } = await harness.count(() => source.check());
    expect(requests).toEqual({ "config.sources.check_connection": 1 });
    expect(result).toBeInstanceOf(CheckResult);
    expect(result).toMatchObject({ success: true, errorMessage: undefined, internalError: undefined });
    expect(String(result)).toBe("Success");
  });

  it("a failing check: a ConnectorCheckError, or a failed CheckResult with raiseOnError false", async () => {
    const workspace = harness.workspace();
    const destination = await workspace.deployDestination(uniqueName("pg"), UNREACHABLE_POSTGRES);
    const error = await rejection(destination.check());
    expect(error).toBeInstanceOf(ConnectorCheckError);
    expect(error).toMatchObject({
      connectorType: "destination",
      connectorId: destination.destinationId,
      webUrl: destination.connectorUrl,
    });
    expect(error.message).not.toContain("secret-password");

    const result = await destination.check({ raiseOnError: false });
    expect(result.success).toBe(false);
    expect(result.errorMessage).toBeTruthy();
    expect(result.internalError).toBeUndefined();
    expect(String(result)).toBe(`Failed: ${result.errorMessage}`);
    expect(inspect(result)).toMatch(/^CheckResult\(success=false, errorMessage=/);
  });

  it("a check that cannot run reports why as its internalError", async () => {
    const workspace = harness.workspace();
    const destination = await workspace.deployDestination(uniqueName("snowflake"), SNOWFLAKE);
    const result = await destination.check({ raiseOnError: false });
    expect(result.success).toBe(false);
    expect(result.internalError).toMatch(/cannot run|Snowflake/i);
  });

  it("checking a connector that does not exist is a MissingResourceError", async () => {
    const workspace = harness.workspace();
    const error = await rejection(workspace.getSource("0b7e2f8a-1c2d-4e5f-8a9b-0c1d2e3f4a5b").check());
    expect(error).toBeInstanceOf(MissingResourceError);
  });

  it("inspecting a connector shows its ids and page, never its configuration", async () => {
    const workspace = harness.workspace();
    const destination = await workspace.deployDestination(uniqueName("pg"), UNREACHABLE_POSTGRES);
    expect(inspect(destination)).toBe(
      `CloudDestination { connectorId: '${destination.destinationId}', workspaceId: '${workspace.workspaceId}', connectorUrl: '${destination.connectorUrl}' }`,
    );
  });
});
