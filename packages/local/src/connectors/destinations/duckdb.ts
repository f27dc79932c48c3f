/**
 * DuckDB destination: a DuckDB database file under Airbyte's `/local` mount. Airbyte resolves
 * `destination_path` inside `/local` (a relative path goes there too, anything else is
 * refused); the local server does the same with its own local directory.
 */
import { accessSync, constants, mkdirSync, statSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import type { DestinationWriteRequest, DestinationWriter } from "../protocol.js";
import { connectionSpec, secret, text } from "../spec.js";
import type { CheckOutcome, DestinationConnector } from "../types.js";
import { DEFAULT_INTERNAL_SCHEMA, openSqlWriter } from "./sql/writer.js";

const specification = connectionSpec(
  "Destination Duckdb",
  {
    destination_path: text("Destination DB", {
      description:
        "Path of the .duckdb file inside the /local mount (a relative path is taken from there), or md:<database> for MotherDuck.",
      examples: ["/local/destination.duckdb", "md:", "motherduck:"],
    }),
    schema: text("Destination Schema", {
      description: "Database schema; DuckDB's default is main.",
      examples: ["main"],
    }),
    motherduck_api_key: secret("MotherDuck API Key", {
      description: "API key of a MotherDuck account, for md: paths.",
    }),
  },
  ["destination_path"],
);

/** Where a `destination_path` leads. */
export type DuckdbLocation =
  { kind: "file"; path: string } | { kind: "memory" } | { kind: "motherduck" } | { kind: "invalid"; reason: string };

const MOUNT = "/local";

export function duckdbLocation(destinationPath: string, localDirectory: string): DuckdbLocation {
  if (destinationPath.startsWith("md:") || destinationPath.startsWith("motherduck:")) return { kind: "motherduck" };
  if (destinationPath === ":memory:") return { kind: "memory" };
  const inMount = posix.normalize(
    destinationPath.startsWith("/") ? destinationPath : posix.join(MOUNT, destinationPath),
  );
  if (inMount !== MOUNT && !inMount.startsWith(`${MOUNT}/`)) {
    return {
      kind: "invalid",
      reason: `destination_path=${destinationPath} is not a valid path. A valid path shall start with /local or no / prefix.`,
    };
  }
  return { kind: "file", path: join(localDirectory, inMount.slice(MOUNT.length)) };
}

/** Whether a DuckDB file can be written there: its directory exists or can be made, and is writable. */
function checkFile(path: string): CheckOutcome {
  try {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
      return { status: "failed", message: `${path} is a directory, not a DuckDB database file.` };
    }
    const directory = dirname(path);
    mkdirSync(directory, { recursive: true });
    accessSync(directory, constants.W_OK);
    return { status: "succeeded" };
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    return { status: "failed", message: `Cannot write the DuckDB file ${path}: ${code ?? message}` };
  }
}

/** Opens the database `destination_path` names (files only: MotherDuck is out of reach, as the check says). */
async function openDuckdb(request: DestinationWriteRequest): Promise<DestinationWriter> {
  const location = duckdbLocation(String(request.config.destination_path ?? ""), request.localDirectory);
  if (location.kind === "invalid") throw new Error(location.reason);
  if (location.kind === "motherduck") {
    throw new Error(
      "The local server cannot reach MotherDuck (md: paths); use a /local path for the DuckDB destination.",
    );
  }
  let path = ":memory:";
  if (location.kind === "file") {
    const problem = checkFile(location.path);
    if (problem.status === "failed") throw new Error(problem.message);
    path = location.path;
  }
  const defaultSchema =
    typeof request.config.schema === "string" && request.config.schema !== "" ? request.config.schema : "main";
  const streams = request.streams.map((stream) => ({ ...stream, schema: stream.schema || defaultSchema }));
  // Loaded on first use: DuckDB's bindings are some 180 CommonJS files, most of a sync worker's
  // start-up, and a worker writing elsewhere (or the server) has no use for them.
  const { openDuckdbSession } = await import("./duckdb-session.js");
  return openSqlWriter(await openDuckdbSession(path), streams, {
    internalSchema: DEFAULT_INTERNAL_SCHEMA,
    checkpointScope: request.checkpointScope,
  });
}

export const duckdbDestination: DestinationConnector = {
  definition: {
    definitionId: "94bd199c-2ff0-4aa2-b98e-17f0acb72610",
    actorType: "destination",
    shortName: "duckdb",
    name: "DuckDB",
    dockerRepository: "airbyte/destination-duckdb",
    dockerImageTag: "0.3.5",
    documentationUrl: "https://docs.airbyte.com/integrations/destinations/duckdb",
    connectionSpecification: specification,
    supportedDestinationSyncModes: ["overwrite", "append", "append_dedup"],
  },
  async check(config, context) {
    const location = duckdbLocation(String(config.destination_path ?? ""), context.localDirectory);
    switch (location.kind) {
      case "file":
        return checkFile(location.path);
      case "memory":
        // DuckDB's in-memory database lives as long as the process that opened it: one sync.
        return {
          status: "succeeded",
          message: "An in-memory DuckDB database (:memory:) lasts for one sync only; its records are then discarded.",
        };
      case "motherduck":
        return {
          status: "failed",
          message:
            "The local server cannot reach MotherDuck (md: paths); use a /local path here, or sync to MotherDuck from Airbyte Cloud or a self-managed Airbyte.",
        };
      case "invalid":
        return { status: "failed", message: location.reason };
    }
  },
  open: openDuckdb,
};
