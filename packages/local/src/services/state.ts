import type { ServiceContext } from "./context.js";

export class StateService {
  constructor(private readonly ctx: ServiceContext) {}
}
