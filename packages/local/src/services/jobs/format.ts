/**
 * How Airbyte writes job times and names. The public API's JobResponse carries times as Java's
 * `OffsetDateTime.toString()` and `Duration.toString()` print them, from epoch seconds; the
 * Config API carries epoch seconds; formatted logs carry `yyyy-MM-dd HH:mm:ss <source> > text`.
 */
import { type Config, formatLogTimestamp, type JobTypeEnum } from "airbyte-ts";

/** The config types the public API shows, and their public names. */
const PUBLIC_TYPE: Record<string, JobTypeEnum> = {
  sync: "sync",
  reset_connection: "reset",
  clear: "clear",
  refresh: "refresh",
};

export const REPLICATION_CONFIG_TYPES = Object.keys(PUBLIC_TYPE) as Config.JobConfigType[];

/** Jobs that write the connection's data and state: the ones `state/create_or_update_safe` waits for. */
export const SYNC_CONFIG_TYPES: readonly Config.JobConfigType[] = ["sync", "refresh"];

export function publicJobType(configType: string): JobTypeEnum {
  const type = PUBLIC_TYPE[configType];
  if (!type) throw new Error(`job config type ${configType} has no public job type`);
  return type;
}

export function configTypeOf(jobType: JobTypeEnum): Config.JobConfigType {
  return jobType === "reset" ? "reset_connection" : jobType;
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/**
 * `OffsetDateTime.ofInstant(Instant.ofEpochSecond(s), UTC).toString()`: whole seconds, and the
 * seconds field left out when it is zero (`2023-03-25T01:30Z`).
 */
export function javaOffsetDateTime(epochMs: number): string {
  const date = new Date(Math.floor(epochMs / 1000) * 1000);
  const base =
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
  const secondsField = date.getUTCSeconds() === 0 ? "" : `:${pad(date.getUTCSeconds())}`;
  return `${base}${secondsField}Z`;
}

/** `Duration.ofSeconds(s).toString()`: `PT8H6M12S`, `PT0S`; hours are not folded into days. */
export function javaDuration(seconds: number): string {
  const total = Math.max(0, Math.trunc(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  if (total === 0) return "PT0S";
  return `PT${hours ? `${hours}H` : ""}${minutes ? `${minutes}M` : ""}${rest ? `${rest}S` : ""}`;
}

/** A line of a formatted (`logLines`) attempt log, its time in UTC as the SDK prints every log time. */
export function formattedLogLine(timestampMs: number, source: string, message: string): string {
  return `${formatLogTimestamp(timestampMs)} ${source} > ${message}`;
}
