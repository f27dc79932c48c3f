/**
 * Checks a connector configuration against its specification (JSON Schema draft-07, as
 * Airbyte's connectors write it) before anything is sent, so a plan fails on the file's line
 * instead of an apply failing half-way on the server's 422.
 *
 * The SDK has no runtime dependencies, so this is not a general validator: it reads the
 * keywords connector specifications use (types, required, properties, enums and consts,
 * oneOf/anyOf/allOf, items and unique items, bounds, lengths, patterns, local `$ref`s, the common formats) and
 * accepts whatever it does not read. It may miss a problem the server then reports; it must
 * never refuse a configuration the server would take (a test holds it to Ajv on real specs).
 */
import { isRecord } from "./compare.js";
import { constOf } from "./connector-spec.js";
import type { Path } from "./file-reader.js";

type Schema = Record<string, unknown>;

export interface SpecProblem {
  /** Inside the configuration. */
  path: Path;
  message: string;
}

export function specProblems(configuration: unknown, spec: Schema): SpecProblem[] {
  return check(configuration, spec, [], spec, 0);
}

/** Deeper than any real specification: a `$ref` cycle stops here instead of overflowing. */
const MAX_DEPTH = 64;

function check(value: unknown, schema: unknown, path: Path, root: Schema, depth: number): SpecProblem[] {
  if (!isRecord(schema) || depth > MAX_DEPTH) return [];
  const resolved = resolveRef(schema, root);
  if (!resolved) return [];
  const problems: SpecProblem[] = [];
  const add = (message: string, at: Path = path) => problems.push({ path: at, message });

  const types = typesOf(resolved);
  if (types.length > 0 && !types.some((type) => hasType(value, type))) {
    add(`must be ${types.map(article).join(" or ")}, not ${describe(value)}`);
    return problems; // the other keywords' messages would say the same again
  }
  if (resolved.const !== undefined && !equal(value, resolved.const)) add(`must be ${JSON.stringify(resolved.const)}`);
  if (Array.isArray(resolved.enum) && !resolved.enum.some((item) => equal(value, item))) {
    add(`must be one of ${resolved.enum.map((item) => JSON.stringify(item)).join(", ")}`);
  }
  if (typeof value === "string") checkString(value, resolved, add);
  if (typeof value === "number") checkNumber(value, resolved, add);
  if (Array.isArray(value)) {
    if (typeof resolved.minItems === "number" && value.length < resolved.minItems) {
      add(`needs at least ${resolved.minItems} item(s)`);
    }
    if (typeof resolved.maxItems === "number" && value.length > resolved.maxItems) {
      add(`takes at most ${resolved.maxItems} item(s)`);
    }
    if (resolved.uniqueItems === true) {
      const twice = value.findIndex((item, index) => value.findIndex((other) => equal(item, other)) !== index);
      if (twice >= 0) add(`must not hold the same item twice (item ${twice} repeats an earlier one)`);
    }
    if (isRecord(resolved.items)) {
      value.forEach((item, index) => problems.push(...check(item, resolved.items, [...path, index], root, depth + 1)));
    }
  }
  if (isRecord(value)) problems.push(...checkObject(value, resolved, path, root, depth));
  if (Array.isArray(resolved.allOf)) {
    for (const part of resolved.allOf) problems.push(...check(value, part, path, root, depth + 1));
  }
  for (const keyword of ["oneOf", "anyOf"] as const) {
    const branches = resolved[keyword];
    if (Array.isArray(branches)) problems.push(...checkBranches(value, branches, path, root, depth));
  }
  return problems;
}

function checkObject(value: Record<string, unknown>, schema: Schema, path: Path, root: Schema, depth: number) {
  const problems: SpecProblem[] = [];
  const properties = isRecord(schema.properties) ? schema.properties : {};
  if (Array.isArray(schema.required)) {
    for (const name of schema.required) {
      if (typeof name === "string" && !Object.hasOwn(value, name)) {
        problems.push({ path: [...path, name], message: "is required" });
      }
    }
  }
  for (const [key, item] of Object.entries(value)) {
    if (Object.hasOwn(properties, key)) {
      problems.push(...check(item, properties[key], [...path, key], root, depth + 1));
    } else if (matchesPatternProperty(key, schema)) {
      continue; // patternProperties' own schemas are not read: accepted
    } else if (schema.additionalProperties === false) {
      const known = Object.keys(properties);
      problems.push({
        path: [...path, key],
        message: `is not a field of this connector${known.length ? ` (it has: ${known.join(", ")})` : ""}`,
      });
    } else if (isRecord(schema.additionalProperties)) {
      problems.push(...check(item, schema.additionalProperties, [...path, key], root, depth + 1));
    }
  }
  return problems;
}

/**
 * Which option a value takes. Airbyte's options are told apart by a field with a `const` (or a
 * one-value `enum`), such as `ssl_mode: { mode: verify-full, ... }`: when the value names one,
 * that option's own problems are the message.
 */
function checkBranches(value: unknown, branches: unknown[], path: Path, root: Schema, depth: number): SpecProblem[] {
  const results = branches.map((branch) => check(value, branch, path, root, depth + 1));
  // Two options passing here may be one on the server, which reads keywords this engine does
  // not: only "none passes" is sure, for oneOf as for anyOf.
  if (results.some((problems) => problems.length === 0)) return [];
  const named = branches.findIndex((branch) => selects(value, resolveRef(branch, root)));
  if (named >= 0) return results[named] ?? [];
  const labels = branches.map((branch) => optionLabel(resolveRef(branch, root))).filter((label) => label !== "");
  return [{ path, message: `matches none of its options${labels.length ? ` (${labels.join("; ")})` : ""}` }];
}

function discriminators(branch: Schema | undefined): [string, unknown][] {
  const properties = branch && isRecord(branch.properties) ? branch.properties : {};
  return Object.entries(properties)
    .map(([key, property]): [string, unknown] => [key, constOf(property)])
    .filter(([, constant]) => constant !== undefined);
}

function selects(value: unknown, branch: Schema | undefined): boolean {
  const keys = discriminators(branch);
  return isRecord(value) && keys.length > 0 && keys.every(([key, constant]) => equal(value[key], constant));
}

function optionLabel(branch: Schema | undefined): string {
  const keys = discriminators(branch);
  if (keys.length > 0) return keys.map(([key, constant]) => `${key}: ${JSON.stringify(constant)}`).join(", ");
  return typeof branch?.title === "string" ? branch.title : "";
}

function matchesPatternProperty(key: string, schema: Schema): boolean {
  if (!isRecord(schema.patternProperties)) return false;
  // A pattern this engine cannot read is taken to match: when in doubt, accept.
  return Object.keys(schema.patternProperties).some((pattern) => regex(pattern)?.test(key) ?? true);
}

function checkString(value: string, schema: Schema, add: (message: string) => void): void {
  const length = [...value].length; // JSON Schema counts code points
  if (typeof schema.minLength === "number" && length < schema.minLength) {
    add(`must be at least ${schema.minLength} character(s)`);
  }
  if (typeof schema.maxLength === "number" && length > schema.maxLength) {
    add(`must be at most ${schema.maxLength} character(s)`);
  }
  if (typeof schema.pattern === "string" && regex(schema.pattern)?.test(value) === false) {
    add(`must match the pattern ${schema.pattern}`);
  }
  const format = typeof schema.format === "string" ? FORMATS[schema.format] : undefined;
  if (format && !format.test(value)) add(`must be a ${schema.format as string}`);
}

function checkNumber(value: number, schema: Schema, add: (message: string) => void): void {
  if (typeof schema.minimum === "number" && value < schema.minimum) add(`must be ${schema.minimum} or more`);
  if (typeof schema.maximum === "number" && value > schema.maximum) add(`must be ${schema.maximum} or less`);
  if (typeof schema.exclusiveMinimum === "number" && value <= schema.exclusiveMinimum) {
    add(`must be more than ${schema.exclusiveMinimum}`);
  }
  if (typeof schema.exclusiveMaximum === "number" && value >= schema.exclusiveMaximum) {
    add(`must be less than ${schema.exclusiveMaximum}`);
  }
}

/**
 * The formats Airbyte's specifications use that have one reading, read as RFC 3339 and as the
 * server's validator (and Ajv's formats) read them; others (uri, hostname...) are not checked.
 */
const FORMATS: Record<string, { test(value: string): boolean }> = {
  date: { test: (value) => isDate(value) },
  "date-time": {
    test: (value) => {
      const parts = value.split(/t|\s/i);
      return parts.length === 2 && isDate(parts[0] ?? "") && isTime(parts[1] ?? "");
    },
  },
  uuid: /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i,
};

function isDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

/** `hh:mm:ss[.fraction]` and a zone (`Z`, `±hh`, `±hh:mm`), which a date-time needs; a leap second only at 23:59 UTC. */
function isTime(text: string): boolean {
  const match = /^(\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)(z|([+-])(\d{2})(?::?(\d{2}))?)$/i.exec(text);
  if (!match) return false;
  const [hour, minute, second] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const zoneHour = Number(match[6] ?? 0);
  const zoneMinute = Number(match[7] ?? 0);
  if (zoneHour > 23 || zoneMinute > 59) return false;
  if (hour <= 23 && minute <= 59 && second < 60) return true;
  const sign = match[5] === "-" ? -1 : 1;
  const utcMinute = minute - sign * zoneMinute;
  const utcHour = hour - sign * zoneHour - (utcMinute < 0 ? 1 : 0);
  return (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1) && second < 61;
}

const patterns = new Map<string, RegExp | undefined>();

/** A spec's pattern as a RegExp (as Ajv reads it, with the `u` flag), or undefined when JavaScript cannot read it. */
function regex(pattern: string): RegExp | undefined {
  if (!patterns.has(pattern)) {
    let compiled: RegExp | undefined;
    try {
      compiled = new RegExp(pattern, "u");
    } catch {
      compiled = undefined;
    }
    patterns.set(pattern, compiled);
  }
  return patterns.get(pattern);
}

/** A `$ref` into the spec itself (`#/definitions/...`); undefined for one this engine cannot follow. */
function resolveRef(schema: unknown, root: Schema): Schema | undefined {
  if (!isRecord(schema)) return undefined;
  if (typeof schema.$ref !== "string") return schema;
  if (!schema.$ref.startsWith("#")) return undefined;
  let target: unknown = root;
  for (const part of schema.$ref.slice(1).split("/").filter(Boolean)) {
    const key = decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~");
    target = isRecord(target) ? target[key] : undefined;
  }
  // draft-07: a $ref's siblings are ignored.
  return isRecord(target) ? target : undefined;
}

function typesOf(schema: Schema): string[] {
  if (typeof schema.type === "string") return [schema.type];
  return Array.isArray(schema.type) ? schema.type.filter((type): type is string => typeof type === "string") : [];
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    case "null":
      return value === null;
    case "array":
      return Array.isArray(value);
    case "object":
      return isRecord(value);
    default:
      return true; // not a JSON Schema type: nothing to hold the value to
  }
}

const article = (type: string) =>
  type === "integer" || type === "object" || type === "array" ? `an ${type}` : `a ${type}`;

/** What a value is, never what it holds: the value may be a secret, and messages reach logs. */
function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  return `a ${typeof value}`;
}

/** JSON equality, as `const` and `enum` compare. */
function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return (
    keysA.length === keysB.length &&
    keysA.every((key) => equal((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}
