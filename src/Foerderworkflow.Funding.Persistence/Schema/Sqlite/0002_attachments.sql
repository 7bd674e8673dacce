-- Files applicants attach to their application. The bytes live in the row: at most 20 × 10 MB per application
-- (AttachmentRules), so the register, its files and their deletion stay in one database and one backup.
CREATE TABLE funding_attachments (
    id TEXT NOT NULL PRIMARY KEY,
    application_id TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    content BLOB NOT NULL,
    uploaded_at TEXT NOT NULL,
    uploaded_by TEXT NOT NULL
);

CREATE INDEX ix_funding_attachments_application ON funding_attachments (application_id, uploaded_at);
