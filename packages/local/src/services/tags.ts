/**
 * Tags: named colours of a workspace that label its connections. As on Airbyte, a colour is six
 * hexadecimal digits without `#` (its column is `char(6)` checked against `^[0-9A-Fa-f]{6}$`),
 * a name has at most 30 characters and is unique in its workspace, and a workspace holds at most
 * 100 tags. A tag's own routes look the tag up first, to learn its workspace, then authorize.
 */
import { randomUUID } from "node:crypto";
import type { Tag, TagCreateRequest, TagPatchRequest, TagResponse } from "airbyte-ts";
import type { TagRow } from "../store/rows.js";
import type { TagRecords } from "../store/tag-records.js";
import type { Caller } from "./access.js";
import type { ServiceContext } from "./context.js";
import type { WorkspaceDirectory } from "./workspaces/directory.js";
import { notFound, ServiceError } from "./errors.js";

const MAX_TAG_NAME_LENGTH = 30;
const MAX_TAGS_PER_WORKSPACE = 100;
const HEX_COLOR = /^[0-9A-Fa-f]{6}$/;

export class TagsService {
  constructor(
    private readonly ctx: ServiceContext,
    private readonly records: TagRecords,
    private readonly workspaces: WorkspaceDirectory,
  ) {}

  /** Tags of the given workspaces, or of every workspace the caller can read. */
  list(caller: Caller, workspaceIds: string[]): TagResponse[] {
    for (const id of workspaceIds) this.ctx.access.requireWorkspace(caller, id, "reader");
    const ids = workspaceIds.length > 0 ? workspaceIds : this.ctx.access.readableWorkspaceIds(caller);
    return this.records.ofWorkspaces(ids).map(toTag);
  }

  create(caller: Caller, input: TagCreateRequest): TagResponse {
    this.ctx.access.requireWorkspace(caller, input.workspaceId, "editor");
    this.workspaces.requireActive(input.workspaceId);
    const row: TagRow = { id: randomUUID(), workspace_id: input.workspaceId, name: input.name, color: input.color };
    this.ctx.store.transaction(() => {
      checkName(row.name);
      if (this.records.countInWorkspace(row.workspace_id) >= MAX_TAGS_PER_WORKSPACE) {
        throw new ServiceError(
          "tag-limit-reached",
          `Maximum ${MAX_TAGS_PER_WORKSPACE} tags can be created in a workspace`,
        );
      }
      checkColor(row.color);
      this.requireUniqueName(row);
      this.records.insert(row);
    });
    return toTag(row);
  }

  get(caller: Caller, tagId: string): TagResponse {
    const row = this.row(tagId);
    this.ctx.access.requireWorkspace(caller, row.workspace_id, "reader");
    return toTag(row);
  }

  update(caller: Caller, tagId: string, input: TagPatchRequest): TagResponse {
    const current = this.row(tagId);
    this.ctx.access.requireWorkspace(caller, current.workspace_id, "editor");
    const row: TagRow = { ...current, name: input.name, color: input.color };
    checkName(row.name);
    checkColor(row.color);
    this.ctx.store.transaction(() => {
      this.requireUniqueName(row);
      this.records.update(row);
    });
    return toTag(row);
  }

  /** Deletes the tag; connections lose it (connection_tags cascades). */
  delete(caller: Caller, tagId: string): void {
    const row = this.row(tagId);
    this.ctx.access.requireWorkspace(caller, row.workspace_id, "editor");
    this.records.delete(tagId);
  }

  /** The stored tag; `not-found` when there is none. */
  row(tagId: string): TagRow {
    const row = this.records.find(tagId);
    if (!row) throw notFound("tag", tagId);
    return row;
  }

  /**
   * The tags named by a connection request (by `tagId`), which must be tags of the connection's
   * workspace; the names and colours sent along are not used.
   */
  resolveForWorkspace(workspaceId: string, tags: readonly Pick<Tag, "tagId">[]): TagRow[] {
    const unique = [...new Set(tags.map((tag) => tag.tagId.toLowerCase()))];
    return unique.map((tagId) => {
      const row = this.records.findInWorkspace(tagId, workspaceId);
      if (!row) throw notFound("tag", tagId);
      return row;
    });
  }

  /** Tags of a connection, by name. */
  forConnection(connectionId: string): Tag[] {
    return this.records.ofConnection(connectionId).map(toConnectionTag);
  }

  /** Replaces the tags of a connection (inside the caller's transaction). */
  setForConnection(connectionId: string, tags: readonly TagRow[]): void {
    this.records.setForConnection(
      connectionId,
      tags.map((tag) => tag.id),
    );
  }

  private requireUniqueName(row: TagRow): void {
    if (this.records.nameTaken(row.workspace_id, row.name, row.id))
      throw new ServiceError("tag-already-exists", `A tag named ${row.name} already exists in this workspace.`);
  }
}

function checkName(name: string): void {
  if (name.length > MAX_TAG_NAME_LENGTH) {
    throw new ServiceError("tag-name-too-long", `The tag name can be maximum ${MAX_TAG_NAME_LENGTH} characters.`);
  }
}

function checkColor(color: string): void {
  if (!HEX_COLOR.test(color)) {
    throw new ServiceError(
      "tag-invalid-hex-color",
      `The hex color provided is invalid: ${JSON.stringify(color)}. Use six hexadecimal digits without #, e.g. FF00AA.`,
    );
  }
}

function toTag(row: TagRow): TagResponse {
  return { tagId: row.id, name: row.name, color: row.color, workspaceId: row.workspace_id };
}

function toConnectionTag(row: TagRow): Tag {
  return { tagId: row.id, workspaceId: row.workspace_id, name: row.name, color: row.color };
}
