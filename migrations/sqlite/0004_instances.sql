-- Several accessd instances on one database (PostgreSQL, several machines).

-- Named leases: the instance holding 'mailbox' reads the mailbox and sends replies;
-- it renews the lease, and another instance takes it over once it has expired.
CREATE TABLE leases (
    name          TEXT    PRIMARY KEY,
    holder        TEXT    NOT NULL,          -- instance name:pid:nonce
    expires_at    TEXT    NOT NULL
);

-- A queued message is screened by the instance that claimed it, until the claim expires.
ALTER TABLE messages ADD COLUMN claimed_by TEXT;
ALTER TABLE messages ADD COLUMN claimed_until TEXT;
CREATE INDEX messages_queued_by_sender ON messages (sender, status, id);

-- Ticket numbers per year and the audit chain's newest hash: one row each, so writers
-- on several instances take turns on the row lock instead of reading the same MAX().
CREATE TABLE ticket_counters (
    year          INTEGER NOT NULL PRIMARY KEY,
    last_seq      INTEGER NOT NULL
);
INSERT INTO ticket_counters (year, last_seq) SELECT year, MAX(seq) FROM tickets GROUP BY year;

CREATE TABLE audit_head (
    id            INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    hash          TEXT    NOT NULL,
    events        INTEGER NOT NULL
);
INSERT INTO audit_head (id, hash, events)
SELECT 1,
       COALESCE((SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1),
                '0000000000000000000000000000000000000000000000000000000000000000'),
       (SELECT COUNT(*) FROM audit_events);
