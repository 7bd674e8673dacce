-- Förderworkflow engine store, PostgreSQL. Times are timestamptz (UTC). Applied by SchemaMigrator inside one
-- transaction, under an advisory lock.

CREATE TABLE workflow_definitions (
    id            text        NOT NULL PRIMARY KEY,
    definition_id text        NOT NULL,
    version       integer     NOT NULL,
    name          text        NOT NULL,
    is_latest     boolean     NOT NULL,
    is_published  boolean     NOT NULL,
    created_at    timestamptz NOT NULL,
    document      text        NOT NULL
);
CREATE UNIQUE INDEX ux_workflow_definitions_definition_version ON workflow_definitions (definition_id, version);
CREATE INDEX ix_workflow_definitions_latest ON workflow_definitions (is_latest, definition_id);

CREATE TABLE workflow_instances (
    id                    text        NOT NULL PRIMARY KEY,
    definition_id         text        NOT NULL,
    definition_version_id text        NOT NULL,
    definition_version    integer     NOT NULL,
    status                text        NOT NULL,
    correlation_id        text        NULL,
    version               bigint      NOT NULL,
    created_at            timestamptz NOT NULL,
    updated_at            timestamptz NOT NULL,
    finished_at           timestamptz NULL,
    state                 text        NOT NULL
);
CREATE INDEX ix_workflow_instances_definition ON workflow_instances (definition_id, created_at);
CREATE INDEX ix_workflow_instances_status ON workflow_instances (status, created_at);
CREATE INDEX ix_workflow_instances_correlation ON workflow_instances (correlation_id);
CREATE INDEX ix_workflow_instances_created ON workflow_instances (created_at);

CREATE TABLE workflow_bookmarks (
    id          text        NOT NULL PRIMARY KEY,
    instance_id text        NOT NULL,
    activity_id text        NOT NULL,
    name        text        NOT NULL,
    hash        text        NOT NULL,
    payload     text        NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX ix_workflow_bookmarks_name_hash ON workflow_bookmarks (name, hash);
CREATE INDEX ix_workflow_bookmarks_instance ON workflow_bookmarks (instance_id);

CREATE TABLE workflow_timers (
    id          text        NOT NULL PRIMARY KEY,
    instance_id text        NOT NULL,
    bookmark_id text        NOT NULL,
    due_at      timestamptz NOT NULL
);
CREATE INDEX ix_workflow_timers_due_at ON workflow_timers (due_at);
CREATE INDEX ix_workflow_timers_bookmark ON workflow_timers (bookmark_id);

CREATE TABLE workflow_journal (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    instance_id   text        NOT NULL,
    activity_id   text        NOT NULL,
    activity_type text        NOT NULL,
    outcome       text        NOT NULL,
    at            timestamptz NOT NULL
);
CREATE INDEX ix_workflow_journal_instance ON workflow_journal (instance_id);

CREATE TABLE workflow_incidents (
    id             text        NOT NULL PRIMARY KEY,
    instance_id    text        NOT NULL,
    activity_id    text        NOT NULL,
    activity_type  text        NOT NULL,
    exception_type text        NOT NULL,
    message        text        NOT NULL,
    at             timestamptz NOT NULL,
    resolved_at    timestamptz NULL
);
CREATE INDEX ix_workflow_incidents_instance ON workflow_incidents (instance_id);

CREATE TABLE workflow_outbox (
    sequence       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id     text        NOT NULL,
    instance_id    text        NOT NULL,
    correlation_id text        NULL,
    message_type   text        NOT NULL,
    payload        text        NOT NULL,
    created_at     timestamptz NOT NULL,
    sent_at        timestamptz NULL
);
CREATE UNIQUE INDEX ux_workflow_outbox_message_id ON workflow_outbox (message_id);
CREATE INDEX ix_workflow_outbox_pending ON workflow_outbox (sequence) WHERE sent_at IS NULL;
