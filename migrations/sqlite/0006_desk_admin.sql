-- Desk administration: a clerk is deactivated rather than deleted (the audit trail
-- keeps naming who acted), and administrators see each clerk's last sign-in.

ALTER TABLE clerks ADD COLUMN deactivated_at TEXT;
ALTER TABLE clerks ADD COLUMN last_login_at TEXT;
