/**
 * The tools for sources and destinations, PyAirbyte's newest "connector" tools (one tool for
 * both kinds): deploy, describe, check, rename, configure, delete, on the SDK's `CloudSource`
 * and `CloudDestination`. An id may be either kind: without `connector_type` the SDK asks for a
 * source first, then a destination (`CloudWorkspace.getConnector`). Deploying registers the new
 * id in the session; the destructive tools declare the safe-mode guard the server applies first.
 * A configuration leaves the server only masked (`CloudConnector.getConfiguration`).
 */
import {
  BadRequestError,
  type CloudDestination,
  type CloudSource,
  type CloudWorkspace,
  DuplicateResourcesError,
  InputError,
  UnprocessableEntityError,
} from "airbyte-ts";
import { z } from "zod";
import { configArg, configSecretNameArg, resolveConfig, withSecretsMasked } from "./connector-config.js";
import { connectorSchema, connectorSummary } from "./connector-summary.js";
import { deleteByExactName } from "./deletion.js";
import { ToolError } from "./results.js";
import { DESTRUCTIVE, defineTool, READ_ONLY, type Tool, type ToolContext, WRITE, workspaceIdArg } from "./tool.js";

type ConnectorType = "source" | "destination";
type Connector = CloudSource | CloudDestination;
type Configuration = Record<string, unknown>;

const connectorIdArg = z
  .string()
  .min(1)
  .describe("The source's or destination's id (list_cloud_connectors shows them).");

const connectorTypeArg = z
  .enum(["source", "destination"])
  .optional()
  .describe("source or destination, when known: saves a request (without it, the id is looked up as both).");

/** Safe mode: the destructive connector tools act only on connectors this session created. */
const CONNECTOR_GUARD = { argument: "connector_id", resourceType: "connector" } as const;

function connectorFor(
  args: { connector_id: string; connector_type?: ConnectorType | undefined; workspace_id?: string | undefined },
  context: ToolContext,
): Promise<Connector> {
  return context
    .workspace(args.workspace_id)
    .getConnector(
      args.connector_id,
      args.connector_type ? { connectorType: args.connector_type } : {},
      context.request,
    );
}

/**
 * `source-faker` or `destination-duckdb` say their type; a short name (`faker`) needs
 * `connector_type`. What is deployed is the short name, as the configuration's `sourceType` or
 * `destinationType`.
 */
function connectorChoice(connectorName: string, connectorType: ConnectorType | undefined) {
  const prefixed = /^(source|destination)-(.+)$/.exec(connectorName);
  if (prefixed) {
    const type = prefixed[1] as ConnectorType;
    const shortName = prefixed[2] as string;
    if (connectorType && connectorType !== type) {
      throw new InputError(`connector_name '${connectorName}' is a ${type}, but connector_type is '${connectorType}'.`);
    }
    return { type, shortName };
  }
  if (!connectorType) {
    throw new InputError(
      `connector_name '${connectorName}' does not say whether it is a source or a destination: pass connector_type, or the full name (source-faker, destination-duckdb).`,
    );
  }
  return { type: connectorType, shortName: connectorName };
}

/** Creates the connector and registers it as this session's. */
async function deploy(
  workspace: CloudWorkspace,
  choice: { type: ConnectorType; name: string; config: Configuration; unique: boolean },
  context: ToolContext,
  tool: string,
): Promise<Connector> {
  const options = { unique: choice.unique };
  try {
    const created =
      choice.type === "source"
        ? await workspace.deploySource(choice.name, choice.config, options, context.request)
        : await workspace.deployDestination(choice.name, choice.config, options, context.request);
    context.session.register(created.connectorId);
    return created;
  } catch (error) {
    if (error instanceof DuplicateResourcesError) {
      throw new ToolError({
        code: error.code,
        message: `A ${choice.type} named '${choice.name}' exists already. Nothing was created.`,
        hint: `Choose another name, or pass unique: false; list_cloud_connectors shows the ${choice.type}s.`,
      });
    }
    throw explainRefusedConfig(error, tool);
  }
}

/** Airbyte's refusal of a configuration (an unknown connector, a spec it breaks), with what to do. */
function explainRefusedConfig(error: unknown, tool: string): unknown {
  if (!(error instanceof BadRequestError || error instanceof UnprocessableEntityError)) return error;
  return new ToolError({
    code: error.code,
    message: `Airbyte refused the configuration: ${error.message}`,
    hint: `Fix what the message names (the connector's name, or a field of config), then call ${tool} again.`,
  });
}

const deployConnector = defineTool({
  name: "deploy_connector_to_cloud",
  title: "Deploy a source or destination",
  description:
    "Creates a source or destination in the workspace from a connector and its configuration: connector_name 'source-faker' or 'destination-duckdb' (or the short name with connector_type). Secrets belong in config_secret_name (a variable a person sets on the server), not in config. With unique (the default), an existing connector of the same name and type is an error. The new connector counts as created in this session, so safe mode lets the destructive tools act on it. Then create_connection_on_cloud connects it.",
  input: z.object({
    name: z.string().min(1).describe("The new connector's name."),
    connector_name: z
      .string()
      .min(1)
      .describe(
        "The connector: 'source-faker', 'destination-duckdb', or the short name ('faker') with connector_type.",
      ),
    connector_type: connectorTypeArg.describe(
      "source or destination; needed only when connector_name has no source-/destination- prefix.",
    ),
    config: configArg.optional(),
    config_secret_name: configSecretNameArg.optional(),
    unique: z.boolean().default(true).describe("Refuse when a connector of this name and type exists."),
    workspace_id: workspaceIdArg,
  }),
  output: connectorSchema,
  annotations: WRITE,
  async run(args, context) {
    const choice = connectorChoice(args.connector_name, args.connector_type);
    const resolved = resolveConfig(args, context, "deploy_connector_to_cloud");
    const typeKey = choice.type === "source" ? "sourceType" : "destinationType";
    return withSecretsMasked(resolved.redactor, async () => {
      const given = resolved.config[typeKey];
      if (given !== undefined && String(given).replace(/^(source|destination)-/, "") !== choice.shortName) {
        throw new InputError(
          `config.${typeKey} '${String(given)}' contradicts connector_name '${args.connector_name}'.`,
        );
      }
      const created = await deploy(
        context.workspace(args.workspace_id),
        {
          type: choice.type,
          name: args.name,
          config: { ...resolved.config, [typeKey]: choice.shortName },
          unique: args.unique,
        },
        context,
        "deploy_connector_to_cloud",
      );
      return connectorSummary(created, context.request);
    });
  },
});

/** What PyAirbyte's `get_noop_destination` deploys: a dev-null destination that writes nothing. */
const NO_OP_DESTINATION = { destinationType: "dev-null", test_destination: { test_destination_type: "SILENT" } };

const deployNoopDestination = defineTool({
  name: "deploy_noop_destination_to_cloud",
  title: "Deploy a no-op destination",
  description:
    "Creates a destination that accepts every record and writes nothing (dev-null, silent): for trying a source or measuring its speed without storing data. It counts as created in this session.",
  input: z.object({
    name: z.string().min(1).default("No-op Destination").describe("The destination's name."),
    unique: z.boolean().default(true).describe("Refuse when a destination of this name exists."),
    workspace_id: workspaceIdArg,
  }),
  output: connectorSchema,
  annotations: WRITE,
  async run({ name, unique, workspace_id }, context) {
    const created = await deploy(
      context.workspace(workspace_id),
      { type: "destination", name, config: NO_OP_DESTINATION, unique },
      context,
      "deploy_noop_destination_to_cloud",
    );
    return connectorSummary(created, context.request);
  },
});

const describeConnector = defineTool({
  name: "describe_cloud_connector",
  title: "Describe a source or destination",
  description:
    "A source's or destination's type, name, connector, definition id and web URL; with with_config, its configuration with every secret masked (what Airbyte masks, fields its spec marks secret, and fields named like secrets that no spec describes).",
  input: z.object({
    connector_id: connectorIdArg,
    connector_type: connectorTypeArg,
    with_config: z.boolean().default(false).describe("Add the configuration, secrets masked."),
    workspace_id: workspaceIdArg,
  }),
  output: connectorSchema.extend({
    config: z.record(z.string(), z.unknown()).nullable().describe("With with_config; secrets are '**********'."),
  }),
  annotations: READ_ONLY,
  async run(args, context) {
    const target = await connectorFor(args, context);
    const summary = await connectorSummary(target, context.request);
    return { ...summary, config: args.with_config ? await target.getConfiguration(context.request) : null };
  },
});

const checkConnector = defineTool({
  name: "check_cloud_connector",
  title: "Check a source or destination",
  description:
    "Runs the connector's check in Airbyte (can it reach its system with this configuration?): succeeded, and the connector's message when it failed. A failed check is a result, not an error.",
  input: z.object({
    connector_id: connectorIdArg,
    connector_type: connectorTypeArg,
    workspace_id: workspaceIdArg,
  }),
  output: z.object({
    connector_id: z.string(),
    connector_type: z.enum(["source", "destination"]),
    succeeded: z.boolean(),
    message: z.string().nullable().describe("Why it failed; null when it succeeded."),
  }),
  // As PyAirbyte: it starts a job in Airbyte, so it is not read-only (read-only mode hides it),
  // but it changes and removes nothing.
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  async run(args, context) {
    const target = await connectorFor(args, context);
    const result = await target.check({ raiseOnError: false }, context.request);
    return {
      connector_id: target.connectorId,
      connector_type: target.connectorType,
      succeeded: result.success,
      message: result.success ? null : (result.errorMessage ?? result.internalError ?? "The check failed."),
    };
  },
});

const renameConnector = defineTool({
  name: "rename_cloud_connector",
  title: "Rename a source or destination",
  description:
    "Gives the source or destination a new name. Not guarded by safe mode (as PyAirbyte): a rename removes nothing.",
  input: z.object({
    connector_id: connectorIdArg,
    name: z.string().min(1).describe("The new name."),
    connector_type: connectorTypeArg,
    workspace_id: workspaceIdArg,
  }),
  output: connectorSchema,
  annotations: WRITE,
  async run(args, context) {
    const target = await connectorFor(args, context);
    return connectorSummary(await target.rename(args.name, context.request), context.request);
  },
});

const updateConnectorConfig = defineTool({
  name: "update_cloud_connector_config",
  title: "Change a connector's configuration",
  description:
    "Changes the configuration of a source or destination (a PATCH): the fields given replace the stored ones and fields left out keep their values; pass a nested object whole, as how one is merged depends on the Airbyte. Secrets left out, or sent back as '**********', keep their values; new secrets go in config_secret_name. Airbyte checks the result against the connector's spec. A wrong value breaks the connections that use it. Safe mode: only a connector created in this session.",
  input: z.object({
    connector_id: connectorIdArg,
    config: configArg.optional(),
    config_secret_name: configSecretNameArg.optional(),
    connector_type: connectorTypeArg,
    workspace_id: workspaceIdArg,
  }),
  output: connectorSchema,
  annotations: DESTRUCTIVE,
  guard: CONNECTOR_GUARD,
  async run(args, context) {
    if (args.config === undefined && args.config_secret_name === undefined) {
      throw new InputError("Pass config, config_secret_name, or both.");
    }
    const resolved = resolveConfig(args, context, "update_cloud_connector_config");
    const target = await connectorFor(args, context);
    return withSecretsMasked(resolved.redactor, async () => {
      try {
        await target.updateConfig(resolved.config, context.request);
      } catch (error) {
        throw explainRefusedConfig(error, "update_cloud_connector_config");
      }
      return connectorSummary(target, context.request);
    });
  },
});

const deleteConnector = defineTool({
  name: "permanently_delete_cloud_connector",
  title: "Delete a source or destination",
  description:
    "Deletes the source or destination for good; Airbyte deletes the connections that use it too. name must be its exact current name, and that name must contain 'delete-me' or 'deleteme' (rename it first with rename_cloud_connector), whatever the mode. Safe mode: only a connector created in this session.",
  input: z.object({
    connector_id: connectorIdArg,
    name: z.string().describe("The connector's exact current name, as confirmation."),
    connector_type: connectorTypeArg,
    workspace_id: workspaceIdArg,
  }),
  output: z.object({
    connector_id: z.string(),
    connector_type: z.enum(["source", "destination"]),
    name: z.string(),
    deleted: z.literal(true),
  }),
  annotations: DESTRUCTIVE,
  guard: CONNECTOR_GUARD,
  async run(args, context) {
    const target = await connectorFor(args, context);
    await deleteByExactName({
      resourceType: target.connectorType,
      givenName: args.name,
      actualName: await target.getName({}, context.request),
      describeTool: "describe_cloud_connector",
      details: { connector_id: args.connector_id },
      remove: () => target.permanentlyDelete({}, context.request),
    });
    context.session.forget(args.connector_id);
    return {
      connector_id: args.connector_id,
      connector_type: target.connectorType,
      name: args.name,
      deleted: true as const,
    };
  },
});

/** In the order listTools shows them. */
export const CONNECTOR_TOOLS: readonly Tool[] = [
  deployConnector,
  deployNoopDestination,
  describeConnector,
  checkConnector,
  renameConnector,
  updateConnectorConfig,
  deleteConnector,
];
