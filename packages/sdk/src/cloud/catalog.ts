/**
 * A connection's configured catalog in its two formats, with PyAirbyte's conversion rules:
 *
 * - the Config API's `syncCatalog`: `{ streams: [{ stream: {...camelCase}, config: {...camelCase} }] }`;
 * - the protocol's `ConfiguredAirbyteCatalog`: `{ streams: [{ stream: {...snake_case}, ...config keys in snake_case }] }`.
 *
 * Key conversion is shallow: only the keys of `stream` and `config` themselves are renamed, so a
 * JSON schema or any other nested value is never changed.
 */
import type { Config } from "../api/index.js";

/** A protocol `ConfiguredAirbyteCatalog`, as `normalizeCatalogToProtocol` produces it. */
export interface ProtocolCatalog {
  streams: ProtocolConfiguredStream[];
}

export interface ProtocolConfiguredStream {
  stream: Record<string, unknown>;
  [configKey: string]: unknown;
}

/** A Config API `syncCatalog`. */
export type ApiCatalog = Config.AirbyteCatalog;

/** `streamDescriptor` -> `stream_descriptor`; each capital letter starts a word (`someURL` -> `some_u_r_l`). */
function camelToSnake(key: string): string {
  return key
    .replace(/([A-Z])/g, "_$1")
    .toLowerCase()
    .replace(/^_+/, "");
}

/** `source_defined_primary_key` -> `sourceDefinedPrimaryKey`; later words are capitalized, the rest lowercased. */
function snakeToCamel(key: string): string {
  const [first = "", ...rest] = key.split("_");
  return first + rest.map((part) => part.charAt(0).toUpperCase() + part.slice(1).toLowerCase()).join("");
}

/** Renames the keys of one object (not of nested values) from camelCase to snake_case. */
export function camelToSnakeKeys(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [camelToSnake(key), value]));
}

/** Renames the keys of one object (not of nested values) from snake_case to camelCase. */
export function snakeToCamelKeys(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data).map(([key, value]) => [snakeToCamel(key), value]));
}

/**
 * `syncCatalog` -> protocol: each entry becomes `{ stream: snake(stream), ...snake(config) }`.
 * Every config key is flattened (`selected` and `aliasName` too), no stream is dropped, and
 * catalog-level keys other than `streams` are not kept.
 */
export function normalizeCatalogToProtocol(catalog: ApiCatalog | Record<string, unknown>): ProtocolCatalog {
  return {
    streams: entriesOf(catalog).map((entry) => ({
      stream: camelToSnakeKeys(objectOr(entry.stream)),
      ...camelToSnakeKeys(objectOr(entry.config)),
    })),
  };
}

/** Protocol -> `syncCatalog`: `stream` keys to camelCase, every other key nested under `config`. */
export function denormalizeCatalogToApi(catalog: ProtocolCatalog | Record<string, unknown>): ApiCatalog {
  return {
    streams: entriesOf(catalog).map((entry) => {
      const { stream, ...config } = entry;
      return {
        stream: snakeToCamelKeys(objectOr(stream)),
        config: snakeToCamelKeys(config),
      } as unknown as Config.AirbyteStreamAndConfiguration;
    }),
  };
}

/**
 * Whether a catalog is in protocol format: it has streams and its first entry has a top-level
 * `sync_mode` or `destination_sync_mode`. An empty catalog counts as the Config API's.
 */
export function isProtocolCatalogFormat(catalog: unknown): boolean {
  const first = entriesOf(catalog)[0];
  return first !== undefined && ("sync_mode" in first || "destination_sync_mode" in first);
}

function entriesOf(catalog: unknown): Record<string, unknown>[] {
  const streams = objectOr(catalog).streams;
  return Array.isArray(streams) ? streams.map(objectOr) : [];
}

function objectOr(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
