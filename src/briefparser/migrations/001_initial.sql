-- Letters (one row per distinct text) and their extracted records.
CREATE TABLE letters (
    id       INTEGER PRIMARY KEY,
    sha256   TEXT NOT NULL UNIQUE,
    source   TEXT,
    version  INTEGER NOT NULL DEFAULT 1,
    date     TEXT,
    dossier  TEXT,
    number   TEXT,
    title    TEXT,
    created  TEXT NOT NULL
);
CREATE INDEX letters_source ON letters (source);
CREATE INDEX letters_date ON letters (date);

CREATE TABLE records (
    letter_id INTEGER PRIMARY KEY REFERENCES letters (id) ON DELETE CASCADE,
    record    TEXT NOT NULL
);
