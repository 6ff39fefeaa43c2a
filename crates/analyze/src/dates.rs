//! Full explicit calendar dates in the text: `May 5, 2025`, `Jan. 31, 2025`, `5 May 2025`,
//! `2025-05-05`. Shared by the publication-date and embedded-post stages.

use newsgraph_doc::layers::{Token, TokenKind};
use newsgraph_doc::Span;

/// A date written out in full.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub struct ExplicitDate {
    pub year: i32,
    pub month: u32,
    pub day: u32,
    pub span: Span,
}

impl ExplicitDate {
    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The month number (1-12) of an English month name or abbreviation (`Jan`, `Jan.`, `Sept.`).
pub fn month_number(word: &str) -> Option<u32> {
    let word = word.strip_suffix('.').unwrap_or(word);
    if word.len() < 3 || !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let lower = word.to_ascii_lowercase();
    let i = MONTHS.iter().position(|m| {
        *m == lower
            || (lower.len() >= 3 && lower.len() <= 4 && m.starts_with(&lower) && lower != "marc")
    })?;
    Some(i as u32 + 1)
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

fn make(year: i32, month: u32, day: u32, span: Span) -> Option<ExplicitDate> {
    ((1000..3000).contains(&year)
        && (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month))
    .then_some(ExplicitDate {
        year,
        month,
        day,
        span,
    })
}

/// A day of the month: `5`, `05`, `5th`.
fn day_number(s: &str) -> Option<u32> {
    let digits = s.trim_end_matches(['s', 't', 'n', 'd', 'r', 'h']);
    (digits.len() <= 2).then(|| digits.parse().ok()).flatten()
}

fn year_number(t: &Token, text: &str) -> Option<i32> {
    let s = &text[t.span];
    (t.kind == TokenKind::Number && s.len() == 4)
        .then(|| s.parse().ok())
        .flatten()
}

/// The date starting at token `i`, if one does, and the number of tokens it spans.
pub fn date_at(text: &str, tokens: &[Token], i: usize) -> Option<(ExplicitDate, usize)> {
    let tok = |k: usize| tokens.get(k).map(|t| &text[t.span]);
    let first = tok(i)?;
    let skip_comma = |k: usize| if tok(k) == Some(",") { k + 1 } else { k };
    // Month Day[,] Year
    if let Some(month) = month_number(first) {
        let day = day_number(tok(i + 1)?)?;
        let k = skip_comma(i + 2);
        let year = year_number(tokens.get(k)?, text)?;
        let span = tokens[i].span.cover(tokens[k].span);
        return make(year, month, day, span).map(|d| (d, k + 1 - i));
    }
    // Day Month[,] Year
    if let Some(day) = day_number(first).filter(|_| first.starts_with(|c: char| c.is_ascii_digit()))
    {
        let month = month_number(tok(i + 1)?)?;
        let k = skip_comma(i + 2);
        let year = year_number(tokens.get(k)?, text)?;
        let span = tokens[i].span.cover(tokens[k].span);
        return make(year, month, day, span).map(|d| (d, k + 1 - i));
    }
    // YYYY-MM-DD
    let parts: Vec<&str> = first.split('-').collect();
    if tokens[i].kind == TokenKind::Number
        && parts.len() == 3
        && parts[0].len() == 4
        && parts[1].len() == 2
        && parts[2].len() == 2
    {
        let (y, m, d) = (
            parts[0].parse().ok()?,
            parts[1].parse().ok()?,
            parts[2].parse().ok()?,
        );
        return make(y, m, d, tokens[i].span).map(|d| (d, 1));
    }
    None
}

/// Every full explicit date among `tokens`, in text order.
pub fn find_dates(text: &str, tokens: &[Token]) -> Vec<ExplicitDate> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        match date_at(text, tokens, i) {
            Some((date, n)) => {
                out.push(date);
                i += n;
            }
            None => i += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::tokenize;

    fn dates(text: &str) -> Vec<String> {
        let mut tokens = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut tokens);
        find_dates(text, &tokens)
            .iter()
            .map(|d| format!("{} {}", d.iso(), &text[d.span]))
            .collect()
    }

    #[test]
    fn written_dates() {
        assert_eq!(
            dates("— X (@x) May 5, 2025. On Jan. 31, 2025 and 5 Sept 2024, or 2024-02-29."),
            [
                "2025-05-05 May 5, 2025",
                "2025-01-31 Jan. 31, 2025",
                "2024-09-05 5 Sept 2024",
                "2024-02-29 2024-02-29"
            ]
        );
    }

    #[test]
    fn not_dates() {
        assert!(dates("You May 5 times, in March 2025, on April 31, 2025, 2023-02-29.").is_empty());
    }
}
