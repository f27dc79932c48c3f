/** Numbers, sizes, times and cells as people read them. */

export function count(value: number | undefined): string {
  return (value ?? 0).toLocaleString("en-US");
}

export function bytes(value: number | undefined): string {
  const amount = value ?? 0;
  if (amount < 1024) return `${amount} B`;
  const units = ["KB", "MB", "GB", "TB"];
  let scaled = amount / 1024;
  let unit = 0;
  while (scaled >= 1024 && unit < units.length - 1) {
    scaled /= 1024;
    unit += 1;
  }
  return `${scaled.toFixed(scaled < 10 ? 1 : 0)} ${units[unit]}`;
}

/** `m:ss`, or `h:mm:ss` from an hour. */
export function elapsed(milliseconds: number): string {
  const total = Math.max(0, Math.floor(milliseconds / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

/** An ISO-8601 duration (`PT1M5S`) as `1m 5s`; anything else as it is. */
export function isoDuration(value: string | undefined): string {
  if (!value) return "";
  const match = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(value);
  if (!match) return value;
  const [, d, h, m, s] = match;
  const parts = [d && `${d}d`, h && `${h}h`, m && `${m}m`, s && `${Math.round(Number(s))}s`].filter(Boolean);
  return parts.length > 0 ? parts.join(" ") : "0s";
}

/** A cell of a table: nothing for null, lists joined, objects as compact JSON. */
export function cell(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (Array.isArray(value)) return value.map(cell).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
