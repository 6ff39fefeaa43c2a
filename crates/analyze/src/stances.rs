//! Stances: what a source believes, wants, supports, criticises or finds, said without a verb
//! of speech ("Clinton thinks the plan will fail", "Trump criticized the deal", "the poll found
//! a tight race"). Each becomes a quote of kind `stance` whose span is the clause or object after
//! the verb, with the verb as cue and the subject before it as speaker where one is found.
//!
//! Attribution corpora such as PolNeAR count these as attributions, next to quotes and reported
//! speech, but they are no one's words: the stage is opt-in ([`crate::analyze_with`] with
//! [`crate::Attributions::All`], `newsgraph analyze --attributions all`).

use std::collections::HashSet;
use std::sync::OnceLock;

use newsgraph_doc::layers::{Quote, QuoteKind, Token, TokenKind, Upos};
use newsgraph_doc::{Doc, Layer, Origin, QuoteId, Span, Stage};

use crate::attribution::{furthest_ends, speaker_at, PronounScope};

/// The English stance file.
pub const STANCES: &str = include_str!("../rules/quotes/stances.txt");

/// The stance lexicon: verb forms, and examples with the content each gives.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub verbs: HashSet<String>,
    /// `(text, expected content or "-")`.
    pub examples: Vec<(String, String)>,
}

impl Lexicon {
    pub fn parse(source: &str) -> Lexicon {
        let mut lexicon = Lexicon::default();
        for line in source.lines().map(str::trim) {
            match line.split_once(' ') {
                Some(("stance", words)) => lexicon
                    .verbs
                    .extend(words.split_whitespace().map(str::to_owned)),
                Some(("ex", rest)) => {
                    if let Some((text, content)) = rest.rsplit_once("=>") {
                        lexicon
                            .examples
                            .push((text.trim().replace("\\n", "\n"), content.trim().to_owned()));
                    }
                }
                _ => {}
            }
        }
        lexicon
    }
}

fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::parse(STANCES))
}

/// Words before a stance verb that make it something else: an infinitive under another verb
/// ("wants to support"), a passive ("was criticized"), a noun ("the support", "their plans").
const NOT_BEFORE: &[&str] = &[
    "to", "the", "a", "an", "was", "were", "is", "are", "be", "been", "being", "his", "her",
    "their", "its", "our", "my", "your", "'s", "’s",
];

/// Words that, after a comma, open a clause of their own: the stance ends before the comma.
const CLAUSE_OPENERS: &[&str] = &[
    "and",
    "but",
    "which",
    "who",
    "whose",
    "while",
    "as",
    "saying",
    "adding",
    "according",
    "because",
    "although",
    "though",
];

/// Fewest words of a stance's content.
const MIN_WORDS: usize = 2;

/// Words that may sit between a subject and its verb ("has long supported", "did not want").
const BETWEEN: &[&str] = &[
    "has",
    "have",
    "had",
    "will",
    "would",
    "also",
    "not",
    "never",
    "still",
    "long",
    "now",
    "does",
    "did",
    "do",
    "already",
    "reportedly",
    "publicly",
    "privately",
    "strongly",
    "repeatedly",
    "previously",
    "later",
    "then",
    "quickly",
    "openly",
    "initially",
    "clearly",
    "n't",
];

const BY: Origin = Origin::new("stances", "source-verb-stance");

/// The stance stage.
#[derive(Debug, Default)]
pub struct Stances;

impl Stage for Stances {
    fn name(&self) -> &'static str {
        "stances"
    }
    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Pos,
            Layer::Quotes,
            Layer::Attribution,
            Layer::Reported,
            Layer::Entities,
            Layer::Sentences,
        ]
    }
    fn produces(&self) -> &'static [Layer] {
        &[Layer::Stances]
    }
    fn run(&self, doc: &mut Doc) {
        let pronouns = PronounScope::new(doc);
        // What the quotes already hold: a stance never overlaps a quote or another stance,
        // and it holds a scare quote whole or not at all ("criticized the “deal”"). Both lists
        // in order of start, with the furthest end so far, so an overlap is found by halving.
        let spans = |scare: bool| -> (Vec<Span>, Vec<u32>) {
            let mut spans: Vec<Span> = doc
                .quotes
                .iter()
                .filter(|q| (q.kind == QuoteKind::Scare) == scare)
                .map(|q| q.span)
                .collect();
            spans.sort_by_key(|s| s.start);
            let furthest = furthest_ends(spans.iter().copied());
            (spans, furthest)
        };
        let (quoted, quoted_end) = spans(false);
        let (scare, scare_end) = spans(true);
        // The quotes before `span`'s end reach into it when the furthest of them ends past
        // its start.
        let overlaps = |span: Span| {
            let k = quoted.partition_point(|q| q.start < span.end);
            k > 0 && quoted_end[k - 1] > span.start
        };
        // A scare quote that starts before `span` and reaches into it, or one that starts
        // inside it and ends past it.
        let crosses_scare = |span: Span| {
            let from = scare.partition_point(|q| q.start < span.start);
            (from > 0 && scare_end[from - 1] > span.start)
                || scare[from..]
                    .iter()
                    .take_while(|q| q.start < span.end)
                    .any(|q| q.end > span.end)
        };
        let mut found: Vec<Quote> = Vec::new();
        let mut furthest = 0;
        for s in &doc.sentences {
            if doc.in_debris(s.span) || doc.posts.iter().any(|p| p.span.contains(s.span)) {
                continue;
            }
            let first = doc.tokens.partition_point(|t| t.span.start < s.span.start);
            let end = doc.tokens.partition_point(|t| t.span.start < s.span.end);
            for k in first..end {
                let Some(q) = stance_at(doc, first, k, end) else {
                    continue;
                };
                // Stances come in order of their verbs: one overlaps an earlier one only if it
                // starts before the furthest end so far.
                if overlaps(q.span) || crosses_scare(q.span) || q.span.start < furthest {
                    continue;
                }
                furthest = q.span.end;
                found.push(q);
            }
        }
        drop(pronouns);
        for mut q in found {
            q.id = QuoteId::from_index(doc.quotes.len());
            doc.quotes.push(q);
        }
    }
}

/// The stance cued by token `k` of the sentence whose tokens are `first..end`, if it cues one.
fn stance_at(doc: &Doc, first: usize, k: usize, end: usize) -> Option<Quote> {
    let tokens = &doc.tokens;
    let verb = &tokens[k];
    if verb.pos != Some(Upos::Verb) {
        return None;
    }
    let word = doc.slice(verb.span).to_lowercase();
    // "called for an inquiry", "calls on Congress to act": a verb that needs its particle.
    let particle = tokens[..end]
        .get(k + 1)
        .filter(|t| matches!(doc.slice(t.span), "for" | "on"))
        .is_some_and(|_| matches!(word.as_str(), "call" | "calls" | "called" | "calling"));
    if !lexicon().verbs.contains(&word) && !particle {
        return None;
    }
    let before = if k > first {
        doc.slice(tokens[k - 1].span).to_lowercase()
    } else {
        String::new()
    };
    if NOT_BEFORE.contains(&before.as_str()) {
        return None;
    }
    let k = if particle { k + 1 } else { k };
    // "endorsed by the Times": a passive participle, its agent no stance.
    if tokens
        .get(k + 1)
        .is_some_and(|t| doc.slice(t.span).eq_ignore_ascii_case("by"))
    {
        return None;
    }
    // "Do you support Donald Trump?": a question holds no stance.
    if tokens[first..end]
        .iter()
        .rev()
        .find(|t| !matches!(doc.slice(t.span), "”" | "\"" | "’" | ")"))
        .is_some_and(|t| doc.slice(t.span) == "?")
    {
        return None;
    }
    // "I think", "you know": the writer's or the reader's, no one's to attribute.
    let subject = subject_at(doc, tokens, first, k);
    if subject.is_some_and(|j| matches!(doc.slice(tokens[j].span), "I" | "you" | "You")) {
        return None;
    }
    let stop = clause_end(doc, tokens, k + 1, end);
    // Content cut short by a colon or a dash ("criticized three things: …") is not the stance
    // but its preface.
    if tokens
        .get(stop)
        .is_some_and(|t| stop < end && matches!(doc.slice(t.span), ":" | "—" | "–" | "--"))
    {
        return None;
    }
    let mut last = stop;
    while last > k + 1 && tokens[last - 1].kind == TokenKind::Punct {
        last -= 1;
    }
    let words = tokens[k + 1..last]
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .count();
    if words < MIN_WORDS {
        return None;
    }
    let span = tokens[k + 1].span.cover(tokens[last - 1].span);
    Some(Quote {
        id: QuoteId(0),
        span,
        kind: QuoteKind::Stance,
        lang: None,
        speaker: subject.and_then(|j| speaker_at(doc, tokens, j, usize::MAX)),
        addressee: None,
        cue: Some(verb.span.cover(tokens[k].span)),
        parent: None,
        date: None,
        date_from: None,
        by: BY,
    })
}

/// Where the stance opened at token `from` ends: at a semicolon, a colon or a dash, before a
/// comma that opens a clause of its own (", and …", ", who …", ", saying …"), or at the
/// sentence's end `end`.
fn clause_end(doc: &Doc, tokens: &[Token], from: usize, end: usize) -> usize {
    (from..end)
        .find(|&j| {
            let w = doc.slice(tokens[j].span);
            matches!(w, ";" | ":" | "—" | "–" | "--")
                || (w == ","
                    && tokens.get(j + 1).is_some_and(|t| {
                        CLAUSE_OPENERS.contains(&doc.slice(t.span).to_lowercase().as_str())
                    }))
        })
        .unwrap_or(end)
}

/// The index of the verb's subject: the word before it, past auxiliaries and adverbs
/// ("Clinton has long supported"); read as a speaker is (a name, a pronoun, "the poll").
fn subject_at(doc: &Doc, tokens: &[Token], first: usize, k: usize) -> Option<usize> {
    (first..k)
        .rev()
        .find(|&j| !BETWEEN.contains(&doc.slice(tokens[j].span).to_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_example_in_the_stance_file_holds() {
        let mut failures = Vec::new();
        for (text, want) in &lexicon().examples {
            let mut doc = Doc::new(text.as_str());
            crate::analyze_with(&mut doc, crate::Attributions::All);
            let got = doc
                .quotes
                .iter()
                .find(|q| q.kind == QuoteKind::Stance)
                .map_or("-", |q| doc.slice(q.span));
            if got != want {
                failures.push(format!("{text:?}: got {got:?}, want {want:?}"));
            }
        }
        assert!(lexicon().examples.len() >= 5);
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn stances_are_opt_in() {
        let text = "Sanders thinks the plan would leave millions without coverage.";
        let plain = crate::analyze_text(text, None);
        assert!(plain.quotes.iter().all(|q| q.kind != QuoteKind::Stance));
        let mut doc = Doc::new(text);
        crate::analyze_with(&mut doc, crate::Attributions::All);
        let stance = doc.quotes.iter().find(|q| q.kind == QuoteKind::Stance);
        let speaker = stance
            .and_then(|q| q.speaker.as_ref())
            .map(|s| s.name.as_str());
        assert_eq!(speaker, Some("Sanders"));
    }
}
