/**
 * File source (CSV, JSON, Excel, Feather, Parquet). Reading files of every format and storage
 * is beyond the local server, which knows the connector but cannot check or discover it.
 */
import { notRunnableSource } from "../not-runnable.js";
import { alternatives, choice, connectionSpec, flag, secret, text, variant } from "../spec.js";

const remoteShell = (title: string, storage: string) =>
  variant(
    title,
    "storage",
    storage,
    { user: text("User"), password: secret("Password"), host: text("Host"), port: text("Port", { default: "22" }) },
    ["user", "host"],
  );

const specification = connectionSpec(
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

export const fileSource = notRunnableSource({
  definitionId: "778daa7c-feaf-4db6-96f3-70fd645acc77",
  actorType: "source",
  shortName: "file",
  name: "File (CSV, JSON, Excel, Feather, Parquet)",
  dockerRepository: "airbyte/source-file",
  dockerImageTag: "0.5.21",
  documentationUrl: "https://docs.airbyte.com/integrations/sources/file",
  connectionSpecification: specification,
});
