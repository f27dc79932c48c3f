/** `airbyte-ts/config-as-code`: a workspace declared in YAML files. */
export * from "../config-as-code/index.js";
