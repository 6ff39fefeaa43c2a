//! Byte spans into a document's text.
//!
//! Invariants: `start <= end` (checked by [`Span::new`]); a span stored in a [`crate::Doc`] lies
//! inside the text and on UTF-8 character boundaries, so `&doc.text()[span]` never panics.
//! Character or UTF-16 positions are computed only at the edges, never stored.

use std::fmt;
use std::ops::{Index, Range};

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of UTF-8 byte offsets.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    /// A span from `start` to `end`.
    ///
    /// # Panics
    /// When `start > end`: that is a broken invariant in the caller, never a property of input.
    #[inline]
    #[track_caller]
    pub fn new(start: usize, end: usize) -> Span {
        assert!(start <= end, "span start {start} > end {end}");
        let start = u32::try_from(start).expect("documents are smaller than 4 GiB");
        let end = u32::try_from(end).expect("documents are smaller than 4 GiB");
        Span { start, end }
    }

    /// The span of `range`.
    #[inline]
    #[track_caller]
    pub fn from_range(range: Range<usize>) -> Span {
        Span::new(range.start, range.end)
    }

    #[inline]
    pub fn start(self) -> usize {
        self.start as usize
    }

    #[inline]
    pub fn end(self) -> usize {
        self.end as usize
    }

    #[inline]
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    #[inline]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    #[inline]
    pub fn range(self) -> Range<usize> {
        self.start()..self.end()
    }

    /// Whether `other` lies inside `self` (edges included).
    #[inline]
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two spans share at least one byte.
    #[inline]
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The smallest span covering both.
    #[inline]
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// Whether this span can index `text`: in bounds and on character boundaries.
    pub fn is_valid_in(self, text: &str) -> bool {
        self.start <= self.end
            && self.end() <= text.len()
            && text.is_char_boundary(self.start())
            && text.is_char_boundary(self.end())
    }

    /// This span shrunk so that it holds no leading or trailing whitespace of `text`.
    pub fn trim(self, text: &str) -> Span {
        let s = &text[self.range()];
        let lead = s.len() - s.trim_start().len();
        let trimmed = s.trim();
        Span::new(self.start() + lead, self.start() + lead + trimmed.len())
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

impl From<Range<usize>> for Span {
    #[track_caller]
    fn from(range: Range<usize>) -> Span {
        Span::from_range(range)
    }
}

impl Index<Span> for str {
    type Output = str;

    #[inline]
    fn index(&self, span: Span) -> &str {
        &self[span.range()]
    }
}

impl Index<Span> for String {
    type Output = str;

    #[inline]
    fn index(&self, span: Span) -> &str {
        &self[span.range()]
    }
}

/// Code-point offsets of a text's bytes, built once, for the edges that count in characters
/// (GKG exports, scorers that read Python string offsets).
#[derive(Clone, Debug)]
pub struct CharIndex(Vec<u32>);

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let mut map = vec![0u32; text.len() + 1];
        let mut n = 0u32;
        for (b, c) in text.char_indices() {
            for slot in map.iter_mut().skip(b).take(c.len_utf8()) {
                *slot = n;
            }
            n += 1;
        }
        map[text.len()] = n;
        CharIndex(map)
    }

    /// The code-point offset of byte offset `byte`.
    pub fn at(&self, byte: u32) -> u32 {
        self.0[byte as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexing_and_trim() {
        let text = "  héllo  ";
        let span = Span::new(0, text.len()).trim(text);
        assert_eq!(&text[span], "héllo");
        assert!(span.is_valid_in(text));
        assert!(!Span::new(3, 4).is_valid_in(text), "inside the é");
    }

    #[test]
    #[should_panic(expected = "span start")]
    fn reversed_span_is_a_bug() {
        let _ = Span::new(4, 3);
    }

    #[test]
    fn char_offsets() {
        let index = CharIndex::new("aé€b");
        assert_eq!(
            [
                index.at(0),
                index.at(1),
                index.at(3),
                index.at(6),
                index.at(7)
            ],
            [0, 1, 2, 3, 4]
        );
    }

    #[test]
    fn relations() {
        let a = Span::new(0, 10);
        let b = Span::new(5, 15);
        assert!(a.overlaps(b));
        assert!(!a.contains(b));
        assert_eq!(a.cover(b), Span::new(0, 15));
        assert!(!Span::new(0, 5).overlaps(Span::new(5, 6)));
    }
}
