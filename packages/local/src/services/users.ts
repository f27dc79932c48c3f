/**
 * Users as the Config API shows them (`users/get`, `users/update`): a user reads and changes
 * their own record, the instance admin anyone's. The local server keeps a user's name and
 * default workspace (the one the web app opens for them); Airbyte's other fields of a user
 * (status, company, newsletter, the UI's metadata) mean nothing here: an update may carry them,
 * as the Config API's whole-object updates do, and they are not kept.
 */
import type { Config } from "airbyte-ts";
import type { IdentityRecords, UserAccountRow } from "../store/identity-records.js";
import type { Access, Caller } from "./access.js";
import { notFound } from "./errors.js";
import { requireText } from "./definitions/rules.js";
import type { WorkspaceDirectory } from "./workspaces/directory.js";

export class UsersService {
  constructor(
    private readonly records: IdentityRecords,
    private readonly access: Access,
    private readonly workspaces: WorkspaceDirectory,
  ) {}

  get(caller: Caller, userId: string): Config.UserRead {
    return toUserRead(this.account(caller, userId));
  }

  /** Sets the name and the default workspace given; the default must be a live workspace. */
  update(caller: Caller, input: Config.UserUpdate): Config.UserRead {
    this.account(caller, input.userId);
    if (input.name !== undefined) requireText("name", input.name);
    if (input.defaultWorkspaceId !== undefined) this.workspaces.requireActive(input.defaultWorkspaceId);
    this.records.updateUserAccount(input.userId, {
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.defaultWorkspaceId === undefined ? {} : { defaultWorkspaceId: input.defaultWorkspaceId }),
    });
    return this.get(caller, input.userId);
  }

  /** Authorization first (403 for another user's record), then existence (404 for the admin). */
  private account(caller: Caller, userId: string): UserAccountRow {
    if (userId !== caller.userId) this.access.requireInstanceAdmin(caller);
    const row = this.records.userAccount(userId);
    if (!row) throw notFound("user", userId);
    return row;
  }
}

function toUserRead(row: UserAccountRow): Config.UserRead {
  return {
    userId: row.id,
    name: row.name,
    email: row.email,
    // Users of the local server are created whole: there is no invitation to accept.
    status: "registered",
    metadata: {},
    ...(row.default_workspace_id === null ? {} : { defaultWorkspaceId: row.default_workspace_id }),
  };
}
