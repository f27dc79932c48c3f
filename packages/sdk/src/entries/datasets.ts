/** `airbyte-ts/datasets`: reading synced tables back from a destination, and Airbyte's table naming. */
export * from "../datasets/index.js";
