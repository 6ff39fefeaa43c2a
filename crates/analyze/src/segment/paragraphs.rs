//! Paragraphs from line breaks.
//!
//! Scraped news puts one paragraph on a line, so a line break ends a paragraph. Text that is
//! hard-wrapped (most lines inside blank-line-separated blocks end mid-sentence) is read the other
//! way: blank lines end paragraphs, single line breaks are spaces.

use newsgraph_doc::layers::Paragraph;
use newsgraph_doc::{Doc, Layer, Origin, Span, Stage};

/// The paragraph stage.
#[derive(Debug, Default)]
pub struct Paragraphs;

const BY_LINE: Origin = Origin::new("paragraphs", "line");
const BY_BLANK: Origin = Origin::new("paragraphs", "blank-line");

impl Stage for Paragraphs {
    fn name(&self) -> &'static str {
        "paragraphs"
    }
    fn requires(&self) -> &'static [Layer] {
        &[]
    }
    fn produces(&self) -> &'static [Layer] {
        &[Layer::Paragraphs]
    }
    fn run(&self, doc: &mut Doc) {
        doc.paragraphs = paragraphs(doc.text());
    }
}

/// Whether `c` ends a line.
fn is_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The lines of `text` as trimmed spans (possibly empty), `\r\n` counting as one break.
fn lines(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if is_break(c) {
            out.push(Span::new(start, i).trim(text));
            let mut end = i + c.len_utf8();
            if c == '\r' {
                if let Some(&(j, '\n')) = chars.peek() {
                    chars.next();
                    end = j + 1;
                }
            }
            start = end;
        }
    }
    out.push(Span::new(start, text.len()).trim(text));
    out
}

/// Splits `text` into paragraphs.
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let lines = lines(text);
    let hard_wrapped = is_hard_wrapped(text, &lines);
    let mut out = Vec::new();
    let mut current: Option<Span> = None;
    for line in lines {
        if line.is_empty() {
            out.extend(current.take());
            continue;
        }
        if !hard_wrapped {
            out.push(line);
            continue;
        }
        current = Some(current.map_or(line, |c| c.cover(line)));
    }
    out.extend(current);
    let by = if hard_wrapped { BY_BLANK } else { BY_LINE };
    out.into_iter()
        .map(|span| Paragraph {
            span,
            lang: None,
            by: by.clone(),
        })
        .collect()
}

/// Whether blank lines separate blocks whose inner line breaks mostly fall mid-sentence.
fn is_hard_wrapped(text: &str, lines: &[Span]) -> bool {
    let (Some(first), Some(last)) = (
        lines.iter().position(|l| !l.is_empty()),
        lines.iter().rposition(|l| !l.is_empty()),
    ) else {
        return false;
    };
    let lines = &lines[first..=last];
    let has_blank = lines.iter().any(|l| l.is_empty());
    let (mut inner, mut mid_sentence) = (0usize, 0usize);
    for pair in lines.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a.is_empty() || b.is_empty() {
            continue;
        }
        inner += 1;
        let last = text[a].chars().next_back().unwrap_or('.');
        if !matches!(
            last,
            '.' | '!' | '?' | ':' | '"' | '”' | '’' | '\'' | ')' | '…'
        ) {
            mid_sentence += 1;
        }
    }
    has_blank && inner > 0 && mid_sentence * 2 > inner
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        paragraphs(text)
            .into_iter()
            .map(|p| &text[p.span])
            .collect()
    }

    #[test]
    fn one_paragraph_a_line() {
        assert_eq!(
            texts("First line.\nSecond.\r\n\r\n  Third.  \n"),
            ["First line.", "Second.", "Third."]
        );
    }

    #[test]
    fn hard_wrapped_text_joins_lines() {
        let text = "This is a long sentence that\nwraps onto the next line.\n\nAnother paragraph\nwrapped too.";
        assert_eq!(
            texts(text),
            [
                "This is a long sentence that\nwraps onto the next line.",
                "Another paragraph\nwrapped too."
            ]
        );
    }

    #[test]
    fn empty_and_blank_text_has_no_paragraphs() {
        assert!(texts("").is_empty());
        assert!(texts(" \n\r\n\t ").is_empty());
    }
}
