/**
 * `plan(project, workspace)`: binds every resource of the files to the workspace's objects,
 * checks each configuration against its connector's spec, compares, and returns the plan: what
 * would be created, updated, replaced and deleted (with `prune`; the old objects a stopped
 * apply left; the connections Airbyte would delete with a source or destination), in the
 * order `apply` carries it out. Nothing is written.
 */
import { dirname } from "node:path";
import type { AirbyteApi } from "../api/client.js";
import type {
  ConnectionResponse,
  DestinationResponse,
  SourceResponse,
  StreamProperties,
  TagResponse,
} from "../api/models.gen.js";
import { InvalidArgumentError } from "../http/errors.js";
import type { RequestOptions } from "../http/request-options.js";
import { checkConcurrency, mapBounded } from "../internal/map-bounded.js";
import { attachInternals, type ApplyStep } from "./apply-step.js";
import { bindKind, type Binding, type KindBindings, type RemoteObject } from "./bindings.js";
import { ConfigFileError, DestroyPreventedError } from "./errors.js";
import { type LockFile, lockFilePath, readLockFile } from "./lock-file.js";
import { countActions, type Plan, type PlanAction, type PlanWarning } from "./plan.js";
import { planConnection } from "./plan-connection.js";
import { planConnector, resolveDefinition, type SpecProvider } from "./plan-connectors.js";
import { specOf, workspaceSpecs } from "./spec-provider.js";
import { declarativeRemote, dockerRemote, planDefinition, planTag, type RemoteDefinition } from "./plan-definitions.js";
import { checkSourceDefined } from "./plan-streams.js";
import { cascadedDeletions, deletionStep } from "./plan-deletion.js";
import {
  type Address,
  addressOf,
  type ConnectionResource,
  type Project,
  RESOURCE_KINDS,
  type Resource,
  type ResourceKind,
} from "./project.js";
import { resolveReference } from "./references.js";
import { readWorkspaceSnapshot, snapshotFingerprint, type WorkspaceSnapshot } from "./workspace-snapshot.js";

/** The workspace to plan against: a `CloudWorkspace`, or any client and workspace id. */
export interface PlanTarget {
  api: AirbyteApi;
  workspaceId: string;
}

export interface PlanOptions {
  /** The lock file: a path, or one already read. Default `.airbyte-ts/<workspace id>.lock.json` beside the first file. */
  lock?: string | LockFile;
  /** Plan deletions too: of resources the lock file manages that the files dropped, or of everything the files do not declare. */
  prune?: "managed" | "all" | undefined;
  /**
   * Where connector specifications come from, to check and type configurations and find their
   * secrets. Default: the workspace's Airbyte (Config API), once per definition.
   */
  specs?: SpecProvider;
  /** Reads in flight at once (list pages, each connection's streams); default 8. */
  concurrency?: number;
  request?: RequestOptions;
}

type AnyRemote = TagResponse | RemoteDefinition | SourceResponse | DestinationResponse | ConnectionResponse;

export async function plan(project: Project, target: PlanTarget, options: PlanOptions = {}): Promise<Plan> {
  const { api, workspaceId } = target;
  const concurrency = checkConcurrency(options.concurrency);
  const lockPath =
    typeof options.lock === "object"
      ? undefined
      : (options.lock ?? lockFilePath(dirname(project.files[0] ?? "."), workspaceId));
  const lock = typeof options.lock === "object" ? options.lock : await readLockFile(lockPath as string, workspaceId);
  if (lock.workspaceId !== workspaceId) {
    // A lock file read from a path is checked as it is parsed; one given as an object, here.
    throw new InvalidArgumentError(
      `The lock file given belongs to workspace ${lock.workspaceId}, not ${workspaceId}.`,
      {
        guidance: "Pass the lock file of the workspace planned (lockFilePath(folder, workspaceId)).",
      },
    );
  }
  if (project.workspace) await checkWorkspace(project, api, workspaceId, options.request);
  const snapshot = await readWorkspaceSnapshot(api, workspaceId, { concurrency, request: options.request });
  const bindings = bindAll(project, snapshot, lock);

  const steps: ApplyStep[] = [];
  const deletions: ApplyStep[] = [];
  const warnings: PlanWarning[] = [];
  const specs = options.specs ?? workspaceSpecs(api, workspaceId, warnings, options.request);
  const unchanged: Address[] = [];
  /** Ids known now: bound resources that are kept; a created or replaced one is known only during apply. */
  const knownIds = new Map<Address, string | undefined>();
  const take = (
    binding: Binding<AnyRemote>,
    planned: { action?: PlanAction | undefined; step?: ApplyStep | undefined },
  ) => {
    const address = addressOf(binding.resource.kind, binding.resource.key);
    if (binding.lostId)
      warnings.push({
        address,
        message: `was deleted outside this tool (id ${binding.lostId}); it will be created again.`,
      });
    const { action, step } = planned;
    const keeps = !action || action.action === "update";
    knownIds.set(address, keeps ? binding.remote?.id : undefined);
    if (step) steps.push(step);
    else unchanged.push(address);
    if (action?.action === "replace" && binding.remote) {
      deletions.push(deletionStep(binding.resource.kind, address, binding.remote, action));
    }
  };

  for (const binding of bindings.get("tag")?.bindings ?? []) take(binding, planTag(binding as Binding<TagResponse>));
  for (const kind of ["source_definition", "destination_definition"] as const) {
    for (const binding of bindings.get(kind)?.bindings ?? []) {
      const planned = planDefinition(binding as Binding<RemoteDefinition>);
      warnings.push(...planned.warnings);
      take(binding, planned);
    }
  }
  for (const kind of ["source", "destination"] as const) {
    const connectorPlans = await mapBounded(bindings.get(kind)?.bindings ?? [], concurrency, async (binding) => {
      const resource = binding.resource as Extract<Resource, { kind: "source" | "destination" }>;
      const definition = resolveDefinition(resource, snapshot, knownIds);
      const entry =
        lock.resources[addressOf(kind, resource.key)] ??
        (binding.movedFrom ? lock.resources[binding.movedFrom] : undefined);
      const spec = await specOf(kind, definition, project, specs);
      return { binding, plan: await planConnector(binding as Binding<SourceResponse>, definition, entry, spec) };
    });
    for (const { binding, plan: connectorPlan } of connectorPlans) {
      warnings.push(...connectorPlan.warnings);
      take(binding, connectorPlan);
    }
  }
  const connections = bindings.get("connection")?.bindings ?? [];
  /** Objects the files' connections use: never pruned, even unmanaged (`{ id }`, `{ name }`). */
  const referenced = new Set<string>();
  const connectionPlans = await mapBounded(connections, concurrency, async (binding) => {
    const connection = binding.resource as ConnectionResource;
    const source = resolveReference(connection, "source", connection.source, project, snapshot, knownIds);
    const destination = resolveReference(
      connection,
      "destination",
      connection.destination,
      project,
      snapshot,
      knownIds,
    );
    const tags = connection.tags?.map((tag) => resolveReference(connection, "tag", tag, project, snapshot, knownIds));
    for (const { choice } of [source, destination, ...(tags ?? [])]) if ("id" in choice) referenced.add(choice.id);
    let streamProperties: StreamProperties[] | undefined;
    if (connection.streams && "id" in source.choice) {
      const destinationId = "id" in destination.choice ? destination.choice.id : undefined;
      streamProperties = await api.streams.getStreamProperties(
        { sourceId: source.choice.id, ...(destinationId ? { destinationId } : {}) },
        options.request,
      );
      checkSourceDefined(connection, streamProperties);
    }
    const inputs = {
      source: source.choice,
      destination: destination.choice,
      tags: tags?.map((tag) => ({ choice: tag.choice, name: tag.name ?? "", color: tag.color ?? "3F51B5" })),
      streamProperties,
    };
    return { binding, plan: planConnection(binding as Binding<ConnectionResponse>, inputs) };
  });
  for (const { binding, plan: connectionPlan } of connectionPlans) take(binding, connectionPlan);

  // Deletions, connections first: nothing is deleted while something still uses it.
  for (const kind of [...RESOURCE_KINDS].reverse()) {
    const kindBindings = bindings.get(kind);
    if (!kindBindings) continue;
    for (const { address, remote } of kindBindings.retiring) {
      // Part of a replacement an earlier plan showed and an apply began: finished whatever prune says.
      const retire: PlanAction = {
        address,
        action: "delete",
        name: remote.name,
        id: remote.id,
        changes: [],
        reason: "the object it replaced, which the apply that replaced it stopped before deleting",
      };
      deletions.push(deletionStep(kind, address, remote, retire));
    }
    for (const { address, remote } of kindBindings.managedOrphans) {
      if (options.prune) deletions.push(deletionStep(kind, address, remote));
      else warnings.push({ address, message: `is no longer in the files; apply --prune deletes it.` });
    }
    // Never the catalogue's definitions, which the public API lists beside a workspace's own.
    if (options.prune === "all" && !kind.endsWith("_definition")) {
      for (const remote of kindBindings.unmanaged) {
        if (referenced.has(remote.id)) continue;
        deletions.push(deletionStep(kind, addressOf(kind, `unmanaged-${remote.id}`), remote));
      }
    }
  }
  deletions.push(...cascadedDeletions(deletions, snapshot.connections, lock));
  const ordered = [...steps, ...deletions.sort((a, b) => deletionRank(a) - deletionRank(b))];
  const prevented = ordered
    .filter((step) => step.action.action === "delete" || step.action.action === "replace")
    .map((step) => step.action.address)
    .filter((address) => project.lifecycle.preventDestroy.includes(address));
  if (prevented.length > 0) throw new DestroyPreventedError([...new Set(prevented)]);

  const actions = dedupeActions(ordered);
  const result: Plan = {
    workspaceId,
    fingerprint: snapshotFingerprint(snapshot),
    actions,
    unchanged,
    warnings,
    counts: countActions(actions),
  };
  attachInternals(result, {
    steps: ordered,
    api,
    lock,
    lockPath,
    request: options.request,
    bindings: recordedBindings(bindings),
    locations: new Map([...project.resources].map(([address, resource]) => [address, resource.location])),
  });
  return result;
}

/** Deletions in reverse dependency order: connections, then destinations and sources, then definitions, then tags. */
function deletionRank(step: ApplyStep): number {
  const kind = step.action.address.slice(0, step.action.address.indexOf(".")) as ResourceKind;
  return RESOURCE_KINDS.length - RESOURCE_KINDS.indexOf(kind);
}

/** A replacement has two steps (create the new, delete the old) but is one action of the plan. */
function dedupeActions(steps: readonly ApplyStep[]): PlanAction[] {
  const seen = new Set<PlanAction>();
  return steps.map((step) => step.action).filter((action) => !seen.has(action) && seen.add(action));
}

/** Every binding the lock file must record on apply, moved or adopted ones included. */
function recordedBindings(bindings: Map<ResourceKind, KindBindings<AnyRemote>>) {
  const records: { address: Address; id: string; movedFrom?: Address | undefined }[] = [];
  for (const kind of bindings.values()) {
    for (const binding of kind.bindings) {
      if (binding.remote)
        records.push({
          address: addressOf(binding.resource.kind, binding.resource.key),
          id: binding.remote.id,
          movedFrom: binding.movedFrom,
        });
    }
  }
  return records;
}

function bindAll(
  project: Project,
  snapshot: WorkspaceSnapshot,
  lock: LockFile,
): Map<ResourceKind, KindBindings<AnyRemote>> {
  const resourcesOf = (kind: ResourceKind) =>
    [...project.resources.values()].filter((resource) => resource.kind === kind);
  const declarativeIds = new Set(snapshot.declarativeSourceDefinitions.map((definition) => definition.id));
  const remotes: Record<ResourceKind, RemoteObject<AnyRemote>[]> = {
    tag: snapshot.tags.map((raw) => ({ id: raw.tagId, name: raw.name, raw })),
    source_definition: [
      ...snapshot.declarativeSourceDefinitions.map((definition) => ({
        id: definition.id,
        name: definition.name,
        raw: declarativeRemote(definition),
      })),
      ...snapshot.sourceDefinitions
        .filter((definition) => !declarativeIds.has(definition.id))
        .map((definition) => ({
          id: definition.id,
          name: definition.name,
          raw: dockerRemote(definition),
        })),
    ],
    destination_definition: snapshot.destinationDefinitions.map((definition) => ({
      id: definition.id,
      name: definition.name,
      raw: dockerRemote(definition),
    })),
    source: snapshot.sources.map((raw) => ({ id: raw.sourceId, name: raw.name, raw })),
    destination: snapshot.destinations.map((raw) => ({ id: raw.destinationId, name: raw.name, raw })),
    connection: snapshot.connections.map((raw) => ({ id: raw.connectionId, name: raw.name, raw })),
  };
  const result = new Map<ResourceKind, KindBindings<AnyRemote>>();
  for (const kind of RESOURCE_KINDS) result.set(kind, bindKind(kind, resourcesOf(kind), remotes[kind], lock));
  return result;
}

/** The files' `workspace:` is the one planned: by id without a request, by name with one. */
async function checkWorkspace(project: Project, api: AirbyteApi, workspaceId: string, request?: RequestOptions) {
  const wanted = project.workspace;
  if (!wanted) return;
  const location = project.workspaceLocation ?? { file: project.files[0] ?? "(none)", path: ["workspace"] };
  const refuse = (actual: string): never => {
    throw new ConfigFileError(
      location,
      `names workspace ${"id" in wanted ? wanted.id : JSON.stringify(wanted.name)}, but the plan is for workspace ${actual}.`,
      { guidance: "Select that workspace (--workspace, AIRBYTE_WORKSPACE_ID), or change the files' workspace." },
    );
  };
  if ("id" in wanted) {
    if (wanted.id !== workspaceId) refuse(workspaceId);
    return;
  }
  const { name } = await api.workspaces.getWorkspace({ workspaceId }, request);
  if (name !== wanted.name) refuse(`${workspaceId} (${JSON.stringify(name)})`);
}
