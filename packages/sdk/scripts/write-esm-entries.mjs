/**
 * Writes the ES module entries Node imports: for each entry of package.json's "exports", the
 * "import" file and its declarations re-export the "require" (CommonJS) file, so both module
 * systems share one copy of every class. Run after tsup, whose declaration step deletes every
 * .d.ts in dist/ when it starts.
 */
import { writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname } from "node:path";

const root = new URL("../", import.meta.url);
const pkg = JSON.parse(await readFile(new URL("package.json", root), "utf8"));

for (const [subpath, target] of Object.entries(pkg.exports)) {
  if (typeof target === "string") continue; // ./package.json
  const esm = [target.import.default, target.import.types];
  const cjs = target.require.default;
  for (const file of esm) {
    if (dirname(file) !== dirname(cjs)) throw new Error(`exports["${subpath}"]: ${file} is not beside ${cjs}`);
    writeFileSync(new URL(file, root), `export * from "./${basename(cjs)}";\n`);
  }
}
