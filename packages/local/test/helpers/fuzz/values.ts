/**
 * Values for the fuzz test: valid ones generated from a schema of Airbyte's OpenAPI documents
 * (so a mutation has a well-formed request around it), the bad values mutations put in, and
 * the encoding of a body into JSON text, including text JSON.stringify cannot write.
 */
import fc from "fast-check";
import { specSchemas, type SpecDoc } from "@airbyte-ts/test-support/openapi";

type Json = Record<string, unknown>;

/** JSON text put verbatim into a body: number literals JavaScript cannot hold. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** Values to prefer for properties of these names: ids of the fixtures, so requests reach real resources. */
export type Hints = Record<string, readonly unknown[]>;

/** Follows `$ref`s (by name in `components.schemas`) until a schema without one. */
export function resolve(doc: SpecDoc, schema: Json | undefined): Json {
  let current = schema ?? {};
  for (let hops = 0; typeof current.$ref === "string" && hops < 20; hops++) {
    current = specSchemas(doc)[current.$ref.replace("#/components/schemas/", "")] ?? {};
  }
  return current;
}

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };

function types(schema: Json): string[] {
  if (Array.isArray(schema.type)) return schema.type as string[];
  if (typeof schema.type === "string") return [schema.type];
  if (schema.properties) return ["object"];
  return [];
}

/**
 * Values valid against `schema`: every required property, some optional ones, short arrays.
 * Past `depth` 5 only what is required is generated, so recursive schemas end.
 */
export function validValue(doc: SpecDoc, schema: Json | undefined, hints: Hints, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  if (Array.isArray(s.enum) && s.enum.length > 0) return fc.constantFrom(...s.enum.filter((v) => v !== null));
  if (s.const !== undefined) return fc.constant(s.const);
  const union = (s.oneOf ?? s.anyOf) as Json[] | undefined;
  if (union) {
    const members = depth > 5 ? union.slice(0, 1) : union;
    return fc.oneof(
      ...members.map((member) => validValue(doc, { ...withoutUnion(s), ...resolve(doc, member) }, hints, depth)),
    );
  }
  if (Array.isArray(s.allOf)) {
    const merged = (s.allOf as Json[]).reduce<Json>(
      (all, part) => mergeObjects(all, resolve(doc, part)),
      withoutAllOf(s),
    );
    return validValue(doc, merged, hints, depth);
  }
  const type = types(s).find((t) => t !== "null");
  switch (type) {
    case "string":
      return stringValue(s);
    case "integer":
      return fc.integer(integerRange(s));
    case "number":
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 });
    case "boolean":
      return fc.boolean();
    case "array": {
      const minLength = typeof s.minItems === "number" ? s.minItems : 0;
      return fc.array(validValue(doc, s.items as Json, hints, depth + 1), {
        minLength,
        maxLength: depth > 5 ? minLength : Math.max(minLength, 2),
      });
    }
    case "object":
      return objectValue(doc, s, hints, depth);
    default:
      return fc.constant({});
  }
}

function withoutUnion(schema: Json): Json {
  const { oneOf: _oneOf, anyOf: _anyOf, discriminator: _discriminator, ...rest } = schema;
  return rest;
}

function withoutAllOf(schema: Json): Json {
  const { allOf: _allOf, ...rest } = schema;
  return rest;
}

function mergeObjects(a: Json, b: Json): Json {
  return {
    ...a,
    ...b,
    properties: { ...(a.properties ?? {}), ...(b.properties ?? {}) },
    required: [...((a.required as string[]) ?? []), ...((b.required as string[]) ?? [])],
  };
}

function stringValue(s: Json): fc.Arbitrary<string> {
  switch (s.format) {
    case "uuid":
    case "UUID":
      return fc.uuid();
    case "date-time":
      return fc
        .date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2030-01-01T00:00:00Z"), noInvalidDate: true })
        .map((d) => d.toISOString());
    case "email":
      return fc.emailAddress();
    case "uri":
      return fc.webUrl();
    default:
      if (typeof s.pattern === "string") return fc.stringMatching(new RegExp(`^(?:${s.pattern})$`));
      return fc.string({ minLength: typeof s.minLength === "number" ? s.minLength : 1, maxLength: 20 });
  }
}

/** The range a valid integer has: the schema's bounds within its format (no format is a Java Integer). */
function integerRange(s: Json): { min: number; max: number } {
  const format =
    s.format === "int64"
      ? { min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }
      : { min: INT32.min, max: INT32.max };
  return {
    min: Math.max(format.min, typeof s.minimum === "number" ? s.minimum : format.min),
    max: Math.min(format.max, typeof s.maximum === "number" ? s.maximum : format.max),
  };
}

function objectValue(doc: SpecDoc, s: Json, hints: Hints, depth: number): fc.Arbitrary<unknown> {
  const properties = (s.properties as Record<string, Json> | undefined) ?? {};
  const required = new Set((s.required as string[] | undefined) ?? []);
  const names = Object.keys(properties).filter((name) => depth <= 5 || required.has(name));
  if (names.length === 0) return fc.constant({});
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const name of names) {
    const schema = resolve(doc, properties[name]);
    const generated = validValue(doc, properties[name], hints, depth + 1);
    const preferred = (hints[name] ?? []).filter((value) => fitsType(schema, value));
    const allowed = Array.isArray(schema.enum) ? preferred.filter((v) => (schema.enum as unknown[]).includes(v)) : [];
    if (allowed.length) {
      // An enum's hints are the only values it takes: the others would spoil the fixtures
      // (a connection set to "locked" refuses every later change).
      record[name] = fc.constantFrom(...allowed);
    } else {
      record[name] = preferred.length
        ? fc.oneof({ arbitrary: fc.constantFrom(...preferred), weight: 3 }, generated)
        : generated;
    }
  }
  return fc.record(record, { requiredKeys: names.filter((name) => required.has(name)) });
}

function fitsType(schema: Json, value: unknown): boolean {
  const kinds = types(schema);
  if (kinds.length === 0) return true;
  const kind = Array.isArray(value) ? "array" : value === null ? "null" : typeof value;
  return kinds.some((t) => t === kind || ((t === "integer" || t === "number") && kind === "number"));
}

/** `levels` nested arrays or objects, built without recursion. */
function nested(levels: number, kind: "array" | "object"): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = kind === "array" ? [value] : { a: value };
  return value;
}

/** A bad value and what it is, for the report of a failing case. */
export interface BadValue {
  label: string;
  value: unknown;
}

const bad = (label: string, value: unknown): BadValue => ({ label, value });

/** What mutations put into a request body, in place of a value or beside it. */
export const BAD_VALUES: readonly BadValue[] = [
  bad("null", null),
  bad("empty array", []),
  bad("array of mixed values", [1, "a", {}, null]),
  bad("empty object", {}),
  bad("empty string", ""),
  bad("a word", "text"),
  bad("true", true),
  bad("zero", 0),
  bad("-1", -1),
  bad("1.5", 1.5),
  bad("1e30", 1e30),
  bad("-1e30", -1e30),
  bad("2^31", 2 ** 31),
  bad("-2^31-1", -(2 ** 31) - 1),
  bad("2^53+1", new RawJson("9007199254740993")),
  bad("2^63", new RawJson("9223372036854775808")),
  bad("30 digits", new RawJson("123456789012345678901234567890")),
  bad("1e400", new RawJson("1e400")),
  bad("-1e400", new RawJson("-1e400")),
  bad("100,000 characters", "x".repeat(100_000)),
  bad("control characters", "a\u0001\u0007\u001b[31m\n\t\u007fz"),
  bad("NUL", "a\u0000b"),
  bad("lone high surrogate", "\ud800"),
  bad("lone low surrogate", "x\udfffy"),
  bad("unknown enum value", "not-a-valid-value"),
  bad("malformed uuid", "not-a-uuid"),
  bad("short uuid", "7d2c4e1a-9b3f-4c5d-8e6f-0a1b2c3d4e5"),
  bad("unknown uuid", "7d2c4e1a-9b3f-4c5d-8e6f-0a1b2c3d4e5f"),
  bad("upper-case unknown uuid", "7D2C4E1A-9B3F-4C5D-8E6F-0A1B2C3D4E5F"),
  bad("2,000 nested arrays", nested(2_000, "array")),
  bad("2,000 nested objects", nested(2_000, "object")),
  bad("1,001 nested arrays", nested(1_001, "array")),
  bad("999 nested objects", nested(999, "object")),
];

/** Query and path values: each is sent percent-encoded unless it is already (`%` codes). */
export const BAD_PARAMETER_VALUES: readonly string[] = [
  "",
  "abc",
  "-1",
  "0",
  "1.5",
  "1e30",
  "-2147483649",
  "2147483648",
  "9007199254740993",
  "9223372036854775808",
  "true",
  "not-a-uuid",
  "7d2c4e1a-9b3f-4c5d-8e6f-0a1b2c3d4e5f",
  "7D2C4E1A-9B3F-4C5D-8E6F-0A1B2C3D4E5F",
  "not-a-valid-value",
  "%00",
  "a%00b",
  "%ED%A0%80",
  "%FF",
  "%2F..%2F",
  "x".repeat(10_000),
  "createdAt|UP",
  "a,b,,c",
];

/** JSON text of a body; RawJson values are written as their text. */
export function encode(body: unknown): string {
  const raws: string[] = [];
  const text = JSON.stringify(body, (_key, value: unknown) => {
    if (value instanceof RawJson) {
      raws.push(value.text);
      return `__raw_json_${raws.length - 1}__`;
    }
    return value;
  });
  return raws.reduce((all, raw, i) => all.replace(`"__raw_json_${i}__"`, raw), text ?? "");
}

/**
 * The paths of a value's nodes (object keys and array indexes), at most `limit` of them, breadth
 * first, grouped by depth: a mutation picks a depth first, so the few shallow properties a
 * schema names are not drowned by the many nodes of a free-form object (a stream's JSON Schema).
 */
export function pathsByDepth(value: unknown, limit = 300): (string | number)[][][] {
  const groups: (string | number)[][][] = [];
  for (const path of pathsOf(value, limit)) (groups[path.length] ??= []).push(path);
  return groups;
}

/** The paths of a value's nodes (object keys and array indexes), at most `limit` of them, breadth first. */
function pathsOf(value: unknown, limit = 300): (string | number)[][] {
  const paths: (string | number)[][] = [[]];
  const queue: { node: unknown; path: (string | number)[] }[] = [{ node: value, path: [] }];
  while (queue.length > 0 && paths.length < limit) {
    const { node, path } = queue.shift() as { node: unknown; path: (string | number)[] };
    if (node === null || typeof node !== "object" || node instanceof RawJson) continue;
    const entries = Array.isArray(node) ? node.map((v, i) => [i, v] as const) : Object.entries(node);
    for (const [key, child] of entries) {
      paths.push([...path, key]);
      queue.push({ node: child, path: [...path, key] });
    }
  }
  return paths;
}

/** A copy of `value` with the node at `path` replaced (or removed when `replacement` is `REMOVE`). */
export function replaceAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy: unknown = Array.isArray(value) ? [...value] : { ...(value as Json) };
  let node = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) {
    const child = node[key];
    node[key] = Array.isArray(child) ? [...child] : { ...(child as Json) };
    node = node[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1] as string | number;
  if (replacement === REMOVE) {
    if (Array.isArray(node)) node.splice(last as number, 1);
    else delete node[last];
  } else {
    node[last] = replacement;
  }
  return copy;
}

export const REMOVE = Symbol("remove");
