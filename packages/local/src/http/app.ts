/**
 * The HTTP application: the public API under `/api/public/v1` and the Config API under
 * `/api/v1`, as a self-managed Airbyte lays them out. Routes are thin: they validate input at
 * the edge and call one service. Errors become Airbyte's problem JSON here and nowhere else.
 */
import { randomUUID } from "node:crypto";
import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { ResolvedConfig } from "../config.js";
import { ServiceError } from "../services/errors.js";
import type { Services } from "../services/index.js";
import { authenticate } from "./auth.js";
import { connectionsRoutes as configConnectionsRoutes } from "./config/connections.js";
import { connectorBuilderProjectsRoutes } from "./config/connector-builder-projects.js";
import { declarativeSourceDefinitionsRoutes } from "./config/declarative-source-definitions.js";
import { definitionsRoutes as configDefinitionsRoutes } from "./config/definitions.js";
import { definitionSpecificationsRoutes } from "./config/definition-specifications.js";
import { destinationsRoutes as configDestinationsRoutes } from "./config/destinations.js";
import { jobsRoutes as configJobsRoutes } from "./config/jobs.js";
import { organizationsRoutes as configOrganizationsRoutes } from "./config/organizations.js";
import { sourcesRoutes as configSourcesRoutes } from "./config/sources.js";
import { stateRoutes } from "./config/state.js";
import { usersRoutes as configUsersRoutes } from "./config/users.js";
import { webBackendRoutes } from "./config/web-backend.js";
import { workspacesRoutes as configWorkspacesRoutes } from "./config/workspaces.js";
import type { Env, Routes } from "./env.js";
import type { FaultSwitch } from "../faults.js";
import { faults } from "./faults.js";
import { configException, publicProblem, unexpectedProblem } from "./problems.js";
import { applicationsRoutes } from "./public/applications.js";
import { connectionsRoutes } from "./public/connections.js";
import { connectorDefinitionsRoutes } from "./public/connector-definitions.js";
import { definitionsRoutes } from "./public/definitions.js";
import { destinationsRoutes } from "./public/destinations.js";
import { embeddedRoutes } from "./public/embedded.js";
import { groupsRoutes } from "./public/groups.js";
import { jobsRoutes } from "./public/jobs.js";
import { oauthRoutes } from "./public/oauth.js";
import { organizationsRoutes } from "./public/organizations.js";
import { permissionsRoutes } from "./public/permissions.js";
import { regionsRoutes } from "./public/regions.js";
import { documentation, rootRoutes } from "./public/root.js";
import { sourcesRoutes } from "./public/sources.js";
import { streamsRoutes } from "./public/streams.js";
import { tagsRoutes } from "./public/tags.js";
import { usersRoutes } from "./public/users.js";
import { workspacesRoutes } from "./public/workspaces.js";
import { operationOf, validateRequests } from "./validation.js";

export const PUBLIC_ROOT = "/api/public/v1";
export const CONFIG_ROOT = "/api/v1";
const REQUEST_ID_HEADER = "x-request-id";

const PUBLIC_ROUTES: Routes[] = [
  rootRoutes,
  applicationsRoutes,
  jobsRoutes,
  regionsRoutes,
  connectorDefinitionsRoutes,
  definitionsRoutes,
  sourcesRoutes,
  destinationsRoutes,
  oauthRoutes,
  connectionsRoutes,
  streamsRoutes,
  workspacesRoutes,
  permissionsRoutes,
  organizationsRoutes,
  usersRoutes,
  groupsRoutes,
  tagsRoutes,
  embeddedRoutes,
];

const CONFIG_ROUTES: Routes[] = [
  stateRoutes,
  webBackendRoutes,
  configConnectionsRoutes,
  configJobsRoutes,
  configSourcesRoutes,
  configDestinationsRoutes,
  configDefinitionsRoutes,
  definitionSpecificationsRoutes,
  configWorkspacesRoutes,
  configOrganizationsRoutes,
  connectorBuilderProjectsRoutes,
  declarativeSourceDefinitionsRoutes,
  configUsersRoutes,
];

const BODY_LIMIT_MB = 50;

export function createApp(services: Services, config: ResolvedConfig, faultSwitch: FaultSwitch): Hono<Env> {
  const app = new Hono<Env>();
  app.use("*", requestId);
  app.use("*", faults(faultSwitch));
  // Only requests with a body need the limit; applying it to every request would make Hono
  // build a web Request for each GET, the costliest step of a small read.
  const limit = bodyLimit({ maxSize: BODY_LIMIT_MB * 1024 * 1024 });
  // eslint-disable-next-line @typescript-eslint/no-unsafe-argument -- Hono types the input of a "*" route as any
  app.use("*", (c, next) => (c.req.method === "GET" || c.req.method === "DELETE" ? next() : limit(c, next)));

  const publicApi = new Hono<Env>();
  publicApi.use("*", authenticate(services, config, PUBLIC_ROOT));
  publicApi.use("*", validateRequests("public", PUBLIC_ROOT));
  for (const routes of PUBLIC_ROUTES) publicApi.route("/", routes(services));

  const configApi = new Hono<Env>();
  configApi.get("/health", (c) => c.json({ available: true }));
  configApi.use("*", authenticate(services, config, CONFIG_ROOT));
  configApi.use("*", validateRequests("config", CONFIG_ROOT));
  for (const routes of CONFIG_ROUTES) configApi.route("/", routes(services));

  app.route(PUBLIC_ROOT, publicApi);
  // getDocumentation is `GET /` below the root, i.e. `<root>/` (what the SDK sends); mounting
  // drops that trailing slash, so the slash form is routed here too.
  app.get(`${PUBLIC_ROOT}/`, documentation);
  app.route(CONFIG_ROOT, configApi);

  app.notFound((c) => {
    const error = new ServiceError("not-found", `No route ${c.req.method} ${c.req.path}.`, {
      resourceType: "route",
      resourceId: `${c.req.method} ${c.req.path}`,
    });
    const answer = c.req.path.startsWith(`${CONFIG_ROOT}/`) ? configException(error) : publicProblem(error);
    return c.json(answer.body, answer.status as 404);
  });

  app.onError((error, c) => {
    const isConfig = c.req.path.startsWith(`${CONFIG_ROOT}/`);
    let answer;
    if (error instanceof ServiceError) {
      answer = isConfig ? configException(error) : publicProblem(error);
    } else if ((error as { status?: number }).status === 413) {
      const tooLarge = new ServiceError("payload-too-large", `The request body is larger than ${BODY_LIMIT_MB} MB.`);
      answer = isConfig ? configException(tooLarge) : publicProblem(tooLarge);
    } else {
      config.log(`unexpected error on ${c.req.method} ${c.req.path}: ${error.stack ?? String(error)}`);
      answer = unexpectedProblem(error.message);
    }
    return c.json(answer.body, answer.status as 400);
  });
  assertEveryRouteValidated(app);
  return app;
}

/**
 * Every answer names its request in `x-request-id`, as the gateways in front of an Airbyte
 * do, so a client's error can quote the id this server's log knows it by. An id the caller
 * sent is kept, so a request can be followed through a proxy, if it is a plausible id (up to
 * 200 visible ASCII characters): anything else is replaced rather than echoed.
 */
const requestId: MiddlewareHandler<Env> = async (c, next) => {
  const sent = c.req.header(REQUEST_ID_HEADER);
  const id = sent !== undefined && /^[\x21-\x7e]{1,200}$/.test(sent) ? sent : randomUUID();
  await next();
  c.res.headers.set(REQUEST_ID_HEADER, id);
};

/** Every route has its operation's schemas: one without would take its input unchecked. */
function assertEveryRouteValidated(app: Hono<Env>): void {
  for (const route of app.routes) {
    if (route.method === "ALL") continue;
    if (route.path.startsWith(PUBLIC_ROOT)) operationOf("public", PUBLIC_ROOT, route.method, route.path);
    else if (route.path.startsWith(`${CONFIG_ROOT}/`)) operationOf("config", CONFIG_ROOT, route.method, route.path);
  }
}
