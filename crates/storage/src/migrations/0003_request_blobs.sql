-- A run's request is stored once: its long base64 strings (attachments) as blobs, once per
-- content, and the rest as the difference from the request of the run it builds on.

CREATE TABLE blobs (
    id          INTEGER PRIMARY KEY,
    sha256      BLOB NOT NULL UNIQUE CHECK (length(sha256) = 32),
    -- Sniffed from the bytes (image/png, application/pdf, ...); NULL when unknown.
    media_type  TEXT,
    size_bytes  INTEGER NOT NULL,
    bytes       BLOB NOT NULL
);

-- Where a blob's base64 goes back: at byte `at` of the run's rebuilt request skeleton.
CREATE TABLE request_blobs (
    run_seq  INTEGER NOT NULL REFERENCES runs (seq) ON DELETE CASCADE,
    at       INTEGER NOT NULL,
    blob_id  INTEGER NOT NULL REFERENCES blobs (id),
    PRIMARY KEY (run_seq, at)
) WITHOUT ROWID;

CREATE INDEX request_blobs_by_blob ON request_blobs (blob_id);

-- A blob lives as long as some run's request uses it (deleted runs included, by cascade).
CREATE TRIGGER request_blobs_release AFTER DELETE ON request_blobs
WHEN NOT EXISTS (SELECT 1 FROM request_blobs WHERE blob_id = old.blob_id) BEGIN
    DELETE FROM blobs WHERE id = old.blob_id;
END;

-- With a base, `request_json` holds only the middle of the skeleton: the base's first
-- `request_prefix` and last `request_suffix` bytes surround it. Rows from before keep their
-- whole request in `request_json` and no base.
ALTER TABLE runs ADD COLUMN request_base_id TEXT REFERENCES runs (id);
ALTER TABLE runs ADD COLUMN request_prefix INTEGER NOT NULL DEFAULT 0;
ALTER TABLE runs ADD COLUMN request_suffix INTEGER NOT NULL DEFAULT 0;
-- How many bases lead to a whole request; bounded so reading one stays cheap.
ALTER TABLE runs ADD COLUMN request_depth INTEGER NOT NULL DEFAULT 0;

CREATE INDEX runs_by_request_base ON runs (request_base_id) WHERE request_base_id IS NOT NULL;

-- Newest first with ties broken by rowid, read backwards: history pages without sorting.
CREATE INDEX conversations_by_recency ON conversations (updated_at);
