import type { Context } from "../../context.js";
import { definitionColumns } from "../../output/records.js";
import { usageError } from "../../util/errors.js";
import { readDocument, requireObject } from "../../util/input.js";
import { recordOf } from "./shared.js";

interface Options {
  manifest?: string;
  dockerImage?: string;
  dockerTag?: string;
  documentationUrl?: string;
  testingValues?: string;
  destination?: boolean;
  allowDuplicate?: boolean;
  validate: boolean;
}

export async function run(ctx: Context, [name]: [string], options: Options) {
  if ((options.manifest === undefined) === (options.dockerImage === undefined)) {
    throw usageError(
      "Pass --manifest FILE (a YAML definition) or --docker-image with --docker-tag (a Docker definition).",
    );
  }
  if (options.dockerImage !== undefined && !options.dockerTag) throw usageError("--docker-image needs --docker-tag.");
  if (options.destination && options.manifest !== undefined) {
    throw usageError("Destination definitions are Docker images: pass --docker-image and --docker-tag.");
  }
  if (options.testingValues !== undefined && options.manifest === undefined) {
    throw usageError("--testing-values applies to YAML definitions (with --manifest).");
  }
  const manifest =
    options.manifest === undefined
      ? undefined
      : requireObject(await readDocument(options.manifest, "manifest"), "manifest");
  const testingValues =
    options.testingValues === undefined
      ? undefined
      : requireObject(await readDocument(options.testingValues, "testing values"), "testing values");
  const workspace = await ctx.workspace();
  const docker = {
    dockerImage: options.dockerImage as string,
    dockerTag: options.dockerTag as string,
    ...(options.documentationUrl ? { documentationUrl: options.documentationUrl } : {}),
  };
  const definition = options.destination
    ? await workspace.publishCustomDestinationDefinition(name, { ...docker, unique: !options.allowDuplicate })
    : await workspace.publishCustomSourceDefinition(name, {
        unique: !options.allowDuplicate,
        ...(manifest ? { manifestYaml: manifest, preValidate: options.validate } : docker),
        ...(testingValues ? { testingValues } : {}),
      });
  await ctx.out.item(await recordOf(definition), definitionColumns);
  ctx.out.message(`Published custom ${definition.connectorType} definition '${name}' (${definition.definitionId}).`);
}
