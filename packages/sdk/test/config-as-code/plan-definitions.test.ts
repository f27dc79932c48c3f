/**
 * Tags and custom definitions planned against a real local server: created, then clean; a
 * declarative manifest updated in place (the definition keeps its id); a rename the public
 * API cannot make is a warning, not a replacement.
 */
import { describe, expect, it } from "vitest";
import { useLocalServer } from "@airbyte-ts/test-support/local-server";
import { manifest } from "@airbyte-ts/test-support/manifests";
import type { TagResponse } from "../../src/api/models.gen.js";
import type { ApplyContext } from "../../src/config-as-code/apply-step.js";
import { bindKind } from "../../src/config-as-code/bindings.js";
import { emptyLockFile, type LockFile } from "../../src/config-as-code/lock-file.js";
import { planDefinition, planTag, type RemoteDefinition } from "../../src/config-as-code/plan-definitions.js";
import type { DefinitionResource, TagResource } from "../../src/config-as-code/project.js";

const harness = useLocalServer();

async function newWorkspace(): Promise<string> {
  const api = harness.admin();
  return (
    await api.workspaces.createWorkspace({
      name: `cac-${Math.random().toString(36).slice(2)}`,
      organizationId: harness.local().organizationId,
    })
  ).workspaceId;
}

const declarative = (definition: RemoteDefinition["definition"]): RemoteDefinition =>
  ({ type: "declarative", definition }) as RemoteDefinition;

const context = (workspaceId: string): ApplyContext => ({
  api: harness.admin(),
  workspaceId,
  idOf: () => "",
  createOnce: (_kind, _name, create) => create(),
});

describe("planning tags", () => {
  it("creates a tag, plans it clean, and updates its colour in place", async () => {
    const workspaceId = await newWorkspace();
    const lock = emptyLockFile(workspaceId);
    const tag = (color?: string): TagResource => ({
      kind: "tag",
      key: "finance",
      name: "finance",
      renamedFrom: [],
      color,
      location: { file: "f", path: [] },
    });
    const planOnce = async (resource: TagResource, apply = false) => {
      const remotes = (await harness.admin().tags.listTags({ workspaceIds: [workspaceId] })).data.map((raw) => ({
        id: raw.tagId,
        name: raw.name,
        raw,
      }));
      const [binding] = bindKind<TagResponse>("tag", [resource], remotes, lock).bindings;
      const planned = planTag(binding ?? { resource });
      if (apply && planned.step)
        lock.resources["tag.finance"] = (await planned.step.run(context(workspaceId))) ?? { id: "" };
      return planned;
    };
    expect((await planOnce(tag(), true)).action).toMatchObject({
      action: "create",
      changes: [
        { path: ["color"], op: "add", after: "3F51B5" },
        { path: ["name"], op: "add", after: "finance" },
      ],
    });
    // No colour written: the server's is kept, not compared.
    expect((await planOnce(tag())).action).toBeUndefined();
    expect((await planOnce(tag("3f51b5"))).action).toBeUndefined();
    const recolored = await planOnce(tag("FF0000"), true);
    expect(recolored.action).toMatchObject({
      action: "update",
      changes: [{ path: ["color"], op: "change", before: "3F51B5", after: "FF0000" }],
    });
    expect((await planOnce(tag("FF0000"))).action).toBeUndefined();
  });
});

describe("planning a declarative definition", () => {
  const definition = (title: string, name = "Acme API"): DefinitionResource => ({
    kind: "source_definition",
    key: "acme",
    name,
    renamedFrom: [],
    manifest: { file: "acme.yaml", value: manifest(title) },
    location: { file: "f", path: [] },
  });

  async function planOnce(workspaceId: string, lock: LockFile, resource: DefinitionResource, apply = false) {
    const listed = await harness.admin().declarativeSourceDefinitions.listDeclarativeSourceDefinitions({ workspaceId });
    const remotes = listed.data.map((definition) => ({
      id: definition.id,
      name: definition.name,
      raw: declarative(definition),
    }));
    const [binding] = bindKind("source_definition", [resource], remotes, lock).bindings;
    const planned = planDefinition(binding ?? { resource });
    if (apply && planned.step)
      lock.resources["source_definition.acme"] = (await planned.step.run(context(workspaceId))) ?? { id: "" };
    return planned;
  }

  it("creates it, plans it clean, and updates a new manifest in place under the same id", async () => {
    const workspaceId = await newWorkspace();
    const lock = emptyLockFile(workspaceId);
    expect((await planOnce(workspaceId, lock, definition("v1"), true)).action).toMatchObject({
      action: "create",
      name: "Acme API",
    });
    const id = lock.resources["source_definition.acme"]?.id;
    expect((await planOnce(workspaceId, lock, definition("v1"))).action).toBeUndefined();
    const updated = await planOnce(workspaceId, lock, definition("v2"), true);
    expect(updated.action).toMatchObject({
      action: "update",
      id,
      changes: [{ path: ["manifest"], op: "change", after: "from acme.yaml" }],
    });
    expect(lock.resources["source_definition.acme"]?.id).toBe(id);
    expect((await planOnce(workspaceId, lock, definition("v2"))).action).toBeUndefined();
    // A rename the public API cannot make: said, and nothing replaced.
    const renamed = await planOnce(workspaceId, lock, definition("v2", "Acme API (new)"));
    expect(renamed.action).toBeUndefined();
    expect(renamed.warnings).toEqual([
      { address: "source_definition.acme", message: expect.stringMatching(/cannot rename a declarative definition/) },
    ]);
  });
});
