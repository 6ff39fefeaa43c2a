//! The schema, version by version. `docs/store.md` describes it table by table.

/// The schema version this build writes and reads.
pub const VERSION: i64 = 2;

/// Migrations: `MIGRATIONS[k]` takes a store from version `k` to `k + 1`.
pub const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE documents (
    id        INTEGER PRIMARY KEY,
    hash      TEXT NOT NULL UNIQUE,
    name      TEXT,
    url       TEXT,
    title     TEXT,
    published TEXT,
    inferred  INTEGER NOT NULL DEFAULT 0,
    language  TEXT,
    text      TEXT NOT NULL,
    doc       TEXT NOT NULL
);
CREATE TABLE entities (
    id    INTEGER PRIMARY KEY,
    type  TEXT NOT NULL,
    name  TEXT NOT NULL,
    media INTEGER NOT NULL DEFAULT 0,
    UNIQUE (type, name)
);
CREATE TABLE aliases (
    entity INTEGER NOT NULL REFERENCES entities(id),
    alias  TEXT NOT NULL,
    UNIQUE (entity, alias)
);
CREATE TABLE mentions (
    document INTEGER NOT NULL REFERENCES documents(id),
    entity   INTEGER NOT NULL REFERENCES entities(id),
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    role     TEXT
);
CREATE INDEX mentions_entity ON mentions(entity);
CREATE TABLE quotes (
    id        INTEGER PRIMARY KEY,
    document  INTEGER NOT NULL REFERENCES documents(id),
    start     INTEGER NOT NULL,
    end       INTEGER NOT NULL,
    kind      TEXT NOT NULL,
    lang      TEXT,
    speaker   INTEGER REFERENCES entities(id),
    speaker_name TEXT,
    date      TEXT,
    text      TEXT NOT NULL
);
CREATE INDEX quotes_speaker ON quotes(speaker);
CREATE INDEX quotes_date ON quotes(date);
CREATE TABLE timexes (
    document INTEGER NOT NULL REFERENCES documents(id),
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    type     TEXT NOT NULL,
    value    TEXT NOT NULL,
    mod      TEXT
);
CREATE TABLE sources (
    document INTEGER NOT NULL REFERENCES documents(id),
    name     TEXT NOT NULL,
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    entity   INTEGER REFERENCES entities(id)
);
CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='documents', content_rowid='id');
CREATE VIRTUAL TABLE quotes_fts USING fts5(text, speaker_name, content='quotes', content_rowid='id');
"#,
    r#"
CREATE TABLE events (
    id       INTEGER PRIMARY KEY,
    document INTEGER NOT NULL REFERENCES documents(id),
    start    INTEGER NOT NULL,
    end      INTEGER NOT NULL,
    code     TEXT NOT NULL,
    plover   TEXT,
    actor1   TEXT,
    actor1_entity INTEGER REFERENCES entities(id),
    actor2   TEXT,
    actor2_entity INTEGER REFERENCES entities(id),
    date     TEXT
);
CREATE INDEX events_document ON events(document);
CREATE INDEX events_date ON events(date);
"#,
];
