/** Safe mode, before asking anything: deletes only what is named for deletion, unless --unsafe. */
import { toCliError } from "./errors.js";

export async function refuseUnsafe(kind: string, name: string, unsafe: boolean | undefined): Promise<void> {
  if (unsafe) return;
  const { isSafeToDelete, UnsafeDeleteError } = await import("airbyte-ts");
  if (isSafeToDelete(name)) return;
  // The SDK's refusal, restated as any other: one wording and one code for both.
  throw await toCliError(new UnsafeDeleteError({ resourceType: kind, resourceId: name, resourceName: name }));
}
