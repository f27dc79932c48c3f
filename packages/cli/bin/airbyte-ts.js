#!/usr/bin/env node
// The package's bin. npm links bins when it installs, and in a clone of the repository that is
// before the first build, so a bin inside dist/ would not be linked at all (`npx airbyte-ts`
// then fetches the SDK package of that name, which has no bin). This file is in the source, so
// the link always exists; it runs the built command line, or says how to build it.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const entry = new URL("../dist/bin.js", import.meta.url);
if (existsSync(entry)) {
  await import(entry.href);
} else {
  process.stderr.write(
    `airbyte-ts: the command line is not built (${fileURLToPath(entry)} is missing). Build it with: npm run build\n`,
  );
  process.exitCode = 1;
}
