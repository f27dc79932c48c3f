/**
 * Custom connector definitions through the CLI: declarative (YAML) sources from a manifest file,
 * Docker sources and destinations; publish, list, get (with the manifest alone), update, delete
 * in safe mode.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { stringify } from "yaml";
import { manifest } from "@airbyte-ts/test-support/manifests";
import { built, json, useCliServer } from "./helpers/cli.js";

type Row = Record<string, unknown>;

describe.skipIf(!built)("custom definitions", () => {
  const harness = useCliServer();
  const cli = harness.cli;
  const file = (name: string, text: string) => {
    const path = join(harness.home.home, name);
    writeFileSync(path, text);
    return path;
  };

  test("a YAML source definition: publish from a file, list, get, get --manifest, update, delete", async () => {
    const path = file("manifest.yaml", stringify(manifest()));
    const published = await cli(["--json", "definitions", "publish", "Example delete-me", "--manifest", path]);
    expect(published.code, published.stderr).toBe(0);
    const definition = json(published);
    expect(definition).toMatchObject({
      name: "Example delete-me",
      connectorType: "source",
      definitionType: "yaml",
      version: "1",
    });
    const id = definition.definitionId as string;

    const again = await cli(["definitions", "publish", "Example delete-me", "--manifest", path]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already exists. Choose another name, or pass --allow-duplicate.");

    const listed = json<Row[]>(await cli(["--json", "definitions", "list", "--type", "yaml"]));
    expect(listed.map((d) => d.definitionId)).toEqual([id]);
    expect(json(await cli(["--json", "definitions", "get", id]))).toMatchObject({
      definitionId: id,
      manifest: manifest(),
    });
    const onlyManifest = await cli(["--format", "yaml", "definitions", "get", id, "--manifest"]);
    expect(onlyManifest.stdout).toBe(stringify(manifest()));

    const updated = await cli(["--json", "definitions", "update", id, "--manifest", "-"], {
      input: JSON.stringify(manifest("Example API v2")),
    });
    expect(updated.code, updated.stderr).toBe(0);
    expect(json(updated).version).toBe("2");

    const invalid = await cli(["definitions", "publish", "bad", "--manifest", file("bad.yaml", "version: [1\n")]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/^airbyte-ts: .*bad\.yaml is not valid YAML \(/);
    const notAManifest = await cli(["definitions", "publish", "bad", "--manifest", file("list.json", "[1, 2]")]);
    expect(notAManifest.code).toBe(2);
    expect(notAManifest.stderr).toBe("airbyte-ts: The manifest must be a JSON object.\n");

    const deleted = await cli(["--json", "definitions", "delete", id, "--yes"]);
    expect(json(deleted)).toEqual({ definitionId: id, deleted: true });
    expect(json<Row[]>(await cli(["--json", "definitions", "list"]))).toEqual([]);
  });

  test("Docker definitions of sources and destinations", async () => {
    const source = json(
      await cli([
        "--json",
        "definitions",
        "publish",
        "Things",
        "--docker-image",
        "acme/source-things",
        "--docker-tag",
        "1.0.0",
      ]),
    );
    expect(source).toMatchObject({
      name: "Things",
      connectorType: "source",
      definitionType: "docker",
      dockerRepository: "acme/source-things",
      dockerImageTag: "1.0.0",
    });
    const destination = json(
      await cli([
        "--json",
        "definitions",
        "publish",
        "Sink delete-me",
        "--destination",
        "--docker-image",
        "acme/destination-sink",
        "--docker-tag",
        "0.3.1",
        "--documentation-url",
        "https://example.com/sink",
      ]),
    );
    expect(destination).toMatchObject({ connectorType: "destination", documentationUrl: "https://example.com/sink" });

    const sources = json<Row[]>(await cli(["--json", "definitions", "list"]));
    expect(sources.map((d) => d.name)).toEqual(["Things"]);
    const destinations = await cli(["definitions", "list", "--destination"]);
    expect(destinations.stdout).toMatch(/^DEFINITION ID +NAME +FOR +TYPE +IMAGE \/ VERSION\n/);
    expect(destinations.stdout).toContain("acme/destination-sink:0.3.1");

    const updated = json(
      await cli(["--json", "definitions", "update", source.definitionId as string, "--docker-tag", "1.1.0"]),
    );
    expect(updated.dockerImageTag).toBe("1.1.0");
    const wrongKind = await cli([
      "definitions",
      "update",
      source.definitionId as string,
      "--manifest",
      file("m.json", "{}"),
    ]);
    expect(wrongKind.code).toBe(1);

    const unsafe = await cli(["definitions", "delete", source.definitionId as string, "--yes"]);
    expect(unsafe.code).toBe(2);
    expect(unsafe.stderr).toContain("Refusing to delete custom source definition 'Things'");
    expect((await cli(["definitions", "delete", source.definitionId as string, "--yes", "--unsafe"])).code).toBe(0);
    const dropped = await cli([
      "--json",
      "definitions",
      "delete",
      destination.definitionId as string,
      "--destination",
      "--yes",
    ]);
    expect(dropped.code, dropped.stderr).toBe(0);

    const usage = await cli(["definitions", "publish", "x", "--docker-image", "acme/x"]);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toBe("airbyte-ts: --docker-image needs --docker-tag.\n");
    const yamlDestination = await cli(["definitions", "list", "--destination", "--type", "yaml"]);
    expect(yamlDestination.code).toBe(2);
  });
});
