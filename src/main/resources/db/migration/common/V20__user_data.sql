-- Per-user data: profiles, account data, push rule changes, filters. Shared by SQLite and PostgreSQL.

-- One row per profile field; value is the field's JSON. search_text is the lower-cased value of
-- string fields, so the user directory matches display names case-insensitively in both
-- databases (SQLite's LOWER() folds ASCII only).
CREATE TABLE profile_fields (
    user_id     TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    field       TEXT NOT NULL,
    value       TEXT NOT NULL,
    search_text TEXT,
    PRIMARY KEY (user_id, field)
);
CREATE INDEX profile_fields_by_field ON profile_fields (field, search_text);

-- The per-user account data stream: every account data write (and every push rule change,
-- delivered to clients as m.push_rules account data) takes the next position, so /sync can ask
-- for what changed after the position it last saw. Positions are handed out under this row's
-- lock, so they commit in order.
CREATE TABLE account_data_positions (
    user_id  TEXT   PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
    position BIGINT NOT NULL
);

-- room_id is '' for global account data (a NULL could not be part of the key).
CREATE TABLE account_data (
    user_id    TEXT   NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    room_id    TEXT   NOT NULL,
    data_type  TEXT   NOT NULL,
    content    TEXT   NOT NULL,
    stream_pos BIGINT NOT NULL,
    PRIMARY KEY (user_id, room_id, data_type)
);
CREATE INDEX account_data_by_position ON account_data (user_id, stream_pos);

-- Only the user's changes to push rules are stored; server-default rules come from a resource
-- file and are merged on read, so the defaults can change between releases.
-- User-defined rules; position orders the rules of one kind, 0 being the most important.
CREATE TABLE push_rules (
    user_id    TEXT    NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    kind       TEXT    NOT NULL,
    rule_id    TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    conditions TEXT,
    pattern    TEXT,
    actions    TEXT    NOT NULL,
    enabled    BOOLEAN NOT NULL,
    PRIMARY KEY (user_id, kind, rule_id)
);

-- The user's enabled/actions changes to server-default rules; NULL keeps the default.
CREATE TABLE push_rule_overrides (
    user_id TEXT NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    kind    TEXT NOT NULL,
    rule_id TEXT NOT NULL,
    enabled BOOLEAN,
    actions TEXT,
    PRIMARY KEY (user_id, kind, rule_id)
);

-- The account data stream position of the user's last push rule change.
CREATE TABLE push_rules_positions (
    user_id    TEXT   PRIMARY KEY REFERENCES users (user_id) ON DELETE CASCADE,
    stream_pos BIGINT NOT NULL
);

-- filter_id counts up per user; definition is the filter's canonical JSON, so uploading the same
-- filter again (clients do, at every start) returns the existing ID.
CREATE TABLE filters (
    user_id    TEXT   NOT NULL REFERENCES users (user_id) ON DELETE CASCADE,
    filter_id  BIGINT NOT NULL,
    definition TEXT   NOT NULL,
    PRIMARY KEY (user_id, filter_id)
);
