/** Parts of the configuration both Postgres connectors share: SSL modes and SSH tunnels. */
import { alternatives, integer, secret, text, variant } from "./spec.js";
import type { JsonSchema } from "./types.js";

const certificate = (title: string) => secret(title, { multiline: true });

/** `ssl_mode`: one object per libpq mode; the verifying ones carry certificates. */
export function sslModes(): JsonSchema {
  const keyPassword = secret("Client key password", {
    description: "Password of the client key; generated when left empty.",
  });
  return alternatives(
    "SSL modes",
    [
      variant("disable", "mode", "disable"),
      variant("allow", "mode", "allow"),
      variant("prefer", "mode", "prefer"),
      variant("require", "mode", "require"),
      variant(
        "verify-ca",
        "mode",
        "verify-ca",
        {
          ca_certificate: certificate("CA certificate"),
          client_certificate: text("Client certificate", { multiline: true }),
          client_key: certificate("Client key"),
          client_key_password: keyPassword,
        },
        ["ca_certificate"],
      ),
      variant(
        "verify-full",
        "mode",
        "verify-full",
        {
          ca_certificate: certificate("CA certificate"),
          client_certificate: text("Client certificate", { multiline: true }),
          client_key: certificate("Client key"),
          client_key_password: keyPassword,
        },
        ["ca_certificate"],
      ),
    ],
    { description: "How the connection to the database is encrypted (libpq's sslmode)." },
  );
}

/** `tunnel_method`: direct, or through an SSH bastion with a key or a password. */
export function sshTunnel(): JsonSchema {
  const bastion = {
    tunnel_host: text("SSH Tunnel Jump Server Host"),
    tunnel_port: integer("SSH Connection Port", { minimum: 0, maximum: 65536, default: 22 }),
    tunnel_user: text("SSH Login Username"),
  };
  const bastionRequired = ["tunnel_host", "tunnel_port", "tunnel_user"];
  return alternatives(
    "SSH Tunnel Method",
    [
      variant("No Tunnel", "tunnel_method", "NO_TUNNEL"),
      variant(
        "SSH Key Authentication",
        "tunnel_method",
        "SSH_KEY_AUTH",
        {
          ...bastion,
          ssh_key: secret("SSH Private Key", { multiline: true }),
        },
        [...bastionRequired, "ssh_key"],
      ),
      variant(
        "Password Authentication",
        "tunnel_method",
        "SSH_PASSWORD_AUTH",
        {
          ...bastion,
          tunnel_user_password: secret("Password"),
        },
        [...bastionRequired, "tunnel_user_password"],
      ),
    ],
    { description: "Whether to reach the database directly or through an SSH bastion." },
  );
}

export const postgresPort = () => integer("Port", { minimum: 0, maximum: 65536, default: 5432, examples: ["5432"] });
