//! Cited sources: who the article says its information comes from.
//!
//! - every mention of a news outlet or agency ("first reported by the Wall Street Journal",
//!   "in an interview with Fox News");
//! - closing source tags ("–Latin Times") and embedded posts' signatures;
//! - organisations quoted or reporting ("the Crisis Group said", "the Crisis Group detailed"),
//!   and whoever follows "according to".

use newsgraph_doc::layers::{DebrisKind, EntityType, Source};
use newsgraph_doc::{Doc, EntityId, Layer, Origin, Span, Stage};

/// The sources stage.
#[derive(Debug, Default)]
pub struct Sources;

/// Verbs by which an organisation reports ("the Crisis Group detailed").
pub(crate) const REPORTING: &[&str] = &[
    "reported",
    "reports",
    "detailed",
    "details",
    "noted",
    "notes",
    "said",
    "says",
    "wrote",
    "writes",
    "found",
    "finds",
    "published",
    "revealed",
    "reveals",
    "disclosed",
    "estimated",
    "estimates",
    "warned",
    "warns",
    "explained",
    "explains",
];

impl Stage for Sources {
    fn name(&self) -> &'static str {
        "sources"
    }
    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Entities,
            Layer::Debris,
            Layer::Posts,
            Layer::Attribution,
        ]
    }
    fn produces(&self) -> &'static [Layer] {
        &[Layer::Sources]
    }
    fn run(&self, doc: &mut Doc) {
        let mut out: Vec<Source> = Vec::new();
        let mut add = |name: String, span: Span, entity: Option<EntityId>, rule: &'static str| {
            out.push(Source {
                name,
                span,
                entity,
                by: Origin::new("sources", rule),
            });
        };
        for e in &doc.entities {
            if e.media {
                for m in &e.mentions {
                    add(e.name.clone(), m.span, Some(e.id), "media-mention");
                }
            }
        }
        for d in doc
            .debris
            .iter()
            .filter(|d| d.kind == DebrisKind::SourceTag)
        {
            let name = doc
                .slice(d.span)
                .trim_start_matches(['—', '–', '-', ' '])
                .to_owned();
            let entity = doc
                .entities
                .iter()
                .find(|e| e.mentions.iter().any(|m| d.span.contains(m.span)))
                .map(|e| e.id);
            add(name, d.span, entity, "source-tag");
        }
        for p in &doc.posts {
            let name = match &p.handle {
                Some(h) => format!("{} ({h})", p.author),
                None => p.author.clone(),
            };
            let signature = doc
                .debris_overlapping(p.span)
                .iter()
                .find(|d| d.kind == DebrisKind::EmbedSignature)
                .map_or(p.span, |d| d.span);
            add(name, signature, None, "post-signature");
        }
        for q in &doc.quotes {
            let Some(s) = &q.speaker else { continue };
            let Some(id) = s.entity else { continue };
            if doc.entities[id.index()].kind == EntityType::ORG && !doc.entities[id.index()].media {
                add(
                    s.name.clone(),
                    s.mention.unwrap_or(q.span),
                    Some(id),
                    "organisation-quoted",
                );
            }
        }
        for e in doc
            .entities
            .iter()
            .filter(|e| e.kind == EntityType::ORG && !e.media)
        {
            for m in &e.mentions {
                let next = doc
                    .tokens_in(Span::new(m.span.end(), doc.text().len()))
                    .iter()
                    .take(2)
                    .find(|t| REPORTING.contains(&doc.slice(t.span)));
                if next.is_some() {
                    add(e.name.clone(), m.span, Some(e.id), "organisation-reporting");
                }
            }
        }
        for w in doc.tokens.windows(3) {
            if doc.slice(w[0].span).eq_ignore_ascii_case("according")
                && doc.slice(w[1].span) == "to"
            {
                if let Some(e) = doc.entities.iter().find(|e| {
                    e.mentions.iter().any(|m| {
                        m.span.start == w[2].span.start
                            || (doc.slice(w[2].span) == "the"
                                && m.span.start <= w[2].span.end + 1
                                && m.span.start > w[2].span.start)
                    })
                }) {
                    let m = e
                        .mentions
                        .iter()
                        .find(|m| m.span.start >= w[2].span.start)
                        .map_or(w[2].span, |m| m.span);
                    add(e.name.clone(), m, Some(e.id), "according-to");
                }
            }
        }
        out.sort_by_key(|s| s.span);
        out.dedup_by_key(|s| s.span);
        // A citation inside another of the same name (the outlet inside its source tag) is one.
        let all = out.clone();
        out.retain(|s| {
            !all.iter()
                .any(|o| o.span != s.span && o.span.contains(s.span) && o.name == s.name)
        });
        doc.sources = out;
    }
}
