//! The publication date: given by the caller (or the page's metadata) wins; else the latest full
//! explicit date in the text, marked `inferred` with an info diagnostic saying so.

use newsgraph_doc::layers::PublicationDate;
use newsgraph_doc::{Diagnostic, Doc, Layer, Origin, Severity, Stage};

use crate::dates;

/// The publication-date stage.
#[derive(Debug, Default)]
pub struct PubDate;

const LATEST: Origin = Origin::new("pubdate", "latest-explicit-date");

impl Stage for PubDate {
    fn name(&self) -> &'static str {
        "pubdate"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Tokens]
    }
    fn produces(&self) -> &'static [Layer] {
        &[Layer::PublicationDate]
    }
    fn run(&self, doc: &mut Doc) {
        if doc.publication_date.is_some() {
            return;
        }
        let latest = dates::find_dates(doc.text(), &doc.tokens)
            .into_iter()
            .max_by_key(|d| (d.year, d.month, d.day));
        let Some(date) = latest else {
            doc.diagnostics.push(Diagnostic::new(
                "publication-date-missing",
                Severity::Info,
                "no publication date was given and the text holds no full date; relative dates stay unresolved",
                None,
                LATEST,
            ));
            return;
        };
        doc.diagnostics.push(Diagnostic::new(
            "publication-date-inferred",
            Severity::Info,
            format!(
                "publication date {} inferred from the latest full date in the text; pass --date to set it",
                date.iso()
            ),
            Some(date.span),
            LATEST,
        ));
        doc.publication_date = Some(PublicationDate {
            value: date.iso(),
            inferred: true,
            span: Some(date.span),
            by: LATEST,
        });
    }
}

/// A publication date given by the caller (`--date`), after checking it is `YYYY-MM-DD`.
pub fn given(value: &str) -> Option<PublicationDate> {
    let parts: Vec<&str> = value.split('-').collect();
    let ok = parts.len() == 3
        && parts
            .iter()
            .zip([4, 2, 2])
            .all(|(p, n)| p.len() == n && p.bytes().all(|b| b.is_ascii_digit()));
    let (m, d): (u32, u32) = (parts.get(1)?.parse().ok()?, parts.get(2)?.parse().ok()?);
    (ok && (1..=12).contains(&m) && (1..=31).contains(&d)).then(|| PublicationDate {
        value: value.to_owned(),
        inferred: false,
        span: None,
        by: Origin::new("pubdate", "given"),
    })
}
