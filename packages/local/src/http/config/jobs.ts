import type { Config } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body } from "../edge.js";
import type { Env } from "../env.js";

export function jobsRoutes(services: Services): Hono<Env> {
  return new Hono<Env>()
    .post("/jobs/get", (c) => {
      const input = body<Config.JobIdRequestBody>(c);
      return c.json(services.jobs.jobInfo(c.get("caller"), input.id));
    })
    .post("/jobs/list", (c) => {
      const input = body<Config.JobListRequestBody>(c);
      return c.json(services.jobs.listWithAttempts(c.get("caller"), input));
    })
    .post("/attempt/get_for_job", (c) => {
      const input = body<Config.GetAttemptStatsRequestBody>(c);
      return c.json(services.jobs.attemptInfo(c.get("caller"), input.jobId, input.attemptNumber));
    });
}
