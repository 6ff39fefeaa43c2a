//! The article's main text, readability style: text blocks (paragraphs, list items, quotes,
//! sub-headings) outside page furniture are scored (length, commas, few links); their scores go
//! to their parent and half to their grandparent; the best container and its high-scoring
//! siblings give the body, in document order, one block a line.

use std::collections::HashMap;

use scraper::node::Node;
use scraper::{ElementRef, Html};

use crate::lighten::lighten;
use crate::meta;

/// An extracted article.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Article {
    pub title: Option<String>,
    pub authors: Vec<String>,
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
    pub url: Option<String>,
    pub site_name: Option<String>,
    pub language: Option<String>,
    /// The body: blocks separated by newlines.
    pub text: String,
    /// What was odd about the page (`html-too-deep`), as `code: message`.
    pub diagnostics: Vec<String>,
}

/// Nesting beyond which a page is not parsed as a tree: html5ever's tree builder scans the
/// stack of open elements for each tag, which is quadratic on pathological nesting.
pub const MAX_DEPTH: usize = 2_000;

/// A cheap upper bound of the page's element nesting, from its tags alone.
fn nesting(html: &str) -> usize {
    const VOID: &[&str] = &[
        "br", "img", "meta", "link", "input", "hr", "source", "wbr", "area", "base", "col",
        "embed", "param", "track",
    ];
    let (mut depth, mut max) = (0usize, 0usize);
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        i += off + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let end = bytes[start..]
            .iter()
            .position(|b| !b.is_ascii_alphanumeric())
            .map_or(bytes.len(), |e| start + e);
        if end == start {
            continue;
        }
        let name = &bytes[start..end];
        let self_closing = bytes[end..]
            .iter()
            .position(|&b| b == b'>')
            .is_some_and(|g| g > 0 && bytes[end + g - 1] == b'/');
        if closing {
            depth = depth.saturating_sub(1);
        } else if !VOID.iter().any(|v| name.eq_ignore_ascii_case(v.as_bytes())) && !self_closing {
            depth += 1;
            max = max.max(depth);
        }
        i = end;
    }
    max
}

/// The page's text with every tag removed, for pages too deep to parse as a tree.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Elements never part of an article's body.
const SKIP_TAGS: &[&str] = &[
    "script",
    "style",
    "noscript",
    "nav",
    "header",
    "footer",
    "aside",
    "iframe",
    "svg",
    "button",
    "select",
    "option",
    "template",
    "figcaption",
    "h1",
    "head",
    "menu",
    "dialog",
];
/// Class or id words of page furniture.
const SKIP_WORDS: &[&str] = &[
    "comment",
    "share",
    "sharing",
    "social",
    "related",
    "promo",
    "advert",
    "ads",
    "sidebar",
    "footer",
    "nav",
    "navigation",
    "menu",
    "cookie",
    "newsletter",
    "subscribe",
    "popup",
    "modal",
    "breadcrumb",
    "widget",
    "banner",
    "outbrain",
    "taboola",
    "recommend",
    "recommended",
    "tags",
    "masthead",
    "toolbar",
    "signup",
    "paywall",
    "byline",
    "skip",
    "trending",
    "readmore",
    "caption",
];
/// Elements that hold a block of text.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "blockquote",
    "pre",
    "dd",
    "tr",
];

fn is_furniture(e: &ElementRef) -> bool {
    furniture(e).is_some()
}

/// Why an element is page furniture.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Furniture {
    /// Its tag or a `hidden` attribute: certain.
    Tag,
    /// A word of its class or id: a guess that layout classes get wrong ("and-w-sidebar",
    /// Blogger's "widget Blog", Elementor's "elementor-widget" wrap whole articles).
    Named,
}

fn furniture(e: &ElementRef) -> Option<Furniture> {
    let v = e.value();
    if SKIP_TAGS.contains(&v.name()) {
        return Some(Furniture::Tag);
    }
    if v.attr("hidden").is_some() || v.attr("aria-hidden") == Some("true") {
        return Some(Furniture::Tag);
    }
    // Page-level containers carry theme classes ("sidebar-left", "menu-dropdown"): never furniture.
    if matches!(v.name(), "html" | "body" | "main" | "article") {
        return None;
    }
    let names = format!(
        "{} {}",
        v.attr("class").unwrap_or(""),
        v.attr("id").unwrap_or("")
    )
    .to_ascii_lowercase();
    names
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|w| SKIP_WORDS.contains(&w) || w == "ad")
        .then_some(Furniture::Named)
}

/// A twin part's share of the best container's score for it to join the body (0.2 measured
/// best on the dev pages among 0.05-0.5).
const TWIN: f64 = 0.2;
/// How many ancestors of the best container are looked at for twins (Quanta wraps each part of
/// a story five deep; 6 gained on the dev pages and lost none against 4).
const TWIN_LEVELS: usize = 6;

/// Whether two class lists name the same kind of element: their first class is the same
/// ("post__content__section wysiwyg" and "post__content__section dropcap").
/// A grid's layout classes ("cell", "col-md-8", "row") say nothing of what a part holds: those
/// must match whole.
fn same_kind(other: Option<&str>, class: &str) -> bool {
    const LAYOUT: &[&str] = &[
        "cell",
        "col",
        "row",
        "grid",
        "container",
        "wrap",
        "span",
        "flex",
    ];
    let first = |c: &str| c.split_whitespace().next().map(str::to_owned);
    let Some(other) = other else {
        return false;
    };
    let layout = first(class).is_some_and(|f| LAYOUT.iter().any(|l| f.starts_with(l)));
    if layout {
        other == class
    } else {
        first(other).is_some() && first(other) == first(class)
    }
}

/// The score of the good blocks under `root`.
fn subtree_score(blocks: &[Block], good: &dyn Fn(&Block) -> bool, root: ElementRef) -> f64 {
    blocks
        .iter()
        .filter(|b| good(b) && b.element.ancestors().any(|a| a.id() == root.id()))
        .map(score)
        .sum()
}

/// Characters of paragraph text under `e`: in `<p>`s, and in divs that hold text without
/// blocks (Blogger writes its posts as `<div><span>text</span></div>`).
#[derive(Clone, Copy, Debug, Default)]
struct ParagraphChars {
    p: usize,
    div: usize,
}

impl ParagraphChars {
    fn of(e: &ElementRef) -> ParagraphChars {
        Self::walk(e, 0).0
    }

    /// The counts under `e`, and whether a block sits under it: one pass, bottom up.
    fn walk(e: &ElementRef, depth: usize) -> (ParagraphChars, bool) {
        let mut out = ParagraphChars::default();
        let mut block_inside = false;
        if depth > 500 {
            return (out, true);
        }
        for child in e.children().filter_map(ElementRef::wrap) {
            let (counts, inner) = Self::walk(&child, depth + 1);
            out.p += counts.p;
            out.div += counts.div;
            let name = child.value().name();
            block_inside |= inner || is_block(name);
        }
        match e.value().name() {
            "p" => out.p += e.text().map(str::len).sum::<usize>(),
            "div" if !block_inside => out.div += e.text().map(|t| t.trim().len()).sum::<usize>(),
            _ => {}
        }
        (out, block_inside)
    }

    fn total(self) -> usize {
        self.p + self.div
    }

    /// Whether this holds most of `page`'s paragraph text, counted either way.
    fn most_of(self, page: ParagraphChars) -> bool {
        self.p * 2 > page.p || self.total() * 2 > page.total()
    }
}

/// Whether elements named `name` hold blocks of text: the block tags and divs.
fn is_block(name: &str) -> bool {
    BLOCK_TAGS.contains(&name) || name == "div"
}

/// Whether a block element (or a div) sits under `e`.
fn has_block_inside(e: &ElementRef) -> bool {
    e.descendants()
        .skip(1)
        .any(|d| d.value().as_element().is_some_and(|el| is_block(el.name())))
}

/// A block of text and where it sits.
struct Block<'a> {
    element: ElementRef<'a>,
    text: String,
    /// The share of its non-space characters inside links.
    density: f64,
    /// [`text_weight`] of the text.
    weight: usize,
    /// Its readability score: [`score_of`].
    score: f64,
}

impl<'a> Block<'a> {
    fn new(element: ElementRef<'a>, text: String, link_chars: usize) -> Block<'a> {
        let n = text.chars().filter(|c| !c.is_whitespace()).count().max(1);
        Block {
            element,
            weight: text_weight(&text),
            score: score_of(&text),
            text,
            density: link_chars as f64 / n as f64,
        }
    }
}

fn text_of(e: &ElementRef, links: &mut usize, out: &mut String, in_link: bool) {
    for child in e.children() {
        match child.value() {
            Node::Text(t) => {
                out.push_str(t);
                if in_link {
                    *links += t.chars().filter(|c| !c.is_whitespace()).count();
                }
            }
            Node::Element(_) => {
                if let Some(ce) = ElementRef::wrap(child) {
                    if is_furniture(&ce) {
                        continue;
                    }
                    if matches!(ce.value().name(), "br" | "td" | "th") {
                        out.push(' ');
                    }
                    text_of(&ce, links, out, in_link || ce.value().name() == "a");
                }
            }
            _ => {}
        }
    }
}

/// Collects the text blocks under `e`. `page_chars` is the page's paragraph text: an element
/// named like furniture that holds most of it is the article's container after all.
fn collect<'a>(
    e: ElementRef<'a>,
    out: &mut Vec<Block<'a>>,
    depth: usize,
    page_chars: ParagraphChars,
) {
    if depth > 200 {
        return;
    }
    match furniture(&e) {
        Some(Furniture::Tag) => return,
        // (The cheap test first: the subtree is walked only on pages with text to compare.)
        Some(Furniture::Named)
            if page_chars.total() < 500 || !ParagraphChars::of(&e).most_of(page_chars) =>
        {
            return
        }
        _ => {}
    }
    let name = e.value().name();
    let has_inner_block = || has_block_inside(&e);
    // A div with no block inside is a paragraph (Blogger's `<div><span>text</span></div>`).
    if is_block(name) && (name == "p" || !has_inner_block()) {
        let mut text = String::new();
        let mut links = 0;
        // A block inside a link (`<a><h3>Title</h3></a>`, a teaser) is link text all through.
        let in_link = e
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| a.value().name() == "a");
        text_of(&e, &mut links, &mut text, in_link);
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            out.push(Block::new(e, text, links));
        }
        return;
    }
    // A div (or section, article) holding text directly: each run of its own text between
    // block children is a block, in document order with the blocks of its children.
    let holder = matches!(name, "div" | "section" | "article" | "main");
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut Vec<Block<'a>>| {
        let text = run.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.chars().count() > 60 {
            out.push(Block::new(e, text, 0));
        }
        run.clear();
    };
    for child in e.children() {
        match child.value() {
            Node::Text(t) if holder => run.push_str(t),
            Node::Element(el) => {
                if holder && is_block(el.name()) {
                    flush(&mut run, out);
                }
                if let Some(ce) = ElementRef::wrap(child) {
                    collect(ce, out, depth + 1, page_chars);
                }
            }
            _ => {}
        }
    }
    if holder {
        flush(&mut run, out);
    }
}

/// A text's length in Latin-letter terms: a Chinese, Japanese or Korean character says about as
/// much as three letters.
fn text_weight(text: &str) -> usize {
    text.chars()
        .map(|c| {
            let wide = matches!(u32::from(c), 0x3040..=0x30ff | 0x3400..=0x9fff | 0xac00..=0xd7af);
            if wide {
                3
            } else {
                1
            }
        })
        .sum()
}

fn link_density(b: &Block) -> f64 {
    b.density
}

fn score(b: &Block) -> f64 {
    b.score
}

/// One for the block, one per comma, one per hundred characters up to three.
fn score_of(text: &str) -> f64 {
    let len = text.chars().count() as f64;
    1.0 + text.matches([',', '，', '、']).count() as f64 + (len / 100.0).min(3.0)
}

/// Extracts the article of an HTML page; `url` helps date it when the page does not.
pub fn extract(html: &str, url: Option<&str>) -> Article {
    let lightened = lighten(html);
    let html = lightened.as_str();
    let depth = nesting(html);
    if depth > MAX_DEPTH {
        return Article {
            url: url.map(str::to_owned),
            text: strip_tags(html),
            diagnostics: vec![format!(
                "html-too-deep: elements nest {depth} deep (over {MAX_DEPTH}); the page's text was kept without its structure"
            )],
            ..Article::default()
        };
    }
    let doc = Html::parse_document(html);
    let page = meta::Page::new(&doc);
    let mut blocks = Vec::new();
    let page_chars = ParagraphChars::of(&doc.root_element());
    collect(doc.root_element(), &mut blocks, 0, page_chars);
    // Consent banners read like prose; their words give them away.
    blocks.retain(|b| {
        let t = b.text.to_lowercase();
        !(t.contains("cookie")
            && (t.contains("privacy") || t.contains("consent") || t.contains("tracking")))
    });
    // A teaser of another story is cut short ("... has its days numbered...."): it does not
    // vote for its container.
    let teaser = |b: &Block| b.text.ends_with("...") || b.text.ends_with('…');
    let good = |b: &Block| b.weight >= 25 && link_density(b) < 0.5 && !teaser(b);

    let mut scores: HashMap<ego_id::Id, f64> = HashMap::new();
    for b in blocks.iter().filter(|b| good(b)) {
        let s = score(b);
        if let Some(p) = b.element.parent() {
            *scores.entry(ego_id::of(&p)).or_default() += s;
            if let Some(g) = p.parent() {
                *scores.entry(ego_id::of(&g)).or_default() += s / 2.0;
            }
        }
    }
    let best = scores
        .iter()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map(|(id, s)| (*id, *s));
    let text = match best {
        None => String::new(),
        Some((best_id, best_score)) => {
            // The container and its siblings that score at least a fifth as well.
            let container = doc.tree.get(best_id.0).and_then(ElementRef::wrap);
            let mut roots = Vec::new();
            if let Some(c) = container {
                roots.push(ego_id::of(&c));
                if let Some(parent) = c.parent() {
                    // A sibling that scores, or is itself a paragraph of prose (readability's
                    // rule: "Good morning! This is the news…" before a list of items).
                    let prose: std::collections::HashSet<ego_id::Id> = blocks
                        .iter()
                        .filter(|b| {
                            b.element.value().name() == "p"
                                && link_density(b) < 0.25
                                && (b.weight >= 80 || b.text.ends_with('.'))
                        })
                        .map(|b| ego_id::of(&b.element))
                        .collect();
                    for sib in parent.children() {
                        let id = ego_id::of(&sib);
                        if id != ego_id::of(&c)
                            && (scores.get(&id).is_some_and(|s| *s >= best_score * 0.2)
                                || prose.contains(&id))
                        {
                            roots.push(id);
                        }
                    }
                }
                // An article split into repeated parts (NYT's `StoryBodyCompanionColumn`,
                // sections of a CMS): siblings of the container's ancestors, up to a few levels
                // and never past an `<article>`, that share the ancestor's tag and class and
                // hold text scoring at least a fifth of the container's.
                let own = subtree_score(&blocks, &good, c);
                let mut level = c;
                for _ in 0..TWIN_LEVELS {
                    if level.value().name() == "article" {
                        break;
                    }
                    let Some(up) = level.parent().and_then(ElementRef::wrap) else {
                        break;
                    };
                    let class = level.value().attr("class").unwrap_or("");
                    if !class.trim().is_empty() {
                        let twins = up.children().filter_map(ElementRef::wrap).filter(|sib| {
                            sib.id() != level.id()
                                && sib.value().name() == level.value().name()
                                && same_kind(sib.value().attr("class"), class)
                        });
                        for twin in twins {
                            let id = ego_id::of(&twin);
                            if !roots.contains(&id)
                                && subtree_score(&blocks, &good, twin) >= own * TWIN
                            {
                                roots.push(id);
                            }
                        }
                    }
                    level = up;
                }
            }
            let inside = |b: &Block| {
                roots.contains(&ego_id::of(&b.element))
                    || b.element
                        .ancestors()
                        .any(|a| roots.contains(&ego_id::of(&a)))
            };
            blocks
                .iter()
                .filter(|b| inside(b) && link_density(b) < 0.5)
                .filter(|b| {
                    // A table's rows are kept whole, however short.
                    b.element.value().name() == "tr"
                        || b.weight >= 25
                        || b.text
                            .ends_with(['.', '!', '?', '"', '”', ':', '。', '！', '？', '」'])
                })
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        }
    };
    // Pages that render their text with scripts often carry it in JSON-LD.
    let text = if text.chars().count() < 200 {
        meta::json_ld_body(&page)
            .filter(|b| b.chars().count() > text.chars().count())
            .unwrap_or(text)
    } else {
        text
    };
    let canonical = meta::canonical(&page).or_else(|| url.map(str::to_owned));
    Article {
        title: meta::title(&page),
        authors: meta::authors(&page),
        published: meta::published(&page, canonical.as_deref()),
        url: canonical,
        site_name: meta::site_name(&page),
        language: meta::language(&page),
        text,
        diagnostics: Vec::new(),
    }
}

/// Node ids as hashable keys.
mod ego_id {
    use scraper::node::Node;

    #[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
    pub struct Id(pub ego_tree::NodeId);

    pub fn of(n: &ego_tree::NodeRef<'_, Node>) -> Id {
        Id(n.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_inside_links_are_teasers_not_text() {
        let para = "<p>The council met on Monday, and its members voted, after a long debate, to keep the harbour open.</p>";
        let teaser = "<a href=\"/other\"><h3>Another story about the harbour and the council of the city</h3></a>";
        let html = format!(
            "<html><body><article>{}{}</article></body></html>",
            para.repeat(4),
            teaser.repeat(3)
        );
        let a = extract(&html, None);
        assert_eq!(a.text.lines().count(), 4, "{}", a.text);
    }

    #[test]
    fn text_written_straight_into_a_section_reads_in_order_with_its_headings() {
        let html = "<html><body><section class=\"article-page\">\
            We bring you the best deals we have found today on games, hardware and electronics.<p></p>\
            <h2>A controller for $39.99, the lowest price of the year</h2>\
            The price of the controller has dropped to Black Friday levels, which is a first this season.<br>\
            <h2>A monitor at 35% off, the lowest price we have seen</h2>\
            This is the lowest price we have ever seen for one of the best gaming monitors out there.\
            </section></body></html>";
        let lines: Vec<String> = extract(html, None)
            .text
            .lines()
            .map(str::to_owned)
            .collect();
        assert_eq!(lines.len(), 5, "{lines:?}");
        assert!(lines[0].starts_with("We bring you"));
        assert!(lines[1].starts_with("A controller"));
        assert!(lines[2].starts_with("The price"));
        assert!(lines[4].starts_with("This is the lowest"));
    }

    #[test]
    fn a_paragraph_beside_a_list_article_is_kept() {
        let items: String = (0..6)
            .map(|i| format!("<li><strong><a href=\"/s{i}\">Story {i} is here</a>.</strong> The company, which was founded in 2010, said on Monday that it would cut jobs.</li>"))
            .collect();
        let html = format!(
            "<html><body><div class=\"post\"><p>Good morning! This is the news you need to know this Tuesday.</p><ol>{items}</ol></div></body></html>"
        );
        let a = extract(&html, None);
        assert!(a.text.starts_with("Good morning!"), "{}", a.text);
        assert_eq!(a.text.lines().count(), 7);
    }

    #[test]
    fn short_lines_in_japanese_weigh_as_much_as_longer_english_ones() {
        assert_eq!(text_weight("ショートカットタブを開き"), 36);
        assert_eq!(text_weight("Open the tab"), 12);
        let para = "<p>ショートカットタブを開き、ショートカットの欄を</p>";
        let html = format!(
            "<html><body><article>{}</article></body></html>",
            para.repeat(3)
        );
        assert_eq!(extract(&html, None).text.lines().count(), 3);
    }

    #[test]
    fn twin_parts_may_differ_in_their_other_classes_but_not_in_layout() {
        let para = |i: usize| {
            format!("<p>Paragraph {i} of the story, in which the council, after long debate, voted to keep the harbour open.</p>")
        };
        let part = |class: &str, from: usize| {
            let ps: String = (from..from + 3).map(para).collect();
            format!("<section class=\"{class}\">{ps}</section><figure><img src=\"x.jpg\"></figure>")
        };
        let html = format!(
            "<html><body><div class=\"body\">{}{}</div></body></html>",
            part("story-part dropcap", 0),
            part("story-part", 3)
        );
        assert_eq!(extract(&html, None).text.lines().count(), 6);
        assert!(same_kind(Some("cell auto article"), "cell auto article"));
        assert!(!same_kind(
            Some("cell medium-4 related"),
            "cell auto article"
        ));
    }

    #[test]
    fn a_table_in_the_article_reads_row_by_row() {
        let html = "<html><body><article>\
            <p>The standings after the final race of the season, with points and wins, are below.</p>\
            <table><tr><th>Pos.</th><th>Driver</th><th>Points</th></tr>\
            <tr><td>1</td><td>Kyle Busch</td><td>5040</td></tr>\
            <tr><td>2</td><td>Martin Truex Jr.</td><td>5035</td></tr></table>\
            <p>The champion, who won five races this year, said on Sunday that he would be back.</p>\
            </article></body></html>";
        let a = extract(html, None);
        let lines: Vec<&str> = a.text.lines().collect();
        assert_eq!(
            lines[1..4],
            [
                "Pos. Driver Points",
                "1 Kyle Busch 5040",
                "2 Martin Truex Jr. 5035"
            ],
            "{}",
            a.text
        );
    }

    #[test]
    fn blogger_div_posts_beat_a_longer_list_of_teasers() {
        let sentence = "The council met on Monday, and its members voted, after a long debate, to keep the harbour open to fishing boats through the winter.";
        let post: String = (0..4)
            .map(|i| format!("<div><span style=\"font-size: small;\">{i}. {sentence}</span></div>"))
            .collect();
        let teasers: String = (0..12)
            .map(|i| format!("<li><a href=\"/s{i}\">Story {i}</a><span>Officials said on Tuesday, in a statement to reporters, that the plan for the new bridge would be ready before...</span></li>"))
            .collect();
        let html = format!(
            "<html><body><div class=\"breaking-news\"><ul>{teasers}</ul></div>\
             <div class=\"widget Blog\"><div class=\"post-body\">{post}</div></div></body></html>"
        );
        let a = extract(&html, None);
        assert_eq!(a.text.lines().count(), 4, "{}", a.text);
        assert!(a.text.lines().all(|l| l.ends_with(sentence)), "{}", a.text);
    }

    #[test]
    fn the_body_without_furniture() {
        let html = r#"<html lang="en"><head><title>T</title>
            <meta property="article:published_time" content="2025-05-05T10:00:00Z"></head><body>
            <nav><a href="/">Home</a> <a href="/world">World</a></nav>
            <h1>Headline here</h1>
            <article><div class="body">
              <p>First paragraph of the story, with a comma, and enough words to count as prose.</p>
              <p>Second paragraph, also long enough to be part of the article body text.</p>
              <div class="share">Share this on Facebook, Twitter, and by e-mail, please do it now.</div>
            </div></article>
            <div class="comments"><p>A reader comment that is long enough to look like prose, sadly.</p></div>
            <footer><p>Copyright 2025, the newspaper, all rights reserved by its owners.</p></footer>
            </body></html>"#;
        let a = extract(html, None);
        assert_eq!(
            a.text,
            "First paragraph of the story, with a comma, and enough words to count as prose.\nSecond paragraph, also long enough to be part of the article body text."
        );
        assert_eq!(a.published.as_deref(), Some("2025-05-05"));
        assert_eq!(a.language.as_deref(), Some("en"));
    }

    fn paragraphs(prefix: &str, n: usize) -> String {
        (0..n)
            .map(|i| format!("<p>{prefix} paragraph {i} of the story, with a comma, and words enough to count as prose.</p>"))
            .collect()
    }

    #[test]
    fn a_layout_class_that_names_furniture_does_not_hide_the_article() {
        // "and-w-sidebar" is a page with a sidebar, not a sidebar; Blogger calls posts widgets.
        let html = format!(
            r#"<html><body><div class="main-white and-w-sidebar"><div class="story">{}</div>
            <div class="sidebar"><p>Most read: a teaser that is long enough to look like prose.</p></div>
            </div></body></html>"#,
            paragraphs("Story", 6)
        );
        let a = extract(&html, None);
        assert_eq!(a.text.lines().count(), 6, "{}", a.text);
        assert!(!a.text.contains("Most read"));
        // A real sidebar holding less than half the text stays out.
        let html = format!(
            r#"<html><body><div class="story">{}</div><div class="sidebar">{}</div></body></html>"#,
            paragraphs("Story", 4),
            paragraphs("Teaser", 1)
        );
        assert!(!extract(&html, None).text.contains("Teaser"));
    }

    #[test]
    fn an_article_split_into_twin_columns_is_read_whole() {
        let column = |i: usize| {
            format!(
                r#"<div class="StoryBodyCompanionColumn"><div class="inner">{}</div></div><div class="ad">Advertisement</div>"#,
                paragraphs(&format!("Column {i}"), 2 + usize::from(i == 0))
            )
        };
        let html = format!(
            r#"<html><body><article><section class="meteredContent">{}{}{}</section></article>
            <div class="more"><div class="teaser"><p>Another story: a teaser long enough to look like prose here.</p></div></div>
            </body></html>"#,
            column(0),
            column(1),
            column(2)
        );
        let a = extract(&html, None);
        assert_eq!(a.text.lines().count(), 7, "{}", a.text);
        assert!(a.text.starts_with("Column 0") && a.text.ends_with("prose."));
        assert!(!a.text.contains("Another story"));
    }

    #[test]
    fn deep_nesting_and_junk_do_not_break_it() {
        let deep = "<div>".repeat(100_000) + "text" + &"</div>".repeat(100_000);
        let a = extract(&deep, None);
        assert_eq!(a.text, "text");
        assert!(a.diagnostics[0].starts_with("html-too-deep"));
        let _ = extract("\u{0}\u{1}<<<>>>&&&;", None);
    }
}
