-- Personal data is purged some days after a ticket's final state: the raw messages
-- (and the IDs in them), the replies' text and the document readings go; the ticket,
-- its findings, history and audit stay.
ALTER TABLE messages ADD COLUMN purged_at TEXT;
ALTER TABLE tickets ADD COLUMN purged_at TEXT;
CREATE INDEX tickets_to_purge ON tickets (state, purged_at, updated_at);
