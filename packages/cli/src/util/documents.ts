/** Documents a command prints (state, catalogs, manifests): stdout, or a file with -o. */
import { writeFile } from "node:fs/promises";
import type { Context } from "../context.js";
import { usageError } from "./errors.js";

export async function printDocument(
  ctx: Context,
  value: unknown,
  file: string | undefined,
  what: string,
): Promise<void> {
  if (file === undefined) return ctx.out.document(value);
  let text = `${JSON.stringify(value ?? null, null, 2)}\n`;
  if (ctx.out.format === "yaml" || /\.ya?ml$/i.test(file)) text = (await import("yaml")).stringify(value ?? null);
  try {
    await writeFile(file, text, "utf8");
  } catch (error) {
    throw usageError(`Cannot write the ${what} to ${file}: ${(error as Error).message}.`);
  }
  ctx.out.message(`Wrote the ${what} to ${file}.`);
}
