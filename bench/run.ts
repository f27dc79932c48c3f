/** Runs every benchmark and prints its figures; bench/README.md records them. */
import { benchCliStartup } from "./cli-startup.js";
import { benchConfigAsCodePlan } from "./config-as-code-plan.js";
import { benchLocalServer } from "./local-server.js";
import { benchMcp } from "./mcp.js";
import { benchSyncThroughput } from "./sync-throughput.js";
import { benchTokenReuse } from "./token-reuse.js";

const results = {
  tokenReuse: await benchTokenReuse(),
  localServer: await benchLocalServer(),
  cliStartup: await benchCliStartup(),
  configAsCodePlan: await benchConfigAsCodePlan(),
  mcp: await benchMcp(),
  syncThroughput: await benchSyncThroughput(),
};
console.log(JSON.stringify(results, null, 2));
