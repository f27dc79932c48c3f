/**
 * The client's surface is exactly the public API: one resource property per
 * `x-speakeasy-group` of api.yaml, one method per operation, named by its operationId.
 * A method that is not an operation (a helper left public, or TypeScript-`private`, which is
 * still on the prototype) fails this test; helpers must be `#private`.
 */
import { describe, expect, test } from "vitest";
import { AirbyteApi } from "airbyte-ts";
import { publicOperations, SPEC_AVAILABLE } from "@airbyte-ts/test-support/openapi";

/** "Connections" -> "connections", "OAuth" -> "oauth", "public_root" -> "publicRoot". */
function propertyForGroup(group: string): string {
  if (group === "public_root") return "publicRoot";
  return group.replace(/^[A-Z]+/, (capitals) => capitals.toLowerCase());
}

/** Every name a resource object carries on its prototype, but the constructor. */
function methodNames(resource: object): string[] {
  return Object.getOwnPropertyNames(Object.getPrototypeOf(resource)).filter((name) => name !== "constructor");
}

/** `property.method` for every resource of the client, the Config API (`config`) aside. */
function clientMethods(api: AirbyteApi): string[] {
  return Object.entries(api)
    .filter(([property, value]) => property !== "config" && typeof value === "object" && value !== null)
    .flatMap(([property, resource]) => methodNames(resource as object).map((method) => `${property}.${method}`))
    .sort();
}

const api = new AirbyteApi({ serverUrl: "http://127.0.0.1:9/v1", bearerToken: "unused" });

test("the client has 92 operation methods", () => {
  expect(clientMethods(api)).toHaveLength(92);
});

describe.skipIf(!SPEC_AVAILABLE)("against api.yaml", () => {
  test("api.yaml has exactly 92 operations, each with a distinct operationId", () => {
    const operations = publicOperations();
    expect(operations).toHaveLength(92);
    expect(new Set(operations.map((o) => o.operationId)).size).toBe(92);
  });

  test("group -> property mapping examples", () => {
    expect(propertyForGroup("Connections")).toBe("connections");
    expect(propertyForGroup("DeclarativeSourceDefinitions")).toBe("declarativeSourceDefinitions");
    expect(propertyForGroup("OAuth")).toBe("oauth");
    expect(propertyForGroup("EmbeddedWidget")).toBe("embeddedWidget");
    expect(propertyForGroup("public_root")).toBe("publicRoot");
  });

  test("(resource property, method) pairs of AirbyteApi equal the operations of api.yaml", () => {
    const expected = publicOperations()
      .map((o) => `${propertyForGroup(o.group)}.${o.operationId}`)
      .sort();
    expect(clientMethods(api)).toEqual(expected);
  });

  test("every group of api.yaml is a resource property and no property is extra", () => {
    const groups = new Set(publicOperations().map((o) => propertyForGroup(o.group)));
    const properties = Object.entries(api)
      .filter(([property, value]) => property !== "config" && typeof value === "object" && value !== null)
      .map(([property]) => property);
    expect(properties.sort()).toEqual([...groups].sort());
  });
});
