-- The clerk desk: clerks, their sessions, login throttling, decisions, the audit log.

CREATE TABLE clerks (
    name          TEXT    PRIMARY KEY,
    role          TEXT    NOT NULL CHECK (role IN ('clerk', 'supervisor', 'admin')),
    password_hash TEXT    NOT NULL,          -- argon2id, PHC string
    created_at    TEXT    NOT NULL
);

-- Server-side sessions; the cookie holds a random token, the table its SHA-256.
CREATE TABLE desk_sessions (
    token_hash    TEXT    PRIMARY KEY,
    clerk         TEXT    NOT NULL REFERENCES clerks (name),
    csrf_token    TEXT    NOT NULL,
    created_at    TEXT    NOT NULL,
    last_seen     TEXT    NOT NULL
);

-- Failed logins per clerk name, for throttling.
CREATE TABLE login_failures (
    name          TEXT    NOT NULL,
    at            TEXT    NOT NULL
);
CREATE INDEX login_failures_by_name ON login_failures (name, at);

ALTER TABLE tickets ADD COLUMN assignee TEXT;

-- What E-Services needs to grant access, one row per decision.
CREATE TABLE decisions (
    id            BIGSERIAL PRIMARY KEY,
    ticket_id     TEXT    NOT NULL REFERENCES tickets (ticket_id),
    decision      TEXT    NOT NULL,          -- approved | denied | withdrawn
    clerk         TEXT    NOT NULL,
    at            TEXT    NOT NULL,
    user_id       TEXT,
    docket_number TEXT,
    party_name    TEXT,
    request_id    TEXT,
    reason        TEXT,
    -- Delivery to the court's approval webhook (desk.webhook_url): none | pending | sent | failed
    webhook_state    TEXT    NOT NULL DEFAULT 'none',
    webhook_attempts BIGINT  NOT NULL DEFAULT 0,
    webhook_next     TEXT,
    webhook_error    TEXT
);
CREATE INDEX decisions_by_time ON decisions (at);
CREATE INDEX decisions_webhook ON decisions (webhook_state, webhook_next);

-- Append-only; each event's hash covers the previous one's, so an edited or deleted
-- event breaks the chain (`accessd audit verify`).
CREATE TABLE audit_events (
    id            BIGSERIAL PRIMARY KEY,
    at            TEXT    NOT NULL,
    clerk         TEXT    NOT NULL,
    ticket_id     TEXT,
    action        TEXT    NOT NULL,
    detail        TEXT    NOT NULL,
    prev_hash     TEXT    NOT NULL,
    hash          TEXT    NOT NULL UNIQUE
);
