import { Hono } from "hono";
import { notImplemented } from "../../services/errors.js";
import type { Services } from "../../services/index.js";
import type { Env } from "../env.js";

export function oauthRoutes(services: Services): Hono<Env> {
  void services;
  // The redirect target of Airbyte Cloud's OAuth consent flows, which self-managed Airbyte lacks.
  return new Hono<Env>().get("/oauth/callback", () => {
    throw notImplemented("The OAuth callback is available on Airbyte Cloud only.");
  });
}
