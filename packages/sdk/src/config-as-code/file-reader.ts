/**
 * Reads the values of one parsed project file by path, expanding `${VAR}` in strings, and fails
 * with the file, line and path of a value the format does not allow.
 */
import { closestName } from "../internal/closest-name.js";
import { ConfigFileError, type FileLocation } from "./errors.js";
import { type Env, expandString } from "./variables.js";
import { type ParsedYaml, pathKey, type ValueOrigin } from "./yaml-document.js";

export type Path = readonly (string | number)[];

export class FileReader {
  /** Paths (`pathKey`) of strings that read an environment variable. */
  readonly fromEnvironment = new Set<string>();

  constructor(
    readonly parsed: ParsedYaml,
    private readonly env: Env,
  ) {}

  get file(): string {
    return this.parsed.file;
  }

  origin(path: Path): ValueOrigin | undefined {
    return this.parsed.origins.get(pathKey(path));
  }

  location(path: Path): FileLocation {
    const origin = this.origin(path);
    return { file: this.file, path, line: origin?.line, column: origin?.column };
  }

  fail(path: Path, problem: string, guidance?: string): never {
    throw new ConfigFileError(this.location(path), problem, guidance === undefined ? {} : { guidance });
  }

  /** A map; `allowed` lists its keys, and any other key is refused with the closest allowed one. */
  object(value: unknown, path: Path, allowed?: readonly string[]): Record<string, unknown> {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      this.fail(path, `must be a map, not ${describe(value)}.`);
    }
    const record = value as Record<string, unknown>;
    if (allowed) {
      for (const key of Object.keys(record)) {
        if (!allowed.includes(key)) {
          const near = closestName(key, allowed);
          this.fail(
            [...path, key],
            `is not a known field.`,
            near ? `Did you mean "${near}"?` : `Known: ${allowed.join(", ")}.`,
          );
        }
      }
    }
    return record;
  }

  /** A map whose keys are the user's (resource keys, stream keys); absent is an empty map. */
  entries(value: unknown, path: Path): [string, unknown][] {
    if (value === undefined || value === null) return [];
    return Object.entries(this.object(value, path));
  }

  list(value: unknown, path: Path): unknown[] {
    if (!Array.isArray(value)) this.fail(path, `must be a list, not ${describe(value)}.`);
    return value;
  }

  /** A string, with `${VAR}` expanded. Numbers written plainly are taken as their text. */
  string(value: unknown, path: Path): string {
    if (typeof value === "number" || typeof value === "boolean") {
      return this.origin(path)?.plainText ?? String(value);
    }
    if (typeof value !== "string") this.fail(path, `must be a string, not ${describe(value)}.`);
    return this.expand(value, path);
  }

  optionalString(value: unknown, path: Path): string | undefined {
    return value === undefined ? undefined : this.string(value, path);
  }

  /** A string, `null` (clear it) or absent (not managed). */
  nullableString(value: unknown, path: Path): string | null | undefined {
    return value === null ? null : this.optionalString(value, path);
  }

  oneOf<T extends string>(value: unknown, path: Path, choices: readonly T[]): T {
    const text = this.string(value, path);
    if (!(choices as readonly string[]).includes(text)) {
      this.fail(path, `must be one of ${choices.join(", ")}, not ${JSON.stringify(text)}.`);
    }
    return text as T;
  }

  stringList(value: unknown, path: Path): string[] {
    return this.list(value, path).map((item, index) => this.string(item, [...path, index]));
  }

  expand(text: string, path: Path): string {
    const { text: expanded, variables } = expandString(text, this.env, this.location(path));
    if (variables.length > 0) this.fromEnvironment.add(pathKey(path));
    return expanded;
  }

  /** Any value, with `${VAR}` expanded in every string inside it (connector configurations, manifests). */
  expandAll(value: unknown, path: Path): unknown {
    if (typeof value === "string") return this.expand(value, path);
    if (Array.isArray(value)) return value.map((item, index) => this.expandAll(item, [...path, index]));
    if (typeof value === "object" && value !== null) {
      const result: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        Object.defineProperty(result, key, {
          value: this.expandAll(item, [...path, key]),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return result;
    }
    return value;
  }
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  return `${typeof value} ${JSON.stringify(value)}`;
}
