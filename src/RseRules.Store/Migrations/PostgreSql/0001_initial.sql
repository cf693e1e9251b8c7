-- 0001 initial (PostgreSQL): saved evaluations, named scenarios of named projects.
-- Published migrations never change: a change of schema is a new file with the next number (see README.md).
CREATE TABLE evaluations (
    key            text        NOT NULL PRIMARY KEY,  -- 16 characters of lower-case base32, random: identifies, says nothing
    project        text        NOT NULL,
    name           text        NOT NULL,              -- the scenario's name, unique in its project among non-archived evaluations
    author         text        NOT NULL,
    saved_at       timestamptz NOT NULL,              -- UTC, to the millisecond
    method_id      text        NOT NULL,              -- from the record's method member
    method_version text        NOT NULL,
    method_sha256  text        NOT NULL,
    record_sha256  text        NOT NULL,              -- the record's recordSha256, checked on every read
    record         text        NOT NULL,              -- the evaluation record, canonical JSON (text keeps its bytes; jsonb would not)
    archived_at    timestamptz NULL                   -- NULL while the evaluation is not archived
);

CREATE UNIQUE INDEX evaluations_active_name ON evaluations (project, name) WHERE archived_at IS NULL;
CREATE INDEX evaluations_by_project ON evaluations (project COLLATE "C", name COLLATE "C", saved_at, key);
