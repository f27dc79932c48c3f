/**
 * What the definitions services check of what clients send: names, and the connection
 * specifications of manifests.
 */
import type { Config } from "airbyte-ts";
import { connectionSpecificationOf, manifestConnectionSpecification } from "../../connectors/declarative.js";
import { compileSpec } from "../../connectors/spec.js";
import type { JsonSchema } from "../../connectors/types.js";
import { badRequest } from "../errors.js";

/**
 * A Docker image's specification comes from running its `spec` command, which the local
 * server cannot do: custom Docker definitions accept any configuration object.
 */
export const OPEN_SPECIFICATION: JsonSchema = { type: "object", additionalProperties: true };

export const PUBLIC_DEFINITION = "Public definitions cannot be modified.";

export function requireText(field: string, value: string): void {
  if (value.trim() === "") throw badRequest(`${field} must not be blank.`);
}

/** The connection specification of a manifest given to the public API, which Airbyte requires. */
export function requireManifestSpecification(manifest: Record<string, unknown>): JsonSchema {
  const specification = manifestConnectionSpecification(manifest);
  if (!specification) {
    throw badRequest(
      "The manifest has no spec.connection_specification: a declarative source must declare the JSON Schema of its configuration.",
    );
  }
  return usableSpecification(specification);
}

/** The connection specification of a Config API manifest version: its `spec`, else the manifest's own. */
export function declaredSpecification(manifest: Config.DeclarativeSourceManifest): JsonSchema {
  const specification = connectionSpecificationOf(manifest.spec) ?? manifestConnectionSpecification(manifest.manifest);
  if (!specification) {
    throw badRequest(
      "The manifest version has no connection specification: give spec.connectionSpecification or the manifest's spec.connection_specification.",
    );
  }
  return usableSpecification(specification);
}

function usableSpecification(specification: JsonSchema): JsonSchema {
  const compiled = compileSpec(specification);
  if (typeof compiled === "string")
    throw badRequest(`The connection specification is not a valid JSON Schema: ${compiled}`);
  return specification;
}
