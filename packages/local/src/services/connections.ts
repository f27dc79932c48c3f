import type { ServiceContext } from "./context.js";

export class ConnectionsService {
  constructor(private readonly ctx: ServiceContext) {}
}
