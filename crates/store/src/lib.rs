//! The embedded store: one SQLite file (bundled SQLite, FTS5) holding analysed documents,
//! entities merged across articles, mentions, quotes, timexes and sources, with full-text search
//! over article and quote text. Schema in [`schema`], documented in `docs/store.md`.
//!
//! Writing is idempotent: a document is keyed by the hash of its text and URL, and a batch is
//! one transaction, so an interrupted ingest resumes with no duplicate and nothing lost.

pub mod schema;

use std::path::Path;

use newsgraph_doc::layers::{EntityType, QuoteKind, TimexType};
use newsgraph_doc::{Doc, WireOptions};
use rusqlite::{params, Connection, OptionalExtension};

/// Why the store failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("the store has schema version {found}, newer than this build's {supported}")]
    TooNew { found: i64, supported: i64 },
}

/// An open store.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
}

/// A stable key for a document: FNV-1a 64 of its URL and text, in hex.
pub fn content_hash(url: Option<&str>, text: &str) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in url.unwrap_or("").bytes().chain([0u8]).chain(text.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

fn type_name(t: EntityType) -> &'static str {
    match t {
        EntityType::PER => "PER",
        EntityType::ORG => "ORG",
        EntityType::LOC => "LOC",
        _ => "NORP",
    }
}

fn kind_name(k: QuoteKind) -> &'static str {
    match k {
        QuoteKind::Direct => "direct",
        QuoteKind::Partial => "partial",
        QuoteKind::Nested => "nested",
        QuoteKind::Reported => "reported",
        QuoteKind::Stance => "stance",
        _ => "scare",
    }
}

fn timex_name(t: TimexType) -> &'static str {
    match t {
        TimexType::TIME => "TIME",
        TimexType::DURATION => "DURATION",
        TimexType::SET => "SET",
        _ => "DATE",
    }
}

impl Store {
    /// Opens (creating or migrating) the store at `path`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > schema::VERSION {
            return Err(StoreError::TooNew {
                found: version,
                supported: schema::VERSION,
            });
        }
        for (k, sql) in schema::MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = conn.unchecked_transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", k as i64 + 1)?;
            tx.commit()?;
        }
        Ok(Store { conn })
    }

    /// Whether a document with this hash is stored.
    pub fn contains(&self, hash: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT 1 FROM documents WHERE hash = ?1",
                [hash],
                |_| Ok(()),
            )
            .optional()?
            .is_some())
    }

    /// The number of stored documents.
    pub fn count(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM documents", [], |r| r.get(0))?)
    }

    /// Stores `docs` in one transaction, skipping those already stored; returns how many were new.
    pub fn insert_batch(&mut self, docs: &[Doc]) -> Result<usize, StoreError> {
        let tx = self.conn.transaction()?;
        let mut added = 0;
        let mut json = Vec::new();
        for doc in docs {
            let hash = content_hash(doc.url.as_deref(), doc.text());
            let exists = tx
                .prepare_cached("SELECT 1 FROM documents WHERE hash = ?1")?
                .query_row([&hash], |_| Ok(()))
                .optional()?;
            if exists.is_some() {
                continue;
            }
            json.clear();
            doc.write_json(&mut json, WireOptions::default(), false)
                .expect("documents always serialize to memory");
            let json = std::str::from_utf8(&json).expect("serde_json writes UTF-8");
            let date = doc.publication_date.as_ref();
            tx.prepare_cached(
                "INSERT INTO documents (hash, name, url, title, published, inferred, language, text, doc)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(
                params![
                    hash,
                    doc.name,
                    doc.url,
                    doc.title,
                    date.map(|d| d.value.as_str()),
                    date.is_some_and(|d| d.inferred),
                    doc.language,
                    doc.text(),
                    json
                ],
            )?;
            let id = tx.last_insert_rowid();
            tx.prepare_cached(
                "INSERT INTO documents_fts (rowid, title, text) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![id, doc.title, doc.text()])?;
            // Entities merge across articles on (type, name).
            let mut ids = Vec::with_capacity(doc.entities.len());
            for e in &doc.entities {
                let eid: i64 = tx
                    .prepare_cached(
                        "INSERT INTO entities (type, name, media) VALUES (?1, ?2, ?3)
                         ON CONFLICT (type, name) DO UPDATE SET media = media OR excluded.media
                         RETURNING id",
                    )?
                    .query_row(params![type_name(e.kind), e.name, e.media], |r| r.get(0))?;
                for a in &e.aliases {
                    tx.prepare_cached(
                        "INSERT OR IGNORE INTO aliases (entity, alias) VALUES (?1, ?2)",
                    )?
                    .execute(params![eid, a])?;
                }
                for m in &e.mentions {
                    tx.prepare_cached(
                        "INSERT INTO mentions (document, entity, start, end, role) VALUES (?1, ?2, ?3, ?4, ?5)",
                    )?
                    .execute(
                        params![id, eid, m.span.start, m.span.end, m.role],
                    )?;
                }
                ids.push(eid);
            }
            for q in &doc.quotes {
                let speaker = q.speaker.as_ref();
                let entity = speaker.and_then(|s| s.entity).map(|e| ids[e.index()]);
                tx.prepare_cached(
                    "INSERT INTO quotes (document, start, end, kind, lang, speaker, speaker_name, date, text)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )?
                .execute(
                    params![
                        id,
                        q.span.start,
                        q.span.end,
                        kind_name(q.kind),
                        q.lang,
                        entity,
                        speaker.map(|s| s.name.as_str()),
                        q.date,
                        doc.slice(q.span)
                    ],
                )?;
                let qid = tx.last_insert_rowid();
                tx.prepare_cached(
                    "INSERT INTO quotes_fts (rowid, text, speaker_name) VALUES (?1, ?2, ?3)",
                )?
                .execute(params![
                    qid,
                    doc.slice(q.span),
                    speaker.map(|s| s.name.as_str())
                ])?;
            }
            for t in &doc.timexes {
                tx.prepare_cached(
                    "INSERT INTO timexes (document, start, end, type, value, mod) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?
                .execute(
                    params![id, t.span.start, t.span.end, timex_name(t.kind), t.value, t.modifier],
                )?;
            }
            for s in &doc.sources {
                let entity = s.entity.map(|e| ids[e.index()]);
                tx.prepare_cached(
                    "INSERT INTO sources (document, name, start, end, entity) VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(
                    params![id, s.name, s.span.start, s.span.end, entity],
                )?;
            }
            for e in &doc.events {
                let actor = |a: Option<&newsgraph_doc::layers::Actor>| {
                    (
                        a.map(|a| a.name.clone()),
                        a.and_then(|a| a.entity).map(|id| ids[id.index()]),
                    )
                };
                let (a1, a1_entity) = actor(e.actor1.as_ref());
                let (a2, a2_entity) = actor(e.actor2.as_ref());
                tx.prepare_cached(
                    "INSERT INTO events (document, start, end, code, plover, actor1, actor1_entity, actor2, actor2_entity, date)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                )?
                .execute(params![
                    id,
                    e.trigger.start,
                    e.trigger.end,
                    e.code,
                    e.plover,
                    a1,
                    a1_entity,
                    a2,
                    a2_entity,
                    e.date
                ])?;
            }
            added += 1;
        }
        tx.commit()?;
        Ok(added)
    }

    /// The connection, for queries.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

pub mod export;
pub mod query;

/// Benchmark support: grows a store by copying its documents and quotes `times` over (each copy
/// with its own hash), then rebuilds the full-text indexes, so search can be timed on a large
/// store without analysing as many articles. Never used on a user's store by the commands.
pub fn replicate_for_benchmark(store: &mut Store, times: usize) -> Result<i64, StoreError> {
    let tx = store.conn.transaction()?;
    let base: i64 = tx
        .query_row("SELECT max(id) FROM documents", [], |r| {
            r.get::<_, Option<i64>>(0)
        })?
        .unwrap_or(0);
    for k in 1..=times as i64 {
        tx.execute(
            "INSERT INTO documents (id, hash, name, url, title, published, inferred, language, text, doc)
             SELECT id + ?1, hash || '-' || ?2, name, url, title, published, inferred, language, text, doc
             FROM documents WHERE id <= ?3",
            rusqlite::params![k * base, k, base],
        )?;
        tx.execute(
            "INSERT INTO quotes (document, start, end, kind, lang, speaker, speaker_name, date, text)
             SELECT document + ?1, start, end, kind, lang, speaker, speaker_name, date, text
             FROM quotes WHERE document <= ?2",
            rusqlite::params![k * base, base],
        )?;
        tx.execute(
            "INSERT INTO sources (document, name, start, end, entity)
             SELECT document + ?1, name, start, end, entity FROM sources WHERE document <= ?2",
            rusqlite::params![k * base, base],
        )?;
    }
    tx.execute(
        "INSERT INTO documents_fts(documents_fts) VALUES ('rebuild')",
        [],
    )?;
    tx.execute("INSERT INTO quotes_fts(quotes_fts) VALUES ('rebuild')", [])?;
    tx.commit()?;
    store.count()
}
