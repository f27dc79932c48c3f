/**
 * Planning tags and custom definitions. A declarative definition's manifest is updated in
 * place (its id, and so every source and connection on it, stays); the public API cannot rename
 * one, and that is said as a warning rather than a replacement that would cascade. A Docker
 * definition's image tag and name are updated in place; another repository is a replacement.
 */
import type { DeclarativeSourceDefinitionResponse, DefinitionResponse, TagResponse } from "../api/models.gen.js";
import type { ApplyStep } from "./apply-step.js";
import type { Binding } from "./bindings.js";
import { canonical, compareDesired, type FieldChange } from "./compare.js";
import { ConfigFileError } from "./errors.js";
import { type PlanAction, type PlanWarning, updateAction } from "./plan.js";
import { addressOf, type DefinitionResource, type TagResource } from "./project.js";

export interface SimplePlan {
  action?: PlanAction | undefined;
  step?: ApplyStep | undefined;
  warnings: PlanWarning[];
}

/** A tag's colour when the files give none: Airbyte's web app's first one. */
const DEFAULT_TAG_COLOR = "3F51B5";

export function planTag(binding: Binding<TagResponse>): SimplePlan {
  const tag = binding.resource as TagResource;
  const address = addressOf("tag", tag.key);
  const remote = binding.remote?.raw;
  const color = (tag.color ?? remote?.color ?? DEFAULT_TAG_COLOR).toUpperCase();
  const desired = { name: tag.name, color };
  if (!remote) {
    const action: PlanAction = {
      address,
      action: "create",
      name: tag.name,
      changes: compareDesired(desired, {}),
      movedFrom: binding.movedFrom,
    };
    return {
      action,
      warnings: [],
      step: {
        action,
        run: async (context) => {
          const create = async () =>
            (await context.api.tags.createTag({ ...desired, workspaceId: context.workspaceId }, context.request)).tagId;
          return { id: await context.createOnce("tag", desired.name, create) };
        },
      },
    };
  }
  const changes = compareDesired(desired, { name: remote.name, color: remote.color.toUpperCase() });
  if (changes.length === 0) return { warnings: [] };
  const action = updateAction(binding, remote.tagId, changes);
  return {
    action,
    warnings: [],
    step: {
      action,
      run: async (context) => {
        await context.api.tags.updateTag({ tagId: remote.tagId }, desired, context.request);
        return { id: remote.tagId };
      },
    },
  };
}

/** A definition as the workspace lists it: declarative (with its manifest) or a Docker image. */
export type RemoteDefinition =
  | { type: "declarative"; definition: DeclarativeSourceDefinitionResponse }
  | { type: "docker"; definition: DefinitionResponse };

export const declarativeRemote = (definition: DeclarativeSourceDefinitionResponse): RemoteDefinition => ({
  type: "declarative",
  definition,
});

export const dockerRemote = (definition: DefinitionResponse): RemoteDefinition => ({ type: "docker", definition });

export function planDefinition(binding: Binding<RemoteDefinition>): SimplePlan {
  const resource = binding.resource as DefinitionResource;
  const address = addressOf(resource.kind, resource.key);
  const remote = binding.remote?.raw;
  const warnings: PlanWarning[] = [];
  const actorType = resource.kind === "source_definition" ? "source" : "destination";
  const wantsManifest = resource.manifest !== undefined;

  const create = (replacing?: { id: string; reason: string; changes: FieldChange[] }): SimplePlan => {
    const action: PlanAction = {
      address,
      action: replacing ? "replace" : "create",
      name: resource.name,
      id: replacing?.id,
      changes: replacing?.changes ?? [{ path: ["name"], op: "add", after: resource.name }],
      reason: replacing?.reason,
      movedFrom: binding.movedFrom,
    };
    const step: ApplyStep = {
      action,
      run: async (context) => {
        const workspace = { workspaceId: context.workspaceId };
        const docker = resource.docker;
        const create = async () => {
          if (resource.manifest) {
            const body = { name: resource.name, manifest: resource.manifest.value };
            const declarative = context.api.declarativeSourceDefinitions;
            return (await declarative.createDeclarativeSourceDefinition(workspace, body, context.request)).id;
          }
          const body = {
            name: resource.name,
            dockerRepository: docker?.repository ?? "",
            dockerImageTag: docker?.tag ?? "",
            ...(docker?.documentationUrl ? { documentationUrl: docker.documentationUrl } : {}),
          };
          const created =
            actorType === "source"
              ? await context.api.sourceDefinitions.createSourceDefinition(workspace, body, context.request)
              : await context.api.destinationDefinitions.createDestinationDefinition(workspace, body, context.request);
          return created.id;
        };
        return { id: await context.createOnce(resource.kind, resource.name, create) };
      },
    };
    return { action, step, warnings };
  };

  if (!remote) return create();
  if (binding.adoptedByName && !sameKindOfDefinition(resource, remote)) {
    // Found by its name alone, but another definition (a catalogue one, as often as not):
    // planning a replacement would delete it, and with it every source or destination on it.
    const image = remote.type === "docker" ? `the image ${remote.definition.dockerRepository}` : "a manifest";
    throw new ConfigFileError(
      { ...resource.location, path: [...resource.location.path, "name"] },
      `"${resource.name}" is the name of another ${actorType} definition of the workspace (${image}, id ${remote.definition.id}).`,
      { guidance: "Give this definition another name; to replace that one, bind it in the lock file first." },
    );
  }
  if ((remote.type === "declarative") !== wantsManifest) {
    return create({
      id: remote.definition.id,
      reason: `it changes from a ${remote.type === "declarative" ? "declarative manifest" : "Docker image"} to a ${wantsManifest ? "declarative manifest" : "Docker image"}`,
      changes: [{ path: ["type"], op: "change", before: remote.type, after: wantsManifest ? "declarative" : "docker" }],
    });
  }
  const id = remote.definition.id;
  if (remote.type === "declarative" && resource.manifest) {
    if (remote.definition.name !== resource.name) {
      warnings.push({
        address,
        message: `its name stays "${remote.definition.name}": the public API cannot rename a declarative definition.`,
      });
    }
    if (canonical(remote.definition.manifest) === canonical(resource.manifest.value)) return { warnings };
    const manifest = resource.manifest.value;
    const action = updateAction(binding, id, [
      {
        path: ["manifest"],
        op: "change",
        before: `version ${remote.definition.version}`,
        after: `from ${resource.manifest.file}`,
      },
    ]);
    return {
      action,
      warnings,
      step: {
        action,
        run: async (context) => {
          await context.api.declarativeSourceDefinitions.updateDeclarativeSourceDefinition(
            { workspaceId: context.workspaceId, definitionId: id },
            { manifest },
            context.request,
          );
          return { id };
        },
      },
    };
  }
  const docker = resource.docker;
  if (remote.type !== "docker" || !docker) return { warnings };
  if (remote.definition.dockerRepository !== docker.repository) {
    return create({
      id,
      reason: "its Docker repository changed, which Airbyte cannot change in place",
      changes: [
        {
          path: ["docker", "repository"],
          op: "change",
          before: remote.definition.dockerRepository,
          after: docker.repository,
        },
      ],
    });
  }
  const changes = compareDesired(
    { name: resource.name, dockerImageTag: docker.tag },
    { name: remote.definition.name, dockerImageTag: remote.definition.dockerImageTag },
  );
  if (changes.length === 0) return { warnings };
  const action = updateAction(binding, id, changes);
  return {
    action,
    warnings,
    step: {
      action,
      run: async (context) => {
        const params = { workspaceId: context.workspaceId, definitionId: id };
        const body = { name: resource.name, dockerImageTag: docker.tag };
        if (actorType === "source")
          await context.api.sourceDefinitions.updateSourceDefinition(params, body, context.request);
        else await context.api.destinationDefinitions.updateDestinationDefinition(params, body, context.request);
        return { id };
      },
    },
  };
}

/** Whether a definition found by name is the one the file describes: the same kind and Docker repository. */
function sameKindOfDefinition(resource: DefinitionResource, remote: RemoteDefinition): boolean {
  if (remote.type === "declarative") return resource.manifest !== undefined;
  return resource.docker?.repository === remote.definition.dockerRepository;
}
