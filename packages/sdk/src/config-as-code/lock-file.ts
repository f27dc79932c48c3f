/**
 * The lock file binds a project's keys to the ids of one workspace's resources and keeps a
 * salted hash of every secret applied, so a plan knows which remote object a key means (even
 * after a rename) and whether a secret changed although the API masks it. One lock file per
 * workspace (`.airbyte-ts/<workspace id>.lock.json`), so one project can be applied to several.
 * It is written after each resource an apply changes, atomically, so an interrupted apply
 * resumes where it stopped instead of creating the same resource twice.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { ConfigFileError } from "./errors.js";
import { type Address, RESOURCE_KINDS } from "./project.js";

const LOCK_FILE_VERSION = 1;

export interface LockEntry {
  id: string;
  /** Salted hashes of the secrets last applied, keyed by their path in the configuration (`pathKey`). */
  secrets?: Record<string, string>;
}

export interface LockFile {
  version: typeof LOCK_FILE_VERSION;
  workspaceId: string;
  /** Sorted by address, so the file's text changes only where a resource did. */
  resources: Record<Address, LockEntry>;
  /**
   * Objects replaced by a successor (which `resources` now names) and not deleted yet: an apply
   * deletes them after everything else, and one that stopped before leaves them here for the
   * next plan to delete, instead of in the workspace unmanaged.
   */
  retiring?: RetiringObject[];
}

export interface RetiringObject {
  /** The address whose successor replaced it. */
  address: Address;
  id: string;
}

/** Where a workspace's lock file lives beside a project. */
export const lockFilePath = (projectFolder: string, workspaceId: string): string =>
  join(projectFolder, ".airbyte-ts", `${workspaceId}.lock.json`);

export const emptyLockFile = (workspaceId: string): LockFile => ({
  version: LOCK_FILE_VERSION,
  workspaceId,
  resources: {},
});

/** Reads a lock file; a missing one is an empty lock for the workspace. */
export async function readLockFile(path: string, workspaceId: string): Promise<LockFile> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return emptyLockFile(workspaceId);
    throw new ConfigFileError({ file: path, path: [] }, `cannot be read (${(error as Error).message}).`, {
      cause: error,
    });
  }
  return parseLockFile(path, text, workspaceId);
}

function parseLockFile(path: string, text: string, workspaceId: string): LockFile {
  const fail = (problem: string): never => {
    throw new ConfigFileError({ file: path, path: [] }, problem, {
      guidance: "Restore it from version control; `airbyte-ts import` writes a new one.",
    });
  };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    fail("is not valid JSON.");
  }
  const lock = value as Partial<LockFile> | null;
  if (typeof lock !== "object" || lock === null || lock.version !== LOCK_FILE_VERSION) {
    fail(`is not a version ${LOCK_FILE_VERSION} lock file.`);
  }
  if (lock?.workspaceId !== workspaceId) fail(`belongs to workspace ${String(lock?.workspaceId)}, not ${workspaceId}.`);
  const resources: Record<Address, LockEntry> = {};
  for (const [address, entry] of Object.entries(lock?.resources ?? {})) {
    const kind = address.slice(0, address.indexOf("."));
    const ok =
      (RESOURCE_KINDS as readonly string[]).includes(kind) &&
      typeof entry === "object" &&
      entry !== null &&
      typeof entry.id === "string";
    if (!ok) fail(`has an entry it cannot read: ${JSON.stringify(address)}.`);
    resources[address as Address] = entry;
  }
  const retiring: RetiringObject[] = [];
  if (lock?.retiring !== undefined && !Array.isArray(lock.retiring)) fail("has a retiring entry that is not a list.");
  for (const item of lock?.retiring ?? []) {
    const record = item as Partial<RetiringObject> | null;
    const kind = typeof record?.address === "string" ? record.address.slice(0, record.address.indexOf(".")) : "";
    if (!(RESOURCE_KINDS as readonly string[]).includes(kind) || typeof record?.id !== "string") {
      fail(`has a retiring entry it cannot read: ${JSON.stringify(item)}.`);
    }
    retiring.push({ address: record?.address as Address, id: record?.id as string });
  }
  return { version: LOCK_FILE_VERSION, workspaceId, resources, ...(retiring.length > 0 ? { retiring } : {}) };
}

/** The lock file's text: stable key order and a final newline, so diffs in review are small. */
export function formatLockFile(lock: LockFile): string {
  const resources = Object.fromEntries(
    Object.keys(lock.resources)
      .sort()
      .map((address) => {
        const entry = lock.resources[address as Address] as LockEntry;
        const secrets =
          entry.secrets && Object.keys(entry.secrets).length > 0 ? sortedRecord(entry.secrets) : undefined;
        return [address, { id: entry.id, ...(secrets ? { secrets } : {}) }];
      }),
  );
  const retiring = [...(lock.retiring ?? [])]
    .sort((a, b) => (a.address + a.id < b.address + b.id ? -1 : 1))
    .map(({ address, id }) => ({ address, id }));
  const body = {
    version: lock.version,
    workspaceId: lock.workspaceId,
    resources,
    ...(retiring.length ? { retiring } : {}),
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

const sortedRecord = (record: Record<string, string>): Record<string, string> =>
  Object.fromEntries(
    Object.keys(record)
      .sort()
      .map((key) => [key, record[key] as string]),
  );

/** Writes the whole file beside itself and renames it into place: a kill never leaves half a file. */
export async function writeLockFile(path: string, lock: LockFile): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, formatLockFile(lock), "utf8");
  await rename(temporary, path);
}

/** The entry of an address, or of one of its earlier keys (`renamedFrom`), moved to the new key. */
export function takeEntry(
  lock: LockFile,
  address: Address,
  earlierAddresses: readonly Address[],
): { entry: LockEntry; from: Address } | undefined {
  const current = lock.resources[address];
  if (current) return { entry: current, from: address };
  for (const earlier of earlierAddresses) {
    const entry = lock.resources[earlier];
    if (entry) return { entry, from: earlier };
  }
  return undefined;
}
