/**
 * Planning sources and destinations: which definition each runs, its name and its
 * configuration compared field by field as the connector's spec types it, secrets through the
 * lock file's hashes. A change of definition cannot be made in place: it is a replacement.
 */
import type { DestinationResponse, SourceResponse } from "../api/models.gen.js";
import { closestName } from "../internal/closest-name.js";
import type { ApplyStep } from "./apply-step.js";
import type { Binding } from "./bindings.js";
import { compareDesired, type FieldChange, SECRET_MASK } from "./compare.js";
import { typeConfiguration } from "./connector-spec.js";
import { specProblems } from "./spec-validation.js";
import { ConfigFileError } from "./errors.js";
import type { Path } from "./file-reader.js";
import type { LockEntry } from "./lock-file.js";
import { type PlanAction, type PlanWarning, updateAction } from "./plan.js";
import { type Address, addressOf, type ConnectorResource } from "./project.js";
import { hashSecret, secretMatches } from "./secret-hash.js";
import type { WorkspaceSnapshot } from "./workspace-snapshot.js";
import { pathKey } from "./yaml-document.js";

/** A connector's `connectionSpecification`, when it can be had; undefined: compare without one. */
export type SpecProvider = (
  kind: "source" | "destination",
  definitionId: string,
) => Promise<Record<string, unknown> | undefined>;

type Remote = SourceResponse | DestinationResponse;

/** The definition a connector runs: known now, or the id a custom definition of this apply gets. */
export type DefinitionChoice = { id: string } | { pending: Address };

export function resolveDefinition(
  resource: ConnectorResource,
  snapshot: WorkspaceSnapshot,
  customIds: ReadonlyMap<Address, string | undefined>,
): DefinitionChoice {
  const choice = resource.connector;
  const definitions = resource.kind === "source" ? snapshot.sourceDefinitions : snapshot.destinationDefinitions;
  if ("definitionId" in choice) {
    if (definitions.some((definition) => definition.id === choice.definitionId)) return { id: choice.definitionId };
    const other = resource.kind === "source" ? snapshot.destinationDefinitions : snapshot.sourceDefinitions;
    const otherKind = resource.kind === "source" ? "destination" : "source";
    throw new ConfigFileError(
      { ...resource.location, path: [...resource.location.path, "connector", "definitionId"] },
      other.some((definition) => definition.id === choice.definitionId)
        ? `${choice.definitionId} is a ${otherKind} definition, not a ${resource.kind} one.`
        : `${choice.definitionId} is no ${resource.kind} definition this workspace can use.`,
      { guidance: "Name the connector instead (connector: source-postgres), or give the id of one it has." },
    );
  }
  if ("custom" in choice) {
    const address = addressOf(`${resource.kind}_definition`, choice.custom);
    const id = customIds.get(address);
    return id === undefined ? { pending: address } : { id };
  }
  const wanted = choice.connector.toLowerCase();
  const byRepository = definitions.filter(
    (definition) => definition.dockerRepository.toLowerCase().split("/").pop() === wanted,
  );
  const matches = byRepository.length > 0 ? byRepository : definitions.filter((d) => d.name.toLowerCase() === wanted);
  if (matches.length === 1 && matches[0]) return { id: matches[0].id };
  const names = definitions.map((definition) => definition.dockerRepository.split("/").pop() ?? definition.name);
  const near = closestName(choice.connector, names);
  throw new ConfigFileError(
    { ...resource.location, path: [...resource.location.path, "connector"] },
    matches.length > 1
      ? `"${choice.connector}" names ${matches.length} ${resource.kind} definitions of this workspace.`
      : `"${choice.connector}" is no ${resource.kind} definition of this workspace.`,
    {
      guidance:
        matches.length > 1
          ? "Give its definitionId instead."
          : near
            ? `Did you mean "${near}"?`
            : "Give its definitionId.",
    },
  );
}

export interface ConnectorPlan {
  action?: PlanAction | undefined;
  step?: ApplyStep | undefined;
  warnings: PlanWarning[];
}

/** Plans one source or destination; `spec` is its connector's specification, when one could be had. */
export async function planConnector(
  binding: Binding<Remote>,
  definition: DefinitionChoice,
  lockEntry: LockEntry | undefined,
  spec: Record<string, unknown> | undefined,
): Promise<ConnectorPlan> {
  const resource = binding.resource as ConnectorResource;
  const address = addressOf(resource.kind, resource.key);
  const typed = typeConfiguration(resource.configuration.value, spec, resource.configuration.origins);
  if (spec) refuseOffSpec(resource, typed.value, spec);
  const remote = binding.remote?.raw;
  const remoteConfiguration = (remote?.configuration ?? {}) as Record<string, unknown>;

  // Secrets: the spec's, and any value the server masks; compared by the hashes applied last.
  const secretPaths = new Set(typed.secretPaths);
  collectMasked(remoteConfiguration, [], secretPaths);
  const secretChanged = new Map<string, boolean | undefined>();
  await Promise.all(
    [...secretPaths].map(async (key) => {
      const value = valueAt(typed.value, JSON.parse(key) as Path);
      const stored = lockEntry?.secrets?.[key];
      if (value === undefined || stored === undefined) return;
      const same = await secretMatches(value, stored);
      secretChanged.set(key, same === undefined ? undefined : !same);
    }),
  );
  // A secret the server holds but no hash of which was recorded (imported, or found by name):
  // whether it changed cannot be known, which the plan says rather than showing nothing.
  const unhashed = remote
    ? [...secretPaths].filter(
        (key) =>
          valueAt(typed.value, JSON.parse(key) as Path) !== undefined &&
          valueAt(remoteConfiguration, JSON.parse(key) as Path) !== undefined &&
          lockEntry?.secrets?.[key] === undefined,
      )
    : [];
  const warnings: PlanWarning[] = unhashed.length
    ? [
        {
          address,
          message: `cannot tell whether ${unhashed.map((key) => ["configuration", ...(JSON.parse(key) as Path)].join(".")).join(", ")} changed: ${unhashed.length === 1 ? "it was" : "they were"} not applied by airbyte-ts. The next apply that changes this ${resource.kind} sends ${unhashed.length === 1 ? "it" : "them"} and records ${unhashed.length === 1 ? "its hash" : "their hashes"}.`,
        },
      ]
    : [];
  const inside = (path: Path) => pathKey(path.slice(1));
  const rules = {
    isSecret: (path: Path) => secretPaths.has(inside(path)),
    isSensitive: (path: Path) => resource.configuration.fromEnvironment.has(inside(path)),
    secretChanged: (path: Path) => secretChanged.get(inside(path)),
  };

  const nameChange: FieldChange[] =
    remote && remote.name !== resource.name
      ? [{ path: ["name"], op: "change", before: remote.name, after: resource.name }]
      : [];
  const configurationChanges = compareDesired(typed.value, remote ? remoteConfiguration : {}, rules, ["configuration"]);
  const definitionId = "id" in definition ? definition.id : undefined;
  const replace = remote !== undefined && definitionId !== undefined && remote.definitionId !== definitionId;

  const record = async (id: string): Promise<LockEntry> => {
    const secrets: Record<string, string> = {};
    for (const key of secretPaths) {
      const value = valueAt(typed.value, JSON.parse(key) as Path);
      if (value !== undefined && value !== null && value !== SECRET_MASK) secrets[key] = await hashSecret(value);
    }
    return { id, ...(Object.keys(secrets).length > 0 ? { secrets } : {}) };
  };

  if (!remote || replace) {
    const action: PlanAction = {
      address,
      action: replace ? "replace" : "create",
      name: resource.name,
      id: remote ? binding.remote?.id : undefined,
      changes: replace
        ? [
            { path: ["definitionId"], op: "change", before: remote.definitionId, after: definitionId },
            ...nameChange,
            ...configurationChanges,
          ]
        : [{ path: ["name"], op: "add", after: resource.name }, ...configurationChanges],
      reason: replace ? "its connector definition changed, which Airbyte cannot change in place" : undefined,
      movedFrom: binding.movedFrom,
    };
    return {
      action,
      step: { action, run: (context) => createConnector(context, resource, definition, typed.value, record) },
      warnings: [],
    };
  }
  const changes = [...nameChange, ...configurationChanges];
  const bound = binding.remote;
  if (changes.length === 0 || !bound) return { warnings };
  const action = updateAction(binding, bound.id, changes);
  const step: ApplyStep = {
    action,
    run: async (context) => {
      const body = { name: resource.name, configuration: typed.value };
      if (resource.kind === "source")
        await context.api.sources.patchSource({ sourceId: bound.id }, body, context.request);
      else await context.api.destinations.patchDestination({ destinationId: bound.id }, body, context.request);
      return record(bound.id);
    },
  };
  return { action, step, warnings: [] }; // this update sends the secrets and records their hashes
}

async function createConnector(
  context: Parameters<ApplyStep["run"]>[0],
  resource: ConnectorResource,
  definition: DefinitionChoice,
  configuration: Record<string, unknown>,
  record: (id: string) => Promise<LockEntry>,
): Promise<LockEntry> {
  const definitionId = "id" in definition ? definition.id : context.idOf(definition.pending);
  const body = { name: resource.name, workspaceId: context.workspaceId, definitionId, configuration };
  const create = async () =>
    resource.kind === "source"
      ? (await context.api.sources.createSource(body, context.request)).sourceId
      : (await context.api.destinations.createDestination(body, context.request)).destinationId;
  return record(await context.createOnce(resource.kind, resource.name, create));
}

function collectMasked(value: unknown, path: Path, into: Set<string>): void {
  if (value === SECRET_MASK) into.add(pathKey(path));
  else if (Array.isArray(value)) value.forEach((item, index) => collectMasked(item, [...path, index], into));
  else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) collectMasked(item, [...path, key], into);
  }
}

function valueAt(value: unknown, path: Path): unknown {
  let current = value;
  for (const part of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

/** The configuration as its connector's spec wants it, or the file's place of the first problem, with all of them. */
function refuseOffSpec(
  resource: ConnectorResource,
  configuration: Record<string, unknown>,
  spec: Record<string, unknown>,
) {
  const problems = specProblems(configuration, spec);
  const [first] = problems;
  if (!first) return;
  // The deepest written value on the first problem's path (a missing field: the map it is missing from).
  let origin;
  for (let length = first.path.length; length >= 0 && !origin; length--) {
    origin = resource.configuration.origins.get(pathKey(first.path.slice(0, length)));
  }
  const shown = problems
    .slice(0, 10)
    .map((problem) => `${["configuration", ...problem.path].join(".")} ${problem.message}`);
  if (problems.length > shown.length) shown.push(`and ${problems.length - shown.length} more`);
  throw new ConfigFileError(
    {
      ...resource.location,
      path: [...resource.location.path, "configuration", ...first.path],
      ...(origin ? { line: origin.line, column: origin.column } : {}),
    },
    `does not match the ${resource.kind}'s specification: ${shown.join("; ")}.`,
    { guidance: "Fix the configuration as the connector's documentation says; nothing was sent." },
  );
}
