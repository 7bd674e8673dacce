-- Funding data beside the workflow tables. Amounts are whole cents (bigint): exact arithmetic in SQL on both providers.
CREATE TABLE funding_funds (
    id text NOT NULL PRIMARY KEY,
    name text NOT NULL,
    file_number_prefix text NOT NULL,
    settings text NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE funding_budgets (
    fund_id text NOT NULL,
    year integer NOT NULL,
    budget_cents bigint NOT NULL,
    committed_cents bigint NOT NULL DEFAULT 0,
    released_cents bigint NOT NULL DEFAULT 0,
    returned_cents bigint NOT NULL DEFAULT 0,
    paid_cents bigint NOT NULL DEFAULT 0,
    rounds text NULL,
    PRIMARY KEY (fund_id, year),
    CONSTRAINT ck_funding_budgets_committed CHECK (committed_cents <= budget_cents + released_cents + returned_cents)
);

CREATE TABLE funding_file_numbers (
    fund_id text NOT NULL,
    year integer NOT NULL,
    last_sequence integer NOT NULL,
    PRIMARY KEY (fund_id, year)
);

CREATE TABLE funding_applications (
    application_id text NOT NULL PRIMARY KEY,
    file_number text NOT NULL,
    fund_id text NOT NULL,
    budget_year integer NOT NULL,
    title text NOT NULL,
    applicant_subject text NOT NULL,
    applicant_name text NOT NULL,
    status text NOT NULL,
    requested_cents bigint NOT NULL,
    granted_cents bigint NULL,
    paid_cents bigint NOT NULL DEFAULT 0,
    workflow_instance_id text NOT NULL,
    submitted_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    application text NOT NULL
);

CREATE UNIQUE INDEX ux_funding_applications_file_number ON funding_applications (file_number);
CREATE INDEX ix_funding_applications_subject ON funding_applications (applicant_subject, submitted_at);
CREATE INDEX ix_funding_applications_fund ON funding_applications (fund_id, budget_year, status);

CREATE TABLE funding_bookings (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id text NOT NULL,
    application_id text NOT NULL,
    fund_id text NOT NULL,
    year integer NOT NULL,
    kind text NOT NULL,
    amount_cents bigint NOT NULL,
    booked_at timestamptz NOT NULL
);

CREATE UNIQUE INDEX ux_funding_bookings_message ON funding_bookings (message_id);
CREATE INDEX ix_funding_bookings_application ON funding_bookings (application_id);
