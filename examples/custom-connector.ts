/**
 * Publishing a custom (declarative, low-code) source, as PyAirbyte's
 * `publish_custom_source_definition` documents: the manifest (an object here; YAML text or a
 * file path work too), the Connector Builder's testing values, a source deployed from it, and
 * the clean-up, which safe mode allows because the names say "delete-me".
 *
 *   AIRBYTE_API_ROOT=... AIRBYTE_WORKSPACE_ID=... AIRBYTE_CLIENT_ID=... AIRBYTE_CLIENT_SECRET=... \
 *   npx tsx examples/custom-connector.ts
 */
import { pathToFileURL } from "node:url";
import { CloudWorkspace } from "airbyte-ts";

type Env = Record<string, string | undefined>;

const manifest = {
  version: "6.7.0",
  type: "DeclarativeSource",
  check: { type: "CheckStream", stream_names: ["items"] },
  streams: [{ type: "DeclarativeStream", name: "items" }],
  spec: {
    type: "Spec",
    documentation_url: "https://example.com/docs",
    connection_specification: {
      type: "object",
      required: ["api_key"],
      properties: { api_key: { type: "string", airbyte_secret: true } },
    },
  },
};

export async function main(env: Env = process.env, log: (line: string) => void = console.log): Promise<void> {
  const workspace = CloudWorkspace.fromEnv({ env });

  const definition = await workspace.publishCustomSourceDefinition("Example API (delete-me)", {
    manifestYaml: manifest,
    testingValues: { api_key: "test-key" },
    unique: false,
  });
  log(`Published ${await definition.getName()}, manifest version ${await definition.getVersion()}`);
  log(`Connector Builder: ${await definition.getDefinitionUrl()}`);

  const source = await definition.deploySource(
    "Example API source (delete-me)",
    { api_key: "real-key" },
    {
      randomNameSuffix: true,
    },
  );
  log(`Deployed ${await source.getName()}`);

  await source.permanentlyDelete();
  await definition.permanentlyDelete();
  log("Cleaned up");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
