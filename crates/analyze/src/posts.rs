//! Embedded social-media posts, made one unit from their scraped remains.
//!
//! A post is anchored on its signature (`— NAME (@handle) May 5, 2025`, found by the debris
//! stage). Its text is the paragraph holding the signature, when words precede it there, else
//! the paragraphs just before it, taken back while they fit a post's length (280 characters, a
//! link counting 23 as on Twitter; one longer paragraph is accepted on its own).

use newsgraph_doc::layers::{DebrisKind, Platform, Post, TokenKind};
use newsgraph_doc::{Doc, Layer, Origin, Span, Stage};

use crate::dates;

/// The embedded-post stage.
#[derive(Debug, Default)]
pub struct Posts;

const ORIGIN: Origin = Origin::new("posts", "signature");
const POST_CHARS: usize = 280;
const LONG_POST_CHARS: usize = 1000;

impl Stage for Posts {
    fn name(&self) -> &'static str {
        "posts"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Paragraphs, Layer::Tokens, Layer::Debris]
    }
    fn produces(&self) -> &'static [Layer] {
        &[Layer::Posts]
    }
    fn run(&self, doc: &mut Doc) {
        let signatures: Vec<Span> = doc
            .debris
            .iter()
            .filter(|d| d.kind == DebrisKind::EmbedSignature)
            .map(|d| d.span)
            .collect();
        let mut posts: Vec<Post> = Vec::new();
        for sig in signatures {
            let floor = posts.last().map_or(0, |p| p.span.end);
            if let Some(post) = post(doc, sig, floor) {
                posts.push(post);
            }
        }
        doc.posts = posts;
    }
}

/// Characters a paragraph counts for in a post, links counting 23.
fn post_chars(doc: &Doc, span: Span) -> usize {
    let mut n = doc.slice(span).chars().count();
    for t in doc
        .tokens_in(span)
        .iter()
        .filter(|t| t.kind == TokenKind::Url)
    {
        n = n + 23 - doc.slice(t.span).chars().count().min(n);
    }
    n
}

fn post(doc: &Doc, sig: Span, floor: u32) -> Option<Post> {
    let pi = doc.paragraph_of(sig)?;
    let para = doc.paragraphs[pi].span;
    let start = if doc
        .slice(Span::new(para.start(), sig.start()))
        .trim()
        .is_empty()
    {
        let mut start = None;
        let mut used = 0;
        for (k, p) in doc.paragraphs[..pi].iter().enumerate().rev() {
            let n = post_chars(doc, p.span);
            let fits = used + n <= POST_CHARS || (k + 1 == pi && n <= LONG_POST_CHARS);
            if p.span.start < floor || !fits || doc.in_debris(p.span) {
                break;
            }
            used += n;
            start = Some(p.span.start());
        }
        start?
    } else {
        para.start()
    };
    // The post's words end at the last token before the signature that is not debris.
    let text_end = doc
        .tokens_in(Span::new(start, sig.start()))
        .iter()
        .filter(|t| !doc.in_debris(t.span))
        .map(|t| t.span.end())
        .max()?;
    let sig_tokens = doc.tokens_in(sig);
    let handle_at = sig_tokens
        .iter()
        .position(|t| t.kind == TokenKind::Handle)?;
    let handle = doc.slice(sig_tokens[handle_at].span).to_owned();
    // Author: between the dash and the opening parenthesis.
    let author_span = Span::new(
        sig_tokens[0].span.end(),
        sig_tokens[handle_at.saturating_sub(1)].span.start(),
    );
    let author = display_name(doc.slice(author_span).trim());
    let date = dates::date_at(doc.text(), sig_tokens, handle_at + 2).map(|(d, _)| d.iso());
    Some(Post {
        span: Span::new(start, sig.end()),
        platform: Platform::Twitter,
        author,
        author_mention: Some(author_span.trim(doc.text())).filter(|s| !s.is_empty()),
        handle: Some(handle),
        date,
        text: Span::new(start, text_end),
        lang: None,
        by: ORIGIN,
    })
}

/// A name written in capitals, as signatures often are, in title case: `GONZALO OLIVEROS` →
/// `Gonzalo Oliveros`.
pub(crate) fn display_name(name: &str) -> String {
    if name.chars().any(char::is_lowercase) {
        return name.to_owned();
    }
    name.split(' ')
        .map(|w| {
            let mut chars = w.chars();
            chars.next().map_or(String::new(), |c| {
                c.to_string() + &chars.as_str().to_lowercase()
            })
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::debris::DebrisStage;
    use crate::segment::{Paragraphs, Tokens};

    fn posts(text: &str) -> Vec<Post> {
        let mut doc = Doc::new(text);
        for stage in [&Paragraphs as &dyn Stage, &Tokens, &DebrisStage, &Posts] {
            stage.run(&mut doc);
        }
        doc.posts
    }

    #[test]
    fn a_post_over_two_paragraphs() {
        let text = "A long paragraph of article prose that goes on and on well past what a short post would hold, with many words in it, so that it cannot be taken for part of the embedded post that follows it in the page, not even by a generous reader, because it is very long indeed and keeps going.\n\
            “Hola a todos”\nUn saludo pic.twitter.com/abc\n— MARIA LOPEZ (@mlopez) March 2, 2024\nMore prose.";
        let found = posts(text);
        assert_eq!(found.len(), 1);
        let p = &found[0];
        assert_eq!(&text[p.text], "“Hola a todos”\nUn saludo");
        assert!(text[p.span].starts_with("“Hola") && text[p.span].ends_with("2024"));
        assert_eq!(
            (p.author.as_str(), p.handle.as_deref(), p.date.as_deref()),
            ("Maria Lopez", Some("@mlopez"), Some("2024-03-02"))
        );
    }

    #[test]
    fn a_post_on_one_line() {
        let text = "Big news today https://t.co/xyz — Bob Smith (@bob) June 1, 2023";
        let p = &posts(text)[0];
        assert_eq!(&text[p.text], "Big news today");
        assert_eq!(p.author, "Bob Smith");
    }
}
