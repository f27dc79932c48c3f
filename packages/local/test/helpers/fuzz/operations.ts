/**
 * What the fuzz test walks: every operation of api.yaml, and every Config API call the server
 * routes, read from the server's own routing table, so that a new route is fuzzed without
 * anyone adding it to a list.
 */
import { resolveConfig } from "../../../src/config.js";
import { CONFIG_ROOT, createApp, PUBLIC_ROOT } from "../../../src/http/app.js";
import { createServices } from "../../../src/services/index.js";
import { openStore } from "../../../src/store/db.js";
import { configOperation, publicOperations, type SpecMethod } from "@airbyte-ts/test-support/openapi";
import type { FuzzOperation } from "./requests.js";

/** Operations Airbyte serves on Cloud only; a self-managed server answers them 501 (api-spec.md 8.1). */
const CLOUD_ONLY = new Set([
  "initiateOAuth",
  "oauthCallback",
  "createOrUpdateWorkspaceOAuthCredentials",
  "deleteWorkspaceOAuthCredentials",
  "createOrUpdateOrganizationOAuthCredentials",
  "deleteOrganizationOAuthCredentials",
  "getEmbeddedWidget",
  "generateEmbeddedScopedToken",
]);

/** The routes of the local server's application (method and Hono path, e.g. `/api/v1/state/get`). */
function servedRoutes(): { method: string; path: string }[] {
  const config = resolveConfig({ inMemory: true, scheduler: false, log: () => {} });
  const store = openStore({ inMemory: true });
  try {
    const app = createApp(createServices(store, config), config, { current: undefined });
    return app.routes.filter((r) => r.method !== "ALL").map(({ method, path }) => ({ method, path }));
  } finally {
    store.close();
  }
}

/** The public operations (all of api.yaml) and the Config API calls the server routes. */
export function fuzzOperations(): FuzzOperation[] {
  const routes = servedRoutes();
  const publicOps: FuzzOperation[] = publicOperations().map((spec) => ({
    api: "public",
    doc: "api",
    method: spec.method,
    path: spec.path,
    operationId: spec.operationId,
    spec,
    cloudOnly: CLOUD_ONLY.has(spec.operationId),
    seedKey: spec.operationId,
  }));
  const configOps: FuzzOperation[] = routes
    .filter((r) => r.path.startsWith(`${CONFIG_ROOT}/`))
    .map((r) => {
      const path = r.path.slice(CONFIG_ROOT.length);
      const spec = configOperation(path);
      return {
        api: "config",
        doc: "config",
        method: r.method as SpecMethod,
        path,
        operationId: spec.operationId,
        spec: { ...spec, method: r.method as SpecMethod },
        cloudOnly: false,
        seedKey: path,
      };
    });
  return [...publicOps, ...configOps];
}

/** Public routes the server has that api.yaml lacks (none is expected): they would escape the fuzz test. */
export function unlistedPublicRoutes(): string[] {
  const templates = new Set(publicOperations().map((op) => `${op.method} ${op.path}`));
  return servedRoutes()
    .filter((r) => r.path.startsWith(PUBLIC_ROOT))
    .map((r) => `${r.method} ${r.path.slice(PUBLIC_ROOT.length).replace(/:(\w+)/g, "{$1}") || "/"}`)
    .filter((route) => !templates.has(route));
}
