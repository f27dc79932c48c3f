/**
 * Where the configured file is: a path under Airbyte's `/local` mount (storage `local`, which
 * Airbyte requires to start with `/local/`; the local server takes a relative path from there
 * too, as its DuckDB destination does), or an HTTP(S) URL (storage `HTTPS`). Paths that
 * leave the mount are refused, so a configuration cannot read the server's own files.
 */
import { join, posix } from "node:path";
import { READABLE_STORAGES } from "./file-spec.js";

export type FileLocation =
  | { kind: "local"; path: string; url: string }
  | { kind: "http"; url: string; userAgent: boolean }
  | { kind: "invalid"; reason: string };

const MOUNT = "/local";

export function fileLocation(config: Record<string, unknown>, localDirectory: string): FileLocation {
  const url = typeof config.url === "string" ? config.url.trim() : "";
  if (url === "") return { kind: "invalid", reason: "url is empty: give the path or address of the file." };
  const provider = (config.provider ?? {}) as Record<string, unknown>;
  const storage = typeof provider.storage === "string" ? provider.storage : "";
  switch (storage.toUpperCase()) {
    case "LOCAL":
      return localLocation(url, localDirectory);
    case "HTTPS":
      return httpLocation(url, provider.user_agent === true);
    default:
      return {
        kind: "invalid",
        reason: `The local server reads files from ${READABLE_STORAGES.join(" and ")} storage only, not ${storage || "an unnamed provider"}; sync this source from Airbyte Cloud or a self-managed Airbyte.`,
      };
  }
}

function localLocation(url: string, localDirectory: string): FileLocation {
  const path = url.startsWith("file://") ? url.slice("file://".length) : url;
  const inMount = posix.normalize(path.startsWith("/") ? path : posix.join(MOUNT, path));
  if (!inMount.startsWith(`${MOUNT}/`)) {
    return {
      kind: "invalid",
      reason: `url=${url} is not inside the local mount: a local file's path starts with /local/ (or is relative to it).`,
    };
  }
  // DuckDB's readers expand *, ? and [ ] as globs: the source reads one file, as Airbyte's does.
  if (/[*?[\]]/.test(inMount)) {
    return { kind: "invalid", reason: `url=${url}: the File source reads one file, and its path has no * ? [ ].` };
  }
  return { kind: "local", path: join(localDirectory, inMount.slice(MOUNT.length)), url };
}

/**
 * Airbyte puts `https://` in front of a URL without a scheme. An explicit `http://` is kept here
 * (Airbyte would ask for https): the local server's users serve files on loopback.
 */
function httpLocation(url: string, userAgent: boolean): FileLocation {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    return { kind: "invalid", reason: `url=${url} is not a valid URL.` };
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    return { kind: "invalid", reason: `url=${url}: the HTTPS provider reads http:// and https:// URLs only.` };
  }
  return { kind: "http", url: parsed.href, userAgent };
}
