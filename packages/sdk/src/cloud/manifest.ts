/**
 * Declarative (low-code) manifests for custom source definitions: given as an object, as YAML
 * or JSON text, or as a file (a path or a `file:` URL), and checked before publishing as
 * PyAirbyte checks them.
 *
 * Parsing YAML needs the `yaml` package, an optional peer dependency imported only when YAML
 * text is met; JSON needs nothing.
 */
import { loadOptionalPackage } from "../internal/optional-package.js";
import { InputError } from "./errors.js";

export type DeclarativeManifest = Record<string, unknown>;

/** A manifest object, YAML or JSON text (several lines, or one starting with `{`), or a file path or URL. */
export type ManifestInput = DeclarativeManifest | string | URL;

/** The manifest `input` stands for, parsed. */
export async function loadManifest(input: ManifestInput): Promise<unknown> {
  if (input instanceof URL) return parseManifestText(await readManifestFile(input), input.href);
  if (typeof input === "string") {
    const text = isInlineText(input) ? input : await readManifestFile(input);
    return parseManifestText(text, isInlineText(input) ? "the manifest text" : input);
  }
  return input;
}

/** PyAirbyte's checks: an object with `version` and `type`, and `type` is `DeclarativeSource`. */
export function validateManifest(manifest: unknown): asserts manifest is DeclarativeManifest {
  if (typeof manifest !== "object" || manifest === null || Array.isArray(manifest)) {
    throw new InputError("Manifest must be a dictionary.", { inputValue: manifest });
  }
  const missing = ["version", "type"].filter((key) => !(key in manifest));
  if (missing.length > 0) {
    throw new InputError(`Manifest missing required fields: ${missing.join(", ")}.`, {
      context: { missingFields: missing },
    });
  }
  const type = (manifest as DeclarativeManifest).type;
  if (type !== "DeclarativeSource") {
    throw new InputError(`Manifest type must be 'DeclarativeSource', got '${String(type)}'.`, { inputValue: type });
  }
}

/** The builder's `spec` for testing values, from the manifest's `spec` (empty when it has none). */
export function builderSpecOf(manifest: DeclarativeManifest | undefined): Record<string, unknown> {
  const spec = manifest?.spec;
  if (typeof spec !== "object" || spec === null) return {};
  const { documentation_url, connection_specification, advanced_auth } = spec as Record<string, unknown>;
  return {
    ...(documentation_url === undefined ? {} : { documentationUrl: documentation_url }),
    connectionSpecification: connection_specification ?? {},
    ...(advanced_auth === undefined ? {} : { advancedAuth: advanced_auth }),
  };
}

// One line that is not an object is a file path: PyAirbyte's MCP tools read it that way too.
function isInlineText(text: string): boolean {
  return text.includes("\n") || text.trimStart().startsWith("{");
}

async function readManifestFile(path: string | URL): Promise<string> {
  const { readFile } = await import("node:fs/promises");
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    throw new InputError(`Cannot read the manifest file ${String(path)}: ${(error as Error).message}`, {
      inputValue: String(path),
      cause: error,
    });
  }
}

async function parseManifestText(text: string, origin: string): Promise<unknown> {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON: YAML, which JSON is a subset of.
  }
  const yaml = await loadYamlParser();
  try {
    return yaml.parse(text);
  } catch (error) {
    throw new InputError(`Cannot parse ${origin} as YAML: ${(error as Error).message}`, { cause: error });
  }
}

interface YamlParser {
  parse(text: string): unknown;
}

/** The optional `yaml` package. */
async function loadYamlParser(): Promise<YamlParser> {
  const loaded = await loadOptionalPackage<YamlParser & { default?: YamlParser }>("yaml", {
    purpose: "Parsing a YAML manifest",
    hint: "or pass the manifest as an object or JSON",
  });
  return typeof loaded.parse === "function" ? loaded : (loaded.default as YamlParser);
}
