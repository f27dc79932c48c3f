/**
 * The tools for custom source definitions built from declarative (YAML) manifests: PyAirbyte's
 * names, arguments and annotations (airbyte/mcp/cloud.py), on the SDK's
 * `CustomCloudSourceDefinition`. Publishing registers the new definition in the session; the
 * destructive tools declare the safe-mode guard, and a delete also checks the name it is given.
 *
 * A manifest is parsed by the SDK, which imports its YAML parser only when it meets YAML text,
 * so the parser is loaded inside a call, never at start-up. Testing values hold secrets: no
 * answer carries them, and they are masked in the message of any failure.
 */
import {
  AirbyteError,
  type CloudWorkspace,
  type CustomCloudSourceDefinition,
  InputError,
  type RequestOptions,
} from "airbyte-ts";
import { z } from "zod";
import { type ConfigArguments, configSecretNameArg, resolveConfig, withSecretsMasked } from "./connector-config.js";
import { deleteByExactName } from "./deletion.js";
import { withHints } from "./error-hints.js";
import { Redactor, ToolError } from "./results.js";
import {
  DESTRUCTIVE,
  defineTool,
  orNull,
  READ_ONLY,
  type Tool,
  type ToolContext,
  WRITE,
  workspaceIdArg,
} from "./tool.js";

/** Safe mode: the destructive definition tools act only on definitions this session published. */
const DEFINITION_GUARD = { argument: "definition_id", resourceType: "custom source definition" } as const;

const definitionIdArg = z
  .string()
  .min(1)
  .describe("The custom source definition's id (list_custom_source_definitions shows them).");

const manifestYamlArg = z
  .string()
  .min(1)
  .describe(
    "The declarative manifest: its YAML (or JSON) text, or, over stdio only, the path of a file holding it (one line not starting with '{').",
  );

const testingValuesArg = z
  .union([z.record(z.string(), z.unknown()), z.string().min(1)])
  .optional()
  .describe(
    "The Connector Builder's testing values (the configuration it tests with), an object or its JSON text. They replace the ones stored; they are never shown back.",
  );

const testingValuesSecretNameArg = configSecretNameArg
  .optional()
  .describe(
    "The name of an environment variable of the MCP server holding testing values as JSON (a person sets it, with the API key); merged into testing_values, its values winning. Only a server on stdio reads it.",
  );

const NOT_FOUND = { not_found: "list_custom_source_definitions shows this workspace's custom source definitions." };

const manifest = z.record(z.string(), z.unknown());

const definitionSummary = z.object({
  definition_id: z.string(),
  name: z.string(),
  version: z.string().nullable(),
  connector_builder_project_id: z.string().nullable(),
  connector_builder_project_url: z.string().nullable(),
});

async function summary(
  definition: CustomCloudSourceDefinition,
  request: RequestOptions,
): Promise<z.infer<typeof definitionSummary>> {
  return {
    definition_id: definition.definitionId,
    name: await definition.getName({}, request),
    version: orNull(await definition.getVersion({}, request)),
    connector_builder_project_id: orNull(await definition.getConnectorBuilderProjectId(request)),
    connector_builder_project_url: orNull(await definition.getConnectorBuilderProjectUrl(request)),
  };
}

/** A YAML definition of the workspace, fetched: an unknown id is not_found with a hint. */
function findDefinition(workspace: CloudWorkspace, definitionId: string, request: RequestOptions) {
  return withHints(
    NOT_FOUND,
    () => workspace.getCustomSourceDefinition(definitionId, { definitionType: "yaml" }, request),
    { definition_id: definitionId },
  );
}

/**
 * The manifest as the SDK takes it. The SDK reads one line that is not an object as a file
 * path; over HTTP the server's files are not the client's to read, so only text is accepted.
 */
function manifestInput(text: string, transport: "stdio" | "http"): string {
  const inline = text.includes("\n") || text.trimStart().startsWith("{");
  if (!inline && transport === "http") {
    throw new InputError(
      "Over HTTP, manifest_yaml must be the manifest's YAML or JSON text: this server does not read files for HTTP clients.",
    );
  }
  return text;
}

/** PyAirbyte's testing_values and testing_values_secret_name: every value a secret. */
const TESTING_VALUES: ConfigArguments = {
  value: "testing_values",
  secretName: "testing_values_secret_name",
  maskGiven: true,
};

/** The testing values given, merged with the variable's; undefined when neither is given. */
function testingValuesOf(args: Record<string, unknown>, context: ToolContext, tool: string) {
  if (args.testing_values === undefined && args.testing_values_secret_name === undefined) {
    return { values: undefined, redactor: new Redactor([]) };
  }
  const { config, redactor } = resolveConfig(args, context, tool, TESTING_VALUES);
  return { values: config, redactor };
}

const publishDefinition = defineTool({
  name: "publish_custom_source_definition",
  title: "Publish a custom source",
  description:
    "Publishes a declarative (YAML) manifest as a custom source definition of the workspace, with its Connector Builder project, and optionally the Builder's testing values. unique (default true) refuses a name already taken; pre_validate (default true) checks the manifest first (version, type: DeclarativeSource). The new definition counts as created in this session, so safe mode lets update_custom_source_definition and permanently_delete_custom_source_definition act on it. Deploy a source from it with the definition's id.",
  input: z.object({
    name: z.string().min(1).describe("The definition's name."),
    manifest_yaml: manifestYamlArg,
    unique: z.boolean().default(true).describe("Refuse a name another custom source definition has."),
    pre_validate: z.boolean().default(true).describe("Check the manifest before publishing it."),
    testing_values: testingValuesArg,
    testing_values_secret_name: testingValuesSecretNameArg,
    workspace_id: workspaceIdArg,
  }),
  output: definitionSummary.extend({ testing_values_set: z.boolean() }),
  annotations: WRITE,
  async run(args, context) {
    const { workspace, request, session, transport } = context;
    const { values: testingValues, redactor } = testingValuesOf(args, context, "publish_custom_source_definition");
    const published = await withHints(
      {
        duplicate_resource:
          "Choose another name, or pass unique: false; list_custom_source_definitions shows the names taken.",
      },
      () =>
        workspace(args.workspace_id).publishCustomSourceDefinition(
          args.name,
          {
            manifestYaml: manifestInput(args.manifest_yaml, transport),
            unique: args.unique,
            preValidate: args.pre_validate,
          },
          request,
        ),
    );
    // Registered before the testing values are set: if that fails, the session may still fix or delete it.
    session.register(published.definitionId);
    if (testingValues !== undefined) {
      await withSecretsMasked(redactor, () =>
        withPublished(published.definitionId, () => published.setTestingValues(testingValues, request)),
      );
    }
    return { ...(await summary(published, request)), testing_values_set: testingValues !== undefined };
  },
});

/** A failure after publishing says the definition exists, and how to finish. */
async function withPublished<T>(definitionId: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof AirbyteError)) throw error;
    throw new ToolError({
      code: error.code,
      message: `The definition ${definitionId} was published, but its testing values were not set: ${error.message}`,
      hint: "Set them with update_custom_source_definition (definition_id and testing_values).",
      details: { definition_id: definitionId },
    });
  }
}

const listDefinitions = defineTool({
  name: "list_custom_source_definitions",
  title: "List custom sources",
  description:
    "The workspace's custom source definitions built from declarative (YAML) manifests: id, name, manifest version and Connector Builder project.",
  input: z.object({ workspace_id: workspaceIdArg }),
  output: z.object({ definitions: z.array(definitionSummary), count: z.number().int() }),
  annotations: READ_ONLY,
  async run({ workspace_id }, { workspace, request }) {
    const found = await workspace(workspace_id).listCustomSourceDefinitions({ definitionType: "yaml" }, request);
    const definitions = await Promise.all(found.map((definition) => summary(definition, request)));
    return { definitions, count: definitions.length };
  },
});

const getDefinition = defineTool({
  name: "get_custom_source_definition",
  title: "Describe a custom source",
  description:
    "A custom (YAML) source definition with its published manifest; include_draft adds whether the Connector Builder holds unpublished changes and their manifest.",
  input: z.object({
    definition_id: definitionIdArg,
    include_draft: z
      .boolean()
      .default(false)
      .describe("Add the Connector Builder's draft (has_draft, draft_manifest)."),
    workspace_id: workspaceIdArg,
  }),
  output: definitionSummary.extend({
    manifest: manifest.nullable(),
    has_draft: z.boolean().optional(),
    draft_manifest: manifest.nullable().optional(),
  }),
  annotations: READ_ONLY,
  async run({ definition_id, include_draft, workspace_id }, { workspace, request }) {
    const definition = await findDefinition(workspace(workspace_id), definition_id, request);
    const described = {
      ...(await summary(definition, request)),
      manifest: orNull(await definition.getManifest({}, request)),
    };
    if (!include_draft) return described;
    return {
      ...described,
      has_draft: (await definition.hasDraft(request)) ?? false,
      draft_manifest: orNull(await definition.getDraftManifest(request)),
    };
  },
});

const getDraftManifest = defineTool({
  name: "get_connector_builder_draft_manifest",
  title: "A custom source's Builder draft",
  description:
    "The Connector Builder's draft of a custom (YAML) source definition: what was saved in the Builder but not published (draft_manifest null and has_draft false when there is none), beside the published manifest.",
  input: z.object({ definition_id: definitionIdArg, workspace_id: workspaceIdArg }),
  output: definitionSummary.omit({ version: true }).extend({
    has_draft: z.boolean(),
    draft_manifest: manifest.nullable(),
    published_manifest: manifest.nullable(),
  }),
  annotations: READ_ONLY,
  async run({ definition_id, workspace_id }, { workspace, request }) {
    const definition = await findDefinition(workspace(workspace_id), definition_id, request);
    const { version: _version, ...described } = await summary(definition, request);
    return {
      ...described,
      has_draft: (await definition.hasDraft(request)) ?? false,
      draft_manifest: orNull(await definition.getDraftManifest(request)),
      published_manifest: orNull(await definition.getManifest({}, request)),
    };
  },
});

const updateDefinition = defineTool({
  name: "update_custom_source_definition",
  title: "Update a custom source",
  description:
    "Publishes a new manifest for a custom (YAML) source definition (a new version; sources built on it use it from their next run) and/or replaces its Connector Builder testing values. At least one of manifest_yaml and testing_values. Safe mode: only a definition published in this session.",
  input: z.object({
    definition_id: definitionIdArg,
    manifest_yaml: manifestYamlArg.optional(),
    pre_validate: z.boolean().default(true).describe("Check the new manifest before publishing it."),
    testing_values: testingValuesArg,
    testing_values_secret_name: testingValuesSecretNameArg,
    workspace_id: workspaceIdArg,
  }),
  output: definitionSummary.extend({ manifest_updated: z.boolean(), testing_values_updated: z.boolean() }),
  annotations: DESTRUCTIVE,
  guard: DEFINITION_GUARD,
  async run(args, context) {
    const { workspace, request, transport } = context;
    const { values: testingValues, redactor } = testingValuesOf(args, context, "update_custom_source_definition");
    if (args.manifest_yaml === undefined && testingValues === undefined) {
      throw new InputError("Pass manifest_yaml, testing_values (or testing_values_secret_name), or both.");
    }
    const definition = await findDefinition(workspace(args.workspace_id), args.definition_id, request);
    await withSecretsMasked(redactor, async () => {
      if (args.manifest_yaml !== undefined) {
        const manifestYaml = manifestInput(args.manifest_yaml, transport);
        await definition.updateDefinition({ manifestYaml, preValidate: args.pre_validate }, request);
      }
      if (testingValues !== undefined) await definition.setTestingValues(testingValues, request);
    });
    return {
      ...(await summary(definition, request)),
      manifest_updated: args.manifest_yaml !== undefined,
      testing_values_updated: testingValues !== undefined,
    };
  },
});

const deleteDefinition = defineTool({
  name: "permanently_delete_custom_source_definition",
  title: "Delete a custom source",
  description:
    "Deletes a custom (YAML) source definition for good. name must be the definition's exact current name, and that name must contain 'delete-me' or 'deleteme' (a YAML definition cannot be renamed: publish it under such a name), whatever the mode. Safe mode: only a definition published in this session.",
  input: z.object({
    definition_id: definitionIdArg,
    name: z.string().describe("The definition's exact current name, as confirmation."),
    workspace_id: workspaceIdArg,
  }),
  output: z.object({ definition_id: z.string(), name: z.string(), deleted: z.literal(true) }),
  annotations: DESTRUCTIVE,
  guard: DEFINITION_GUARD,
  async run({ definition_id, name, workspace_id }, { workspace, request, session }) {
    const definition = await findDefinition(workspace(workspace_id), definition_id, request);
    try {
      await deleteByExactName({
        resourceType: "custom source definition",
        givenName: name,
        actualName: await definition.getName({}, request),
        describeTool: "get_custom_source_definition",
        details: { definition_id },
        remove: () => definition.permanentlyDelete({}, request),
      });
    } catch (error) {
      // A YAML definition cannot be renamed, so the shared hint (rename it) does not apply.
      if (error instanceof ToolError && error.failure.code === "unsafe_delete") {
        error.failure.hint =
          "Only a definition whose name contains 'delete-me' or 'deleteme' can be deleted, and YAML definitions cannot be renamed: a person can delete it in Airbyte.";
      }
      throw error;
    }
    session.forget(definition_id);
    return { definition_id, name, deleted: true as const };
  },
});

/** In the order listTools shows them. */
export const DEFINITION_TOOLS: readonly Tool[] = [
  publishDefinition,
  listDefinitions,
  getDefinition,
  getDraftManifest,
  updateDefinition,
  deleteDefinition,
];
