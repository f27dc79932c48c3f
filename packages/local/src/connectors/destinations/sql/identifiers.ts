/**
 * Names as SQL writes them and as each database stores and compares them: quoted, cut to the
 * database's length limit, case folded where it ignores case.
 */
import { createHash } from "node:crypto";
import type { SqlDialect, TableName } from "./session.js";

export const quoteIdentifier = (name: string) => `"${name.replaceAll('"', '""')}"`;

export function qualifiedName(table: TableName): string {
  const parts = table.catalog === undefined ? [table.schema, table.name] : [table.catalog, table.schema, table.name];
  return parts.map(quoteIdentifier).join(".");
}

/** How the database tells a name apart from others: cut to its length limit, case folded where it ignores case. */
export function identifierKey(dialect: SqlDialect, name: string): string {
  const fitted = fitIdentifier(dialect, name);
  return dialect.caseInsensitiveIdentifiers ? fitted.toLowerCase() : fitted;
}

/** The name as the database will store it (Postgres cuts long names, at a character boundary). */
export function fitIdentifier(dialect: SqlDialect, name: string): string {
  const limit = dialect.maxIdentifierBytes;
  if (limit === undefined || Buffer.byteLength(name) <= limit) return name;
  let cut = "";
  let bytes = 0;
  for (const character of name) {
    bytes += Buffer.byteLength(character);
    if (bytes > limit) break;
    cut += character;
  }
  return cut;
}

/**
 * `<name><suffix>`; when that is too long for the database, the name is shortened and a hash of
 * it keeps two long names with the same beginning apart.
 */
export function derivedName(dialect: SqlDialect, name: string, suffix: string): string {
  const full = `${name}${suffix}`;
  if (fitIdentifier(dialect, full) === full) return full;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  const limit = (dialect.maxIdentifierBytes ?? full.length) - Buffer.byteLength(`_${hash}${suffix}`);
  return `${fitIdentifier({ ...dialect, maxIdentifierBytes: limit }, name)}_${hash}${suffix}`;
}
