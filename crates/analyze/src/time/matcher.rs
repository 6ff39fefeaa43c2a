//! Matching rule patterns against a sentence's tokens.
//!
//! Tokens are seen lower-cased, with hyphenated words split at their hyphens (`mid-February`
//! is `mid` `-` `february`), so patterns can reach inside them.

use newsgraph_doc::layers::Token;
use newsgraph_doc::Span;

use super::grammar::{Element, Grammar, Rule};

/// A token as the time rules see it.
#[derive(Clone, Debug)]
pub struct TimeToken {
    pub span: Span,
    pub lower: String,
    /// Classes this token belongs to, with their values.
    pub classes: Vec<(String, String)>,
}

/// A match of one rule: token range of the extent and, per element, the token and class used.
#[derive(Clone, Debug)]
pub struct Match<'g> {
    pub rule: &'g Rule,
    pub first: usize,
    pub last: usize,
    pub captures: Vec<Option<(usize, String)>>,
}

/// Splits a sentence's tokens for the rules and gives each its classes.
pub fn time_tokens(text: &str, tokens: &[Token], grammar: &Grammar) -> Vec<TimeToken> {
    crate::segment::hyphen_parts(text, tokens)
        .into_iter()
        .map(|span| classify(text, span, grammar))
        .collect()
}

fn classify(text: &str, span: Span, grammar: &Grammar) -> TimeToken {
    let original = &text[span];
    let lower = original.to_lowercase();
    let capitalised = original.starts_with(char::is_uppercase);
    let mut classes = Vec::new();
    let bare = lower.strip_suffix('.').filter(|b| !b.is_empty());
    for key in std::iter::once(lower.as_str()).chain(bare) {
        for e in grammar.lexicon.get(key).into_iter().flatten() {
            if !e.cap || capitalised {
                classes.push((e.class.clone(), e.value.clone()));
            }
        }
    }
    let digits = lower.bytes().all(|b| b.is_ascii_digit()) && !lower.is_empty();
    if digits {
        classes.push(("DIGITS".into(), lower.clone()));
        if let Ok(n) = lower.parse::<u32>() {
            if lower.len() == 4 && (1000..3000).contains(&n) {
                classes.push(("YEAR".into(), lower.clone()));
            }
            if lower.len() <= 2 && (1..=31).contains(&n) {
                classes.push(("DAYNUM".into(), n.to_string()));
            }
        }
    } else if let Some(n) = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| lower.strip_suffix(s))
    {
        if let Ok(n) = n.parse::<u32>() {
            if (1..=31).contains(&n) {
                classes.push(("DAYNUM".into(), n.to_string()));
            }
        }
    }
    if let Some((h, m)) = lower.split_once(':') {
        let ok = |x: &str, max: u32| x.len() <= 2 && x.parse::<u32>().is_ok_and(|n| n <= max);
        if ok(h, 24) && m.len() == 2 && ok(m, 59) {
            classes.push(("CLOCK".into(), lower.clone()));
        }
    }
    if let Some(d) = decade(&lower) {
        classes.push(("DECADE".into(), d));
    }
    TimeToken {
        span,
        lower,
        classes,
    }
}

/// `1990s` → `199`; `’90s`, `'90s`, `90s` → `199`.
fn decade(s: &str) -> Option<String> {
    let d = s.strip_suffix('s')?;
    let d = d.trim_start_matches(['\'', '’']);
    match d.len() {
        4 if d.ends_with('0') && d.bytes().all(|b| b.is_ascii_digit()) => Some(d[..3].to_owned()),
        2 if d.ends_with('0') && d.bytes().all(|b| b.is_ascii_digit()) => {
            Some(format!("19{}", &d[..1]))
        }
        _ => None,
    }
}

fn element_matches(e: &Element, t: &TimeToken) -> Option<String> {
    let found = alternative_matching(&e.alternatives, t);
    if e.negated {
        found.is_none().then(|| t.lower.clone())
    } else {
        found
    }
}

/// The alternative (a class or a literal word) that `t` matches.
fn alternative_matching(alternatives: &[String], t: &TimeToken) -> Option<String> {
    alternatives.iter().find_map(|alt| {
        if alt.starts_with(|c: char| c.is_ascii_uppercase()) {
            t.classes
                .iter()
                .find(|(c, _)| c == alt)
                .map(|(c, _)| c.clone())
        } else {
            (t.lower == *alt || t.lower.strip_suffix('.') == Some(alt.as_str()))
                .then(|| alt.clone())
        }
    })
}

/// Tries `rule` at token `start`; returns the match with the most tokens.
pub fn match_at<'g>(rule: &'g Rule, tokens: &[TimeToken], start: usize) -> Option<Match<'g>> {
    let mut captures = vec![None; rule.elements.len()];
    let end = step(rule, tokens, 0, start, &mut captures)?;
    let used: Vec<usize> = rule
        .elements
        .iter()
        .zip(&captures)
        .filter(|(e, c)| !e.context && c.is_some())
        .filter_map(|(_, c)| c.as_ref().map(|(t, _)| *t))
        .collect();
    let (&first, &last) = (used.first()?, used.last()?);
    debug_assert!(end > last);
    Some(Match {
        rule,
        first,
        last,
        captures,
    })
}

fn step(
    rule: &Rule,
    tokens: &[TimeToken],
    e: usize,
    t: usize,
    captures: &mut Vec<Option<(usize, String)>>,
) -> Option<usize> {
    let Some(element) = rule.elements.get(e) else {
        return Some(t);
    };
    if element.is_sentence_start() {
        return if t == 0 {
            step(rule, tokens, e + 1, t, captures)
        } else {
            None
        };
    }
    if let Some(class) = tokens.get(t).and_then(|tok| element_matches(element, tok)) {
        captures[e] = Some((t, class));
        if let Some(end) = step(rule, tokens, e + 1, t + 1, captures) {
            return Some(end);
        }
        captures[e] = None;
    }
    if element.optional {
        return step(rule, tokens, e + 1, t, captures);
    }
    None
}

/// The rules that may begin at token `start`, by index, in the grammar's order: those the
/// index of words and classes that begin rules names (a superset: [`match_at`] decides).
fn starting_rules(grammar: &Grammar, tokens: &[TimeToken], start: usize) -> Vec<usize> {
    let mut rules: Vec<usize> = Vec::new();
    for (offset, token) in tokens[start..].iter().take(2).enumerate() {
        let stripped = token.lower.strip_suffix('.');
        let keys = std::iter::once(token.lower.as_str())
            .chain(stripped)
            .chain(token.classes.iter().map(|(c, _)| c.as_str()));
        for key in keys {
            for &(r, at) in grammar.starts.get(key).into_iter().flatten() {
                if at == offset {
                    rules.push(r);
                }
            }
        }
    }
    rules.sort_unstable();
    rules.dedup();
    rules
}

/// Whether the token could take part in a time expression at all (a class or a shape).
pub fn is_timey(t: &TimeToken) -> bool {
    !t.classes.is_empty()
}

/// The best non-overlapping matches in a sentence: longest first, then earliest rule.
pub fn find<'g>(grammar: &'g Grammar, tokens: &[TimeToken]) -> Vec<Match<'g>> {
    let mut candidates: Vec<Match<'g>> = Vec::new();
    for start in 0..tokens.len() {
        if !tokens[start..tokens.len().min(start + 4)]
            .iter()
            .any(is_timey)
        {
            continue;
        }
        for r in starting_rules(grammar, tokens, start) {
            if let Some(m) = match_at(&grammar.rules[r], tokens, start) {
                candidates.push(m);
            }
        }
    }
    // Longest extent (in bytes) first; among equals, the earlier rule.
    let rank = |m: &Match| {
        let len = tokens[m.last].span.end - tokens[m.first].span.start;
        let rule_index = grammar
            .rules
            .iter()
            .position(|r| std::ptr::eq(r, m.rule))
            .unwrap_or(0);
        (std::cmp::Reverse(len), rule_index, m.first)
    };
    candidates.sort_by_key(rank);
    let mut taken: Vec<Match<'g>> = Vec::new();
    for m in candidates {
        if taken.iter().all(|t| m.last < t.first || m.first > t.last) {
            taken.push(m);
        }
    }
    taken.sort_by_key(|m| m.first);
    taken
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The index of rule beginnings names every rule that matches, at every token of every
    /// example of the shipped rules.
    #[test]
    fn the_start_index_misses_no_match() {
        let all = super::super::SHIPPED
            .iter()
            .map(|&(code, _)| super::super::grammar_for(Some(code)));
        for (grammar, rule) in all.flat_map(|g| g.rules.iter().map(move |r| (g, r))) {
            for ex in &rule.examples {
                let doc = crate::analyze_text(&ex.text, Some("2025-05-05"));
                for sentence in &doc.sentences {
                    let words = doc.tokens_in(sentence.span);
                    let tokens = time_tokens(doc.text(), words, grammar);
                    for start in 0..tokens.len() {
                        let named = starting_rules(grammar, &tokens, start);
                        for (r, any) in grammar.rules.iter().enumerate() {
                            if match_at(any, &tokens, start).is_some() {
                                assert!(
                                    named.contains(&r),
                                    "{} matches at token {start} of {:?} but is not indexed",
                                    any.name,
                                    ex.text
                                );
                            }
                        }
                    }
                }
            }
        }
    }
}
