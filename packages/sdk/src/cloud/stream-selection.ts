/** Selecting a connection's streams: the configurations to send for a new list of stream names. */
import type { StreamConfiguration } from "../api/index.js";

/**
 * The configurations for exactly `streamNames`: streams that stay selected keep theirs (sync
 * mode, cursor, primary key), new ones are only named so the server gives its defaults.
 */
export function selectedStreamsOf(
  current: readonly StreamConfiguration[],
  streamNames: readonly string[],
): StreamConfiguration[] {
  return streamNames.map((name) => {
    const kept = current.find((stream) => stream.name === name);
    return kept ? resendable(kept) : { name };
  });
}

/**
 * A stream's configuration as answered, fit to be sent back: an empty `selectedFields` (all
 * fields) or `mappers` list is left out, since sending `selectedFields: []` selects nothing.
 */
function resendable(stream: StreamConfiguration): StreamConfiguration {
  const { selectedFields, mappers, ...rest } = stream;
  return {
    ...rest,
    ...(selectedFields && selectedFields.length > 0 ? { selectedFields } : {}),
    ...(mappers && mappers.length > 0 ? { mappers } : {}),
  };
}
