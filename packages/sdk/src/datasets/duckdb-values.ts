/**
 * DuckDB values (the neo client's value classes) to plain JavaScript, by column type. JSON
 * columns are VARCHARs with the alias `JSON` and are parsed; nested types are converted
 * element by element.
 */
import type * as DuckDBApi from "@duckdb/node-api";
import {
  base64,
  decimalValue,
  formatDate,
  formatTimeOfDay,
  formatTimestamp,
  integerValue,
  parseJson,
} from "./values.js";

type DuckDBModule = typeof DuckDBApi;
type DuckDBType = DuckDBApi.DuckDBType;
type DuckDBValue = DuckDBApi.DuckDBValue;

export type DuckdbValueConverter = (value: DuckDBValue, type: DuckDBType) => unknown;

interface Temporal {
  isFinite?: boolean;
}

/** DuckDB's infinite timestamps and dates print as Postgres prints them. */
function infinity(value: Temporal & { toString(): string }): string | undefined {
  if (value.isFinite !== false) return undefined;
  return value.toString().startsWith("-") ? "-infinity" : "infinity";
}

/** Months, days and microseconds as an ISO-8601 duration, the way Postgres prints intervals with `IntervalStyle=iso_8601`. */
export function formatInterval(months: number, days: number, micros: bigint): string {
  const years = Math.trunc(months / 12);
  const restMonths = months % 12;
  const hours = micros / 3_600_000_000n;
  const minutes = (micros / 60_000_000n) % 60n;
  const secondMicros = micros % 60_000_000n;
  const seconds = formatSeconds(secondMicros);
  const date = `${years ? `${years}Y` : ""}${restMonths ? `${restMonths}M` : ""}${days ? `${days}D` : ""}`;
  const time = `${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${secondMicros ? `${seconds}S` : ""}`;
  if (!date && !time) return "PT0S";
  return `P${date}${time ? `T${time}` : ""}`;
}

function formatSeconds(micros: bigint): string {
  const negative = micros < 0n;
  const magnitude = negative ? -micros : micros;
  const whole = magnitude / 1_000_000n;
  const fraction = (magnitude % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  return `${negative ? "-" : ""}${whole}${fraction ? `.${fraction}` : ""}`;
}

export function createDuckdbConverter(duckdb: DuckDBModule): DuckdbValueConverter {
  const Id = duckdb.DuckDBTypeId;

  const convert: DuckdbValueConverter = (value, type) => {
    if (value === null || value === undefined) return null;
    switch (type.typeId) {
      case Id.BIGINT:
      case Id.UBIGINT:
      case Id.HUGEINT:
      case Id.UHUGEINT:
      case Id.BIGNUM:
        return integerValue(value as bigint);
      case Id.DECIMAL:
        return decimalValue((value as DuckDBApi.DuckDBDecimalValue).toString());
      case Id.VARCHAR:
        return type.alias === "JSON" ? parseJson(value as string) : value;
      case Id.TIMESTAMP_TZ: {
        const timestamp = value as DuckDBApi.DuckDBTimestampTZValue;
        return infinity(timestamp) ?? formatTimestamp(timestamp.micros, true);
      }
      case Id.TIMESTAMP: {
        const timestamp = value as DuckDBApi.DuckDBTimestampValue;
        return infinity(timestamp) ?? formatTimestamp(timestamp.micros, false);
      }
      case Id.TIMESTAMP_S: {
        const timestamp = value as DuckDBApi.DuckDBTimestampSecondsValue;
        return infinity(timestamp) ?? formatTimestamp(timestamp.seconds * 1_000_000n, false);
      }
      case Id.TIMESTAMP_MS: {
        const timestamp = value as DuckDBApi.DuckDBTimestampMillisecondsValue;
        return infinity(timestamp) ?? formatTimestamp(timestamp.millis * 1000n, false);
      }
      case Id.TIMESTAMP_NS: {
        const timestamp = value as DuckDBApi.DuckDBTimestampNanosecondsValue;
        return infinity(timestamp) ?? formatTimestamp(timestamp.nanos / 1000n, false);
      }
      case Id.DATE: {
        const date = value as DuckDBApi.DuckDBDateValue;
        return infinity(date) ?? formatDate(date.days);
      }
      case Id.TIME:
        return formatTimeOfDay((value as DuckDBApi.DuckDBTimeValue).micros);
      case Id.TIME_NS:
        return formatTimeOfDay((value as DuckDBApi.DuckDBTimeNSValue).nanos / 1000n);
      case Id.INTERVAL: {
        const interval = value as DuckDBApi.DuckDBIntervalValue;
        return formatInterval(interval.months, interval.days, interval.micros);
      }
      case Id.BLOB:
        return base64((value as DuckDBApi.DuckDBBlobValue).bytes);
      case Id.LIST:
      case Id.ARRAY: {
        const elementType = type.valueType;
        return (value as DuckDBApi.DuckDBListValue | DuckDBApi.DuckDBArrayValue).items.map((item) =>
          convert(item, elementType),
        );
      }
      case Id.STRUCT:
        return convertStruct(value as DuckDBApi.DuckDBStructValue, type);
      case Id.MAP:
        return convertMap(value as DuckDBApi.DuckDBMapValue, type);
      case Id.UNION: {
        const union = value as DuckDBApi.DuckDBUnionValue;
        const unionType = type;
        const memberType = unionType.memberTypes[unionType.memberTags.indexOf(union.tag)];
        return memberType === undefined ? String(union.value) : convert(union.value, memberType);
      }
      case Id.SQLNULL:
        return null;
      case Id.UUID:
      case Id.BIT:
      case Id.TIME_TZ:
      case Id.GEOMETRY:
      case Id.VARIANT:
        return String(value);
      default:
        return value;
    }
  };

  function convertStruct(
    value: DuckDBApi.DuckDBStructValue,
    type: DuckDBApi.DuckDBStructType,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    type.entryNames.forEach((name, index) => {
      const entryType = type.entryTypes[index];
      const entry = value.entries[name];
      out[name] = entryType === undefined || entry === undefined ? null : convert(entry, entryType);
    });
    return out;
  }

  /** A map with text keys is an object; any other map stays a list of `{ key, value }`. */
  function convertMap(value: DuckDBApi.DuckDBMapValue, type: DuckDBApi.DuckDBMapType): unknown {
    const entries = value.entries.map(({ key, value: entryValue }) => ({
      key: convert(key, type.keyType),
      value: convert(entryValue, type.valueType),
    }));
    if (!entries.every((entry) => typeof entry.key === "string")) return entries;
    return Object.fromEntries(entries.map((entry) => [entry.key as string, entry.value]));
  }

  return convert;
}
