import type { ServiceContext } from "./context.js";

export class PermissionsService {
  constructor(private readonly ctx: ServiceContext) {}
}
