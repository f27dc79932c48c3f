import type { ServiceContext } from "./context.js";

export class JobsService {
  constructor(private readonly ctx: ServiceContext) {}
}
