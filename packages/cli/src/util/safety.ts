/** Safe mode, before asking anything: deletes only what is named for deletion, unless --unsafe. */
import { CliError, EXIT } from "./errors.js";

export async function refuseUnsafe(kind: string, name: string, unsafe: boolean | undefined): Promise<void> {
  if (unsafe) return;
  const { isSafeToDelete } = await import("airbyte-ts");
  if (isSafeToDelete(name)) return;
  throw new CliError(
    `Refusing to delete ${kind} '${name}': safe mode deletes only names containing 'delete-me' or 'deleteme'.`,
    EXIT.usage,
    { code: "unsafe_delete", hint: "Rename it, or pass --unsafe." },
  );
}
