/**
 * Planning a connection: its endpoints (a different source or destination cannot be set in
 * place, so that is a replacement, which resets sync state), name, status, schedule,
 * namespace, prefix, schema-update behaviour, tags (a set) and streams.
 */
import type { ConnectionResponse, StreamProperties, Tag } from "../api/models.gen.js";
import type { ApplyContext, ApplyStep } from "./apply-step.js";
import type { Binding } from "./bindings.js";
import { compareDesired, type FieldChange } from "./compare.js";
import { type PlanAction, updateAction } from "./plan.js";
import { planStreams } from "./plan-streams.js";
import { type Address, addressOf, type ConnectionResource } from "./project.js";

/** An endpoint or tag: its id now, or the id a resource of this apply will get. */
export type IdChoice = { id: string } | { pending: Address };

export interface ConnectionInputs {
  source: IdChoice;
  destination: IdChoice;
  /** The connection's tags, resolved; undefined when the files do not manage them. */
  tags?: { choice: IdChoice; name: string; color: string }[] | undefined;
  /** The source's streams (`GET /streams`), when the files manage this connection's streams. */
  streamProperties?: readonly StreamProperties[] | undefined;
}

/** `0 0 12 * * ? UTC` as the API answers it is `0 0 12 * * ?` as written. */
const cronOf = (expression: string | undefined) =>
  (expression ?? "")
    .trim()
    .replace(/\s+UTC$/i, "")
    .split(/\s+/)
    .join(" ");

/** The connection's settings as the files wrote them, in the API's field names. */
function desiredSettings(connection: ConnectionResource): Record<string, unknown> {
  const settings: Record<string, unknown> = { name: connection.name };
  if (connection.status !== undefined) settings.status = connection.status;
  if (connection.schedule !== undefined) {
    settings.schedule =
      connection.schedule.type === "cron"
        ? { scheduleType: "cron", cronExpression: connection.schedule.cron }
        : { scheduleType: connection.schedule.type };
  }
  if (connection.namespace !== undefined) {
    settings.namespaceDefinition = connection.namespace.definition;
    if (connection.namespace.definition === "custom_format") settings.namespaceFormat = connection.namespace.format;
  }
  if (connection.prefix !== undefined) settings.prefix = connection.prefix ?? "";
  if (connection.nonBreakingSchemaUpdates !== undefined) {
    settings.nonBreakingSchemaUpdatesBehavior = connection.nonBreakingSchemaUpdates;
  }
  return settings;
}

function remoteSettings(remote: ConnectionResponse): Record<string, unknown> {
  return {
    name: remote.name,
    status: remote.status,
    schedule: {
      scheduleType: remote.schedule.scheduleType,
      ...(remote.schedule.scheduleType === "cron" ? { cronExpression: cronOf(remote.schedule.cronExpression) } : {}),
    },
    namespaceDefinition: remote.namespaceDefinition,
    namespaceFormat: remote.namespaceFormat,
    prefix: remote.prefix ?? "",
    nonBreakingSchemaUpdatesBehavior: remote.nonBreakingSchemaUpdatesBehavior,
  };
}

const idOf = (choice: IdChoice, context: ApplyContext) => ("id" in choice ? choice.id : context.idOf(choice.pending));

export interface ConnectionPlan {
  action?: PlanAction | undefined;
  step?: ApplyStep | undefined;
}

export function planConnection(binding: Binding<ConnectionResponse>, inputs: ConnectionInputs): ConnectionPlan {
  const connection = binding.resource as ConnectionResource;
  const address = addressOf("connection", connection.key);
  const remote = binding.remote?.raw;
  const desired = desiredSettings(connection);
  const settingChanges = compareDesired(desired, remote ? remoteSettings(remote) : {}, {}, []);
  const tagChanges = tagChangesOf(inputs.tags, remote?.tags);
  const streams = planStreams(connection, remote?.configurations.streams ?? [], inputs.streamProperties);

  const endpointChanges: FieldChange[] = [];
  if (remote) {
    for (const [field, choice] of [
      ["sourceId", inputs.source],
      ["destinationId", inputs.destination],
    ] as const) {
      const before = remote[field];
      if (!("id" in choice) || choice.id !== before) {
        endpointChanges.push({
          path: [field],
          op: "change",
          before,
          after: "id" in choice ? choice.id : `(${choice.pending})`,
        });
      }
    }
  }
  const replace = endpointChanges.length > 0;
  // A new connection gets the files' streams from scratch, not a patch of the old one's.
  const streamBody = !remote || replace ? planStreams(connection, [], inputs.streamProperties).body : streams.body;
  const body = (context: ApplyContext) => ({
    ...desired,
    ...(inputs.tags ? { tags: inputs.tags.map((tag) => tagBody(tag, context)) } : {}),
    ...(streamBody ? { configurations: { streams: streamBody } } : {}),
  });

  if (!remote || replace) {
    const action: PlanAction = {
      address,
      action: replace ? "replace" : "create",
      name: connection.name,
      id: binding.remote?.id,
      changes: [...endpointChanges, ...settingChanges, ...tagChanges, ...streams.changes],
      reason: replace ? "its source or destination changed; its sync state and data will be reset" : undefined,
      movedFrom: binding.movedFrom,
    };
    const step: ApplyStep = {
      action,
      run: async (context) => {
        const request = {
          ...body(context),
          sourceId: idOf(inputs.source, context),
          destinationId: idOf(inputs.destination, context),
        };
        const create = async () =>
          (await context.api.connections.createConnection(request, context.request)).connectionId;
        return { id: await context.createOnce("connection", connection.name, create) };
      },
    };
    return { action, step };
  }
  const changes = [...settingChanges, ...tagChanges, ...streams.changes];
  const bound = binding.remote;
  if (changes.length === 0 || !bound) return {};
  const action = updateAction(binding, bound.id, changes);
  const step: ApplyStep = {
    action,
    run: async (context) => {
      await context.api.connections.patchConnection({ connectionId: bound.id }, body(context), context.request);
      return { id: bound.id };
    },
  };
  return { action, step };
}

function tagBody(tag: NonNullable<ConnectionInputs["tags"]>[number], context: ApplyContext): Tag {
  return { tagId: idOf(tag.choice, context), workspaceId: context.workspaceId, name: tag.name, color: tag.color };
}

/** Tags compared as a set, by name (what a reader of the plan knows them by). */
function tagChangesOf(desired: ConnectionInputs["tags"], remote: Tag[] | undefined): FieldChange[] {
  if (!desired) return [];
  return compareDesired(
    { tags: desired.map((tag) => tag.name) },
    { tags: (remote ?? []).map((tag) => tag.name) },
    { isSet: () => true },
  );
}
