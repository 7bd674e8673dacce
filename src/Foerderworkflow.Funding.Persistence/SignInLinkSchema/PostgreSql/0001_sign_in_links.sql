-- One-time sign-in links of applicants (the portal's "Anmeldung per E-Mail-Link"). Only the SHA-256 of the random
-- token is stored (hex); the token itself exists in the e-mail alone. A row is deleted once it has expired (15 minutes
-- after it was issued), used or not, so no address is kept longer.
CREATE TABLE sign_in_links (
    token_hash text NOT NULL PRIMARY KEY,
    address text NOT NULL,
    return_url text NULL,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at timestamptz NULL
);

CREATE INDEX ix_sign_in_links_expires_at ON sign_in_links (expires_at);
