import type { Command } from "commander";
import type { Wanted } from "../../util/command.js";
import { registerConnectors } from "../connectors/register.js";

/** `airbyte-ts sources ...`: the commands are those of destinations (commands/connectors). */
export function registerSources(program: Command, wanted?: Wanted): void {
  registerConnectors(program, "source", wanted);
}
