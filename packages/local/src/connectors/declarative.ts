/**
 * Declarative (low-code) sources: a YAML/JSON manifest run by Airbyte's
 * `source-declarative-manifest` image. The local server stores manifests and reads their
 * connection specification, but has no low-code runtime to check, discover or sync them.
 */
import { isObject } from "./spec.js";
import type { JsonSchema } from "./types.js";

export const DECLARATIVE_REPOSITORY = "airbyte/source-declarative-manifest";

/** Why sources of declarative definitions cannot run here. */
export const DECLARATIVE_NOT_RUNNABLE =
  "The local server cannot run declarative (low-code) sources; create this source against Airbyte Cloud or a self-managed Airbyte to check, discover and sync it.";

/** The connection specification a manifest declares (`spec.connection_specification`). */
export function manifestConnectionSpecification(manifest: Record<string, unknown>): JsonSchema | undefined {
  const spec = manifest.spec;
  if (!isObject(spec)) return undefined;
  const connection = spec.connection_specification ?? spec.connectionSpecification;
  return isObject(connection) ? connection : undefined;
}

/**
 * The connection specification inside a `SourceDefinitionSpecification` of the Config API,
 * which clients send either as a connector specification (`{connectionSpecification, ...}`) or
 * as the JSON Schema itself.
 */
export function connectionSpecificationOf(spec: unknown): JsonSchema | undefined {
  if (!isObject(spec)) return undefined;
  const wrapped = spec.connectionSpecification ?? spec.connection_specification;
  if (isObject(wrapped)) return wrapped;
  return "properties" in spec || "type" in spec ? spec : undefined;
}

/**
 * The connector specification stored with a manifest version: as Airbyte does, the manifest's
 * `spec.connection_specification` copied to `connectionSpecification`.
 */
export function manifestConnectorSpecification(manifest: Record<string, unknown>): Record<string, unknown> {
  const spec = isObject(manifest.spec) ? manifest.spec : {};
  return { ...spec, connectionSpecification: manifestConnectionSpecification(manifest) ?? {} };
}

/**
 * The image tag a declarative definition runs with: Airbyte picks the newest
 * source-declarative-manifest image of the manifest's CDK version, which the manifest names in
 * its `version` field.
 */
export function manifestImageTag(manifest: Record<string, unknown>): string {
  return typeof manifest.version === "string" && /^\d+\.\d+\.\d+/.test(manifest.version) ? manifest.version : "latest";
}

/** The documentation link a manifest declares, if any. */
export function manifestDocumentationUrl(manifest: Record<string, unknown>): string | undefined {
  const spec = manifest.spec;
  const url = isObject(spec) ? (spec.documentation_url ?? spec.documentationUrl) : undefined;
  return typeof url === "string" ? url : undefined;
}
