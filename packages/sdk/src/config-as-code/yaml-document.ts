/**
 * A project file's YAML, read as YAML 1.2 (so `on`, `no` and `yes` stay strings and `0123` is
 * no octal number), into plain values that remember where each one was written and, for plain
 * scalars, the text as written: a connector whose spec says "string" then gets `"0123"`, not 123.
 */
import { loadOptionalPackage } from "../internal/optional-package.js";
import { ConfigFileError } from "./errors.js";

/** One value's place in its file: where its key is written (in a map), or the value itself. */
export interface ValueOrigin {
  line: number;
  column: number;
  /** The text of a plain (unquoted) scalar as written; undefined for quoted ones and collections. */
  plainText?: string | undefined;
}

export interface ParsedYaml {
  file: string;
  value: unknown;
  /** Keyed by `pathKey(path)`. */
  origins: Map<string, ValueOrigin>;
}

/** The key of a value's path in `ParsedYaml.origins`. */
export const pathKey = (path: readonly (string | number)[]): string => JSON.stringify(path);

// The few parts of the `yaml` package (an optional peer) this module uses.
interface YamlNode {
  range?: [number, number, number] | null;
}
interface YamlScalar extends YamlNode {
  value: unknown;
  type?: string;
  source?: string;
}
interface YamlPair {
  key: unknown;
  value: unknown;
}
interface YamlCollection extends YamlNode {
  items: unknown[];
}
interface YamlAlias extends YamlNode {
  resolve(document: YamlDocument): unknown;
}
interface YamlError {
  message: string;
  linePos?: [{ line: number; col: number }, ...unknown[]];
}
interface YamlDocument {
  contents: unknown;
  errors: YamlError[];
  warnings: YamlError[];
}
interface YamlModule {
  parseAllDocuments(text: string, options: Record<string, unknown>): YamlDocument[] | { errors: YamlError[] };
  LineCounter: new () => { linePos(offset: number): { line: number; col: number } };
  isMap(node: unknown): node is YamlCollection;
  isSeq(node: unknown): node is YamlCollection;
  isScalar(node: unknown): node is YamlScalar;
  isAlias(node: unknown): node is YamlAlias;
}

async function loadYaml(): Promise<YamlModule> {
  return loadOptionalPackage<YamlModule>("yaml", { purpose: "Reading a project's YAML files" });
}

/** An alias may point at a large collection; expanding many of them is how a small file explodes. */
const MAX_NODES = 1_000_000;

/** Parses one file (one YAML document). Errors name the file, line and column. */
export async function parseYamlFile(file: string, text: string): Promise<ParsedYaml> {
  const yaml = await loadYaml();
  const lineCounter = new yaml.LineCounter();
  const parsed = yaml.parseAllDocuments(text, {
    version: "1.2",
    schema: "core",
    uniqueKeys: true,
    prettyErrors: true,
    lineCounter,
  });
  const documents = Array.isArray(parsed) ? parsed : [];
  const firstError = Array.isArray(parsed) ? documents.flatMap((d) => d.errors)[0] : parsed.errors[0];
  if (firstError) {
    const position = firstError.linePos?.[0];
    throw new ConfigFileError(
      { file, path: [], line: position?.line, column: position?.col },
      (firstError.message.split("\n")[0] ?? "not valid YAML").replace(/ at line \d+, column \d+:?$/, "."),
    );
  }
  if (documents.length > 1) {
    throw new ConfigFileError({ file, path: [] }, "holds more than one YAML document (---); write one per file.");
  }
  const document = documents[0];
  const origins = new Map<string, ValueOrigin>();
  let nodes = 0;

  const originOf = (node: YamlNode, plainText?: string): ValueOrigin => {
    const start = node.range?.[0];
    const position = start === undefined ? { line: 1, col: 1 } : lineCounter.linePos(start);
    return { line: position.line, column: position.col, ...(plainText === undefined ? {} : { plainText }) };
  };
  const fail = (node: unknown, path: (string | number)[], problem: string): never => {
    const origin = originOf(node ?? {});
    throw new ConfigFileError({ file, path, line: origin.line, column: origin.column }, problem);
  };

  const convert = (node: unknown, path: (string | number)[]): unknown => {
    if (++nodes > MAX_NODES) fail(node, path, `expands to more than ${MAX_NODES} values (aliases?).`);
    if (yaml.isAlias(node)) return convert(node.resolve(document as YamlDocument), path);
    if (yaml.isScalar(node)) {
      origins.set(pathKey(path), originOf(node, node.type === "PLAIN" ? node.source : undefined));
      return node.value;
    }
    if (yaml.isMap(node)) {
      origins.set(pathKey(path), originOf(node));
      const result: Record<string, unknown> = {};
      for (const item of node.items as YamlPair[]) {
        const key = yaml.isScalar(item.key) ? item.key.value : undefined;
        if (typeof key !== "string" && typeof key !== "number") fail(item.key, path, "a map key must be a string.");
        const name = String(key);
        if (name === "<<") fail(item.key, path, "merge keys (<<) are YAML 1.1; repeat the values or use an alias.");
        const itemPath = [...path, name];
        Object.defineProperty(result, name, {
          value: convert(item.value, itemPath),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        // Messages point at the key: where a reader looks for `sources.a`.
        const keyOrigin = originOf(item.key as YamlNode);
        const valueOrigin = origins.get(pathKey(itemPath));
        origins.set(pathKey(itemPath), { ...valueOrigin, line: keyOrigin.line, column: keyOrigin.column });
      }
      return result;
    }
    if (yaml.isSeq(node)) {
      origins.set(pathKey(path), originOf(node));
      return node.items.map((item, index) => convert(item, [...path, index]));
    }
    return null; // an empty document or value
  };

  const value = document ? convert(document.contents, []) : null;
  return { file, value, origins };
}
