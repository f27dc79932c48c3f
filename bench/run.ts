/** Runs every benchmark and prints its figures; bench/README.md records them. */
import { benchTokenReuse } from "./token-reuse.js";

const results = { tokenReuse: await benchTokenReuse() };
console.log(JSON.stringify(results, null, 2));
