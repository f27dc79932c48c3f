import type { ServiceContext } from "./context.js";

export class DiscoveryService {
  constructor(private readonly ctx: ServiceContext) {}
}
