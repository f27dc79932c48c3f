/**
 * Starting and stopping the local server: the store, the services, the engine and the HTTP
 * listener on loopback.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { type LocalServerOptions, resolveConfig } from "./config.js";
import { startEngine } from "./engine/index.js";
import { CONFIG_ROOT, createApp, PUBLIC_ROOT } from "./http/app.js";
import { keepIdleConnectionsLongerThanAdvertised } from "./keep-alive.js";
import type { FaultOptions, FaultSwitch } from "./faults.js";
import type { CreatedUser, NewUser } from "./services/identity.js";
import { createServices, enginePorts } from "./services/index.js";
import { openStore } from "./store/db.js";

export interface LocalServer {
  /** The server's root, e.g. `http://127.0.0.1:8000`; `selfManaged(url)` gives both API roots. */
  url: string;
  /** `<url>/api/public/v1` */
  publicApiUrl: string;
  /** `<url>/api/v1` */
  configApiUrl: string;
  /** Credentials of the instance admin's application (what `abctl local credentials` prints). */
  clientId: string;
  clientSecret: string;
  /** The default organization and workspace created on first start. */
  organizationId: string;
  workspaceId: string;
  /** Where the database lives, or ":memory:". */
  databaseLocation: string;
  /**
   * Adds a user with an application, in their own organization unless one is named: for tests
   * of permissions (Airbyte's API has no call that creates users).
   */
  createUser(user: NewUser): CreatedUser;
  /** Turns injected faults on (or changes them) while the server runs; `undefined` turns them off. */
  setFaults(faults: FaultOptions | undefined): void;
  /** Stops the engine, closes connections and the database. */
  close(): Promise<void>;
}

export async function startLocalServer(options: LocalServerOptions = {}): Promise<LocalServer> {
  const config = resolveConfig(options);
  const store = openStore({ ...(config.dataDir ? { dataDir: config.dataDir } : {}), inMemory: config.inMemory });
  let listener: ServerType | undefined;
  try {
    const services = createServices(store, config);
    const defaults = services.identity.ensureDefaults();
    const faultSwitch: FaultSwitch = { current: config.faults };
    const app = createApp(services, config, faultSwitch);
    listener = await listen(app.fetch, config.port, config.host);
    const engine = startEngine(enginePorts(services), config);
    const { port } = listener.address() as AddressInfo;
    const host = config.host.includes(":") ? `[${config.host}]` : config.host;
    const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;
    const server = listener;
    return {
      url,
      publicApiUrl: url + PUBLIC_ROOT,
      configApiUrl: url + CONFIG_ROOT,
      clientId: defaults.clientId,
      clientSecret: defaults.clientSecret,
      organizationId: defaults.organizationId,
      workspaceId: defaults.workspaceId,
      databaseLocation: store.location,
      createUser: (user) => services.identity.createUser(user),
      setFaults(faults) {
        faultSwitch.current = faults;
      },
      async close() {
        await engine.stop();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          if ("closeAllConnections" in server) server.closeAllConnections();
        });
        store.close();
      },
    };
  } catch (error) {
    listener?.close();
    store.close();
    throw error;
  }
}

function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
  hostname: string,
): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname }, () => resolve(server));
    keepIdleConnectionsLongerThanAdvertised(server as Server);
    server.once("error", reject);
  });
}
