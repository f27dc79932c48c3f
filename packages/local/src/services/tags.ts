import type { ServiceContext } from "./context.js";

export class TagsService {
  constructor(private readonly ctx: ServiceContext) {}
}
