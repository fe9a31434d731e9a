-- The court's directory, imported from E-Services CSV exports.
CREATE TABLE accounts (
    user_id_key   TEXT PRIMARY KEY,          -- lower-cased user ID: E-Services ignores case
    user_id       TEXT NOT NULL,             -- as exported
    full_name     TEXT NOT NULL,
    email         TEXT NOT NULL,
    email_key     TEXT NOT NULL,             -- lower-cased address
    account_type  TEXT NOT NULL CHECK (account_type IN ('individual', 'business')),
    business_name TEXT
);
CREATE INDEX accounts_by_email ON accounts (email_key);

CREATE TABLE cases (
    docket_number TEXT PRIMARY KEY,          -- canonical LLL-TTYY-NNNNNNN-S (prefix kept)
    docket_core   TEXT NOT NULL,             -- LLL-TTYY-NNNNNNN, to fill in a missing suffix
    case_name     TEXT NOT NULL,
    case_type     TEXT NOT NULL CHECK (case_type IN ('civil', 'family', 'housing', 'small_claims'))
);
CREATE INDEX cases_by_core ON cases (docket_core);

CREATE TABLE parties (
    docket_number TEXT NOT NULL,
    party_key     TEXT NOT NULL,             -- upper-cased party name
    party_name    TEXT NOT NULL,
    role          TEXT NOT NULL,
    party_kind    TEXT NOT NULL CHECK (party_kind IN ('person', 'business')),
    PRIMARY KEY (docket_number, party_key)
);

CREATE TABLE access_requests (
    request_id    TEXT PRIMARY KEY,
    user_id_key   TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    docket_number TEXT NOT NULL,
    party_name    TEXT NOT NULL,
    requested_at  TEXT NOT NULL              -- RFC 3339 as exported
);
CREATE INDEX access_requests_by_user ON access_requests (user_id_key, docket_number);
