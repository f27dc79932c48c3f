import type { ServiceContext } from "./context.js";

export class ActorsService {
  constructor(private readonly ctx: ServiceContext) {}
}
