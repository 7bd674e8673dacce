-- Files applicants attach to their application. The bytes live in the row: at most 20 × 10 MB per application
-- (AttachmentRules), so the register, its files and their deletion stay in one database and one backup.
CREATE TABLE funding_attachments (
    id text NOT NULL PRIMARY KEY,
    application_id text NOT NULL,
    file_name text NOT NULL,
    content_type text NOT NULL,
    size_bytes bigint NOT NULL,
    sha256 text NOT NULL,
    content bytea NOT NULL,
    uploaded_at timestamptz NOT NULL,
    uploaded_by text NOT NULL
);

CREATE INDEX ix_funding_attachments_application ON funding_attachments (application_id, uploaded_at);
