import { CLOUD_ENV_VARS } from "airbyte-ts";
import type { Context } from "../../context.js";
import { checkProfileName, loadConfig, maskId, type Profile, saveConfig } from "../../config/profiles.js";
import { normalizeApiUrl } from "../../config/settings.js";
import { type Answer, ask, askSecret } from "../../output/prompt.js";
import { CliError, EXIT, usageError } from "../../util/errors.js";
import { readText } from "../../util/input.js";

const CLOUD = "https://api.airbyte.com/v1";

export async function run(ctx: Context, _args: [], options: { clientSecretStdin?: boolean }) {
  const { options: global, env, out } = ctx;
  if (global.bearerToken) {
    throw usageError(
      "login saves client credentials, which do not expire; a bearer token does.",
      "Pass the token to each command with --bearer-token or AIRBYTE_BEARER_TOKEN instead.",
    );
  }
  if (options.clientSecretStdin && global.clientSecret)
    throw usageError("Pass --client-secret or --client-secret-stdin, not both.");
  const config = await loadConfig(env);
  const name = checkProfileName(
    global.profile?.trim() || env.AIRBYTE_TS_PROFILE?.trim() || config.file.activeProfile || "default",
  );
  const existing: Profile = config.file.profiles[name] ?? {};
  const fromEnv = (names: readonly string[]) => names.map((n) => env[n]?.trim()).find((value) => value);

  const apiUrl = normalizeApiUrl(
    global.apiUrl ??
      fromEnv(CLOUD_ENV_VARS.apiRoot) ??
      (out.interactive ? await answered(ask("Airbyte API URL", existing.apiUrl ?? CLOUD)) : (existing.apiUrl ?? CLOUD)),
  ) as string;
  const configApiUrl = global.configApiUrl ?? fromEnv(CLOUD_ENV_VARS.configApiRoot) ?? existing.configApiUrl;
  const clientId =
    global.clientId ??
    fromEnv(CLOUD_ENV_VARS.clientId) ??
    (out.interactive ? await answered(ask("Client ID", existing.clientId)) : existing.clientId);
  if (!clientId) throw usageError("Which application?", "Pass --client-id (or set AIRBYTE_CLIENT_ID).");
  const clientSecret = options.clientSecretStdin
    ? (await readText("-", "client secret")).trim()
    : (global.clientSecret ??
      fromEnv(CLOUD_ENV_VARS.clientSecret) ??
      (out.interactive ? await answered(askSecret("Client secret")) : undefined));
  if (!clientSecret) {
    throw usageError(
      "The client secret is missing.",
      "Pass --client-secret-stdin (or --client-secret, or set AIRBYTE_CLIENT_SECRET).",
    );
  }

  // The credentials must work before anything is saved.
  const { CloudClient } = await import("airbyte-ts");
  const client = new CloudClient({
    clientId,
    clientSecret,
    publicApiRoot: apiUrl,
    ...(configApiUrl ? { configApiRoot: configApiUrl } : {}),
    apiOptions: await ctx.apiOptions(),
  });
  const visible = await client.listWorkspaces({ limit: 50 });

  const organizationId = global.organization ?? fromEnv(CLOUD_ENV_VARS.organizationId) ?? existing.organizationId;
  let workspaceId = global.workspace ?? fromEnv(CLOUD_ENV_VARS.workspaceId) ?? existing.workspaceId;
  let workspaceName: string | undefined;
  if (workspaceId) {
    workspaceName = (await client.getWorkspace(workspaceId).getInfo()).name;
  } else if (visible.length === 1) {
    [workspaceId, workspaceName] = [visible[0]?.workspaceId, visible[0]?.name];
  } else if (visible.length > 1 && out.interactive) {
    visible.forEach((w, i) => process.stderr.write(`  ${i + 1}. ${w.name} (${w.workspaceId})\n`));
    const choice = await answered(ask(`Workspace (1-${visible.length})`, "1"));
    const chosen = visible[Number(choice) - 1];
    if (!chosen) throw usageError(`"${choice}" is not one of 1 to ${visible.length}.`);
    [workspaceId, workspaceName] = [chosen.workspaceId, chosen.name];
  }

  const profile: Profile = {
    apiUrl,
    ...(configApiUrl ? { configApiUrl } : {}),
    clientId,
    clientSecret,
    ...(workspaceId ? { workspaceId } : {}),
    ...(organizationId ? { organizationId } : {}),
  };
  const latest = await loadConfig(env); // another command may have written it meanwhile
  latest.file.profiles[name] = profile;
  latest.file.activeProfile = name;
  const path = await saveConfig(latest.file, env);

  if (out.machine) {
    await out.item(
      {
        profile: name,
        active: true,
        apiUrl,
        clientId: maskId(clientId),
        workspaceId: workspaceId ?? null,
        configFile: path,
      },
      [],
    );
  }
  out.message(`Logged in to ${apiUrl}; saved profile '${name}' in ${path} (now the active profile).`);
  out.message(
    workspaceId
      ? `Commands work in workspace '${workspaceName}' (${workspaceId}).`
      : `These credentials see ${visible.length} workspaces: choose one with \`airbyte-ts workspaces use ID\`.`,
  );
}

async function answered<T>(question: Promise<Answer<T>>): Promise<T> {
  const answer = await question;
  if (answer.kind === "interrupted") throw new CliError("Interrupted; nothing was saved.", EXIT.interrupted);
  return answer.value;
}
