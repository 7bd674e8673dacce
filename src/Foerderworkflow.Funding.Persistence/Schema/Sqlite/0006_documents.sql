-- Documents a case issued (Bescheide), stored once from the DocumentIssued event in the burst that issued them, and
-- never rewritten: the bytes, their SHA-256, number and issue time are what the applicant received. A correction is a
-- new row naming the one it replaces. retrieved_at: the first retrieval by the applicant (§ 41 (2a) VwVfG).
CREATE TABLE funding_documents (
    id TEXT NOT NULL PRIMARY KEY,
    application_id TEXT NOT NULL,
    number TEXT NOT NULL,
    kind TEXT NOT NULL,
    issued_at TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    replaces TEXT NULL,
    notification_path TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content BLOB NOT NULL,
    retrieved_at TEXT NULL
);

CREATE INDEX ix_funding_documents_application ON funding_documents (application_id, issued_at);
