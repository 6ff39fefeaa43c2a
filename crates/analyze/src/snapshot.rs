//! A human-readable rendering of a document, one block per layer with spans underlined, for
//! golden tests and `newsgraph analyze --format pretty`.

use std::fmt::Write;

use newsgraph_doc::{Doc, Span};

/// Renders `doc` as text: metadata, then each non-empty layer as a block.
pub fn snapshot(doc: &Doc) -> String {
    let mut out = String::new();
    let text = doc.text();
    let _ = writeln!(out, "language: {}", doc.language.as_deref().unwrap_or("-"));
    match &doc.publication_date {
        Some(p) => {
            let _ = writeln!(
                out,
                "publication_date: {} (inferred: {}, by {})",
                p.value, p.inferred, p.by
            );
        }
        None => out.push_str("publication_date: -\n"),
    }
    let layers: Vec<&str> = doc.produced().map(|l| l.name()).collect();
    let _ = writeln!(out, "layers: {}", layers.join(", "));

    block(
        &mut out,
        "paragraphs",
        doc.paragraphs.iter().map(|p| {
            let lang = p
                .lang
                .as_deref()
                .map(|l| format!(" lang={l}"))
                .unwrap_or_default();
            (p.span, format!("{}{lang}", p.by))
        }),
        text,
    );
    block(
        &mut out,
        "sentences",
        doc.sentences.iter().map(|s| (s.span, s.by.to_string())),
        text,
    );
    block(
        &mut out,
        "debris",
        doc.debris
            .iter()
            .map(|d| (d.span, format!("{:?} {}", d.kind, d.by))),
        text,
    );
    block(
        &mut out,
        "posts",
        doc.posts.iter().map(|p| {
            let label = format!(
                "{:?} author={:?} handle={} date={} lang={} text={:?}",
                p.platform,
                p.author,
                p.handle.as_deref().unwrap_or("-"),
                p.date.as_deref().unwrap_or("-"),
                p.lang.as_deref().unwrap_or("-"),
                &text[p.text],
            );
            (p.span, label)
        }),
        text,
    );
    block(
        &mut out,
        "entities",
        doc.entities.iter().flat_map(|e| {
            e.mentions
                .iter()
                .map(move |m| (m.span, format!("{} {:?} {:?}", e.id, e.kind, e.name)))
        }),
        text,
    );
    block(
        &mut out,
        "quotes",
        doc.quotes.iter().map(|q| {
            let speaker = q.speaker.as_ref().map_or("-", |s| s.name.as_str());
            let parent = q.parent.map(|p| format!(" parent={p}")).unwrap_or_default();
            let lang = q.lang.as_deref().unwrap_or("-");
            let date = match (&q.date, q.date_from) {
                (Some(d), Some(from)) => format!(" date={d} ({from:?})"),
                _ => String::new(),
            };
            let label = format!(
                "{} {:?}{parent} lang={lang}{date} speaker={speaker:?} {}",
                q.id, q.kind, q.by
            );
            (q.span, label)
        }),
        text,
    );
    block(
        &mut out,
        "timexes",
        doc.timexes
            .iter()
            .map(|t| (t.span, format!("{:?} {}", t.kind, t.value))),
        text,
    );
    block(
        &mut out,
        "sources",
        doc.sources
            .iter()
            .map(|s| (s.span, format!("{:?} {}", s.name, s.by))),
        text,
    );
    block(
        &mut out,
        "diagnostics",
        doc.diagnostics.iter().map(|d| {
            (
                d.span.unwrap_or_default(),
                format!("{} {:?}: {}", d.code, d.severity, d.message),
            )
        }),
        text,
    );
    out
}

/// One layer: each span's line of text with the span underlined, then its label.
fn block(out: &mut String, name: &str, items: impl Iterator<Item = (Span, String)>, text: &str) {
    let items: Vec<(Span, String)> = items.collect();
    if items.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n## {name} ({})", items.len());
    for (span, label) in items {
        let _ = writeln!(out, "{}..{} {label}", span.start, span.end);
        underline(out, text, span);
    }
}

/// Context characters shown on each side of a span.
const CONTEXT: usize = 16;
/// Spans longer than this many characters show their head and tail only.
const LONG: usize = 90;

/// Writes the span in its line's context with carets under it; newlines show as `⏎`, long spans
/// are shortened in the middle (`…`), so every item takes two lines.
fn underline(out: &mut String, text: &str, span: Span) {
    let flat = |s: &str| s.replace('\n', "⏎").replace('\r', "␍").replace('\t', " ");
    let before: String = text[..span.start()]
        .chars()
        .rev()
        .take_while(|&c| c != '\n')
        .take(CONTEXT)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = text[span.end()..]
        .chars()
        .take_while(|&c| c != '\n')
        .take(CONTEXT)
        .collect();
    let inner = &text[span];
    let chars: Vec<char> = inner.chars().collect();
    let shown = if chars.len() > LONG {
        let head: String = chars[..LONG / 2].iter().collect();
        let tail: String = chars[chars.len() - LONG / 2..].iter().collect();
        format!("{}…{}", flat(&head), flat(&tail))
    } else {
        flat(inner)
    };
    let before = flat(&before);
    let _ = writeln!(
        out,
        "  | {before}{shown}{}\n  | {}{}",
        flat(&after),
        " ".repeat(before.chars().count()),
        "^".repeat(shown.chars().count().max(1))
    );
}
