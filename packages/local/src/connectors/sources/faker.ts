/**
 * Sample Data (Faker): Airbyte's generated-data source, with its three streams (users,
 * products, purchases), each with an `id` primary key and an `updated_at` cursor. The records
 * come from faker/ (read.ts): deterministic for a seed, generated lazily.
 */
import type { Config } from "airbyte-ts";
import { configurationErrors, connectionSpec, flag, integer } from "../spec.js";
import type { JsonSchema, SourceConnector } from "../types.js";
import { readFaker } from "./faker/read.js";

const specification = connectionSpec(
  "Faker Source Spec",
  {
    count: integer("Count", {
      description: "Number of users to generate; products and purchases follow from it.",
      minimum: 1,
      default: 1000,
    }),
    seed: integer("Seed", {
      description: "Seed of the generator, for the same records on every run; -1 for a random seed.",
      default: -1,
    }),
    records_per_slice: integer("Records Per Stream Slice", {
      description: "Records emitted between two state messages.",
      minimum: 1,
      default: 1000,
    }),
    always_updated: flag("Always Updated", {
      description: "Give records a new updated_at on every sync; when false, a sync after the first emits nothing new.",
      default: true,
    }),
    parallelism: integer("Parallelism", {
      description: "Number of parallel generators.",
      minimum: 1,
      default: 4,
    }),
  },
  ["count"],
);

const timestamp = (nullable = false): JsonSchema => ({
  type: nullable ? ["null", "string"] : "string",
  format: "date-time",
  airbyte_type: "timestamp_with_timezone",
});
const ofType = (type: string): JsonSchema => ({ type });

const usersSchema: JsonSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  properties: {
    id: ofType("integer"),
    created_at: timestamp(),
    updated_at: timestamp(),
    name: ofType("string"),
    title: ofType("string"),
    age: ofType("integer"),
    email: ofType("string"),
    telephone: ofType("string"),
    gender: ofType("string"),
    language: ofType("string"),
    academic_degree: ofType("string"),
    nationality: ofType("string"),
    occupation: ofType("string"),
    height: ofType("string"),
    blood_type: ofType("string"),
    weight: ofType("integer"),
    address: {
      type: "object",
      properties: Object.fromEntries(
        ["street_number", "street_name", "city", "state", "province", "postal_code", "country_code"].map((name) => [
          name,
          ofType("string"),
        ]),
      ),
    },
  },
};

const productsSchema: JsonSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  properties: {
    id: ofType("integer"),
    make: ofType("string"),
    model: ofType("string"),
    year: ofType("integer"),
    price: ofType("number"),
    created_at: timestamp(),
    updated_at: timestamp(),
  },
};

const purchasesSchema: JsonSchema = {
  $schema: "http://json-schema.org/draft-07/schema#",
  type: "object",
  properties: {
    id: ofType("integer"),
    user_id: ofType("integer"),
    product_id: ofType("integer"),
    created_at: timestamp(),
    updated_at: timestamp(),
    added_to_cart_at: timestamp(true),
    purchased_at: timestamp(true),
    returned_at: timestamp(true),
  },
};

/** Every faker stream is incremental on `updated_at`, with `id` as its primary key. */
function stream(name: string, jsonSchema: JsonSchema): Config.AirbyteStream {
  return {
    name,
    jsonSchema,
    supportedSyncModes: ["full_refresh", "incremental"],
    sourceDefinedCursor: true,
    defaultCursorField: ["updated_at"],
    sourceDefinedPrimaryKey: [["id"]],
    isResumable: true,
  };
}

export const fakerSource: SourceConnector = {
  definition: {
    definitionId: "dfd88b22-b603-4c3d-aad7-3701784586b1",
    actorType: "source",
    shortName: "faker",
    name: "Sample Data (Faker)",
    dockerRepository: "airbyte/source-faker",
    dockerImageTag: "6.2.20",
    documentationUrl: "https://docs.airbyte.com/integrations/sources/faker",
    connectionSpecification: specification,
  },
  async check(config) {
    const errors = configurationErrors(specification, config);
    return errors.length === 0 ? { status: "succeeded" } : { status: "failed", message: errors.join("; ") };
  },
  async discover() {
    // Copies: callers store and change what they get.
    return structuredClone([
      stream("users", usersSchema),
      stream("products", productsSchema),
      stream("purchases", purchasesSchema),
    ]);
  },
  read: readFaker,
};
