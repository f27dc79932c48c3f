/**
 * A connector configuration read the way its specification (JSON Schema) types it: `port: "5432"`
 * from an environment variable becomes 5432 where the spec says integer, `zip: 0123` stays
 * "0123" where it says string, and the paths the spec marks `airbyte_secret` are known before
 * anything is compared or printed (without a spec, fields named like secrets are taken as secrets).
 */
import { isSecretName } from "../cloud/configuration-secrets.js";
import { isRecord } from "./compare.js";
import type { Path } from "./file-reader.js";
import { pathKey, type ValueOrigin } from "./yaml-document.js";

type Schema = Record<string, unknown>;

export interface TypedConfiguration {
  value: Record<string, unknown>;
  /** `pathKey`s of the values the spec marks secret (inside the configuration). */
  secretPaths: Set<string>;
}

/** Converts `configuration` per `spec` (the connector's `connectionSpecification`). */
export function typeConfiguration(
  configuration: Record<string, unknown>,
  spec: Schema | undefined,
  origins: ReadonlyMap<string, ValueOrigin> = new Map(),
): TypedConfiguration {
  const secretPaths = new Set<string>();
  const convert = (value: unknown, schema: Schema | undefined, path: Path): unknown => {
    const name = path.at(-1);
    // Where no spec says (none could be read, or it does not describe the field), the name does:
    // a value is hidden by mistake rather than shown by mistake.
    if (schema?.airbyte_secret === true || (!schema && typeof name === "string" && isSecretName(name))) {
      secretPaths.add(pathKey(path));
    }
    const branch = schema && chooseBranch(value, schema);
    if (schema && branch) return convert(value, mergeBranch(schema, branch), path);
    if (isRecord(value)) {
      const properties = schema && isRecord(schema.properties) ? schema.properties : {};
      const result: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const itemSchema = properties[key];
        Object.defineProperty(result, key, {
          value: convert(item, isRecord(itemSchema) ? itemSchema : undefined, [...path, key]),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return result;
    }
    if (Array.isArray(value)) {
      const items = schema && isRecord(schema.items) ? schema.items : undefined;
      return value.map((item, index) => convert(item, items, [...path, index]));
    }
    return schema ? convertScalar(value, typesOf(schema), origins.get(pathKey(path))) : value;
  };
  const value = convert(configuration, spec, []);
  return { value: isRecord(value) ? value : configuration, secretPaths };
}

function convertScalar(value: unknown, types: Set<string>, origin: ValueOrigin | undefined): unknown {
  if (value === null || types.size === 0) return value;
  if (typeof value === "string") {
    if (types.has("string")) return value;
    const number = value.trim() === "" ? Number.NaN : Number(value);
    if (types.has("integer") && Number.isSafeInteger(number)) return number;
    if (types.has("number") && Number.isFinite(number)) return number;
    if (types.has("boolean") && (value === "true" || value === "false")) return value === "true";
    return value;
  }
  if ((typeof value === "number" || typeof value === "boolean") && types.has("string") && !types.has(typeof value)) {
    // The text as written: `0123` is "0123", not "123".
    return origin?.plainText ?? String(value);
  }
  return value;
}

function typesOf(schema: Schema): Set<string> {
  const type = schema.type;
  if (typeof type === "string") return new Set([type]);
  if (Array.isArray(type)) return new Set(type.filter((item): item is string => typeof item === "string"));
  return new Set();
}

/**
 * The `oneOf`/`anyOf` branch a value takes. Airbyte's specs tell branches apart by a property
 * with a `const` (or a one-value `enum`): `ssl_mode: { mode: verify-full, ... }`.
 */
function chooseBranch(value: unknown, schema: Schema): Schema | undefined {
  const branches = [schema.oneOf, schema.anyOf].find(Array.isArray) as unknown[] | undefined;
  if (!branches || !isRecord(value)) return undefined;
  const candidates = branches.filter(isRecord);
  return candidates.find((branch) => {
    const properties = isRecord(branch.properties) ? branch.properties : {};
    const discriminators = Object.entries(properties).filter(([, property]) => constOf(property) !== undefined);
    return (
      discriminators.length > 0 &&
      discriminators.every(([key, property]) => key in value && String(value[key]) === String(constOf(property)))
    );
  });
}

/** The one value a property allows (`const`, or a one-value `enum`): what tells a spec's options apart. */
export function constOf(property: unknown): unknown {
  if (!isRecord(property)) return undefined;
  if (property.const !== undefined) return property.const;
  if (Array.isArray(property.enum) && property.enum.length === 1) return property.enum[0];
  return undefined;
}

/** The schema with the branch taken: the branch's fields win, properties from both. */
function mergeBranch(schema: Schema, branch: Schema): Schema {
  const { oneOf: _oneOf, anyOf: _anyOf, ...rest } = schema;
  const properties = {
    ...(isRecord(rest.properties) ? rest.properties : {}),
    ...(isRecord(branch.properties) ? branch.properties : {}),
  };
  return { ...rest, ...branch, properties };
}
