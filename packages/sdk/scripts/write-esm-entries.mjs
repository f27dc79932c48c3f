/**
 * Writes the ES module entries Node imports. For each entry of package.json's "exports", the
 * "import" file and its declarations re-export the "require" (CommonJS) file, so both module
 * systems share one copy of every class.
 *
 * The JavaScript goes through a small CommonJS file, `<entry>.exports.cjs`, that requires the
 * build and names its exports in a form Node's import reads without running it. Importing the
 * build itself would make Node scan all of its text for the names first: `import("airbyte-ts")`
 * costs about 70 ms of CPU beyond Node's own start that way on the project's 2-core machine,
 * 24 ms this way (an ES module build: 20 ms; `require`: 18 ms).
 *
 * Run after tsup, whose declaration step deletes every .d.ts in dist/ when it starts.
 */
import { writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { basename, dirname } from "node:path";

const root = new URL("../", import.meta.url);
const require = createRequire(root);
const pkg = JSON.parse(await readFile(new URL("package.json", root), "utf8"));

for (const [subpath, target] of Object.entries(pkg.exports)) {
  if (typeof target === "string") continue; // ./package.json
  const { import: esm, require: cjs } = target;
  for (const file of [esm.default, esm.types]) {
    if (dirname(file) !== dirname(cjs.default)) throw new Error(`exports["${subpath}"]: ${file} is not beside ${cjs}`);
  }
  const build = `./${basename(cjs.default)}`;
  const names = Object.keys(require(cjs.default));
  const bridge = build.replace(/\.cjs$/, ".exports.cjs");
  writeFileSync(
    new URL(bridge, new URL(cjs.default, root)),
    [
      `"use strict";`,
      `// The exports of ${build}, named on the last line for Node's import (never run). Not`,
      "// `module.exports = require(...)`, which Node would follow and scan the whole build.",
      `const build = require(${JSON.stringify(build)});`,
      "module.exports = build;",
      `0 && (module.exports = { ${names.join(", ")} });`,
      "",
    ].join("\n"),
  );
  writeFileSync(new URL(esm.default, root), `export * from "${bridge}";\n`);
  writeFileSync(new URL(esm.types, root), `export * from "${build}";\n`);
}
