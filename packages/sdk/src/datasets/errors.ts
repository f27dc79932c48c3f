/**
 * Errors of reading synced data back. None of them carries a secret: messages name the option
 * and the environment variable that would supply one, never its value.
 */
import { AirbyteError, type AirbyteErrorCode, InvalidArgumentError } from "../http/errors.js";

/** A stream or namespace name that normalizes to nothing usable as a SQL identifier. */
export class NameNormalizationError extends InvalidArgumentError {
  override name = "NameNormalizationError";
  readonly input: string;
  constructor(input: string) {
    super(`Cannot turn ${JSON.stringify(input)} into a table or schema name: it has no letter or digit.`);
    this.input = input;
  }
}

/** The destination type has no reader. */
export class UnsupportedDestinationError extends InvalidArgumentError {
  override name = "UnsupportedDestinationError";
  override readonly code: AirbyteErrorCode = "unsupported_destination";
  readonly destinationType: string;
  readonly supported: readonly string[];
  constructor(destinationType: string, supported: readonly string[]) {
    super(
      `Reading a "${destinationType}" destination is not supported; the readable destination types are ${supported.join(", ")}.`,
    );
    this.destinationType = destinationType;
    this.supported = supported;
  }
}

/**
 * A destination's driver (an optional peer dependency) is not installed. The message says what
 * needed it and the command that installs it.
 */
export class MissingDriverError extends AirbyteError {
  override name = "MissingDriverError";
  override readonly code: AirbyteErrorCode = "missing_driver";
  readonly packageName: string;
  /** The destination whose driver is missing; empty for other packages. */
  readonly destinationType: string;
  constructor(init: {
    packageName: string;
    purpose: string;
    destinationType?: string;
    hint?: string;
    cause?: unknown;
  }) {
    super(
      `${init.purpose} needs the "${init.packageName}" package: npm install ${init.packageName}${init.hint ? ` (${init.hint})` : ""}`,
      init.cause === undefined ? undefined : { cause: init.cause },
    );
    this.packageName = init.packageName;
    this.destinationType = init.destinationType ?? "";
  }
}

/**
 * A secret the reader needs came back masked (`**********`) from the API, and neither the
 * `secrets` option nor the environment supplies it.
 */
export class MissingSecretError extends InvalidArgumentError {
  override name = "MissingSecretError";
  override readonly code: AirbyteErrorCode = "secret_missing";
  readonly destinationType: string;
  /** The configuration field that holds the secret, e.g. `password` or `credentials.password`. */
  readonly field: string;
  /** Where to pass it instead: `options.secrets.<name>`. */
  readonly option: string;
  readonly environmentVariable: string;
  constructor(init: { destinationType: string; field: string; option: string; environmentVariable: string }) {
    super(
      `The ${init.destinationType} destination's ${init.field} is masked in its configuration: pass it as ` +
        `${init.option} or set the ${init.environmentVariable} environment variable.`,
    );
    this.destinationType = init.destinationType;
    this.field = init.field;
    this.option = init.option;
    this.environmentVariable = init.environmentVariable;
  }
}

/** The destination cannot be read as configured (no file, a locked file, an in-memory database...). */
export class DestinationReadError extends AirbyteError {
  override name = "DestinationReadError";
  override readonly code: AirbyteErrorCode = "destination_unreadable";
  readonly destinationType: string;
  constructor(destinationType: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.destinationType = destinationType;
  }
}

/** The stream's table does not exist in the destination (not synced yet, or another schema or prefix). */
export class TableNotFoundError extends DestinationReadError {
  override name = "TableNotFoundError";
  override readonly code: AirbyteErrorCode = "table_not_found";
  readonly fullyQualifiedName: string;
  constructor(destinationType: string, fullyQualifiedName: string, options?: { cause?: unknown }) {
    super(
      destinationType,
      `The table ${fullyQualifiedName} does not exist in the ${destinationType} destination: has the stream been synced, ` +
        `and are the schema (namespace) and table prefix those of the connection?`,
      options,
    );
    this.fullyQualifiedName = fullyQualifiedName;
  }
}
