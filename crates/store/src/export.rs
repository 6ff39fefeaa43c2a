//! Export: the stored documents as `newsgraph/1` JSON lines, or as GDELT GKG 2.1 rows.
//! Documents are read one at a time, so a large store exports in constant memory.
//! `docs/export.md` documents the GKG columns.

use std::io::Write;

use newsgraph_doc::layers::{EntityType, TimexType};
use newsgraph_doc::{CharIndex, Doc, Span};

use crate::{Store, StoreError};

/// Export formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Jsonl,
    Gkg,
}

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot write: {0}")]
    Io(#[from] std::io::Error),
    #[error("document {0} in the store is not valid newsgraph/1: {1}")]
    Document(i64, String),
}

impl From<rusqlite::Error> for ExportError {
    fn from(e: rusqlite::Error) -> ExportError {
        ExportError::Store(StoreError::Sql(e))
    }
}

/// The 27 GKG 2.1 column names, in order.
pub const GKG_COLUMNS: [&str; 27] = [
    "GKGRECORDID",
    "V2.1DATE",
    "V2SOURCECOLLECTIONIDENTIFIER",
    "V2SOURCECOMMONNAME",
    "V2DOCUMENTIDENTIFIER",
    "V1COUNTS",
    "V2.1COUNTS",
    "V1THEMES",
    "V2ENHANCEDTHEMES",
    "V1LOCATIONS",
    "V2ENHANCEDLOCATIONS",
    "V1PERSONS",
    "V2ENHANCEDPERSONS",
    "V1ORGANIZATIONS",
    "V2ENHANCEDORGANIZATIONS",
    "V1.5TONE",
    "V2.1ENHANCEDDATES",
    "V2GCAM",
    "V2.1SHARINGIMAGE",
    "V2.1RELATEDIMAGES",
    "V2.1SOCIALIMAGEEMBEDS",
    "V2.1SOCIALVIDEOEMBEDS",
    "V2.1QUOTATIONS",
    "V2.1ALLNAMES",
    "V2.1AMOUNTS",
    "V2.1TRANSLATIONINFO",
    "V2EXTRASXML",
];

impl Store {
    /// Writes every stored document to `out` in `format`; returns how many.
    pub fn export(&self, format: ExportFormat, out: &mut dyn Write) -> Result<usize, ExportError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, doc FROM documents ORDER BY id")?;
        let mut rows = stmt.query([])?;
        let mut n = 0;
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let json: String = row.get(1)?;
            match format {
                ExportFormat::Jsonl => writeln!(out, "{json}")?,
                ExportFormat::Gkg => {
                    let doc = Doc::from_json(&json)
                        .map_err(|e| ExportError::Document(id, e.to_string()))?;
                    writeln!(out, "{}", gkg_row(id, &doc))?;
                }
            }
            n += 1;
        }
        Ok(n)
    }
}

/// GKG fields may not hold the delimiters of their own layout.
fn clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r' | ';' | '#' | '|' | ',') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// One GKG 2.1 row for a document.
pub fn gkg_row(id: i64, doc: &Doc) -> String {
    let text = doc.text();
    // GKG counts offsets in characters.
    let index = CharIndex::new(text);
    // `format(name, offset)` for every mention of `entities`, `;`-separated.
    let per_mention = |entities: &[&newsgraph_doc::layers::Entity],
                       format: &dyn Fn(&str, u32) -> String| {
        entities
            .iter()
            .flat_map(|e| {
                e.mentions
                    .iter()
                    .map(|m| format(&clean(&e.name), index.at(m.span.start)))
            })
            .collect::<Vec<_>>()
            .join(";")
    };
    let date = doc.publication_date.as_ref().map_or(String::new(), |d| {
        format!("{}000000", d.value.replace('-', ""))
    });
    let names = |kind: EntityType| -> (String, String) {
        let es: Vec<_> = doc.entities.iter().filter(|e| e.kind == kind).collect();
        let v1 = es
            .iter()
            .map(|e| clean(&e.name))
            .collect::<Vec<_>>()
            .join(";");
        let v2 = per_mention(&es, &|name, at| format!("{name},{at}"));
        (v1, v2)
    };
    let (persons, persons2) = names(EntityType::PER);
    let (orgs, orgs2) = names(EntityType::ORG);
    let places: Vec<_> = doc
        .entities
        .iter()
        .filter(|e| e.kind == EntityType::LOC)
        .collect();
    // Without a geocoder every place has GKG type 4 (a place below country level is the
    // conservative choice), and its codes and coordinates are left empty.
    let locations = places
        .iter()
        .map(|e| format!("4#{}#####", clean(&e.name)))
        .collect::<Vec<_>>()
        .join(";");
    let locations2 = per_mention(&places, &|name, at| format!("4#{name}######{at}"));
    let dates = doc
        .timexes
        .iter()
        .filter(|t| t.kind == TimexType::DATE)
        .filter_map(|t| {
            let parts: Vec<&str> = t.value.split('-').collect();
            let y = parts
                .first()
                .filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))?;
            let m = parts
                .get(1)
                .filter(|m| m.len() == 2 && m.bytes().all(|b| b.is_ascii_digit()));
            let d = parts
                .get(2)
                .filter(|d| d.len() == 2 && d.bytes().all(|b| b.is_ascii_digit()));
            let resolution = match (m, d) {
                (Some(_), Some(_)) => 1,
                (Some(_), None) => 2,
                _ => 3,
            };
            Some(format!(
                "{resolution}#{}#{}#{y}#{}",
                m.map_or("0".into(), |m| m.trim_start_matches('0').to_owned()),
                d.map_or("0".into(), |d| d.trim_start_matches('0').to_owned()),
                index.at(t.span.start)
            ))
        })
        .collect::<Vec<_>>()
        .join(";");
    let quotations = doc
        .quotes
        .iter()
        .filter(|q| q.parent.is_none())
        .map(|q| {
            let verb = q.cue.map_or(String::new(), |c: Span| clean(&text[c]));
            format!(
                "{}|{}|{}|{}",
                index.at(q.span.start),
                text[q.span].chars().count(),
                verb,
                clean(&text[q.span])
            )
        })
        .collect::<Vec<_>>()
        .join("#");
    let named: Vec<_> = doc
        .entities
        .iter()
        .filter(|e| e.kind != EntityType::NORP)
        .collect();
    let all_names = per_mention(&named, &|name, at| format!("{name},{at}"));
    let amounts = doc
        .amounts
        .iter()
        .map(|a| {
            format!(
                "{},{},{}",
                a.value,
                clean(a.unit.as_deref().unwrap_or("")),
                index.at(a.span.start)
            )
        })
        .collect::<Vec<_>>()
        .join(";");
    let identifier = doc
        .url
        .clone()
        .or_else(|| doc.name.clone())
        .unwrap_or_default();
    // GKG's source common name is the publisher's domain: the URL's host, when there is one.
    let source_name = doc
        .url
        .as_deref()
        .and_then(|u| u.split_once("://"))
        .map(|(_, rest)| clean(rest.split('/').next().unwrap_or("")))
        .unwrap_or_default();
    let translation = match doc.language.as_deref() {
        Some("en") | None => String::new(),
        Some(l) => format!("srclc:{l};eng:newsgraph"),
    };
    let fields: [String; 27] = [
        format!("{date}-{id}"),
        date,
        "1".into(),
        source_name,
        clean(&identifier),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        locations,
        locations2,
        persons,
        persons2,
        orgs,
        orgs2,
        String::new(),
        dates,
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        quotations,
        all_names,
        amounts,
        translation,
        String::new(),
    ];
    fields.join("\t")
}
