import type {
  DataplaneCreateRequest,
  DataplanePatchRequest,
  RegionCreateRequest,
  RegionPatchRequest,
} from "airbyte-ts";
import { Hono } from "hono";
import type { Services } from "../../services/index.js";
import { body, query, uuidParam } from "../edge.js";
import type { Env } from "../env.js";

/** Regions and dataplanes (api.yaml files createRegion and updateRegion under Dataplanes). */
export function regionsRoutes(services: Services): Hono<Env> {
  return new Hono<Env>()
    .get("/regions", (c) => {
      const q = query(c);
      const organizationId = q.uuid("organizationId") as string;
      return c.json({ data: services.regions.listRegions(c.get("caller"), organizationId) });
    })
    .post("/regions", (c) => {
      const input = body<RegionCreateRequest>(c);
      return c.json(services.regions.createRegion(c.get("caller"), input));
    })
    .get("/regions/:regionId", (c) => c.json(services.regions.getRegion(c.get("caller"), uuidParam(c, "regionId"))))
    .patch("/regions/:regionId", (c) => {
      const regionId = uuidParam(c, "regionId");
      const input = body<RegionPatchRequest>(c);
      return c.json(services.regions.updateRegion(c.get("caller"), regionId, input));
    })
    .delete("/regions/:regionId", (c) =>
      c.json(services.regions.deleteRegion(c.get("caller"), uuidParam(c, "regionId"))),
    )
    .get("/dataplanes", (c) =>
      c.json({ data: services.regions.listDataplanes(c.get("caller"), query(c).uuids("regionIds")) }),
    )
    .post("/dataplanes", (c) => {
      const input = body<DataplaneCreateRequest>(c);
      return c.json(services.regions.createDataplane(c.get("caller"), input));
    })
    .get("/dataplanes/:dataplaneId", (c) =>
      c.json(services.regions.getDataplane(c.get("caller"), uuidParam(c, "dataplaneId"))),
    )
    .patch("/dataplanes/:dataplaneId", (c) => {
      const dataplaneId = uuidParam(c, "dataplaneId");
      const input = body<DataplanePatchRequest>(c);
      return c.json(services.regions.updateDataplane(c.get("caller"), dataplaneId, input));
    })
    .delete("/dataplanes/:dataplaneId", (c) =>
      c.json(services.regions.deleteDataplane(c.get("caller"), uuidParam(c, "dataplaneId"))),
    );
}
