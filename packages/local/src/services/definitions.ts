import type { ServiceContext } from "./context.js";

export class DefinitionsService {
  constructor(private readonly ctx: ServiceContext) {}
}
