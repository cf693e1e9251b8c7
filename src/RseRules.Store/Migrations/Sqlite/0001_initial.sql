-- 0001 initial (SQLite): saved evaluations, named scenarios of named projects.
-- Published migrations never change: a change of schema is a new file with the next number (see README.md).
CREATE TABLE evaluations (
    key            TEXT NOT NULL PRIMARY KEY,  -- 16 characters of lower-case base32, random: identifies, says nothing
    project        TEXT NOT NULL,
    name           TEXT NOT NULL,              -- the scenario's name, unique in its project among non-archived evaluations
    author         TEXT NOT NULL,
    saved_at       TEXT NOT NULL,              -- UTC, ISO-8601 to the millisecond: 2026-12-06T10:15:30.123Z
    method_id      TEXT NOT NULL,              -- from the record's method member
    method_version TEXT NOT NULL,
    method_sha256  TEXT NOT NULL,
    record_sha256  TEXT NOT NULL,              -- the record's recordSha256, checked on every read
    record         TEXT NOT NULL,              -- the evaluation record, canonical JSON (RseRules.Core.Json.CanonicalJson)
    archived_at    TEXT NULL                   -- UTC, as saved_at; NULL while the evaluation is not archived
) STRICT;

CREATE UNIQUE INDEX evaluations_active_name ON evaluations (project, name) WHERE archived_at IS NULL;
CREATE INDEX evaluations_by_project ON evaluations (project, name, saved_at, key);
