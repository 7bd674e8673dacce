-- Ledger of the accounting worker (PostgreSQL). Amounts are whole cents (bigint), so sums are exact.
CREATE TABLE accounting_processed_messages (
    message_id   uuid        NOT NULL PRIMARY KEY,
    message_type text        NOT NULL,
    processed_at timestamptz NOT NULL
);

CREATE TABLE ledger_bookings (
    sequence            bigserial   PRIMARY KEY,
    booking_id          uuid        NOT NULL UNIQUE,
    source_message_id   uuid        NOT NULL UNIQUE,
    source_message_type text        NOT NULL,
    fund                text        NOT NULL,
    budget_year         integer     NOT NULL,
    application_id      text        NOT NULL,
    kind                text        NOT NULL,
    amount_cents        bigint      NOT NULL CHECK (amount_cents > 0),
    currency            text        NOT NULL,
    reference           text,
    occurred_at         timestamptz NOT NULL,
    booked_at           timestamptz NOT NULL
);

CREATE INDEX ix_ledger_bookings_account ON ledger_bookings (fund, budget_year, application_id);

CREATE TABLE accounting_outbox (
    sequence   bigserial   PRIMARY KEY,
    message_id uuid        NOT NULL UNIQUE,
    payload    text        NOT NULL,
    created_at timestamptz NOT NULL,
    sent_at    timestamptz
);

CREATE INDEX ix_accounting_outbox_unsent ON accounting_outbox (sequence) WHERE sent_at IS NULL;
