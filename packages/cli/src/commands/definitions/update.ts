import type { Context } from "../../context.js";
import { definitionColumns } from "../../output/records.js";
import { usageError } from "../../util/errors.js";
import { readDocument, requireObject } from "../../util/input.js";
import { definitionOf, recordOf } from "./shared.js";

interface Options {
  manifest?: string;
  dockerTag?: string;
  type?: string;
  destination?: boolean;
  validate: boolean;
}

export async function run(ctx: Context, [definitionId]: [string], options: Options) {
  if ((options.manifest === undefined) === (options.dockerTag === undefined)) {
    throw usageError("Pass --manifest FILE (YAML definitions) or --docker-tag TAG (Docker definitions).");
  }
  const manifest =
    options.manifest === undefined
      ? undefined
      : requireObject(await readDocument(options.manifest, "manifest"), "manifest");
  const { definition } = await definitionOf(ctx, definitionId, {
    ...options,
    ...(options.type === undefined && options.dockerTag !== undefined && !options.destination
      ? { type: "docker" }
      : {}),
    ...(options.type === undefined && manifest !== undefined ? { type: "yaml" } : {}),
  });
  if (definition.connectorType === "destination") {
    await definition.updateDefinition({ dockerTag: options.dockerTag as string });
  } else {
    await definition.updateDefinition(
      manifest ? { manifestYaml: manifest, preValidate: options.validate } : { dockerTag: options.dockerTag },
    );
  }
  await ctx.out.item(await recordOf(definition), definitionColumns);
  ctx.out.message(`Updated custom ${definition.connectorType} definition ${definition.definitionId}.`);
}
