import type { Command } from "commander";
import type { Wanted } from "../../util/command.js";
import { registerConnectors } from "../connectors/register.js";

/** `airbyte-ts destinations ...`: the commands are those of sources (commands/connectors). */
export function registerDestinations(program: Command, wanted?: Wanted): void {
  registerConnectors(program, "destination", wanted);
}
