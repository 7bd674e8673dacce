-- Ledger of the accounting worker (SQLite). Amounts are whole cents (INTEGER), so sums are exact.
CREATE TABLE accounting_processed_messages (
    message_id   TEXT NOT NULL PRIMARY KEY,
    message_type TEXT NOT NULL,
    processed_at TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE ledger_bookings (
    sequence            INTEGER PRIMARY KEY AUTOINCREMENT,
    booking_id          TEXT    NOT NULL UNIQUE,
    source_message_id   TEXT    NOT NULL UNIQUE,
    source_message_type TEXT    NOT NULL,
    fund                TEXT    NOT NULL,
    budget_year         INTEGER NOT NULL,
    application_id      TEXT    NOT NULL,
    kind                TEXT    NOT NULL,
    amount_cents        INTEGER NOT NULL CHECK (amount_cents > 0),
    currency            TEXT    NOT NULL,
    reference           TEXT,
    occurred_at         TEXT    NOT NULL,
    booked_at           TEXT    NOT NULL
);

CREATE INDEX ix_ledger_bookings_account ON ledger_bookings (fund, budget_year, application_id);

CREATE TABLE accounting_outbox (
    sequence   INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id TEXT NOT NULL UNIQUE,
    payload    TEXT NOT NULL,
    created_at TEXT NOT NULL,
    sent_at    TEXT
);

CREATE INDEX ix_accounting_outbox_unsent ON accounting_outbox (sequence) WHERE sent_at IS NULL;
