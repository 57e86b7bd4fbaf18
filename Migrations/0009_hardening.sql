-- Hardening (issue 12): login throttling per source address, and the sign-in time a
-- chain of refreshed sessions started from.

-- Failed logins per source address and clock minute. `failures` counts attempts let
-- through to the password check (the per-address limit); `refused` counts those turned
-- away once the limit was reached: they are audited as one entry per address and minute,
-- written once the minute is over, instead of one entry each. Past minutes are deleted
-- as soon as they are reported.
CREATE TABLE login_address_minutes (
    source_ip TEXT NOT NULL,
    minute INTEGER NOT NULL,            -- minutes since 1970 (UTC)
    failures INTEGER NOT NULL DEFAULT 0,
    refused INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (source_ip, minute)
) WITHOUT ROWID;
CREATE INDEX login_address_minutes_minute ON login_address_minutes (minute);

-- When the user signed in with a password; a refresh copies it, so no chain of
-- refreshes outlives session_max_lifetime_seconds. Sessions from before this migration
-- count from their own creation.
ALTER TABLE sessions ADD COLUMN signed_in_at_ms INTEGER;
