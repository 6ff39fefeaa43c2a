//! Scraping debris, marked and never deleted.
//!
//! The rules are data ([`RULES`]), each with examples that a test runs: the example's text
//! between `[` and `]` must be marked with the rule's kind, and nothing else.

use newsgraph_doc::layers::{Debris, DebrisKind, TokenKind};
use newsgraph_doc::{Doc, Layer, Origin, Span, Stage};

use crate::dates;

/// The debris stage.
#[derive(Debug, Default)]
pub struct DebrisStage;

/// A debris rule: its name (the `rule` of the origin), kind, and examples.
#[derive(Debug)]
pub struct Rule {
    pub name: &'static str,
    pub kind: DebrisKind,
    /// Paragraphs with the expected debris between `[` and `]`; none for counter-examples.
    pub examples: &'static [&'static str],
}

/// Every debris rule, in the order they are tried.
pub const RULES: &[Rule] = &[
    Rule {
        name: "embed-link",
        kind: DebrisKind::EmbedLink,
        examples: &[
            "Trump sobre Sheinbaum [pic.twitter.com/VUnoUddvls]",
            "Watch the clip [https://t.co/AbC123xyz]",
            "See our report at https://example.com/story.",
        ],
    },
    Rule {
        name: "embed-signature",
        kind: DebrisKind::EmbedSignature,
        examples: &[
            "[— GONZALO OLIVEROS (@goliveros) May 5, 2025]",
            "[- Jane Doe (@janedoe) January 3, 2024]",
            "— a dash and a name, no handle, May 5, 2025",
        ],
    },
    Rule {
        name: "placeholder",
        kind: DebrisKind::Placeholder,
        examples: &["[Loading…]", "[ADVERTISEMENT]", "[Story continues below advertisement]", "Loading the trucks took hours."],
    },
    Rule {
        name: "boilerplate",
        kind: DebrisKind::Boilerplate,
        examples: &[
            "[Share this article on Facebook]",
            "[Subscribe to our newsletter]",
            "[READ MORE: The ten best cities]",
            "[Click here to read the full report]",
            "Read more about the plan in the budget, which was published on Monday by the treasury and runs to 400 pages.",
        ],
    },
    Rule {
        name: "source-tag",
        kind: DebrisKind::SourceTag,
        examples: &[
            "From last week. [–Latin Times]",
            "He left. [— Reuters]",
            "It was hot – Very Hot indeed.",
            "The vote was 5–4.",
        ],
    },
];

const PLACEHOLDERS: &[&str] = &[
    "loading",
    "loading…",
    "loading...",
    "advertisement",
    "advertisements",
    "ad",
    "sponsored",
    "sponsored content",
    "story continues below",
    "story continues below advertisement",
    "article continues below advertisement",
    "continue reading",
    "continue reading below",
    "scroll to continue with content",
    "skip advertisement",
    "close",
    "play video",
    "watch video",
];

const BOILERPLATE_PREFIXES: &[&str] = &[
    "share this",
    "share on ",
    "share via",
    "click here",
    "subscribe",
    "sign up",
    "read more",
    "read also",
    "related:",
    "related articles",
    "related stories",
    "follow us",
    "follow @",
    "copyright",
    "©",
    "all rights reserved",
    "download the app",
    "get our newsletter",
    "join our newsletter",
    "tap here",
    "see also:",
    "more:",
    "recommended:",
];

/// Twitter/X and other embed link hosts.
const EMBED_HOSTS: &[&str] = &[
    "pic.twitter.com/",
    "t.co/",
    "pic.x.com/",
    "twitter.com/",
    "x.com/",
    "instagram.com/p/",
    "www.instagram.com/p/",
    "youtu.be/",
    "www.tiktok.com/",
    "tiktok.com/",
];

fn origin(rule: &'static str) -> Origin {
    Origin::new("debris", rule)
}

impl Stage for DebrisStage {
    fn name(&self) -> &'static str {
        "debris"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Paragraphs, Layer::Tokens]
    }
    fn produces(&self) -> &'static [Layer] {
        &[Layer::Debris]
    }
    fn run(&self, doc: &mut Doc) {
        let text = doc.text();
        let mut out = Vec::new();
        for p in &doc.paragraphs {
            paragraph_debris(text, p.span, doc.tokens_in(p.span), &mut out);
        }
        out.sort_by_key(|d| d.span);
        out.dedup_by(|b, a| a.span.overlaps(b.span));
        doc.debris = out;
    }
}

fn push(out: &mut Vec<Debris>, span: Span, kind: DebrisKind, rule: &'static str) {
    out.push(Debris {
        span,
        kind,
        by: origin(rule),
    });
}

/// The debris of one paragraph.
fn paragraph_debris(
    text: &str,
    para: Span,
    tokens: &[newsgraph_doc::layers::Token],
    out: &mut Vec<Debris>,
) {
    let body = &text[para];
    let lower = body.to_lowercase();
    let lower = lower.trim_end_matches(['.', ':', '!']);
    if PLACEHOLDERS.contains(&lower) {
        return push(out, para, DebrisKind::Placeholder, "placeholder");
    }
    if body.len() <= 80 && BOILERPLATE_PREFIXES.iter().any(|p| lower.starts_with(p)) {
        return push(out, para, DebrisKind::Boilerplate, "boilerplate");
    }
    for tok in tokens.iter().filter(|t| t.kind == TokenKind::Url) {
        let url = &text[tok.span];
        let bare = url
            .trim_start_matches("https://")
            .trim_start_matches("http://");
        if EMBED_HOSTS.iter().any(|h| bare.starts_with(h)) {
            push(out, tok.span, DebrisKind::EmbedLink, "embed-link");
        }
    }
    if let Some(span) = signature(text, tokens) {
        return push(out, span, DebrisKind::EmbedSignature, "embed-signature");
    }
    if let Some(span) = source_tag(text, tokens) {
        push(out, span, DebrisKind::SourceTag, "source-tag");
    }
}

fn is_dash(s: &str) -> bool {
    matches!(s, "—" | "–" | "-" | "--" | "―")
}

/// `— NAME (@handle) May 5, 2025` running to the end of the paragraph.
pub(crate) fn signature(text: &str, tokens: &[newsgraph_doc::layers::Token]) -> Option<Span> {
    let tok = |k: usize| tokens.get(k).map(|t| &text[t.span]);
    let k = (0..tokens.len()).find(|&k| {
        tok(k) == Some("(")
            && tokens
                .get(k + 1)
                .is_some_and(|t| t.kind == TokenKind::Handle)
            && tok(k + 2) == Some(")")
    })?;
    let (_, n) = dates::date_at(text, tokens, k + 3)?;
    if k + 3 + n != tokens.len() {
        return None;
    }
    let dash = (k.saturating_sub(8)..k)
        .rev()
        .find(|&d| tok(d).is_some_and(is_dash))?;
    Some(tokens[dash].span.cover(tokens[tokens.len() - 1].span))
}

/// `–Latin Times` closing a paragraph after its last sentence: a dash and one to four
/// capitalised words.
fn source_tag(text: &str, tokens: &[newsgraph_doc::layers::Token]) -> Option<Span> {
    let n = tokens.len();
    let dash = (n.saturating_sub(5)..n).find(|&d| is_dash(&text[tokens[d].span]))?;
    let words = &tokens[dash + 1..];
    if words.is_empty()
        || !words.iter().all(|t| {
            let w = &text[t.span];
            t.kind == TokenKind::Word && w.starts_with(char::is_uppercase) || w == "&"
        })
    {
        return None;
    }
    if dash > 0 {
        let before = &text[tokens[dash - 1].span];
        let ends_sentence = before.ends_with(['.', '!', '?', '”', '"', '’', '…', ')']);
        if !ends_sentence {
            return None;
        }
    }
    Some(tokens[dash].span.cover(tokens[n - 1].span))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::{Paragraphs, Tokens};

    fn debris(text: &str) -> Vec<(String, DebrisKind, String)> {
        let mut doc = Doc::new(text);
        for stage in [&Paragraphs as &dyn Stage, &Tokens, &DebrisStage] {
            stage.run(&mut doc);
        }
        doc.debris
            .iter()
            .map(|d| (text[d.span].to_owned(), d.kind, d.by.rule.to_string()))
            .collect()
    }

    #[test]
    fn every_rule_example_holds() {
        for rule in RULES {
            for example in rule.examples {
                let text = example.replace(['[', ']'], "");
                let want: Vec<(String, DebrisKind, String)> = example
                    .split_once('[')
                    .and_then(|(_, rest)| rest.split_once(']'))
                    .map(|(inside, _)| (inside.to_owned(), rule.kind, rule.name.to_owned()))
                    .into_iter()
                    .collect();
                assert_eq!(debris(&text), want, "rule {} on {example:?}", rule.name);
            }
        }
    }
}
