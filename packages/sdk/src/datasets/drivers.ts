/**
 * Database drivers are optional peer dependencies: each reader imports its own when it first
 * connects, and a missing one is a MissingDriverError naming the destination that needed it.
 */
import { loadOptionalPackage } from "../internal/optional-package.js";
import { MissingDriverError } from "./errors.js";

export interface DriverSpec {
  packageName: string;
  destinationType: string;
  /** How the message names the destination: `Postgres`, `DuckDB`... */
  label: string;
}

/** Imports a destination's driver. */
export function loadDriver<Module>(spec: DriverSpec): Promise<Module> {
  const purpose = `Reading a ${spec.label} destination`;
  return loadOptionalPackage<Module>(spec.packageName, {
    purpose,
    missing: (cause) =>
      new MissingDriverError({ packageName: spec.packageName, purpose, destinationType: spec.destinationType, cause }),
  });
}
