/**
 * Requests of the fuzz test: for one operation, a well-formed request (real ids, a valid or
 * known-good body) with one thing made wrong (a body value, a missing field, the whole body, a
 * query or path value, the content type, the JSON text itself), and the reasons it is invalid,
 * by the OpenAPI documents or by the generic rules every body obeys. An invalid request must be
 * refused with a 4xx; any request must be answered without a 5xx.
 */
import fc from "fast-check";
import {
  type SpecDoc,
  type SpecMethod,
  type SpecOperation,
  validateAgainst,
  validatePath,
  validateQuery,
} from "@airbyte-ts/test-support/openapi";
import {
  BAD_PARAMETER_VALUES,
  BAD_VALUES,
  encode,
  type Hints,
  pathsByDepth,
  REMOVE,
  replaceAt,
  resolve,
  validValue,
} from "./values.js";
import { pathValue, type World } from "./world.js";

export interface FuzzOperation {
  api: "public" | "config";
  doc: SpecDoc;
  method: SpecMethod;
  /** The template relative to the API root, e.g. `/sources/{sourceId}`. */
  path: string;
  operationId: string;
  spec: SpecOperation;
  /** Operations Airbyte offers on Cloud only: a self-managed server answers them 501. */
  cloudOnly: boolean;
  /** The key of a known-good body: the operationId, or the path of a Config API call. */
  seedKey: string;
}

export interface FuzzRequest {
  /** What was made wrong, for the report of a failing case. */
  label: string;
  /** The filled path, percent-encoded, and the query string (`?...` or empty). */
  path: string;
  query: string;
  body?: { text: string | Uint8Array; contentType: string | undefined };
  /** The body as the server parses it, when it is JSON. */
  sent?: unknown;
  /** Why the request is invalid; empty when it may be valid. */
  invalid: string[];
}

export interface Context {
  world: World;
  hints: Hints;
  seeds: Record<string, unknown>;
}

const MAX_DEPTH = 1000;
/** In a `u` pattern a surrogate pair is one code point, so this finds only unpaired halves. */
const LONE_SURROGATE = /\p{Cs}/u;

export function requestArbitrary(op: FuzzOperation, ctx: Context): fc.Arbitrary<FuzzRequest> {
  const variants: fc.WeightedArbitrary<FuzzRequest>[] = [{ arbitrary: baseRequest(op, ctx), weight: 1 }];
  if (op.spec.requestSchema) {
    variants.push(
      { arbitrary: bodyMutation(op, ctx), weight: 6 },
      { arbitrary: wholeBody(op, ctx), weight: 1 },
      { arbitrary: transportMutation(op, ctx), weight: 2 },
    );
  }
  if (op.spec.parameters.some((p) => p.in === "query" && p.schema.type !== "object")) {
    variants.push({ arbitrary: queryMutation(op, ctx), weight: 3 });
  }
  if (op.spec.parameters.some((p) => p.in === "path")) {
    variants.push({ arbitrary: pathMutation(op, ctx), weight: 2 });
  }
  return fc.oneof(...variants);
}

function filledPath(op: FuzzOperation, ctx: Context, override?: { name: string; raw: string }): string {
  return op.path.replace(/\{(\w+)\}/g, (_m, name: string) =>
    override?.name === name ? override.raw : encodeURIComponent(pathValue(ctx.world, op.path, name)),
  );
}

/** Valid values for some of the optional query parameters and all the required ones. */
function baseQuery(op: FuzzOperation, ctx: Context): fc.Arbitrary<[string, string][]> {
  const params = op.spec.parameters.filter((p) => p.in === "query" && p.schema.type !== "object");
  if (params.length === 0) return fc.constant([]);
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const p of params) {
    const hinted = ctx.hints[p.name]?.filter((v) => typeof v === "string") ?? [];
    const generated = validValue(op.doc, p.schema, ctx.hints);
    record[p.name] = hinted.length ? fc.oneof(fc.constantFrom(...hinted), generated) : generated;
  }
  return fc
    .record(record, { requiredKeys: params.filter((p) => p.required).map((p) => p.name) })
    .map((values) =>
      Object.entries(values).flatMap(([name, value]) =>
        (Array.isArray(value) ? value : [value]).map((v): [string, string] => [name, String(v)]),
      ),
    );
}

const queryString = (pairs: [string, string][], raw = new Map<string, string>()) =>
  pairs.length === 0
    ? ""
    : `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${raw.get(k) ?? encodeURIComponent(v)}`).join("&")}`;

function baseBody(op: FuzzOperation, ctx: Context): fc.Arbitrary<unknown> {
  const generated = validValue(op.doc, { $ref: `#/components/schemas/${op.spec.requestSchema}` }, ctx.hints);
  const seed = ctx.seeds[op.seedKey];
  return seed === undefined ? generated : fc.oneof({ arbitrary: fc.constant(seed), weight: 3 }, generated);
}

function jsonRequest(op: FuzzOperation, ctx: Context, label: string, body: unknown, query: string): FuzzRequest {
  const text = encode(body);
  const sent: unknown = JSON.parse(text);
  return {
    label,
    path: filledPath(op, ctx),
    query,
    body: { text, contentType: "application/json" },
    sent,
    invalid: [...bodyProblems(op, sent), ...queryProblems(op, query)],
  };
}

function baseRequest(op: FuzzOperation, ctx: Context): fc.Arbitrary<FuzzRequest> {
  const body = op.spec.requestSchema ? baseBody(op, ctx) : fc.constant(undefined);
  return fc.tuple(baseQuery(op, ctx), body).map(([pairs, value]) => {
    const query = queryString(pairs);
    if (value === undefined)
      return { label: "valid", path: filledPath(op, ctx), query, invalid: queryProblems(op, query) };
    return jsonRequest(op, ctx, "valid", value, query);
  });
}

/** One node of a valid body replaced by a bad value, removed, or given a bad sibling. */
function bodyMutation(op: FuzzOperation, ctx: Context): fc.Arbitrary<FuzzRequest> {
  return fc.tuple(baseQuery(op, ctx), baseBody(op, ctx)).chain(([pairs, base]) => {
    const groups = pathsByDepth(base);
    return fc
      .record({
        at: fc.constantFrom(...groups).chain((group) => fc.constantFrom(...group)),
        action: fc.constantFrom("replace", "replace", "replace", "remove", "add"),
        bad: fc.constantFrom(...BAD_VALUES),
      })
      .map(({ at, action, bad }) => {
        const where = at.join(".") || "(root)";
        let body: unknown;
        let label: string;
        if (action === "remove" && at.length > 0) {
          body = replaceAt(base, at, REMOVE);
          label = `removed ${where}`;
        } else if (action === "add" && isObject(nodeAt(base, at))) {
          body = replaceAt(base, [...at, "fuzzExtra"], bad.value);
          label = `${where}.fuzzExtra = ${bad.label}`;
        } else {
          body = replaceAt(base, at, bad.value);
          label = `${where} = ${bad.label}`;
        }
        return jsonRequest(op, ctx, label, body, queryString(pairs));
      });
  });
}

function wholeBody(op: FuzzOperation, ctx: Context): fc.Arbitrary<FuzzRequest> {
  return fc
    .constantFrom(...BAD_VALUES.filter((b) => !isObject(b.value) || Object.keys(b.value as object).length > 0))
    .map((bad) => jsonRequest(op, ctx, `body = ${bad.label}`, bad.value, ""));
}

const MALFORMED = ["{", '{"name": }', "{'name': 'x'}", '{"a":1}}', "[1,2", "nul", '{"a":"\\x"}', '"\u0001"', "1 2"];
const WRONG_TYPES = ["text/plain", "application/xml", "multipart/form-data; boundary=x", "application/octet-stream"];

/** The body's bytes or content type made wrong: malformed JSON, invalid UTF-8, another media type, nothing. */
function transportMutation(op: FuzzOperation, ctx: Context): fc.Arbitrary<FuzzRequest> {
  const form = op.operationId === "createAccessToken";
  return fc.tuple(baseBody(op, ctx), fc.nat(1000)).map(([base, pick]): FuzzRequest => {
    const path = filledPath(op, ctx);
    const valid = encode(base);
    const choices: FuzzRequest[] = [
      ...MALFORMED.map((text) => malformed(path, `malformed JSON ${text}`, text, "application/json")),
      malformed(path, "JSON cut short", valid.slice(0, Math.max(1, valid.length - 2)), "application/json"),
      malformed(path, "invalid UTF-8", invalidUtf8(valid), "application/json"),
      malformed(path, "empty body", "", "application/json"),
      ...(form ? [] : WRONG_TYPES.map((type) => malformed(path, `content type ${type}`, valid, type))),
      {
        label: "no content type",
        path,
        query: "",
        body: { text: valid, contentType: undefined },
        sent: base,
        invalid: bodyProblems(op, JSON.parse(valid)),
      },
    ];
    return choices[pick % choices.length] as FuzzRequest;
  });
}

function malformed(path: string, label: string, text: string | Uint8Array, contentType: string): FuzzRequest {
  return { label, path, query: "", body: { text, contentType }, invalid: [label] };
}

/** The JSON text with a byte that is never valid UTF-8 inside its first string. */
function invalidUtf8(text: string): Uint8Array {
  const bytes = new TextEncoder().encode(text);
  const quote = bytes.indexOf(0x22);
  const at = quote >= 0 ? quote + 1 : 0;
  return new Uint8Array([...bytes.slice(0, at), 0xff, 0xfe, ...bytes.slice(at)]);
}

function queryMutation(op: FuzzOperation, ctx: Context): fc.Arbitrary<FuzzRequest> {
  const params = op.spec.parameters.filter((p) => p.in === "query" && p.schema.type !== "object");
  const body = op.spec.requestSchema ? baseBody(op, ctx) : fc.constant(undefined);
  return fc
    .record({
      pairs: baseQuery(op, ctx),
      param: fc.constantFrom(...params),
      value: fc.constantFrom(...BAD_PARAMETER_VALUES, "(missing)", "(repeated)"),
      body,
    })
    .map(({ pairs, param, value, body: bodyValue }) => {
      const others = pairs.filter(([k]) => k !== param.name);
      const raw = new Map<string, string>();
      let list: [string, string][];
      if (value === "(missing)") list = others;
      else if (value === "(repeated)")
        list = [...pairs, [param.name, pairs.find(([k]) => k === param.name)?.[1] ?? "x"]];
      else {
        list = [...others, [param.name, value]];
        if (value.includes("%")) raw.set(param.name, value);
      }
      const query = queryString(list, raw);
      const label = `query ${param.name} = ${value.length > 40 ? `${value.length} characters` : value}`;
      if (bodyValue === undefined)
        return { label, path: filledPath(op, ctx), query, invalid: queryProblems(op, query) };
      return jsonRequest(op, ctx, label, bodyValue, query);
    });
}

function pathMutation(op: FuzzOperation, ctx: Context): fc.Arbitrary<FuzzRequest> {
  const params = op.spec.parameters.filter((p) => p.in === "path");
  const body = op.spec.requestSchema ? baseBody(op, ctx) : fc.constant(undefined);
  return fc
    .record({ param: fc.constantFrom(...params), value: fc.constantFrom(...BAD_PARAMETER_VALUES), body })
    .map(({ param, value, body: bodyValue }) => {
      // An empty segment would name another route; it is not a value of this one.
      const raw = value === "" ? "%20" : value.includes("%") ? value : encodeURIComponent(value);
      const path = filledPath(op, ctx, { name: param.name, raw });
      const label = `path ${param.name} = ${value.length > 40 ? `${value.length} characters` : raw}`;
      const invalid = pathProblems(op, path);
      if (bodyValue === undefined) return { label, path, query: "", invalid };
      const request = jsonRequest(op, ctx, label, bodyValue, "");
      return { ...request, path, invalid: [...invalid, ...request.invalid] };
    });
}

function nodeAt(value: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)?.[key], value);
}

function isObject(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Why a parsed body is invalid: against the operation's schema (null standing for "not given"), and the generic rules. */
function bodyProblems(op: FuzzOperation, sent: unknown): string[] {
  const problems = generalProblems(sent);
  if (problems.length > 0) return problems;
  return validateAgainst(op.doc, op.spec.requestSchema as string, withoutNullProperties(sent));
}

/** NUL and lone surrogates anywhere (not storable faithfully), numbers beyond a double, nesting beyond 1,000. */
function generalProblems(value: unknown): string[] {
  const problems = new Set<string>();
  const stack: { node: unknown; depth: number }[] = [{ node: value, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop() as { node: unknown; depth: number };
    if (depth > MAX_DEPTH) problems.add(`nested deeper than ${MAX_DEPTH} levels`);
    if (typeof node === "string") {
      if (node.includes("\u0000")) problems.add("a NUL character");
      if (LONE_SURROGATE.test(node)) problems.add("a lone surrogate");
    } else if (typeof node === "number" && !Number.isFinite(node)) {
      problems.add("a number beyond a double");
    } else if (node !== null && typeof node === "object") {
      for (const [key, child] of Object.entries(node)) {
        if (key.includes("\u0000") || LONE_SURROGATE.test(key)) problems.add("a bad property name");
        stack.push({ node: child, depth: depth + 1 });
      }
    }
    if (problems.has(`nested deeper than ${MAX_DEPTH} levels`)) break;
  }
  return [...problems];
}

function withoutNullProperties(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNullProperties);
  if (!isObject(value)) return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, withoutNullProperties(v)]),
  );
}

function queryProblems(op: FuzzOperation, query: string): string[] {
  if (query === "") return validateQuery(op.doc, op.spec, "");
  const encodingProblems = query
    .slice(1)
    .split("&")
    .flatMap((pair) => (decodes(pair) ? [] : [`query ${pair.slice(0, 40)} is not UTF-8 percent-encoding`]));
  if (/%00/.test(query)) encodingProblems.push("a NUL character in the query");
  const problems = validateQuery(op.doc, op.spec, withArraysSplit(op, query));
  return [...encodingProblems, ...problems.filter((p) => !p.includes("is not declared"))];
}

/** Array parameters also take comma-separated values (as Airbyte's own links send them); empty items are none. */
function withArraysSplit(op: FuzzOperation, query: string): string {
  const arrays = new Set(
    op.spec.parameters.filter((p) => p.in === "query" && resolve(op.doc, p.schema).type === "array").map((p) => p.name),
  );
  const split = new URLSearchParams();
  for (const [name, value] of new URLSearchParams(query)) {
    for (const item of arrays.has(name) ? value.split(",") : [value]) {
      if (!arrays.has(name) || item !== "") split.append(name, item);
    }
  }
  const text = split.toString();
  return text ? `?${text}` : "";
}

function pathProblems(op: FuzzOperation, path: string): string[] {
  if (path.split("/").some((segment) => !decodes(segment))) return ["a path segment is not UTF-8"];
  if (/%00/.test(path)) return ["a NUL character in the path"];
  if (/%2F/i.test(path)) return ["an encoded slash in a path segment"];
  return validatePath(op.doc, op.spec, path);
}

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}
