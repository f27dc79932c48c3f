/**
 * A file behind an HTTP(S) URL, downloaded to a temporary file for DuckDB to read: DuckDB's
 * httpfs extension is downloaded on first use, which a machine without network access cannot
 * do. The body is streamed to disk (memory stays flat whatever the file's size; the disk
 * bounds it) and the temporary directory is removed once the read is over.
 */
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as WebReadableStream } from "node:stream/web";

export interface DownloadedFile {
  path: string;
  /** Deletes the temporary copy; safe to call more than once. */
  remove(): Promise<void>;
}

export interface DownloadOptions {
  /** Airbyte's `user_agent` option: send `User-Agent: Airbyte/<version>` (and ask for no compression). */
  userAgent: boolean;
  signal?: AbortSignal;
}

class DownloadError extends Error {}

const AIRBYTE_USER_AGENT = "Airbyte/local";

export async function downloadToTemporaryFile(url: string, options: DownloadOptions): Promise<DownloadedFile> {
  const headers: Record<string, string> = options.userAgent
    ? { "User-Agent": AIRBYTE_USER_AGENT, "Accept-Encoding": "identity" }
    : {};
  let response: Response;
  try {
    response = await fetch(url, { headers, redirect: "follow", signal: options.signal });
  } catch (error) {
    throw new DownloadError(`Could not download ${url}: ${networkReason(error)}`, { cause: error });
  }
  if (!response.ok || response.body === null) {
    await response.body?.cancel();
    throw new DownloadError(`Could not download ${url}: HTTP ${response.status} ${response.statusText}`.trimEnd());
  }
  const directory = await mkdtemp(join(tmpdir(), "airbyte-file-source-"));
  const remove = () => rm(directory, { recursive: true, force: true });
  // The URL's file name keeps its extension, from which DuckDB tells a compressed file (.gz, .zst).
  const path = join(directory, fileNameOf(url));
  try {
    const body = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
    const signal = options.signal ?? new AbortController().signal;
    await pipeline(body, createWriteStream(path), { signal });
  } catch (error) {
    await remove();
    const { code } = error as NodeJS.ErrnoException;
    const reason = code === "ENOSPC" ? "the disk is full" : networkReason(error);
    throw new DownloadError(`Could not download ${url}: ${reason}`, { cause: error });
  }
  return { path, remove };
}

function fileNameOf(url: string): string {
  const name = basename(new URL(url).pathname).replace(/[^A-Za-z0-9._-]/g, "_");
  return name === "" || name === "." || name === ".." ? "download" : name;
}

/** fetch's errors say "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND...) is in the cause. */
function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  const message = (error as Error).message;
  if (cause?.code !== undefined) return `${message} (${cause.code})`;
  return cause?.message ? `${message} (${cause.message})` : message;
}
