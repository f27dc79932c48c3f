/**
 * Credentials and roots: one precedence (explicit > AIRBYTE_* > AIRBYTE_CLOUD_* > default) for
 * every `fromEnv`, PyAirbyte's messages for conflicting or missing credentials, secrets that
 * never print, and web URLs for Cloud and self-managed roots.
 */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  CLOUD_ENV_VARS,
  CloudClient,
  CloudClientConfig,
  CloudWorkspace,
  CustomCloudSourceDefinition,
  DEFAULT_SYNC_TIMEOUT_MS,
  FAILED_JOB_STATUSES,
  FINAL_JOB_STATUSES,
  isFinalJobStatus,
  isUnfinishedJobStatus,
  JOB_STATUSES,
  UNFINISHED_JOB_STATUSES,
  InputError,
  JobStatusEnum,
  JobTypeEnum,
  MissingCredentialsError,
  ConflictingCredentialsError,
  SecretString,
} from "airbyte-ts";
import { rejection, useCloudServer } from "./harness.js";

const WORKSPACE = "3b0e3e8c-3f5e-4d1a-9a77-6f2f7b9a1c01";

describe("one precedence for every fromEnv", () => {
  const env = {
    AIRBYTE_CLIENT_ID: "short-id",
    AIRBYTE_CLOUD_CLIENT_ID: "cloud-id",
    AIRBYTE_CLOUD_CLIENT_SECRET: "cloud-secret",
    AIRBYTE_CLOUD_WORKSPACE_ID: WORKSPACE,
    AIRBYTE_API_ROOT: "http://short:8000/api/public/v1",
    AIRBYTE_CLOUD_API_URL: "http://cloud:8000/api/public/v1",
    AIRBYTE_ORGANIZATION_ID: "org-short",
  };

  it("AIRBYTE_* beats AIRBYTE_CLOUD_*, which fills what the first lacks", () => {
    const workspace = CloudWorkspace.fromEnv({ env });
    expect(workspace.clientId?.reveal()).toBe("short-id");
    expect(workspace.clientSecret?.reveal()).toBe("cloud-secret");
    expect(workspace.workspaceId).toBe(WORKSPACE);
    expect(workspace.apiRoot).toBe("http://short:8000/api/public/v1");
    expect(workspace.configApiRoot).toBe("http://short:8000/api/v1");

    const client = CloudClient.fromEnv({ env });
    expect([client.clientId?.reveal(), client.publicApiRoot, client.organizationId, client.workspaceId]).toEqual([
      "short-id",
      "http://short:8000/api/public/v1",
      "org-short",
      WORKSPACE,
    ]);
    const config = CloudClientConfig.fromEnv({ env });
    expect([config.clientId?.reveal(), config.apiRoot, config.usesClientCredentials]).toEqual([
      "short-id",
      "http://short:8000/api/public/v1",
      true,
    ]);
  });

  it("explicit values beat the environment, everywhere", () => {
    const explicit = { apiRoot: "https://example.com/api/public/v1", workspaceId: "ws-explicit" };
    expect(CloudWorkspace.fromEnv({ env, ...explicit }).apiRoot).toBe(explicit.apiRoot);
    expect(CloudWorkspace.fromEnv({ env, ...explicit }).workspaceId).toBe("ws-explicit");
    expect(CloudClient.fromEnv({ env, publicApiRoot: explicit.apiRoot }).publicApiRoot).toBe(explicit.apiRoot);
    expect(CloudClientConfig.fromEnv({ env, apiRoot: explicit.apiRoot }).apiRoot).toBe(explicit.apiRoot);
  });

  it("explicit credentials are taken as a group: nothing of the environment completes them", async () => {
    const error = await rejection(() => CloudWorkspace.fromEnv({ env, clientId: "only-id" }));
    expect(error).toBeInstanceOf(MissingCredentialsError);
    expect(error).toMatchObject({ code: "credentials_missing", missing: "clientSecret", fromEnv: true });
    expect(error.message).toBe("Client ID and client secret are both required.");
    expect(CloudWorkspace.fromEnv({ env, bearerToken: "token" }).bearerToken?.reveal()).toBe("token");
  });

  it("blank variables count as unset (PyAirbyte stops at an empty one)", () => {
    const workspace = CloudWorkspace.fromEnv({
      env: { ...env, AIRBYTE_CLIENT_ID: "  ", AIRBYTE_API_ROOT: "", AIRBYTE_WORKSPACE_ID: "" },
    });
    expect(workspace.clientId?.reveal()).toBe("cloud-id");
    expect(workspace.apiRoot).toBe("http://cloud:8000/api/public/v1");
  });

  it("defaults: Airbyte Cloud's roots", () => {
    const config = CloudClientConfig.fromEnv({ env: { AIRBYTE_BEARER_TOKEN: "t" } });
    expect([config.apiRoot, config.configApiRoot, config.usesBearerToken]).toEqual([
      "https://api.airbyte.com/v1",
      "https://cloud.airbyte.com/api/v1",
      true,
    ]);
  });

  it("a root of an unknown layout has no derived Config API root (a Config API call says what to set)", () => {
    const config = new CloudClientConfig({ bearerToken: "t", apiRoot: "https://proxy.example.com/airbyte/" });
    expect(config.apiRoot).toBe("https://proxy.example.com/airbyte");
    expect(config.configApiRoot).toBeUndefined();
    const explicit = new CloudClientConfig({
      bearerToken: "t",
      apiRoot: "https://h/x",
      configApiRoot: "https://h/cfg/",
    });
    expect(explicit.configApiRoot).toBe("https://h/cfg");
  });

  it("names the variables it reads", () => {
    expect(CLOUD_ENV_VARS.clientId).toEqual(["AIRBYTE_CLIENT_ID", "AIRBYTE_CLOUD_CLIENT_ID"]);
    expect(CLOUD_ENV_VARS.configApiRoot).toEqual(["AIRBYTE_CONFIG_API_ROOT", "AIRBYTE_CLOUD_CONFIG_API_URL"]);
  });
});

describe("exactly one way to authenticate, with PyAirbyte's messages", () => {
  it("both a bearer token and client credentials", async () => {
    const both = { workspaceId: WORKSPACE, bearerToken: "t", clientId: "i", clientSecret: "s" };
    for (const make of [
      () => new CloudWorkspace(both as never),
      () => new CloudClient(both as never),
      () => new CloudClientConfig(both),
      () =>
        CloudWorkspace.fromEnv({
          env: {
            AIRBYTE_BEARER_TOKEN: "t",
            AIRBYTE_CLIENT_ID: "i",
            AIRBYTE_CLIENT_SECRET: "s",
            AIRBYTE_WORKSPACE_ID: WORKSPACE,
          },
        }),
    ]) {
      const error = await rejection(make);
      expect(error).toBeInstanceOf(ConflictingCredentialsError);
      expect(error).toBeInstanceOf(InputError);
      expect(error).toMatchObject({ code: "credentials_conflict", given: ["bearerToken", "clientId/clientSecret"] });
      expect(error.message).toMatch(/^Cannot use both client credentials and bearer token authentication\./);
    }
  });

  it("half a pair of client credentials", async () => {
    const error = await rejection(() => new CloudWorkspace({ workspaceId: WORKSPACE, clientSecret: "s" } as never));
    expect(error).toBeInstanceOf(MissingCredentialsError);
    expect(error).toMatchObject({ code: "credentials_missing", missing: "clientId", fromEnv: false });
    expect(error.message).toBe("Client ID and client secret are both required.");
  });

  it("no credentials at all: MissingCredentialsError, whose guidance fits where they were looked for", async () => {
    const constructed = await rejection(() => new CloudWorkspace({ workspaceId: WORKSPACE } as never));
    expect(constructed).toBeInstanceOf(MissingCredentialsError);
    expect(constructed).toBeInstanceOf(InputError);
    expect(constructed).toMatchObject({ code: "credentials_missing", missing: "credentials", fromEnv: false });
    expect(constructed.message).toMatch(/use fromEnv\(\)/);
    const fromEnv = await rejection(() => CloudClient.fromEnv({ env: {} }));
    expect(fromEnv).toBeInstanceOf(MissingCredentialsError);
    expect(fromEnv).toMatchObject({ missing: "credentials", fromEnv: true });
    expect(fromEnv.message).toMatch(/AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET/);
  });

  it("a workspace needs its id", async () => {
    const error = await rejection(() => CloudWorkspace.fromEnv({ env: { AIRBYTE_BEARER_TOKEN: "t" } }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.message).toMatch(/^Workspace ID is required\. .*AIRBYTE_WORKSPACE_ID/);
    expect(await rejection(() => new CloudWorkspace({ workspaceId: "", bearerToken: "t" }))).toBeInstanceOf(InputError);
    expect(await rejection(() => new CloudClient({ bearerToken: "t" }).getWorkspace())).toBeInstanceOf(InputError);
  });
});

describe("secrets never print", () => {
  const secret = "s3cr3t-value";

  it("a SecretString shows stars wherever it is turned into text", () => {
    const wrapped = new SecretString(secret);
    for (const text of [
      String(wrapped),
      `${wrapped}`, // eslint-disable-line @typescript-eslint/restrict-template-expressions -- what a template makes of it is the test
      JSON.stringify({ wrapped }),
      inspect(wrapped),
    ]) {
      expect(text).not.toContain(secret);
      expect(text).toContain("****");
    }
    expect(wrapped.reveal()).toBe(secret);
  });

  it("workspaces, clients and configurations hide their credentials", () => {
    const workspace = new CloudWorkspace({ workspaceId: WORKSPACE, clientId: "id-123", clientSecret: secret });
    const client = new CloudClient({ bearerToken: secret });
    for (const object of [workspace, client, workspace.config, client.config]) {
      expect(inspect(object, { depth: 5 })).not.toContain(secret);
      expect(JSON.stringify(object)).not.toContain(secret);
    }
    expect(inspect(workspace)).toBe(
      `CloudWorkspace { workspaceId: '${WORKSPACE}', apiRoot: 'https://api.airbyte.com/v1', auth: client credentials }`,
    );
  });

  it("an error about credentials does not quote them", async () => {
    const error = await rejection(() => new CloudWorkspace({ workspaceId: WORKSPACE, clientId: secret } as never));
    expect(`${error.message} ${inspect(error)}`).not.toContain(secret);
  });
});

describe("constants and small objects", () => {
  it("job statuses and types, and the final and failed sets", () => {
    expect(Object.values(JobStatusEnum)).toEqual([
      "pending",
      "queued",
      "running",
      "incomplete",
      "failed",
      "succeeded",
      "cancelled",
    ]);
    expect(Object.values(JobTypeEnum)).toEqual(["sync", "reset", "refresh", "clear"]);
    expect([...FINAL_JOB_STATUSES]).toEqual(["succeeded", "failed", "cancelled"]);
    expect([...FAILED_JOB_STATUSES]).toEqual(["failed", "cancelled"]);
    expect([...UNFINISHED_JOB_STATUSES]).toEqual(["pending", "queued", "running", "incomplete"]);
    // Every status the API knows is either finished or not, never both.
    expect([...JOB_STATUSES].sort()).toEqual(Object.values(JobStatusEnum).sort());
    for (const status of JOB_STATUSES) expect(isFinalJobStatus(status)).toBe(!isUnfinishedJobStatus(status));
    expect(isFinalJobStatus(JobStatusEnum.INCOMPLETE)).toBe(false);
    expect(DEFAULT_SYNC_TIMEOUT_MS).toBe(1_800_000);
  });

  it("SecretString.from wraps once and treats blanks as missing", () => {
    const wrapped = SecretString.from("value");
    expect(SecretString.from(wrapped)).toBe(wrapped);
    expect([SecretString.from(""), SecretString.from("  "), SecretString.from(undefined)]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
    expect(new SecretString(" ").isEmpty()).toBe(true);
  });

  it("a configuration gives the high-level and the low-level client's options", () => {
    const config = new CloudClientConfig({
      clientId: "id",
      clientSecret: "secret",
      apiRoot: "http://h:8000/api/public/v1",
    });
    expect(config.toApiOptions()).toEqual({
      serverUrl: "http://h:8000/api/public/v1",
      configApiUrl: "http://h:8000/api/v1",
      clientId: "id",
      clientSecret: "secret",
    });
    expect(config.toAuthOptions().clientId).toBe(config.clientId);
    expect(new CloudClientConfig({ bearerToken: "t" }).toApiOptions()).toMatchObject({ bearerToken: "t" });
  });

  it("bad arguments of lazy objects are InputErrors", async () => {
    const workspace = new CloudWorkspace({ workspaceId: WORKSPACE, bearerToken: "t" });
    expect(await rejection(() => new CustomCloudSourceDefinition(workspace, "d", "zip" as never))).toBeInstanceOf(
      InputError,
    );
    expect(await rejection(() => workspace.getConnection("c").getSyncResult(1.5))).toBeInstanceOf(InputError);
    expect(await rejection(() => workspace.getSource(undefined as never))).toBeInstanceOf(InputError);
  });
});

describe("web URLs", () => {
  it("Airbyte Cloud: the app at cloud.airbyte.com, whatever the slashes", () => {
    const workspace = new CloudWorkspace({
      workspaceId: WORKSPACE,
      bearerToken: "t",
      apiRoot: "https://api.airbyte.com/v1/",
    });
    expect(workspace.workspaceUrl).toBe(`https://cloud.airbyte.com/workspaces/${WORKSPACE}`);
    const connection = workspace.getConnection("c1");
    expect(connection.connectionUrl).toBe(`https://cloud.airbyte.com/workspaces/${WORKSPACE}/connections/c1`);
    expect(connection.jobHistoryUrl).toBe(`https://cloud.airbyte.com/workspaces/${WORKSPACE}/connections/c1/timeline`);
    expect(connection.getSyncResult(7).jobUrl).toBe(
      `https://cloud.airbyte.com/workspaces/${WORKSPACE}/connections/c1/timeline#7::0`,
    );
    expect(workspace.getSource("s1").connectorUrl).toBe(`https://cloud.airbyte.com/workspaces/${WORKSPACE}/source/s1`);
    expect(workspace.getDestination("d1").connectorUrl).toBe(
      `https://cloud.airbyte.com/workspaces/${WORKSPACE}/destination/d1`,
    );
  });

  it("self-managed: the app at the root the API sits under, not at the API root", () => {
    const workspace = new CloudWorkspace({
      workspaceId: WORKSPACE,
      bearerToken: "t",
      apiRoot: "http://host:8000/airbyte/api/public/v1",
    });
    expect(workspace.workspaceUrl).toBe(`http://host:8000/airbyte/workspaces/${WORKSPACE}`);
    expect(workspace.configApiRoot).toBe("http://host:8000/airbyte/api/v1");
  });
});

describe("against the local server", () => {
  const harness = useCloudServer();

  it("a bearer token works as well as client credentials", async () => {
    const token = await harness.bearerToken();
    const workspace = new CloudWorkspace({
      workspaceId: harness.local().workspaceId,
      bearerToken: token,
      apiRoot: harness.local().publicApiUrl,
      ...harness.tuning(),
    });
    const { result, requests } = await harness.count(() => workspace.connect());
    expect(result.workspaceId).toBe(harness.local().workspaceId);
    expect(requests).toEqual({ getWorkspace: 1 });
  });

  it("fromEnv with the local server's variables", async () => {
    const local = harness.local();
    const workspace = CloudWorkspace.fromEnv({
      env: {
        AIRBYTE_CLOUD_CLIENT_ID: local.clientId,
        AIRBYTE_CLOUD_CLIENT_SECRET: local.clientSecret,
        AIRBYTE_CLOUD_WORKSPACE_ID: local.workspaceId,
        AIRBYTE_CLOUD_API_URL: local.publicApiUrl,
      },
      ...harness.tuning(),
    });
    expect((await workspace.connect()).name).toBeTruthy();
    expect(workspace.configApiRoot).toBe(local.configApiUrl);
  });
});
