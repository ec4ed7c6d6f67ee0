-- Datasets: texts in order, each with its metadata row (a JSON array of strings aligned with
-- the dataset's metadata_columns) and the SHA-256 of its text, the vector cache's key.
CREATE TABLE datasets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    source TEXT NOT NULL,
    count INTEGER NOT NULL,
    metadata_columns TEXT NOT NULL,
    skipped_empty INTEGER NOT NULL DEFAULT 0,
    created_ms INTEGER NOT NULL
);

CREATE TABLE dataset_texts (
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    text TEXT NOT NULL,
    text_hash BLOB NOT NULL,
    metadata TEXT NOT NULL,
    PRIMARY KEY (dataset_id, position)
);

-- The vector cache. A key is (model, dimensions, normalize, input type) and the text's SHA-256;
-- the first four live once in embedding_keys. Vectors are little-endian f32.
CREATE TABLE embedding_keys (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    model_id TEXT NOT NULL,
    dimensions INTEGER NOT NULL,
    normalize INTEGER NOT NULL,
    input_type TEXT NOT NULL,
    UNIQUE (model_id, dimensions, normalize, input_type)
);

CREATE TABLE vectors (
    key_id INTEGER NOT NULL REFERENCES embedding_keys(id),
    text_hash BLOB NOT NULL,
    vector BLOB NOT NULL,
    tokens INTEGER,
    UNIQUE (key_id, text_hash)
);

-- An embedding of one dataset with one spec (a JSON EmbeddingSpec).
CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    dataset_id INTEGER NOT NULL REFERENCES datasets(id) ON DELETE CASCADE,
    spec TEXT NOT NULL,
    status TEXT NOT NULL,
    done INTEGER NOT NULL DEFAULT 0,
    total INTEGER NOT NULL,
    cached INTEGER NOT NULL DEFAULT 0,
    requests INTEGER NOT NULL DEFAULT 0,
    tokens INTEGER NOT NULL DEFAULT 0,
    cost_usd REAL NOT NULL DEFAULT 0,
    throttles INTEGER NOT NULL DEFAULT 0,
    error TEXT,
    created_ms INTEGER NOT NULL,
    updated_ms INTEGER NOT NULL
);
CREATE INDEX runs_by_dataset ON runs (dataset_id);

-- A projection of a run: coordinates (f32, `dimensions` per point) and cluster ids (i32).
CREATE TABLE layouts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    method TEXT NOT NULL,
    params TEXT NOT NULL,
    dimensions INTEGER NOT NULL,
    points INTEGER NOT NULL,
    coords BLOB NOT NULL,
    clusters BLOB NOT NULL,
    cluster_summaries TEXT NOT NULL,
    created_ms INTEGER NOT NULL
);
CREATE INDEX layouts_by_run ON layouts (run_id);
