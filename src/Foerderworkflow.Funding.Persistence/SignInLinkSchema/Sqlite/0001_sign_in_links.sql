-- One-time sign-in links of applicants (the portal's "Anmeldung per E-Mail-Link"). Only the SHA-256 of the random
-- token is stored (hex); the token itself exists in the e-mail alone. A row is deleted once it has expired (15 minutes
-- after it was issued), used or not, so no address is kept longer. Times as in the funding tables (UTC ISO text).
CREATE TABLE sign_in_links (
    token_hash TEXT NOT NULL PRIMARY KEY,
    address TEXT NOT NULL,
    return_url TEXT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT NULL
);

CREATE INDEX ix_sign_in_links_expires_at ON sign_in_links (expires_at);
