//! The JSON wire format, `newsgraph/1`.
//!
//! Documented field by field in `docs/json-format.md`; this module is the one place it is
//! produced and read. A change that removes or renames a field bumps [`FORMAT`]; new optional
//! fields do not.

use serde::{Deserialize, Serialize};

use crate::layers::{
    Amount, Debris, Entity, Event, PageSpan, Paragraph, Post, PublicationDate, Quote, Sentence,
    Source, Timex, Token,
};
use crate::{Diagnostic, Doc, Layer};

/// The format name and version written in every document's `format` field.
pub const FORMAT: &str = "newsgraph/1";

/// What to write besides the default layers.
#[derive(Clone, Copy, Debug, Default)]
pub struct WireOptions {
    /// Write the token layer (large: one object per token).
    pub tokens: bool,
}

#[derive(Serialize)]
struct WireOut<'a> {
    format: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    authors: &'a [String],
    text: &'a str,
    language: Option<&'a str>,
    publication_date: Option<&'a PublicationDate>,
    layers: Vec<&'static str>,
    paragraphs: &'a [Paragraph],
    sentences: &'a [Sentence],
    #[serde(skip_serializing_if = "Option::is_none")]
    tokens: Option<&'a [Token]>,
    entities: &'a [Entity],
    quotes: &'a [Quote],
    timexes: &'a [Timex],
    events: &'a [Event],
    sources: &'a [Source],
    amounts: &'a [Amount],
    debris: &'a [Debris],
    posts: &'a [Post],
    diagnostics: &'a [Diagnostic],
    #[serde(skip_serializing_if = "<[PageSpan]>::is_empty")]
    source_map: &'a [PageSpan],
}

#[derive(Deserialize)]
struct WireIn {
    format: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
    text: String,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    publication_date: Option<PublicationDate>,
    #[serde(default)]
    layers: Vec<String>,
    #[serde(default)]
    paragraphs: Vec<Paragraph>,
    #[serde(default)]
    sentences: Vec<Sentence>,
    #[serde(default)]
    tokens: Vec<Token>,
    #[serde(default)]
    entities: Vec<Entity>,
    #[serde(default)]
    quotes: Vec<Quote>,
    #[serde(default)]
    timexes: Vec<Timex>,
    #[serde(default)]
    events: Vec<Event>,
    #[serde(default)]
    sources: Vec<Source>,
    #[serde(default)]
    amounts: Vec<Amount>,
    #[serde(default)]
    debris: Vec<Debris>,
    #[serde(default)]
    posts: Vec<Post>,
    #[serde(default)]
    diagnostics: Vec<Diagnostic>,
    #[serde(default)]
    source_map: Vec<PageSpan>,
}

/// Why a `newsgraph/1` document could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WireError {
    #[error("not a newsgraph document: {0}")]
    Json(#[from] serde_json::Error),
    #[error("unsupported format {0:?} (this build reads {FORMAT})")]
    Format(String),
    #[error("the document breaks its invariants: {0}")]
    Invariant(String),
}

impl Doc {
    /// The document as a `newsgraph/1` JSON value.
    pub fn to_json(&self, options: WireOptions) -> serde_json::Value {
        serde_json::to_value(self.wire(options)).expect("documents always serialize")
    }

    /// Writes the document as `newsgraph/1` JSON straight to `writer` (no intermediate value,
    /// so memory stays proportional to the document), indented when `pretty`.
    pub fn write_json<W: std::io::Write>(
        &self,
        writer: W,
        options: WireOptions,
        pretty: bool,
    ) -> serde_json::Result<()> {
        if pretty {
            serde_json::to_writer_pretty(writer, &self.wire(options))
        } else {
            serde_json::to_writer(writer, &self.wire(options))
        }
    }

    fn wire(&self, options: WireOptions) -> WireOut<'_> {
        WireOut {
            format: FORMAT,
            name: self.name.as_deref(),
            url: self.url.as_deref(),
            title: self.title.as_deref(),
            authors: &self.authors,
            text: self.text(),
            language: self.language.as_deref(),
            publication_date: self.publication_date.as_ref(),
            layers: self.produced().map(Layer::name).collect(),
            paragraphs: &self.paragraphs,
            sentences: &self.sentences,
            tokens: options.tokens.then_some(&self.tokens[..]),
            entities: &self.entities,
            quotes: &self.quotes,
            timexes: &self.timexes,
            events: &self.events,
            sources: &self.sources,
            amounts: &self.amounts,
            debris: &self.debris,
            posts: &self.posts,
            diagnostics: &self.diagnostics,
            source_map: &self.source_map,
        }
    }

    /// Reads a `newsgraph/1` JSON document back, checking its format and invariants.
    pub fn from_json(json: &str) -> Result<Doc, WireError> {
        let w: WireIn = serde_json::from_str(json)?;
        if w.format != FORMAT {
            return Err(WireError::Format(w.format));
        }
        let mut doc = Doc::new(w.text);
        doc.name = w.name;
        doc.url = w.url;
        doc.title = w.title;
        doc.authors = w.authors;
        doc.language = w.language;
        doc.publication_date = w.publication_date;
        doc.paragraphs = w.paragraphs;
        doc.sentences = w.sentences;
        doc.tokens = w.tokens;
        doc.entities = w.entities;
        doc.quotes = w.quotes;
        doc.timexes = w.timexes;
        doc.events = w.events;
        doc.sources = w.sources;
        doc.amounts = w.amounts;
        doc.debris = w.debris;
        doc.posts = w.posts;
        doc.diagnostics = w.diagnostics;
        doc.source_map = w.source_map;
        for name in &w.layers {
            if let Some(&layer) = Layer::ALL.iter().find(|l| l.name() == name) {
                doc.mark_produced(layer);
            }
        }
        let errors = doc.validate();
        if let Some(first) = errors.into_iter().next() {
            return Err(WireError::Invariant(first));
        }
        Ok(doc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layers::{Debris, DebrisKind};
    use crate::{Origin, Span};

    #[test]
    fn round_trip_keeps_layers_and_spans() {
        let mut doc = Doc::new("Loading… Hello.");
        doc.debris.push(Debris {
            span: Span::new(0, 10),
            kind: DebrisKind::Placeholder,
            by: Origin::new("debris", "placeholder"),
        });
        doc.mark_produced(Layer::Debris);
        let json = doc.to_json(WireOptions::default());
        assert_eq!(json["format"], FORMAT);
        assert_eq!(json["debris"][0]["start"], 0);
        assert_eq!(json["debris"][0]["end"], 10);
        assert_eq!(json["debris"][0]["kind"], "placeholder");
        assert_eq!(json["debris"][0]["by"], "debris/placeholder");
        let back = Doc::from_json(&json.to_string()).unwrap();
        assert_eq!(back.debris, doc.debris);
        assert!(back.has(Layer::Debris));
    }

    #[test]
    fn spans_off_char_boundaries_are_refused() {
        let json = r#"{"format":"newsgraph/1","text":"é","debris":[{"start":0,"end":1,"kind":"placeholder","by":"x/y"}]}"#;
        assert!(matches!(Doc::from_json(json), Err(WireError::Invariant(_))));
    }

    #[test]
    fn other_formats_are_refused() {
        let json = r#"{"format":"newsgraph/9","text":""}"#;
        assert!(matches!(Doc::from_json(json), Err(WireError::Format(_))));
    }
}
