//! Sentences as runs of tokens inside a paragraph.
//!
//! A sentence ends after `.`, `!`, `?` or `…` (and the closing quotes or brackets glued to it)
//! when the next token can open a sentence: a capital, a digit, an opening quote or bracket.
//! So `.” she said` never splits, `Jan. 31` and `Gen. Smith` never split after the abbreviation,
//! and after an abbreviation that may end a sentence (`U.S.`, `Inc.`) a new sentence opens only
//! before a frequent sentence starter (`The`, `He`, ...). A quote closed by its own terminal
//! keeps the reporting verb after it (`“We are ready.” Lima said.`), unless the quote opened
//! inside the sentence (`… an “outlaw scheme.” Braga insisted …` is two sentences).

use newsgraph_doc::layers::{Sentence, Token, TokenKind};
use newsgraph_doc::{Doc, Layer, Origin, Span, Stage};

use super::abbrev;

/// The sentence stage.
#[derive(Debug, Default)]
pub struct Sentences;

const BY_PUNCT: Origin = Origin::new("sentences", "terminal-punct");
const BY_ABBREV: Origin = Origin::new("sentences", "abbrev-then-starter");
const BY_PARAGRAPH: Origin = Origin::new("sentences", "paragraph-end");

impl Stage for Sentences {
    fn name(&self) -> &'static str {
        "sentences"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Paragraphs, Layer::Tokens]
    }
    fn produces(&self) -> &'static [Layer] {
        &[Layer::Sentences]
    }
    fn run(&self, doc: &mut Doc) {
        let text = doc.text();
        let mut out = Vec::new();
        for p in &doc.paragraphs {
            split(text, doc.tokens_in(p.span), &mut out);
        }
        doc.sentences = out;
    }
}

fn is_terminal(s: &str) -> bool {
    s.starts_with(['.', '!', '?', '…'])
}

fn is_closing(s: &str) -> bool {
    matches!(s, "”" | "’" | "\"" | "'" | "»" | ")" | "]" | "}" | "›")
}

fn is_opening_quote(s: &str) -> bool {
    matches!(s, "“" | "‘" | "«" | "„" | "‹")
}

fn is_opening(s: &str) -> bool {
    matches!(
        s,
        "“" | "‘" | "\"" | "'" | "«" | "(" | "[" | "¿" | "¡" | "‹" | "„" | "—" | "–"
    )
}

/// Whether a sentence can start with the token `s`.
fn opens_sentence(s: &str) -> bool {
    s.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) || is_opening(s)
}

/// Splits one paragraph's tokens into sentences.
fn split(text: &str, tokens: &[Token], out: &mut Vec<Sentence>) {
    let mut start = 0;
    let mut i = 0;
    while i < tokens.len() {
        let tok = &text[tokens[i].span];
        let by = if tokens[i].kind == TokenKind::Punct && is_terminal(tok) {
            Some(BY_PUNCT)
        } else if tok.ends_with('.') && tokens[i].kind == TokenKind::Word && tok.len() > 1 {
            Some(BY_ABBREV)
        } else {
            None
        };
        let Some(by) = by else {
            i += 1;
            continue;
        };
        // Glue closing quotes and brackets that touch the terminal, and any quote mark that
        // touches it and is followed by a space (a closing mark typed as an opening one: `.“`).
        let mut end = i;
        while end + 1 < tokens.len() && tokens[end + 1].span.start == tokens[end].span.end {
            let mark = &text[tokens[end + 1].span];
            let spaced_after = tokens
                .get(end + 2)
                .is_none_or(|n| n.span.start > tokens[end + 1].span.end);
            if !(is_closing(mark) || (is_opening_quote(mark) && spaced_after)) {
                break;
            }
            end += 1;
        }
        let Some(next) = tokens.get(end + 1) else {
            break;
        };
        let next_text = &text[next.span];
        let quoted = end > i;
        let after_next = tokens.get(end + 2).map(|t| &text[t.span]);
        // `“…,” she said` goes on; after a full stop, a capitalised pronoun starts anew
        // (`“he loves you.” She says they are going ahead`).
        let new_subject = tok == "." && matches!(next_text, "He" | "She" | "They" | "We" | "I");
        // A quote opened inside the sentence (`branded it an “outlaw scheme.” Braga insisted
        // …`) closes it: the verb after it has its own subject.
        let opened_inside = || {
            tokens[start..i]
                .iter()
                .rposition(|t| {
                    let mark = &text[t.span];
                    is_opening_quote(mark)
                        || (mark == "\""
                            && text[..t.span.start()]
                                .chars()
                                .next_back()
                                .is_none_or(char::is_whitespace))
                })
                .is_some_and(|o| {
                    tokens[start..start + o]
                        .iter()
                        .any(|t| t.kind == TokenKind::Word)
                })
        };
        let cue_follows = quoted
            && !new_subject
            && !(tok == "." && opened_inside())
            && (abbrev::REPORTING_VERBS.contains(&next_text)
                || after_next.is_some_and(|w| abbrev::REPORTING_VERBS.contains(&w)));
        let split_here = if by == BY_ABBREV {
            abbrev::may_end_sentence(tok) && abbrev::SENTENCE_STARTERS.contains(&next_text)
        } else if quoted || tok.starts_with("..") || tok.starts_with('…') {
            opens_sentence(next_text) && !cue_follows
        } else {
            // A bare `.`, `?` or `!` before a space: web text starts sentences in lowercase.
            let spaced = next.span.start > tokens[end].span.end;
            opens_sentence(next_text) || (spaced && next_text.starts_with(char::is_lowercase))
        };
        // Inside a short parenthesis ("Sen. Chuck Schumer (D-N.Y.) said"), a full stop is an
        // abbreviation's: the sentence goes on past the closing bracket just ahead.
        // Looked for a few tokens back only: a sentence of many abbreviations stays linear.
        let open_paren = tokens[start..=end]
            .iter()
            .rev()
            .take(6)
            .map(|t| &text[t.span])
            .take_while(|t| *t != ")")
            .any(|t| t == "(");
        let closes_soon = tokens[end + 1..]
            .iter()
            .take(3)
            .any(|t| &text[t.span] == ")");
        if split_here && !(open_paren && closes_soon) {
            push(tokens, start, end, by, out);
            start = end + 1;
        }
        i = end + 1;
    }
    if start < tokens.len() {
        push(tokens, start, tokens.len() - 1, BY_PARAGRAPH, out);
    }
}

fn push(tokens: &[Token], first: usize, last: usize, by: Origin, out: &mut Vec<Sentence>) {
    out.push(Sentence {
        span: Span::new(tokens[first].span.start(), tokens[last].span.end()),
        by,
    });
}

#[cfg(test)]
mod tests {
    use crate::segment::{Paragraphs, Tokens};

    use super::*;

    fn sentences(text: &str) -> Vec<String> {
        let mut doc = Doc::new(text);
        for stage in [&Paragraphs as &dyn Stage, &Tokens, &Sentences] {
            stage.run(&mut doc);
        }
        doc.sentences
            .iter()
            .map(|s| text[s.span].to_owned())
            .collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        assert_eq!(
            sentences(
                "Gen. J. K. Smith met Mr. Jones on Jan. 31 in the U.S. Army base. It rained."
            ),
            [
                "Gen. J. K. Smith met Mr. Jones on Jan. 31 in the U.S. Army base.",
                "It rained."
            ]
        );
    }

    #[test]
    fn quote_then_lowercase_cue_stays_one_sentence() {
        assert_eq!(
            sentences("“We are ready.” she said. “Are you?” he asked. Then “Yes.” Then more."),
            [
                "“We are ready.” she said.",
                "“Are you?” he asked.",
                "Then “Yes.”",
                "Then more."
            ]
        );
        assert_eq!(
            sentences("“Is it over?” Trump said. “Get out!” said Pence. Then it ended."),
            [
                "“Is it over?” Trump said.",
                "“Get out!” said Pence.",
                "Then it ended."
            ]
        );
        assert_eq!(
            sentences("He said “she can’t think straight.“ Then he left."),
            ["He said “she can’t think straight.“", "Then he left."]
        );
    }

    #[test]
    fn web_text_starts_sentences_in_lowercase() {
        assert_eq!(
            sentences("are you kidding? why would you? i loved it. so... and then “ok.” he said"),
            [
                "are you kidding?",
                "why would you?",
                "i loved it.",
                "so... and then “ok.” he said"
            ]
        );
    }

    #[test]
    fn a_full_stop_inside_a_short_parenthesis_does_not_split() {
        assert_eq!(
            sentences(
                "“They have nothing to fear,” Sen. Ana Lima (D-N.Y.) said Tuesday. Then she left."
            ),
            [
                "“They have nothing to fear,” Sen. Ana Lima (D-N.Y.) said Tuesday.",
                "Then she left."
            ]
        );
    }

    #[test]
    fn a_quote_and_a_present_tense_cue_after_it_stay_one_sentence() {
        assert_eq!(
            sentences("“Is it three?” Lima asks as a guard walks in. “Yes.” Costa adds."),
            [
                "“Is it three?” Lima asks as a guard walks in.",
                "“Yes.” Costa adds."
            ]
        );
    }

    #[test]
    fn a_quote_opened_inside_a_sentence_ends_it_before_a_new_subject_and_verb() {
        assert_eq!(
            sentences(
                "Lisbon branded the plan an “outlaw scheme.” Braga insisted it was fine. \
                 He called it \"a disaster.\" Costa said no. “We are ready.” Lima said."
            ),
            [
                "Lisbon branded the plan an “outlaw scheme.”",
                "Braga insisted it was fine.",
                "He called it \"a disaster.\"",
                "Costa said no.",
                "“We are ready.” Lima said."
            ]
        );
    }

    #[test]
    fn a_capitalised_pronoun_after_a_quoted_full_stop_starts_a_sentence() {
        assert_eq!(
            sentences("Ana Lima told voters that “he loves you.” She says they will go on."),
            [
                "Ana Lima told voters that “he loves you.”",
                "She says they will go on."
            ]
        );
        assert_eq!(sentences("“We are ready,” she said.").len(), 1);
    }

    #[test]
    fn acronym_can_end_a_sentence() {
        assert_eq!(
            sentences("He moved to the U.S. The move was quick."),
            ["He moved to the U.S.", "The move was quick."]
        );
    }

    #[test]
    fn paragraphs_end_sentences() {
        assert_eq!(
            sentences("No period here\nNext line."),
            ["No period here", "Next line."]
        );
    }
}
