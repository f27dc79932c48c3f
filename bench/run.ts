/** Runs every benchmark and prints its figures; bench/README.md records them. */
import { benchLocalServer } from "./local-server.js";
import { benchTokenReuse } from "./token-reuse.js";

const results = { tokenReuse: await benchTokenReuse(), localServer: await benchLocalServer() };
console.log(JSON.stringify(results, null, 2));
