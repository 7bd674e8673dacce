-- Funding data beside the workflow tables. Amounts are whole cents (INTEGER): exact arithmetic in SQL on both
-- providers. Times are fixed-width UTC ISO-8601 text, as in the engine's tables.
CREATE TABLE funding_funds (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    file_number_prefix TEXT NOT NULL,
    settings TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE funding_budgets (
    fund_id TEXT NOT NULL,
    year INTEGER NOT NULL,
    budget_cents INTEGER NOT NULL,
    committed_cents INTEGER NOT NULL DEFAULT 0,
    released_cents INTEGER NOT NULL DEFAULT 0,
    returned_cents INTEGER NOT NULL DEFAULT 0,
    paid_cents INTEGER NOT NULL DEFAULT 0,
    rounds TEXT NULL,
    PRIMARY KEY (fund_id, year),
    CONSTRAINT ck_funding_budgets_committed CHECK (committed_cents <= budget_cents + released_cents + returned_cents)
);

CREATE TABLE funding_file_numbers (
    fund_id TEXT NOT NULL,
    year INTEGER NOT NULL,
    last_sequence INTEGER NOT NULL,
    PRIMARY KEY (fund_id, year)
);

CREATE TABLE funding_applications (
    application_id TEXT NOT NULL PRIMARY KEY,
    file_number TEXT NOT NULL,
    fund_id TEXT NOT NULL,
    budget_year INTEGER NOT NULL,
    title TEXT NOT NULL,
    applicant_subject TEXT NOT NULL,
    applicant_name TEXT NOT NULL,
    status TEXT NOT NULL,
    requested_cents INTEGER NOT NULL,
    granted_cents INTEGER NULL,
    paid_cents INTEGER NOT NULL DEFAULT 0,
    workflow_instance_id TEXT NOT NULL,
    submitted_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    application TEXT NOT NULL
);

CREATE UNIQUE INDEX ux_funding_applications_file_number ON funding_applications (file_number);
CREATE INDEX ix_funding_applications_subject ON funding_applications (applicant_subject, submitted_at);
CREATE INDEX ix_funding_applications_fund ON funding_applications (fund_id, budget_year, status);

CREATE TABLE funding_bookings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id TEXT NOT NULL,
    application_id TEXT NOT NULL,
    fund_id TEXT NOT NULL,
    year INTEGER NOT NULL,
    kind TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    booked_at TEXT NOT NULL
);

CREATE UNIQUE INDEX ux_funding_bookings_message ON funding_bookings (message_id);
CREATE INDEX ix_funding_bookings_application ON funding_bookings (application_id);
