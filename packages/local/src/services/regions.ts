import type { ServiceContext } from "./context.js";

export class RegionsService {
  constructor(private readonly ctx: ServiceContext) {}
}
