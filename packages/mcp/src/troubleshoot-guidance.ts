/**
 * What troubleshoot_cloud_connection tells an agent to do next: what the findings call for,
 * then what it may always do and what it must leave to a person.
 */

export const GUIDANCE = [
  "You may: read a job's whole log with get_cloud_sync_logs (job_id, attempt_number, line_offset); follow a running job with follow_cloud_sync_logs; look at the connection's state and catalog with get_connection_state and get_connection_artifact; check a connector again with check_cloud_connector; run the sync again with run_cloud_sync once the cause is gone, or when the failure is transient (retryable).",
  "Leave to a person: credentials, secrets and OAuth (they fix the connector's settings in Airbyte; never ask for a secret in the conversation); changes in the source or destination systems (permissions, network, quotas, schemas); billing and account problems; and, unless they asked for it, anything that deletes or rewrites data or pipelines: deleting or recreating the connection or its connectors, clearing or editing state, changing its streams or table prefix.",
];

/** What the findings add to the guidance, most specific first. */
export function specificGuidance(findings: {
  checksFailed: boolean;
  /** Failed checks of connectors this session created: the agent gave their settings. */
  ownFailures: readonly { kind: string; id: string }[];
  running: boolean;
  recovered: boolean;
  failureTypes: readonly (string | undefined)[];
  retryable: boolean;
}): string[] {
  const said: string[] = [];
  if (findings.running) said.push("A job is running: follow it with follow_cloud_sync_logs before starting another.");
  if (findings.ownFailures.length > 0) {
    const named = findings.ownFailures.map(({ kind, id }) => `the ${kind} ${id}`).join(" and ");
    said.push(
      `A check failed, of ${named}, which this session created: you may correct a setting you gave it with update_cloud_connector_config (a secret goes in config_secret_name, never in the conversation), then check_cloud_connector, then run_cloud_sync.`,
    );
  } else if (findings.checksFailed) {
    said.push("A check failed: a person must fix the connector's settings or what it reaches; syncs fail till then.");
  } else if (findings.recovered) {
    said.push("The newest job succeeded: the failure reported here is older, and may be over.");
  } else if (findings.failureTypes.includes("config_error")) {
    said.push("A configuration error: a person fixes the connector's settings before any run_cloud_sync.");
  } else if (findings.retryable) {
    said.push("The last failure is marked retryable: run_cloud_sync may succeed; try it once before anything else.");
  }
  return said;
}
