/**
 * Which remote object each of a project's resources is: the id the lock file recorded (under
 * its key or a key it was renamed from), else the one remote object of its kind with its name,
 * else none (it will be created). Two remote objects with the name are an error, never a guess.
 */
import { MultipleResourcesError } from "../cloud/errors.js";
import { type LockFile, takeEntry } from "./lock-file.js";
import { type Address, addressOf, type Resource, type ResourceKind } from "./project.js";

export interface RemoteObject<Raw> {
  id: string;
  name: string;
  raw: Raw;
}

export interface Binding<Raw> {
  resource: Resource;
  remote?: RemoteObject<Raw> | undefined;
  /** The lock file knew the resource under this earlier key. */
  movedFrom?: Address | undefined;
  adoptedByName?: boolean | undefined;
  /** The lock file's id no longer exists remotely: someone deleted it outside this tool. */
  lostId?: string | undefined;
}

export interface KindBindings<Raw> {
  bindings: Binding<Raw>[];
  /** Remote objects the lock file manages but the files no longer declare, by their lock address. */
  managedOrphans: { address: Address; remote: RemoteObject<Raw> }[];
  /** Remote objects of the kind that nothing binds and the lock file does not know. */
  unmanaged: RemoteObject<Raw>[];
  /** Objects an earlier apply replaced but did not delete (the lock file's `retiring`), still there. */
  retiring: { address: Address; remote: RemoteObject<Raw> }[];
}

export function bindKind<Raw>(
  kind: ResourceKind,
  resources: readonly Resource[],
  remotes: readonly RemoteObject<Raw>[],
  lock: LockFile,
): KindBindings<Raw> {
  const byId = new Map(remotes.map((remote) => [remote.id, remote]));
  const taken = new Set<string>();
  const lockAddresses = new Set<Address>();
  const bindings: Binding<Raw>[] = resources.map((resource) => {
    const address = addressOf(resource.kind, resource.key);
    const earlier = resource.renamedFrom.map((key) => addressOf(resource.kind, key));
    const found = takeEntry(lock, address, earlier);
    if (!found) return { resource };
    lockAddresses.add(found.from);
    const movedFrom = found.from === address ? undefined : found.from;
    const remote = byId.get(found.entry.id);
    if (!remote) return { resource, movedFrom, lostId: found.entry.id };
    taken.add(remote.id);
    return { resource, remote, movedFrom };
  });
  // Every id the lock file knows for this kind is spoken for, declared or not; so is each old
  // object a replacement left, which has its successor's name.
  const lockIds = new Map<string, Address>();
  for (const [address, entry] of Object.entries(lock.resources)) {
    if (address.startsWith(`${kind}.`)) lockIds.set(entry.id, address as Address);
  }
  const retiring: KindBindings<Raw>["retiring"] = [];
  const retiringIds = new Set<string>();
  for (const { address, id } of lock.retiring ?? []) {
    const remote = byId.get(id);
    if (!address.startsWith(`${kind}.`) || !remote || lockIds.has(id) || retiringIds.has(id)) continue;
    retiringIds.add(id);
    retiring.push({ address, remote });
  }
  for (const binding of bindings) {
    if (binding.remote || binding.lostId) continue;
    const matches = remotes.filter(
      (remote) =>
        remote.name === binding.resource.name &&
        !taken.has(remote.id) &&
        !lockIds.has(remote.id) &&
        !retiringIds.has(remote.id),
    );
    if (matches.length > 1) {
      throw new MultipleResourcesError({
        resourceType: binding.resource.kind,
        resourceNameOrId: binding.resource.name,
        guidance: `Bind ${addressOf(binding.resource.kind, binding.resource.key)} to one of them in the lock file (airbyte-ts import), or rename the others.`,
        context: { ids: matches.map((match) => match.id) },
      });
    }
    const [match] = matches;
    if (match) {
      taken.add(match.id);
      binding.remote = match;
      binding.adoptedByName = true;
    }
  }
  const managedOrphans: KindBindings<Raw>["managedOrphans"] = [];
  for (const [id, address] of lockIds) {
    const remote = byId.get(id);
    if (remote && !taken.has(id) && !lockAddresses.has(address)) managedOrphans.push({ address, remote });
  }
  const unmanaged = remotes.filter(
    (remote) => !taken.has(remote.id) && !lockIds.has(remote.id) && !retiringIds.has(remote.id),
  );
  return { bindings, managedOrphans, unmanaged, retiring };
}
