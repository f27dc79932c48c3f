#!/usr/bin/env node
// Generates the SDK's request/response types from Airbyte's official OpenAPI documents, and the
// local server's request schemas (the validation at its edge).
//
// The documents are reference data under their own licence and are never copied into this
// repository: this script reads them from ../shared/reference/airbyte-openapi (or
// AIRBYTE_OPENAPI_DIR) and writes TypeScript types and validation schemas only, without the
// documents' prose.
//
//   node scripts/codegen/generate.mjs          write the generated files
//   node scripts/codegen/generate.mjs --check  exit 1 if the committed files are stale
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { format, resolveConfig } from "prettier";
import { parse } from "yaml";
import {
  PUBLIC_OVERLAY,
  CONFIG_OVERLAY,
  CONFIG_OPERATIONS,
  EXTRA_CONFIG_SCHEMAS,
  REQUEST_OVERLAY,
  SERVED_CONFIG_OPERATIONS,
} from "./overlay.mjs";
import { renderSchemas } from "./render.mjs";
import { renderRequestSchemas } from "./request-schemas.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const specDir = process.env.AIRBYTE_OPENAPI_DIR ?? resolve(root, "../shared/reference/airbyte-openapi");

const check = process.argv.includes("--check");
// CI=true (anything but "false" or "0"), as the test suites read it (packages/test-support).
const inCI = !["", "false", "0"].includes((process.env.CI ?? "").trim().toLowerCase());
if (!existsSync(join(specDir, "api.yaml"))) {
  // Without the reference documents there is nothing to compare against: on a developer's machine
  // the check is skipped, but a CI run must not pass without it.
  const skipped = check && !inCI;
  console.error(
    `OpenAPI documents not found in ${specDir}; set AIRBYTE_OPENAPI_DIR.${skipped ? " Check skipped." : ""}`,
  );
  process.exit(skipped ? 0 : 2);
}

const publicSpec = parse(readFileSync(join(specDir, "api.yaml"), "utf8"));
const configSpec = parse(readFileSync(join(specDir, "config.yaml"), "utf8"));

const outputs = [
  {
    file: join(root, "packages/sdk/src/api/models.gen.ts"),
    text: renderSchemas({
      title: "Public Airbyte API (api.yaml)",
      schemas: collectPublicSchemas(publicSpec, configSpec),
      overlay: PUBLIC_OVERLAY,
    }),
  },
  {
    file: join(root, "packages/sdk/src/api/config/models.gen.ts"),
    text: renderSchemas({
      title: "Airbyte Config API (config.yaml), the schemas used by the SDK's Config API calls",
      schemas: collectConfigSchemas(configSpec),
      overlay: CONFIG_OVERLAY,
    }),
  },
  {
    file: join(root, "packages/local/src/http/request-schemas.gen.ts"),
    text: renderRequestSchemas({
      publicSpec,
      configSpec,
      configOperations: SERVED_CONFIG_OPERATIONS,
      overlay: REQUEST_OVERLAY,
    }),
  },
];

let stale = 0;
for (const { file, text: raw } of outputs) {
  const text = await format(raw, { ...(await resolveConfig(file)), filepath: file });
  const current = existsSync(file) ? readFileSync(file, "utf8") : "";
  if (current === text) continue;
  if (check) {
    console.error(`stale: ${file}`);
    stale++;
  } else {
    writeFileSync(file, text);
    console.log(`wrote ${file}`);
  }
}
process.exit(stale ? 1 : 0);

function collectPublicSchemas(spec, config) {
  const schemas = { ...spec.components.schemas };
  // api.yaml refers to DataplaneCreateResponseBody without defining it; config.yaml has it.
  schemas.DataplaneCreateResponseBody = config.components.schemas.DataplaneCreateResponseBody;
  return schemas;
}

function collectConfigSchemas(spec) {
  const all = spec.components.schemas;
  const picked = {};
  const visit = (node) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && value.startsWith("#/components/schemas/")) {
        const name = value.slice("#/components/schemas/".length);
        if (!picked[name]) {
          picked[name] = all[name];
          visit(all[name]);
        }
      } else {
        visit(value);
      }
    }
  };
  for (const path of CONFIG_OPERATIONS) {
    const op = spec.paths[path]?.post;
    if (!op) throw new Error(`config.yaml has no POST ${path}`);
    visit(op.requestBody);
    for (const [status, response] of Object.entries(op.responses)) {
      if (status.startsWith("2")) visit(response);
    }
  }
  for (const name of EXTRA_CONFIG_SCHEMAS) {
    picked[name] = all[name];
    visit(all[name]);
  }
  return Object.fromEntries(
    Object.keys(picked)
      .sort()
      .map((name) => [name, picked[name]]),
  );
}
