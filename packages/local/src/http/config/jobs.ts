import type { Config } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body } from "../edge.js";
import type { Env } from "../env.js";
import { array, integer, object, oneOfValues, string } from "../schema.js";

const CONFIG_TYPES = [
  "check_connection_source",
  "check_connection_destination",
  "discover_schema",
  "get_spec",
  "sync",
  "reset_connection",
  "refresh",
  "clear",
];
const STATUSES = ["pending", "queued", "running", "incomplete", "failed", "succeeded", "cancelled"];

const jobIdSchema = object({ id: integer({ minimum: 0 }) }, ["id"]);
const attemptSchema = object({ jobId: integer({ minimum: 0 }), attemptNumber: integer({ minimum: 0 }) }, [
  "jobId",
  "attemptNumber",
]);
const dateTime = () => string({ format: "date-time" });
const listSchema = object(
  {
    configTypes: array(oneOfValues(CONFIG_TYPES)),
    configId: string(),
    includingJobId: integer({ minimum: 0 }),
    pagination: object({ pageSize: integer({ minimum: 1 }), rowOffset: integer({ minimum: 0 }) }),
    statuses: array(oneOfValues(STATUSES)),
    createdAtStart: dateTime(),
    createdAtEnd: dateTime(),
    updatedAtStart: dateTime(),
    updatedAtEnd: dateTime(),
    orderByField: oneOfValues(["createdAt", "updatedAt"]),
    orderByMethod: oneOfValues(["ASC", "DESC"]),
  },
  ["configTypes"],
);

export function jobsRoutes(services: Services): Hono<Env> {
  return new Hono<Env>()
    .post("/jobs/get", async (c) => {
      const input = await body<Config.JobIdRequestBody>(c, jobIdSchema);
      return c.json(services.jobs.jobInfo(c.get("caller"), input.id));
    })
    .post("/jobs/list", async (c) => {
      const input = await body<Config.JobListRequestBody>(c, listSchema);
      return c.json(services.jobs.listWithAttempts(c.get("caller"), input));
    })
    .post("/attempt/get_for_job", async (c) => {
      const input = await body<Config.GetAttemptStatsRequestBody>(c, attemptSchema);
      return c.json(services.jobs.attemptInfo(c.get("caller"), input.jobId, input.attemptNumber));
    });
}
