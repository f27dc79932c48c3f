/**
 * The repository's examples (examples/*.ts), for the tests that run them against the local
 * server. Each example reads standalone, so they live at the root and not in a package; this is
 * the one place a test reaches them from, instead of a relative path out of its package.
 */
export { main as basicSync } from "../../../examples/basic-sync.js";
export { main as checkSource } from "../../../examples/check-source.js";
export { main as configAsCode } from "../../../examples/config-as-code.js";
export { main as configAsCodeDemo } from "../../../examples/config-as-code-demo.js";
export { main as customConnector } from "../../../examples/custom-connector.js";
export { main as lowLevelApi } from "../../../examples/low-level-api.js";
export { main as manageConnection } from "../../../examples/manage-connection.js";
export { main as readSyncedData } from "../../../examples/read-synced-data.js";
export { main as workspaceAuth } from "../../../examples/workspace-auth.js";
