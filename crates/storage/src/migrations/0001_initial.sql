-- Conversations and their runs: one run is one request to a model and its answer.
CREATE TABLE conversations (
    id          TEXT PRIMARY KEY NOT NULL,
    title       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE INDEX conversations_by_update ON conversations (updated_at DESC);

-- `seq` keeps insertion order and is the stable rowid the search index refers to.
CREATE TABLE runs (
    seq                INTEGER PRIMARY KEY,
    id                 TEXT NOT NULL UNIQUE,
    conversation_id    TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
    parent_run_id      TEXT REFERENCES runs (id) ON DELETE SET NULL,
    created_at         TEXT NOT NULL,
    finished_at        TEXT,
    profile_id         TEXT NOT NULL,
    profile_name       TEXT NOT NULL,
    region             TEXT NOT NULL,
    model_id           TEXT NOT NULL,
    request_json       TEXT NOT NULL,
    user_text          TEXT NOT NULL,
    answer_text        TEXT NOT NULL DEFAULT '',
    reasoning_text     TEXT NOT NULL DEFAULT '',
    status             TEXT NOT NULL
        CHECK (status IN ('streaming', 'done', 'stopped', 'failed', 'interrupted')),
    stop_reason        TEXT,
    error_json         TEXT,
    input_tokens       INTEGER,
    output_tokens      INTEGER,
    ttft_ms            INTEGER,
    latency_ms         INTEGER,
    tokens_per_second  REAL
);

CREATE INDEX runs_by_conversation ON runs (conversation_id, seq);
CREATE INDEX runs_by_parent ON runs (parent_run_id);
CREATE INDEX runs_streaming ON runs (status) WHERE status = 'streaming';

-- Full-text search over what was asked and answered. Contentless, so a row is removed by rowid
-- alone. A streaming answer is indexed once it ends, not on every appended delta.
CREATE VIRTUAL TABLE runs_search USING fts5 (
    user_text,
    answer_text,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER runs_search_insert AFTER INSERT ON runs BEGIN
    INSERT INTO runs_search (rowid, user_text, answer_text)
    VALUES (new.seq, new.user_text, CASE new.status WHEN 'streaming' THEN '' ELSE new.answer_text END);
END;

CREATE TRIGGER runs_search_update AFTER UPDATE OF user_text, answer_text, status ON runs
WHEN old.status <> new.status OR new.status <> 'streaming' BEGIN
    DELETE FROM runs_search WHERE rowid = old.seq;
    INSERT INTO runs_search (rowid, user_text, answer_text)
    VALUES (new.seq, new.user_text, CASE new.status WHEN 'streaming' THEN '' ELSE new.answer_text END);
END;

CREATE TRIGGER runs_search_delete AFTER DELETE ON runs BEGIN
    DELETE FROM runs_search WHERE rowid = old.seq;
END;

-- Saved prompts and their versions 1, 2, ...
CREATE TABLE prompts (
    id          TEXT PRIMARY KEY NOT NULL,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE prompt_versions (
    prompt_id      TEXT NOT NULL REFERENCES prompts (id) ON DELETE CASCADE,
    version        INTEGER NOT NULL CHECK (version >= 1),
    created_at     TEXT NOT NULL,
    system_prompt  TEXT NOT NULL,
    messages_json  TEXT NOT NULL,
    params_json    TEXT NOT NULL,
    model_id       TEXT,
    note           TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (prompt_id, version)
) WITHOUT ROWID;
