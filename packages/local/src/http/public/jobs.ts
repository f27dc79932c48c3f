import type { JobCreateRequest, JobStatusEnum, JobTypeEnum } from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body, integerParam, pageEnvelope, pageRequest, query } from "../edge.js";
import type { Env } from "../env.js";

export function jobsRoutes(services: Services): Hono<Env> {
  return new Hono<Env>()
    .get("/jobs", (c) => {
      const q = query(c);
      const page = pageRequest(c);
      const connectionId = q.uuid("connectionId");
      const jobType = q.oneOf<JobTypeEnum>("jobType");
      const workspaceIds = q.uuids("workspaceIds");
      const filter = {
        ...(connectionId ? { connectionId } : {}),
        workspaceIds,
        ...(jobType ? { jobType } : {}),
        ...optional("status", q.oneOf<JobStatusEnum>("status")),
        ...optional("createdAtStart", q.dateTime("createdAtStart")),
        ...optional("createdAtEnd", q.dateTime("createdAtEnd")),
        ...optional("updatedAtStart", q.dateTime("updatedAtStart")),
        ...optional("updatedAtEnd", q.dateTime("updatedAtEnd")),
        ...optional("orderBy", q.string("orderBy")),
      };
      const data = services.jobs.list(c.get("caller"), filter, page);
      // Airbyte's links carry the job type, then the connection or else the workspaces; not the other filters.
      const scope: [string, string | undefined] = connectionId
        ? ["connectionId", connectionId]
        : ["workspaceIds", workspaceIds.length ? workspaceIds.join(",") : undefined];
      return c.json(pageEnvelope(c, data, page, [["jobType", jobType], scope]));
    })
    .post("/jobs", (c) => {
      const input = body<JobCreateRequest>(c);
      return c.json(services.jobs.create(c.get("caller"), input));
    })
    .get("/jobs/:jobId", (c) => c.json(services.jobs.get(c.get("caller"), integerParam(c, "jobId"))))
    .delete("/jobs/:jobId", (c) => c.json(services.jobs.cancel(c.get("caller"), integerParam(c, "jobId"))));
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
