-- Documents a case issued (Bescheide), stored once from the DocumentIssued event in the burst that issued them, and
-- never rewritten: the bytes, their SHA-256, number and issue time are what the applicant received. A correction is a
-- new row naming the one it replaces. retrieved_at: the first retrieval by the applicant (§ 41 (2a) VwVfG).
CREATE TABLE funding_documents (
    id text NOT NULL PRIMARY KEY,
    application_id text NOT NULL,
    number text NOT NULL,
    kind text NOT NULL,
    issued_at timestamptz NOT NULL,
    sha256 text NOT NULL,
    replaces text NULL,
    notification_path text NOT NULL,
    file_name text NOT NULL,
    content bytea NOT NULL,
    retrieved_at timestamptz NULL
);

CREATE INDEX ix_funding_documents_application ON funding_documents (application_id, issued_at);
