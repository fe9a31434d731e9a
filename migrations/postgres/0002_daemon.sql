-- The daemon: every message taken from the mailbox, tickets, their history, replies.
-- Timestamps are UTC RFC 3339 text (fixed width, so they sort), the same on both engines.

-- Per mailbox folder and UIDVALIDITY: the highest UID stored. New mail is selected
-- by UID above it, never by \Seen, which people and other clients change.
CREATE TABLE mailbox_marks (
    mailbox       TEXT    NOT NULL,          -- imap://user@host/Folder or maildir:/path
    uid_validity  BIGINT  NOT NULL,
    last_uid      BIGINT  NOT NULL,
    PRIMARY KEY (mailbox, uid_validity)
);

-- Every message taken, raw, stored before anything else happens to it.
CREATE TABLE messages (
    id            BIGSERIAL PRIMARY KEY,
    mailbox       TEXT    NOT NULL,
    uid_validity  BIGINT  NOT NULL,
    uid           TEXT    NOT NULL,          -- IMAP UID, or the Maildir file's unique name
    message_id    TEXT,
    sender        TEXT,                      -- lower-cased From address when there is one
    sha256        TEXT    NOT NULL,
    size          BIGINT  NOT NULL,
    raw           BYTEA   NOT NULL,
    received_at   TEXT    NOT NULL,
    -- queued → screened | duplicate | quarantined
    status        TEXT    NOT NULL DEFAULT 'queued',
    attempts      BIGINT  NOT NULL DEFAULT 0,
    last_error    TEXT,
    duplicate_of  BIGINT  REFERENCES messages (id),
    ticket_id     TEXT,
    -- where the message goes on the server once its outcome is committed, and whether it went
    destination   TEXT,
    moved         BIGINT  NOT NULL DEFAULT 0,
    UNIQUE (mailbox, uid_validity, uid)
);
CREATE INDEX messages_queued ON messages (status, id);
CREATE INDEX messages_by_sha ON messages (sha256);
CREATE INDEX messages_by_message_id ON messages (message_id);
CREATE INDEX messages_to_move ON messages (mailbox, moved, destination);
CREATE INDEX messages_by_ticket ON messages (ticket_id);

CREATE TABLE tickets (
    ticket_id     TEXT    PRIMARY KEY,       -- EA-2026-000123
    year          BIGINT  NOT NULL,
    seq           BIGINT  NOT NULL,
    -- awaiting_party | ready_for_review | flagged | ignored | approved | denied | withdrawn
    state         TEXT    NOT NULL,
    disposition   TEXT    NOT NULL,
    party_address TEXT,                      -- the sender; follow-ups must come from it
    reply_to      TEXT,                      -- where replies go (the account's address), if anywhere
    user_id       TEXT,
    docket_number TEXT,
    request_id    TEXT,
    subject       TEXT    NOT NULL,
    screening     TEXT    NOT NULL,          -- the latest screening, JSON
    reply_failed  BIGINT  NOT NULL DEFAULT 0,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL,
    UNIQUE (year, seq)
);
CREATE INDEX tickets_by_state ON tickets (state, updated_at);
CREATE INDEX tickets_by_request ON tickets (request_id, party_address);

CREATE TABLE ticket_events (
    id            BIGSERIAL PRIMARY KEY,
    ticket_id     TEXT    NOT NULL REFERENCES tickets (ticket_id),
    at            TEXT    NOT NULL,
    kind          TEXT    NOT NULL,          -- received, screened, follow_up, reply_queued, …
    detail        TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_id, id);

-- Replies to send, written in the same transaction as the ticket change that causes them.
CREATE TABLE outbox (
    id            BIGSERIAL PRIMARY KEY,
    ticket_id     TEXT    NOT NULL REFERENCES tickets (ticket_id),
    message_row   BIGINT  NOT NULL,          -- the message (or decision) that caused it
    kind          TEXT    NOT NULL,          -- acknowledgement, needs_information, flagged, approved, denied
    recipient     TEXT    NOT NULL,
    message_id    TEXT    NOT NULL UNIQUE,   -- ours, fixed at enqueue so retries keep it
    raw           BYTEA   NOT NULL,          -- the complete message as it will be sent
    state         TEXT    NOT NULL DEFAULT 'pending',   -- pending | sent | failed
    attempts      BIGINT  NOT NULL DEFAULT 0,
    next_attempt  TEXT    NOT NULL,
    last_error    TEXT,
    created_at    TEXT    NOT NULL,
    sent_at       TEXT,
    UNIQUE (message_row, kind)
);
CREATE INDEX outbox_due ON outbox (state, next_attempt);
CREATE INDEX outbox_by_recipient ON outbox (recipient, created_at);
