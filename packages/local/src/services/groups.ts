import type { ServiceContext } from "./context.js";

export class GroupsService {
  constructor(private readonly ctx: ServiceContext) {}
}
