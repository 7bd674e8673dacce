-- Förderworkflow engine store, SQLite. Times are UTC ISO-8601 text, fixed width (yyyy-MM-ddTHH:mm:ss.fffffffZ),
-- so text comparison is time comparison. Booleans are 0/1. Applied by SchemaMigrator inside one transaction.

CREATE TABLE workflow_definitions (
    id            TEXT    NOT NULL PRIMARY KEY,
    definition_id TEXT    NOT NULL,
    version       INTEGER NOT NULL,
    name          TEXT    NOT NULL,
    is_latest     INTEGER NOT NULL,
    is_published  INTEGER NOT NULL,
    created_at    TEXT    NOT NULL,
    document      TEXT    NOT NULL
);
CREATE UNIQUE INDEX ux_workflow_definitions_definition_version ON workflow_definitions (definition_id, version);
CREATE INDEX ix_workflow_definitions_latest ON workflow_definitions (is_latest, definition_id);

CREATE TABLE workflow_instances (
    id                    TEXT    NOT NULL PRIMARY KEY,
    definition_id         TEXT    NOT NULL,
    definition_version_id TEXT    NOT NULL,
    definition_version    INTEGER NOT NULL,
    status                TEXT    NOT NULL,
    correlation_id        TEXT    NULL,
    version               INTEGER NOT NULL,
    created_at            TEXT    NOT NULL,
    updated_at            TEXT    NOT NULL,
    finished_at           TEXT    NULL,
    state                 TEXT    NOT NULL
);
CREATE INDEX ix_workflow_instances_definition ON workflow_instances (definition_id, created_at);
CREATE INDEX ix_workflow_instances_status ON workflow_instances (status, created_at);
CREATE INDEX ix_workflow_instances_correlation ON workflow_instances (correlation_id);
CREATE INDEX ix_workflow_instances_created ON workflow_instances (created_at);

CREATE TABLE workflow_bookmarks (
    id          TEXT NOT NULL PRIMARY KEY,
    instance_id TEXT NOT NULL,
    activity_id TEXT NOT NULL,
    name        TEXT NOT NULL,
    hash        TEXT NOT NULL,
    payload     TEXT NOT NULL,
    created_at  TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX ix_workflow_bookmarks_name_hash ON workflow_bookmarks (name, hash);
CREATE INDEX ix_workflow_bookmarks_instance ON workflow_bookmarks (instance_id);

CREATE TABLE workflow_timers (
    id          TEXT NOT NULL PRIMARY KEY,
    instance_id TEXT NOT NULL,
    bookmark_id TEXT NOT NULL,
    due_at      TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX ix_workflow_timers_due_at ON workflow_timers (due_at);
CREATE INDEX ix_workflow_timers_bookmark ON workflow_timers (bookmark_id);

CREATE TABLE workflow_journal (
    id            INTEGER NOT NULL PRIMARY KEY,
    instance_id   TEXT    NOT NULL,
    activity_id   TEXT    NOT NULL,
    activity_type TEXT    NOT NULL,
    outcome       TEXT    NOT NULL,
    at            TEXT    NOT NULL
);
CREATE INDEX ix_workflow_journal_instance ON workflow_journal (instance_id);

CREATE TABLE workflow_incidents (
    id             TEXT NOT NULL PRIMARY KEY,
    instance_id    TEXT NOT NULL,
    activity_id    TEXT NOT NULL,
    activity_type  TEXT NOT NULL,
    exception_type TEXT NOT NULL,
    message        TEXT NOT NULL,
    at             TEXT NOT NULL,
    resolved_at    TEXT NULL
);
CREATE INDEX ix_workflow_incidents_instance ON workflow_incidents (instance_id);

-- sequence is the rowid: always above every existing row, so delivery order holds (a purged number may come again;
-- consumers de-duplicate on message_id, never on sequence).
CREATE TABLE workflow_outbox (
    sequence       INTEGER NOT NULL PRIMARY KEY,
    message_id     TEXT    NOT NULL,
    instance_id    TEXT    NOT NULL,
    correlation_id TEXT    NULL,
    message_type   TEXT    NOT NULL,
    payload        TEXT    NOT NULL,
    created_at     TEXT    NOT NULL,
    sent_at        TEXT    NULL
);
CREATE UNIQUE INDEX ux_workflow_outbox_message_id ON workflow_outbox (message_id);
CREATE INDEX ix_workflow_outbox_pending ON workflow_outbox (sequence) WHERE sent_at IS NULL;
