/** A declarative (low-code) source for the tests of custom definitions and the Connector Builder. */

/** A small low-code manifest whose configuration needs an api_key (a secret) and a region. */
export function manifest(title = "Example API"): Record<string, unknown> {
  return {
    version: "6.7.0",
    type: "DeclarativeSource",
    check: { type: "CheckStream", stream_names: ["items"] },
    streams: [{ type: "DeclarativeStream", name: "items" }],
    spec: {
      type: "Spec",
      documentation_url: "https://example.com/docs",
      connection_specification: {
        $schema: "http://json-schema.org/draft-07/schema#",
        title,
        type: "object",
        required: ["api_key", "region"],
        properties: {
          api_key: { type: "string", airbyte_secret: true },
          region: { type: "string", enum: ["eu", "us"] },
        },
      },
    },
  };
}

/** The connection specification of `manifest()`. */
export function connectionSpecification(): Record<string, unknown> {
  return (manifest().spec as { connection_specification: Record<string, unknown> }).connection_specification;
}
