/**
 * Tokens minted for 1,000 Config API calls with client credentials: airbyte-ts against the
 * naive scheme of PyAirbyte's Config API helper, which mints a token before every call.
 * Both run in this process against the same loopback server, one after the other.
 */
import { AirbyteApi } from "airbyte-ts";
import { fakeJwt, startScriptedServer } from "../packages/sdk/test/helpers/scripted-server.js";

const CALLS = 1000;
/** What minting costs the server (hashing the secret, signing): a few milliseconds. */
const TOKEN_COST_MS = Number(process.env.TOKEN_COST_MS ?? 5);

export async function benchTokenReuse(): Promise<Record<string, number>> {
  const server = await startScriptedServer();
  server.on("POST /api/public/v1/applications/token", () => ({
    delayMs: TOKEN_COST_MS,
    body: { access_token: fakeJwt(900), token_type: "Bearer", expires_in: 900 },
  }));
  server.on("POST /api/v1/state/get", (r) => ({
    body: { stateType: "not_set", connectionId: (r.body as { connectionId: string }).connectionId },
  }));
  const serverUrl = `${server.url}/api/public/v1`;
  const count = (path: string) => server.requests.filter((r) => r.path === path).length;

  // Baseline: a token request before each call, as PyAirbyte's _make_config_api_request does.
  const naiveStart = performance.now();
  for (let i = 0; i < CALLS; i++) {
    const tokenResponse = await fetch(`${serverUrl}/applications/token`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ client_id: "bench", client_secret: "secret" }),
    });
    const { access_token } = (await tokenResponse.json()) as { access_token: string };
    await (
      await fetch(`${server.url}/api/v1/state/get`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${access_token}` },
        body: JSON.stringify({ connectionId: `c-${i}` }),
      })
    ).json();
  }
  const naiveMs = performance.now() - naiveStart;
  const naiveTokens = count("/api/public/v1/applications/token");
  const naiveRequests = server.requests.length;

  server.requests.length = 0;
  const api = new AirbyteApi({ serverUrl, clientId: "bench", clientSecret: "secret" });
  const sdkStart = performance.now();
  for (let i = 0; i < CALLS; i++) await api.config.state.get({ connectionId: `c-${i}` });
  const sdkMs = performance.now() - sdkStart;
  const sdkTokens = count("/api/public/v1/applications/token");
  const sdkRequests = server.requests.length;
  await server.close();

  return {
    calls: CALLS,
    tokenCostMs: TOKEN_COST_MS,
    naiveTokens,
    naiveRequests,
    naiveMs: Math.round(naiveMs),
    sdkTokens,
    sdkRequests,
    sdkMs: Math.round(sdkMs),
    speedup: Number((naiveMs / sdkMs).toFixed(2)),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await benchTokenReuse(), null, 2));
}
