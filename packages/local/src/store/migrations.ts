/**
 * Schema migrations, applied in order; `PRAGMA user_version` records how many ran. A migration
 * is never edited once released: changes come as a new entry at the end.
 */
export const MIGRATIONS: readonly string[] = [
  /* 1: the whole model of the local server */ `
  CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL UNIQUE,
    instance_admin INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE groups (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    name TEXT NOT NULL,
    description TEXT,
    created_at INTEGER NOT NULL,
    UNIQUE (organization_id, name)
  );

  CREATE TABLE group_members (
    id TEXT PRIMARY KEY,
    group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id),
    UNIQUE (group_id, user_id)
  );

  -- A permission belongs to a user or to a group, on a workspace or an organization.
  CREATE TABLE permissions (
    id TEXT PRIMARY KEY,
    user_id TEXT REFERENCES users(id),
    group_id TEXT REFERENCES groups(id) ON DELETE CASCADE,
    permission_type TEXT NOT NULL,
    workspace_id TEXT,
    organization_id TEXT,
    created_at INTEGER NOT NULL,
    CHECK ((user_id IS NULL) <> (group_id IS NULL))
  );
  CREATE INDEX permissions_user ON permissions(user_id);
  CREATE INDEX permissions_group ON permissions(group_id);

  CREATE TABLE applications (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id),
    name TEXT NOT NULL,
    client_id TEXT NOT NULL UNIQUE,
    client_secret TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE regions (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    name TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    tombstone INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE dataplanes (
    id TEXT PRIMARY KEY,
    region_id TEXT NOT NULL REFERENCES regions(id),
    name TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    client_id TEXT NOT NULL,
    client_secret TEXT NOT NULL,
    tombstone INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );

  CREATE TABLE workspaces (
    id TEXT PRIMARY KEY,
    organization_id TEXT NOT NULL REFERENCES organizations(id),
    name TEXT NOT NULL,
    region_id TEXT,
    data_residency TEXT NOT NULL,
    notifications TEXT NOT NULL,
    tombstone INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
  );

  -- Custom connector definitions (Docker images and declarative manifests). The built-in
  -- catalog lives in code (src/connectors/registry.ts), not here.
  CREATE TABLE definitions (
    id TEXT PRIMARY KEY,
    actor_type TEXT NOT NULL,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    name TEXT NOT NULL,
    docker_repository TEXT NOT NULL,
    docker_image_tag TEXT NOT NULL,
    documentation_url TEXT,
    spec TEXT NOT NULL,
    active_manifest_version INTEGER,
    tombstone INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
  );

  CREATE TABLE declarative_manifests (
    definition_id TEXT NOT NULL REFERENCES definitions(id),
    version INTEGER NOT NULL,
    manifest TEXT NOT NULL,
    spec TEXT NOT NULL,
    description TEXT NOT NULL,
    components_file TEXT,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (definition_id, version)
  );

  CREATE TABLE builder_projects (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    name TEXT NOT NULL,
    draft_manifest TEXT,
    yaml_manifest TEXT,
    components_file TEXT,
    definition_id TEXT,
    testing_values TEXT,
    tombstone INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL
  );

  -- Sources and destinations.
  CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    actor_type TEXT NOT NULL,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    definition_id TEXT NOT NULL,
    name TEXT NOT NULL,
    configuration TEXT NOT NULL,
    resource_allocation TEXT,
    tombstone INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX actors_workspace ON actors(workspace_id, actor_type, created_at, id);

  -- The last discovered catalog of a source, for the configuration it was discovered with.
  CREATE TABLE source_catalogs (
    source_id TEXT PRIMARY KEY REFERENCES actors(id),
    catalog_id TEXT NOT NULL,
    catalog TEXT NOT NULL,
    configuration_hash TEXT NOT NULL,
    discovered_at INTEGER NOT NULL
  );

  CREATE TABLE connections (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    source_id TEXT NOT NULL REFERENCES actors(id),
    destination_id TEXT NOT NULL REFERENCES actors(id),
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    status_reason TEXT,
    schedule_type TEXT NOT NULL,
    cron_expression TEXT,
    basic_schedule TEXT,
    namespace_definition TEXT NOT NULL,
    namespace_format TEXT,
    prefix TEXT NOT NULL DEFAULT '',
    non_breaking_changes TEXT NOT NULL,
    notify_schema_changes INTEGER NOT NULL DEFAULT 1,
    notify_schema_changes_by_email INTEGER NOT NULL DEFAULT 0,
    backfill_preference TEXT NOT NULL DEFAULT 'disabled',
    resource_requirements TEXT,
    on_demand_enabled INTEGER NOT NULL DEFAULT 0,
    catalog TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX connections_workspace ON connections(workspace_id, created_at, id, status);

  CREATE TABLE tags (
    id TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL REFERENCES workspaces(id),
    name TEXT NOT NULL,
    color TEXT NOT NULL,
    UNIQUE (workspace_id, name)
  );

  CREATE TABLE connection_tags (
    connection_id TEXT NOT NULL REFERENCES connections(id),
    tag_id TEXT NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (connection_id, tag_id)
  );

  -- Times of jobs, attempts and logs are epoch milliseconds (the APIs show seconds or ISO text).
  CREATE TABLE jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    connection_id TEXT NOT NULL REFERENCES connections(id),
    config_type TEXT NOT NULL,
    status TEXT NOT NULL,
    streams TEXT,
    catalog TEXT NOT NULL DEFAULT '{"streams":[]}',
    next_attempt_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    started_at INTEGER
  );
  CREATE INDEX jobs_connection ON jobs(connection_id, created_at);
  CREATE INDEX jobs_status ON jobs(status);

  CREATE TABLE attempts (
    job_id INTEGER NOT NULL REFERENCES jobs(id),
    number INTEGER NOT NULL,
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    ended_at INTEGER,
    stats TEXT,
    stream_stats TEXT,
    failure_summary TEXT,
    PRIMARY KEY (job_id, number)
  );

  CREATE TABLE attempt_logs (
    job_id INTEGER NOT NULL,
    attempt INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    timestamp INTEGER NOT NULL,
    level TEXT NOT NULL,
    source TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (job_id, attempt, seq)
  );

  CREATE TABLE connection_state (
    connection_id TEXT PRIMARY KEY REFERENCES connections(id),
    state_type TEXT NOT NULL,
    state TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  `,
  /* 2: a checkpoint's state waits here until its destination has committed the records before it */ `
  CREATE TABLE pending_checkpoints (
    connection_id TEXT PRIMARY KEY REFERENCES connections(id),
    checkpoint_id TEXT NOT NULL,
    state TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  `,
  /* 3: the workspace a user opens by default (Config API users/update), none until one is set */ `
  ALTER TABLE users ADD COLUMN default_workspace_id TEXT;
  `,
];
