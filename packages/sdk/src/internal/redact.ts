/** Removing credentials from anything that may reach a log, an error message or `inspect`. */

const REDACTED = "***";

const SECRET_NAME = /secret|password|passwd|token|api[-_]?key|authorization|credential|private[-_]?key|^key$|cookie/i;

/** True for header, query and field names that carry credentials. */
function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** The URL without user info, and with secret-looking query values replaced. */
export function redactUrl(input: string | URL): string {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch {
    return String(input);
  }
  if (url.username || url.password) {
    url.username = "";
    url.password = "";
  }
  for (const name of [...url.searchParams.keys()]) {
    if (isSecretName(name)) url.searchParams.set(name, REDACTED);
  }
  return url.toString();
}

/** A plain copy of the headers with credential values masked. */
export function redactHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = isSecretName(name) ? REDACTED : value;
  });
  return out;
}

/** Removes every occurrence of the given secret strings from a text (e.g. a server message). */
export function scrubSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  return out;
}
