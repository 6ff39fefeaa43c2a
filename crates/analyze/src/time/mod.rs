//! When: temporal expressions found and normalised to TIMEX3.
//!
//! The rules are data (`rules/time/<language>.rules`, English shipped; the build compiles in
//! every file there, and a document takes its language's rules, else the English ones): a
//! lexicon of words with classes and values, and patterns over them, each with a
//! normalisation function and examples ([`grammar`] describes the language). The stage reads
//! each sentence's tokens, takes the longest non-overlapping matches, and normalises them in
//! text order against the publication date and the narrative's reference time (the last date
//! mentioned). Extents follow TimeML: prepositions outside, determiners and modifiers
//! ("early", "mid-") inside.

pub mod calendar;
pub mod grammar;
mod matcher;
mod normalize;
mod value;

use std::collections::HashMap;
use std::sync::OnceLock;

use newsgraph_doc::layers::{Timex, TimexOffset, TimexType};
use newsgraph_doc::{Doc, Layer, Origin, Span, Stage};

use calendar::Date;
use grammar::Grammar;
use normalize::Context;

mod shipped {
    include!(concat!(env!("OUT_DIR"), "/time_rules.rs"));
}

/// The shipped rules files, by language code: every `rules/time/<code>.rules`, compiled into
/// the binary (a new language is a new file; the build finds it).
pub use shipped::SHIPPED;

/// The timex stage.
#[derive(Debug, Default)]
pub struct Timexes;

/// The parsed grammars of the shipped rules, by language code.
fn grammars() -> &'static HashMap<&'static str, Grammar> {
    static GRAMMARS: OnceLock<HashMap<&'static str, Grammar>> = OnceLock::new();
    GRAMMARS.get_or_init(|| {
        SHIPPED
            .iter()
            .map(|&(code, source)| {
                let grammar = Grammar::parse(source)
                    .unwrap_or_else(|e| panic!("the shipped {code} time rules parse: {e}"));
                (code, grammar)
            })
            .collect()
    })
}

/// The parsed English grammar.
pub fn english() -> &'static Grammar {
    &grammars()["en"]
}

/// The grammar for a document in `language` (an ISO 639-1 code): its own rules when shipped,
/// else the English ones (dates in other languages' texts are often written in English).
pub fn grammar_for(language: Option<&str>) -> &'static Grammar {
    language
        .and_then(|code| grammars().get(code))
        .unwrap_or_else(english)
}

impl Stage for Timexes {
    fn name(&self) -> &'static str {
        "timexes"
    }
    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Sentences,
            Layer::Tokens,
            Layer::PublicationDate,
            Layer::Language,
        ]
    }
    fn produces(&self) -> &'static [Layer] {
        &[Layer::Timexes]
    }
    fn run(&self, doc: &mut Doc) {
        let dct = doc
            .publication_date
            .as_ref()
            .and_then(|p| Date::parse(&p.value));
        doc.timexes = tag(doc, grammar_for(doc.language.as_deref()), dct);
    }
}

/// Future markers: near one, bare names ("Friday", "May") resolve forward.
const FUTURE: &[&str] = &[
    "will",
    "'ll",
    "’ll",
    "shall",
    "wo",
    "tomorrow",
    "upcoming",
    "scheduled",
    "expected",
    "would",
    "planning",
    "soon",
    "plans",
    "planned",
    "expect",
    "expects",
    "payable",
    "begins",
    "opens",
    "starts",
    "ends",
];
/// Present markers: near one, the nearest date decides.
const PRESENT: &[&str] = &["is", "are", "am"];
/// Past markers: near one, bare names resolve backward.
const PAST: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "said",
    "told",
    "ago",
    "yesterday",
    "came",
    "went",
    "began",
    "took",
    "made",
    "met",
    "won",
    "lost",
    "left",
    "rose",
    "fell",
    "since",
    "bought",
    "sold",
    "paid",
    "gave",
    "got",
    "became",
    "brought",
    "built",
    "caught",
    "chose",
    "drew",
    "fought",
    "found",
    "grew",
    "held",
    "kept",
    "knew",
    "led",
    "ran",
    "saw",
    "sent",
    "spent",
    "spoke",
    "stood",
    "struck",
    "thought",
    "won",
    "wrote",
];
/// Words before an `-ed` word that make it an adjective ("the reduced dividend").
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "our", "this",
];
/// Tokens after an expression searched for tense markers.
const TENSE_WINDOW: usize = 6;
/// Tokens before an expression searched for tense markers, within its clause: a verb comes
/// before its adjuncts ("would be traveling to the United States Thursday").
const TENSE_WINDOW_BEFORE: usize = 10;
/// Words that start a clause: a marker past one belongs to another verb.
const CLAUSE_STARTS: &[&str] = &[
    ";", "and", "but", "that", "who", "which", "while", "whereas", "because",
];
/// Double quotation marks: a verb past one is the speaker's or the writer's, not the verb of
/// the words on the other side ("“He will leave Thursday,” Castro said"); newswire's `''` is
/// two `'` tokens.
const QUOTE_MARKS: &[&str] = &["\"", "'", "''", "``", "“", "”", "„", "«", "»"];

/// Whether the `-ed` word at `i` is a participle after a modal, `be` or `to` ("can be
/// exercised", "will be completed", "to be held"): no past tense.
fn passive(tokens: &[matcher::TimeToken], i: usize) -> bool {
    // "be", perhaps with an adverb between ("be fully paid"); a modal or "to" alone is not
    // enough ("the ambassador to Venezuela said").
    const BEFORE: &[&str] = &["be", "been", "being"];
    (1..=2).any(|back| {
        i.checked_sub(back)
            .and_then(|k| tokens.get(k))
            .is_some_and(|t| BEFORE.contains(&t.lower.as_str()))
    })
}

/// The tense token `i` marks: `Some(true)` future ("will", "going to", "set to"),
/// `Some(false)` past ("said", "announced"), `None` neither.
fn marker(tokens: &[matcher::TimeToken], i: usize) -> Option<bool> {
    let w = tokens[i].lower.as_str();
    let to_follows = tokens.get(i + 1).is_some_and(|n| n.lower == "to");
    // "had been due to", "was set to": a plan already past.
    let perfect = || {
        (1..=2).any(|back| {
            i.checked_sub(back)
                .is_some_and(|k| matches!(tokens[k].lower.as_str(), "had" | "was" | "were"))
        })
    };
    // "as early as Tuesday": the earliest of dates ahead.
    let as_early_as = w == "early"
        && i.checked_sub(1).is_some_and(|k| tokens[k].lower == "as")
        && tokens.get(i + 1).is_some_and(|n| n.lower == "as");
    // "is to resume trading Tuesday": a plan.
    let is_to = matches!(w, "is" | "are")
        && to_follows
        && tokens
            .get(i + 2)
            .is_some_and(|n| n.lower.chars().all(char::is_alphabetic));
    // "ahead of the weekend": the weekend to come.
    let ahead_of = w == "ahead" && tokens.get(i + 1).is_some_and(|n| n.lower == "of");
    if as_early_as
        || is_to
        || ahead_of
        || FUTURE.contains(&w)
        || (to_follows && matches!(w, "going" | "set" | "due" | "plan"))
    {
        return if !matches!(w, "going" | "planning") && to_follows && perfect() {
            Some(false)
        } else {
            Some(true)
        };
    }
    if w.len() > 4 && w.ends_with("ed") {
        // "the reduced dividend", "a still unspecified date".
        let adjective = w.starts_with("un")
            || i.checked_sub(1)
                .is_some_and(|k| DETERMINERS.contains(&tokens[k].lower.as_str()));
        return if to_follows
            && matches!(
                w,
                "supposed" | "scheduled" | "expected" | "slated" | "planned"
            ) {
            // "supposed to", "scheduled to", "expected to": ahead.
            Some(!perfect())
        } else if i >= 2 && tokens[i - 1].lower == "be" && tokens[i - 2].lower == "to" {
            // "to be completed around Nov. 1": ahead.
            Some(true)
        } else if passive(tokens, i) || adjective {
            None
        } else {
            Some(false)
        };
    }
    (PAST.contains(&w) && !passive(tokens, i)).then_some(false)
}

/// The tense near tokens `first..=last`: `Some(true)` future, `Some(false)` past. The nearest
/// marker of the expression's clause decides.
fn tense(tokens: &[matcher::TimeToken], first: usize, last: usize) -> Option<bool> {
    // "and" starts a clause before a verb ("… on Saturday and were planning"), not inside a
    // noun phrase ("president and chief executive").
    let boundary = |i: usize| {
        let w = tokens[i].lower.as_str();
        QUOTE_MARKS.contains(&w)
            || CLAUSE_STARTS.contains(&w)
                && (!matches!(w, "and" | "but")
                    || tokens.get(i + 1).is_some_and(|n| {
                        matches!(n.lower.as_str(), "he" | "she" | "they" | "it" | "we" | "i")
                    })
                    || (i + 1 < tokens.len() && marker(tokens, i + 1).is_some()))
    };
    // A present tense ("is calling for the redemption on Dec. 7") marks neither way and hides
    // the markers beyond it.
    let at = |i: usize| match marker(tokens, i) {
        Some(future) => Some(Some(future)),
        None if PRESENT.contains(&tokens[i].lower.as_str()) => Some(None),
        None => None,
    };
    // "get around Wednesday's ruling": the verb before governs the noun, not the day.
    let possessive = tokens
        .get(last + 1)
        .is_some_and(|t| matches!(t.lower.as_str(), "'s" | "’s"));
    let window = if possessive { 0 } else { TENSE_WINDOW_BEFORE };
    let before = (first.saturating_sub(window)..first)
        .rev()
        .take_while(|&i| !boundary(i))
        .find_map(|i| at(i).map(|future| (first - i, future)));
    let after = (last + 1..(last + 1 + TENSE_WINDOW).min(tokens.len()))
        .take_while(|&i| !boundary(i))
        .find_map(|i| at(i).map(|future| (i - last, future)));
    // A marker past a comma after the expression belongs to the next clause ("talks that are
    // supposed to conclude by May, invited Sinn Fein"): the clause's own verb before wins.
    let comma_after = |e: usize| (last + 1..last + e).any(|i| tokens[i].lower == ",");
    match (before, after) {
        (Some((d, future)), Some((e, _))) if d <= e || comma_after(e) => future,
        (_, Some((_, future))) | (Some((_, future)), None) => future,
        (None, None) => None,
    }
}

/// Tags the timexes of `doc` with `grammar`, anchored on `dct`.
pub fn tag(doc: &Doc, grammar: &Grammar, dct: Option<Date>) -> Vec<Timex> {
    let text = doc.text();
    let mut out = Vec::new();
    let mut reference = None;
    for sentence in &doc.sentences {
        let tokens = doc.tokens_in(sentence.span);
        let tokens = matcher::time_tokens(text, tokens, grammar);
        for m in matcher::find(grammar, &tokens) {
            // An age ("a 6-year-old boy") is not a time expression.
            let age = tokens.get(m.last + 1).is_some_and(|t| t.lower == "-")
                && tokens.get(m.last + 2).is_some_and(|t| t.lower == "old");
            // "a second term", "a second time": an ordinal, not a second of time.
            let ordinal = tokens[m.last].lower == "second"
                && tokens.get(m.last + 1).is_some_and(|t| {
                    t.lower.chars().all(char::is_alphabetic) && !t.lower.is_empty()
                });
            // "three-quarters of the votes", "a quarter of the country": a fraction.
            let fraction = m.rule.func == "dur"
                && tokens[m.last].lower.starts_with("quarter")
                && tokens.get(m.last + 1).is_some_and(|t| t.lower == "of");
            // "Jan Kavan", "Dec Smith": a short month name before a capitalised word is a name.
            let first_name = m.first == m.last
                && tokens[m.first].lower.len() <= 4
                && tokens[m.first].classes.iter().any(|(c, _)| c == "MONTH")
                && tokens
                    .get(m.last + 1)
                    .is_some_and(|t| text[t.span].starts_with(char::is_uppercase));
            if age || ordinal || fraction || first_name {
                continue;
            }
            let span = Span::new(tokens[m.first].span.start(), tokens[m.last].span.end());
            let cx = Context {
                dct,
                reference,
                tense: tense(&tokens, m.first, m.last),
                deadline: m.first.checked_sub(1).is_some_and(|k| {
                    matches!(
                        tokens[k].lower.as_str(),
                        "to" | "until" | "till" | "through" | "by"
                    )
                }),
            };
            if m.rule.kind == grammar::NONE_KIND {
                continue;
            }
            let Some(n) = normalize::normalize(&m, &tokens, &cx) else {
                continue;
            };
            let offset = normalize::offset(&m, &tokens)
                .filter(|&(signal, _)| signal > m.first)
                .map(|(signal, value)| TimexOffset {
                    span: Span::new(tokens[m.first].span.start(), tokens[signal - 1].span.end()),
                    value,
                    signal: tokens[signal].lower.clone(),
                });
            if let (Some(p), "DATE" | "TIME") = (n.point, m.rule.kind.as_str()) {
                reference = Some(p);
            }
            out.push(Timex {
                span,
                kind: match m.rule.kind.as_str() {
                    "TIME" => TimexType::TIME,
                    "DURATION" => TimexType::DURATION,
                    "SET" => TimexType::SET,
                    _ => TimexType::DATE,
                },
                value: n.value,
                modifier: n.modifier,
                offset,
                by: Origin {
                    stage: "timexes".into(),
                    rule: m.rule.name.clone().into(),
                },
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ordinal_a_fraction_and_an_age_are_no_timexes() {
        for text in [
            "She won a second term in office.",
            "A 6-year-old boy was found.",
        ] {
            let doc = crate::analyze_text(text, Some("2025-05-05"));
            assert!(doc.timexes.is_empty(), "{text}: {:?}", doc.timexes);
        }
        let doc = crate::analyze_text("Wait a second, he said.", Some("2025-05-05"));
        assert_eq!(doc.timexes.len(), 1);
    }

    #[test]
    fn a_count_before_a_signal_is_an_offset_even_when_vague() {
        let text = "Talks began on March 3. One day after, and again a few days later, they met.";
        let doc = crate::analyze_text(text, Some("2025-05-05"));
        let offsets: Vec<(&str, &str, &str)> = doc
            .timexes
            .iter()
            .filter_map(|t| t.offset.as_ref())
            .map(|o| (&text[o.span], o.value.as_str(), o.signal.as_str()))
            .collect();
        assert_eq!(
            offsets,
            [("One day", "P1D", "after"), ("few days", "PXD", "later")]
        );
    }

    /// Every example of every rule: the extent is found and gets the value.
    #[test]
    fn every_rule_example_holds() {
        let mut failures = Vec::new();
        let mut count = 0;
        for (grammar, rule) in SHIPPED
            .iter()
            .map(|(code, _)| &grammars()[code])
            .flat_map(|g| g.rules.iter().map(move |r| (g, r)))
        {
            for ex in &rule.examples {
                count += 1;
                let date = ex.dct.as_deref().unwrap_or("2025-05-05");
                let mut doc = crate::analyze_text(&ex.text, Some(date));
                // The file's own rules, whatever language the short example is taken for.
                doc.timexes = tag(&doc, grammar, Date::parse(date));
                if ex.value == grammar::NONE {
                    let start = ex.text.find(&ex.extent).unwrap_or(0);
                    let words = start..start + ex.extent.len();
                    let found = doc.timexes.iter().find(|t| {
                        if ex.extent.is_empty() {
                            t.by.rule == rule.name
                        } else {
                            t.span.start() < words.end && words.start < t.span.end()
                        }
                    });
                    if let Some(t) = found {
                        failures.push(format!(
                            "{}: {:?} found [{}], want none",
                            rule.name, ex.text, &ex.text[t.span]
                        ));
                    }
                    continue;
                }
                let found = doc.timexes.iter().find(|t| ex.text[t.span] == ex.extent);
                match found {
                    Some(t) if t.value == ex.value && t.by.rule == rule.name => {}
                    Some(t) => failures.push(format!(
                        "{}: {:?} gave {} by {} (want {})",
                        rule.name, ex.text, t.value, t.by, ex.value
                    )),
                    None => failures.push(format!(
                        "{}: {:?} found {:?}, not [{}]",
                        rule.name,
                        ex.text,
                        doc.timexes
                            .iter()
                            .map(|t| &ex.text[t.span])
                            .collect::<Vec<_>>(),
                        ex.extent
                    )),
                }
            }
        }
        assert!(count > 50, "only {count} examples");
        assert!(
            failures.is_empty(),
            "{} of {count} examples fail:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }

    /// A language is a rules file: a grammar parsed from Spanish rules tags a Spanish date
    /// with the same engine, and a document in a language with no rules shipped gets the
    /// English ones.
    #[test]
    fn a_language_is_a_rules_file() {
        let es = Grammar::parse(
            "lex marzo MONTH 3\nlex de DE x\nrule dia-de-mes: DAYNUM de MONTH => DATE date(_,$3,$1)\n\
             ex Llegó el [3 de marzo]. => 2025-03-03\n",
        )
        .unwrap();
        let text = "El presidente llegó a Lima el 3 de marzo con su equipo.";
        let doc = crate::analyze_text(text, Some("2025-05-05"));
        let found = tag(&doc, &es, Date::parse("2025-05-05"));
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].span], "3 de marzo");
        assert_eq!(found[0].value, "2025-03-03");
        assert!(std::ptr::eq(grammar_for(Some("xx")), english()));
        assert!(std::ptr::eq(grammar_for(None), english()));
        assert!(SHIPPED.iter().any(|(code, _)| *code == "en"));
    }

    #[test]
    fn every_rule_has_an_example() {
        let missing: Vec<&str> = grammars()
            .values()
            .flat_map(|g| &g.rules)
            .filter(|r| r.examples.is_empty())
            .map(|r| r.name.as_str())
            .collect();
        assert!(missing.is_empty(), "rules without examples: {missing:?}");
    }
}
