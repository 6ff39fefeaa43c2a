//! Quotes: spans of quoted words, nested as a tree.
//!
//! Marks are paired per paragraph with a stack ([`marks`] reads which way each faces): a closing
//! mark closes the nearest open quote of its family (double or single), dropping unclosed
//! quotes above it. A double quote left open at a paragraph's end continues into the next
//! paragraph when that one opens with a double mark (the convention for multi-paragraph
//! quotes); otherwise it runs to the paragraph's end with an `unclosed-quote` diagnostic, so an
//! unbalanced mark costs at most one paragraph. A quote's span holds the words without the
//! marks; `parent` links a quote to the one it is nested in.
//!
//! Speakers, cues and reported speech come with the attribution stage.

pub mod marks;

use newsgraph_doc::layers::{Quote, QuoteKind};
use newsgraph_doc::{Diagnostic, Doc, Layer, Origin, QuoteId, Severity, Span, Stage};

use marks::{Family, Mark, Role};

/// The quote stage.
#[derive(Debug, Default)]
pub struct Quotes;

const PAIRED: Origin = Origin::new("quotes", "paired-marks");
const CONTINUED: Origin = Origin::new("quotes", "multi-paragraph");
const UNCLOSED: Origin = Origin::new("quotes", "unclosed-to-paragraph-end");

/// Quotes open at once beyond which further opening marks are ignored: real nesting stops far
/// below this, and the bound keeps junk input (a page of unclosed marks) linear.
const MAX_DEPTH: usize = 32;

impl Stage for Quotes {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Paragraphs, Layer::Debris]
    }
    fn produces(&self) -> &'static [Layer] {
        &[Layer::Quotes]
    }
    fn run(&self, doc: &mut Doc) {
        let (spans, diagnostics) = pair(doc);
        doc.quotes = build(doc, spans);
        doc.diagnostics.extend(diagnostics);
    }
}

/// An open quote: its mark, and whether it was carried over from an earlier paragraph.
#[derive(Clone, Copy, Debug)]
struct Open {
    mark: Mark,
    carried: bool,
}

/// Pairs the marks of every paragraph into quote spans (content, origin).
fn pair(doc: &Doc) -> (Vec<(Span, Origin)>, Vec<Diagnostic>) {
    let text = doc.text();
    let mut out = Vec::new();
    let mut diagnostics = Vec::new();
    let mut carried: Option<Open> = None;
    for (pi, p) in doc.paragraphs.iter().enumerate() {
        let mut stack: Vec<Open> = Vec::new();
        let all = marks::marks(text, p.span.start(), p.span.end());
        let mut found: Vec<Mark> = all
            .into_iter()
            .filter(|m| !doc.in_debris(Span::new(m.start, m.end)))
            .collect();
        if let Some(open) = carried.take() {
            // The paragraph re-opens the quote: its first mark stands for the carried one.
            stack.push(open);
            found.remove(0);
        }
        for mark in found {
            let nearest = stack.iter().rposition(|o| o.mark.family == mark.family);
            let closes = match mark.role {
                Role::Open => false,
                Role::Close | Role::CloseIfOpen => true,
                Role::Either => nearest.is_some(),
            };
            if !closes {
                if mark.role != Role::CloseIfOpen && stack.len() < MAX_DEPTH {
                    stack.push(Open {
                        mark,
                        carried: false,
                    });
                }
                continue;
            }
            let Some(k) = nearest else { continue };
            let open = stack[k];
            stack.truncate(k);
            // An attribute's value in markup left in the text (`<tweet id="7479…">`) is no
            // quote.
            if text[..open.mark.start].ends_with('=') {
                continue;
            }
            let by = if open.carried { CONTINUED } else { PAIRED };
            out.push((Span::new(open.mark.end, mark.start), by));
        }
        // The outermost double quote left open goes on, or ends with the paragraph.
        let Some(open) = stack.into_iter().find(|o| o.mark.family == Family::Double) else {
            continue;
        };
        let reopens = doc.paragraphs.get(pi + 1).is_some_and(|next| {
            marks::marks(text, next.span.start(), next.span.end())
                .first()
                .is_some_and(|m| {
                    m.start == next.span.start()
                        && m.family == Family::Double
                        && m.role != Role::Close
                })
        });
        if reopens {
            carried = Some(Open {
                mark: open.mark,
                carried: true,
            });
        } else {
            out.push((Span::new(open.mark.end, p.span.end()), UNCLOSED));
            diagnostics.push(Diagnostic::new(
                "unclosed-quote",
                Severity::Warning,
                "a quotation mark opened here is not closed in its paragraph; the quote was ended with the paragraph",
                Some(Span::new(open.mark.start, open.mark.end)),
                UNCLOSED,
            ));
        }
    }
    (out, diagnostics)
}

/// Quotes from paired spans: trimmed, apostrophe pairs (`’n’`) dropped, sorted outer first,
/// parents linked, kinds assigned.
fn build(doc: &Doc, spans: Vec<(Span, Origin)>) -> Vec<Quote> {
    let text = doc.text();
    let mut spans: Vec<(Span, Origin)> = spans
        .into_iter()
        .map(|(s, by)| (s.trim(text), by))
        .filter(|(s, _)| text[*s].chars().filter(|c| c.is_alphanumeric()).count() >= 2)
        .collect();
    spans.sort_by_key(|(s, _)| (s.start, std::cmp::Reverse(s.end)));
    spans.dedup_by_key(|(s, _)| *s);
    let mut quotes: Vec<Quote> = Vec::with_capacity(spans.len());
    let mut open: Vec<usize> = Vec::new(); // enclosing quotes
    for (i, (span, by)) in spans.into_iter().enumerate() {
        while open.last().is_some_and(|&j| !quotes[j].span.contains(span)) {
            open.pop();
        }
        let parent = open.last().map(|&j| QuoteId::from_index(j));
        let kind = if parent.is_some() {
            QuoteKind::Nested
        } else {
            kind_of(text, span)
        };
        quotes.push(Quote {
            id: QuoteId::from_index(i),
            span,
            kind,
            lang: None,
            speaker: None,
            addressee: None,
            cue: None,
            parent,
            date: None,
            date_from: None,
            by,
        });
        open.push(i);
    }
    quotes
}

/// Direct or partial: a partial quote is a few words set inside the writer's own clause (they
/// start in lower case, or are at most four words following a word without a comma or colon).
fn kind_of(text: &str, span: Span) -> QuoteKind {
    let words = &text[span];
    if words.starts_with(|c: char| c.is_lowercase()) {
        return QuoteKind::Partial;
    }
    let before = text[..span.start()]
        .trim_end_matches(|c: char| marks_or_space(c))
        .chars()
        .next_back();
    let short = words.split_whitespace().count() <= 4;
    let ends_clause = words.ends_with(['.', ',', '!', '?', '…']);
    if short && !ends_clause && before.is_some_and(char::is_alphanumeric) {
        QuoteKind::Partial
    } else {
        QuoteKind::Direct
    }
}

fn marks_or_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '“' | '”' | '"' | '‘' | '’' | '\'' | '«' | '»' | '„')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<(String, QuoteKind, Option<u32>)> {
        let doc = crate::analyze_text(text, None);
        assert!(doc.validate().is_empty(), "{:?}", doc.validate());
        // Quoted words only: reported speech is the reported stage's.
        doc.quotes
            .iter()
            .filter(|q| q.kind != QuoteKind::Reported)
            .map(|q| (text[q.span].to_owned(), q.kind, q.parent.map(|p| p.0)))
            .collect()
    }

    #[test]
    fn three_deep() {
        let got =
            quotes("“He said, ‘My admirals tell me, “We cannot,” and I agree.’ Fine.” she said.");
        assert_eq!(got.len(), 3);
        assert_eq!(
            got[0].0,
            "He said, ‘My admirals tell me, “We cannot,” and I agree.’ Fine."
        );
        assert_eq!((got[1].1, got[1].2), (QuoteKind::Nested, Some(0)));
        assert_eq!((got[2].0.as_str(), got[2].2), ("We cannot,", Some(1)));
    }

    #[test]
    fn wrong_way_marks_and_straight_apostrophe_closers() {
        let got = quotes("Trump replied, “I think she is lovely.“\n“‘No, President Trump, it is sacred.'” she said.");
        let texts: Vec<&str> = got.iter().map(|q| q.0.as_str()).collect();
        assert_eq!(
            texts,
            [
                "I think she is lovely.",
                "‘No, President Trump, it is sacred.'",
                "No, President Trump, it is sacred."
            ]
        );
    }

    #[test]
    fn partial_quotes_and_apostrophes() {
        let got = quotes(
            "Trump said the cartels were “horrible people” who sang rock ’n’ roll in the ministers’ offices.",
        );
        assert_eq!(
            got,
            [("horrible people".to_owned(), QuoteKind::Partial, None)]
        );
    }

    #[test]
    fn multi_paragraph_and_unclosed() {
        let text = "“First paragraph of a long quote.\n“Second paragraph ends it,” he said.\n“Never closed here\nNext paragraph “is fine.”";
        let got = quotes(text);
        let texts: Vec<&str> = got.iter().map(|q| q.0.as_str()).collect();
        assert_eq!(
            texts,
            [
                "First paragraph of a long quote.\n“Second paragraph ends it,",
                "Never closed here",
                "is fine."
            ]
        );
    }
}
