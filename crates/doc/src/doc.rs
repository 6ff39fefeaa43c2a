//! The document: one immutable text and its named layers.

use std::collections::BTreeSet;

use crate::layers::{
    Amount, Debris, Entity, Event, PageSpan, Paragraph, Post, PublicationDate, Quote, Sentence,
    Source, Timex, Token,
};
use crate::{Diagnostic, Layer, Span};

/// A document: its text, which never changes once the `Doc` is made, plus layers that stages add.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    text: String,
    /// A name for the document (its file name, URL or record id).
    pub name: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    /// Bylines, as the page or feed gives them.
    pub authors: Vec<String>,
    /// ISO 639-1 code of the document's main language.
    pub language: Option<String>,
    pub publication_date: Option<PublicationDate>,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub timexes: Vec<Timex>,
    pub events: Vec<Event>,
    pub sources: Vec<Source>,
    pub amounts: Vec<Amount>,
    pub debris: Vec<Debris>,
    pub posts: Vec<Post>,
    pub diagnostics: Vec<Diagnostic>,
    /// For a document extracted from HTML: its text's runs and the page bytes they came from.
    pub source_map: Vec<PageSpan>,
    produced: BTreeSet<Layer>,
}

impl Doc {
    /// A document holding `text` and no layers yet.
    pub fn new(text: impl Into<String>) -> Doc {
        Doc {
            text: text.into(),
            ..Doc::default()
        }
    }

    /// The document's text. Every span of every layer indexes it.
    #[inline]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text under `span`.
    #[inline]
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span]
    }

    /// Whether a stage has produced `layer` (an empty layer may be produced: nothing was found).
    pub fn has(&self, layer: Layer) -> bool {
        self.produced.contains(&layer)
    }

    /// The layers produced so far, in [`Layer`] order.
    pub fn produced(&self) -> impl Iterator<Item = Layer> + '_ {
        self.produced.iter().copied()
    }

    /// Records that `layer` has been produced; called by the pipeline after each stage.
    pub fn mark_produced(&mut self, layer: Layer) {
        self.produced.insert(layer);
    }

    /// Whether `span` lies inside a piece of debris (binary search: debris is sorted and
    /// disjoint).
    pub fn in_debris(&self, span: Span) -> bool {
        self.debris_overlapping(span)
            .iter()
            .any(|d| d.span.contains(span))
    }

    /// The tokens inside `span`, found by binary search.
    pub fn tokens_in(&self, span: Span) -> &[Token] {
        let first = self.tokens.partition_point(|t| t.span.start < span.start);
        let last = first + self.tokens[first..].partition_point(|t| t.span.end <= span.end);
        &self.tokens[first..last]
    }

    /// The index of the paragraph holding `span`, found by binary search.
    pub fn paragraph_of(&self, span: Span) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.span.end < span.end);
        self.paragraphs
            .get(i)
            .filter(|p| p.span.contains(span))
            .map(|_| i)
    }

    /// The debris that overlaps `span`, found by binary search.
    pub fn debris_overlapping(&self, span: Span) -> &[Debris] {
        let first = self.debris.partition_point(|d| d.span.end <= span.start);
        let last = first + self.debris[first..].partition_point(|d| d.span.start < span.end);
        &self.debris[first..last]
    }

    /// Every violated layer invariant, as readable messages; empty when the document is sound.
    ///
    /// Checked: all spans index the text; paragraphs, sentences, tokens and debris are sorted
    /// and do not overlap; sentences lie in paragraphs and tokens in sentences; quotes never
    /// cross and lie inside their parent; ids equal positions.
    pub fn validate(&self) -> Vec<String> {
        let mut errors = Vec::new();
        let text = self.text();
        let mut check = |what: &str, span: Span| {
            if !span.is_valid_in(text) {
                errors.push(format!("{what} {span:?} does not index the text"));
            }
        };
        self.paragraphs
            .iter()
            .for_each(|p| check("paragraph", p.span));
        self.sentences
            .iter()
            .for_each(|s| check("sentence", s.span));
        self.tokens.iter().for_each(|t| check("token", t.span));
        self.debris.iter().for_each(|d| check("debris", d.span));
        for p in &self.posts {
            check("post", p.span);
            check("post text", p.text);
        }
        for q in &self.quotes {
            check("quote", q.span);
            q.cue.into_iter().for_each(|c| check("quote cue", c));
        }
        self.timexes.iter().for_each(|t| check("timex", t.span));
        for e in &self.entities {
            e.mentions.iter().for_each(|m| check("mention", m.span));
        }
        self.sources.iter().for_each(|s| check("source", s.span));
        self.amounts.iter().for_each(|a| check("amount", a.span));
        self.diagnostics
            .iter()
            .filter_map(|d| d.span)
            .for_each(|s| check("diagnostic", s));
        if let Some(span) = self.publication_date.as_ref().and_then(|p| p.span) {
            check("publication date", span);
        }
        self.source_map
            .iter()
            .for_each(|m| check("source map run", m.span));
        if !errors.is_empty() {
            return errors;
        }
        sorted_disjoint(
            "paragraphs",
            self.paragraphs.iter().map(|p| p.span),
            &mut errors,
        );
        sorted_disjoint(
            "sentences",
            self.sentences.iter().map(|s| s.span),
            &mut errors,
        );
        sorted_disjoint("tokens", self.tokens.iter().map(|t| t.span), &mut errors);
        sorted_disjoint("debris", self.debris.iter().map(|d| d.span), &mut errors);
        nested_in(
            "sentence",
            &self.sentences.iter().map(|s| s.span).collect::<Vec<_>>(),
            "paragraph",
            &self.paragraphs.iter().map(|p| p.span).collect::<Vec<_>>(),
            &mut errors,
        );
        nested_in(
            "token",
            &self.tokens.iter().map(|t| t.span).collect::<Vec<_>>(),
            "sentence",
            &self.sentences.iter().map(|s| s.span).collect::<Vec<_>>(),
            &mut errors,
        );
        for (i, q) in self.quotes.iter().enumerate() {
            if q.id.index() != i {
                errors.push(format!("quote at {i} has id {}", q.id));
            }
            if let Some(parent) = q.parent.and_then(|p| self.quotes.get(p.index())) {
                if !parent.span.contains(q.span) {
                    errors.push(format!(
                        "quote {} lies outside its parent {}",
                        q.id, parent.id
                    ));
                }
            }
            for r in &self.quotes[i + 1..] {
                if q.span.overlaps(r.span) && !q.span.contains(r.span) && !r.span.contains(q.span) {
                    errors.push(format!("quotes {} and {} cross", q.id, r.id));
                }
            }
        }
        for (i, e) in self.entities.iter().enumerate() {
            if e.id.index() != i {
                errors.push(format!("entity at {i} has id {}", e.id));
            }
        }
        errors
    }
}

fn sorted_disjoint(what: &str, spans: impl Iterator<Item = Span>, errors: &mut Vec<String>) {
    let mut prev: Option<Span> = None;
    for span in spans {
        if let Some(p) = prev {
            if span.start < p.end {
                errors.push(format!("{what}: {span:?} starts before {p:?} ends"));
            }
        }
        prev = Some(span);
    }
}

/// Checks that every inner span lies inside one outer span; both lists sorted.
fn nested_in(inner: &str, inners: &[Span], outer: &str, outers: &[Span], errors: &mut Vec<String>) {
    let mut j = 0;
    for &span in inners {
        while j < outers.len() && outers[j].end < span.end {
            j += 1;
        }
        if !outers.get(j).is_some_and(|o| o.contains(span)) {
            errors.push(format!("{inner} {span:?} lies in no {outer}"));
        }
    }
}
