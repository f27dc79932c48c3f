/**
 * The configuration of Airbyte's File source (`source-file`), in Airbyte's shape so that the same
 * body creates the source on Airbyte Cloud: every format and storage provider Airbyte offers is
 * accepted here, and the formats and providers the local server reads are listed below it.
 */
import { alternatives, choice, connectionSpec, flag, secret, text, variant } from "../spec.js";
import type { JsonSchema } from "../types.js";

const remoteShell = (title: string, storage: string) =>
  variant(
    title,
    "storage",
    storage,
    { user: text("User"), password: secret("Password"), host: text("Host"), port: text("Port", { default: "22" }) },
    ["user", "host"],
  );

export const fileSpecification: JsonSchema = connectionSpec(
  "File Source Spec",
  {
    dataset_name: text("Dataset Name", { description: "Name of the stream (letters, digits, dashes, underscores)." }),
    format: choice(
      "File Format",
      ["csv", "json", "jsonl", "excel", "excel_binary", "fwf", "feather", "parquet", "yaml"],
      {
        default: "csv",
      },
    ),
    reader_options: text("Reader Options", {
      description: "Options of the format's reader, as a JSON object in a string.",
    }),
    url: text("URL", { description: "Where the file is." }),
    provider: alternatives(
      "Storage Provider",
      [
        variant("HTTPS: Public Web", "storage", "HTTPS", { user_agent: flag("User-Agent", { default: false }) }),
        variant("GCS: Google Cloud Storage", "storage", "GCS", {
          service_account_json: secret("Service Account JSON"),
        }),
        variant("S3: Amazon Web Services", "storage", "S3", {
          aws_access_key_id: secret("AWS Access Key ID"),
          aws_secret_access_key: secret("AWS Secret Access Key"),
        }),
        variant(
          "AzBlob: Azure Blob Storage",
          "storage",
          "AzBlob",
          {
            storage_account: text("Storage Account"),
            sas_token: secret("SAS Token"),
            shared_key: secret("Shared Key"),
          },
          ["storage_account"],
        ),
        remoteShell("SSH: Secure Shell", "SSH"),
        remoteShell("SCP: Secure copy protocol", "SCP"),
        remoteShell("SFTP: Secure File Transfer Protocol", "SFTP"),
        variant("Local Filesystem (limited)", "storage", "local"),
      ],
      { description: "Where the file is stored, and how to reach it." },
    ),
  },
  ["dataset_name", "format", "url", "provider"],
);

/** The formats the local server reads, each through one of DuckDB's readers. */
export const READABLE_FORMATS = ["csv", "json", "jsonl", "parquet"] as const;
export type ReadableFormat = (typeof READABLE_FORMATS)[number];

/** The storage providers the local server reaches: the `/local` mount, and HTTP(S) downloads. */
export const READABLE_STORAGES = ["local", "HTTPS"] as const;

export function isReadableFormat(format: unknown): format is ReadableFormat {
  return (READABLE_FORMATS as readonly unknown[]).includes(format);
}
