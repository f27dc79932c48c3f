import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import type { Env } from "../env.js";

export function regionsRoutes(services: Services): Hono<Env> {
  void services;
  return new Hono<Env>();
}
