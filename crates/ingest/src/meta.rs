//! Page metadata: title, authors, publication date, canonical URL, site name, language.

use std::collections::HashMap;

use scraper::{Html, Selector};

/// A parsed page with its `<meta>` tags indexed, read in one pass (a page is asked for a dozen
/// of them; a selector per tag walked the whole tree each time).
pub struct Page<'a> {
    pub doc: &'a Html,
    /// `(attribute, lowercased value)` of `name`, `property`, `itemprop` → the first `content`.
    tags: HashMap<(&'static str, String), String>,
}

impl<'a> Page<'a> {
    pub fn new(doc: &'a Html) -> Page<'a> {
        let mut tags = HashMap::new();
        if let Ok(sel) = Selector::parse("meta[content]") {
            for e in doc.select(&sel) {
                let Some(content) = e.value().attr("content") else {
                    continue;
                };
                for key in ["name", "property", "itemprop"] {
                    if let Some(v) = e.value().attr(key) {
                        tags.entry((key, v.to_ascii_lowercase()))
                            .or_insert_with(|| content.to_owned());
                    }
                }
            }
        }
        Page { doc, tags }
    }
}

/// `meta[KEY="VALUE"]` as its key and value.
fn meta_selector(css: &str) -> Option<(&str, &str)> {
    let inner = css.strip_prefix("meta[")?.strip_suffix("\"]")?;
    let (key, value) = inner.split_once("=\"")?;
    Some((key, value))
}

fn select(page: &Page, css: &str, attr: Option<&str>) -> Option<String> {
    if let (Some((key, value)), Some("content")) = (meta_selector(css), attr) {
        let v = page.tags.get(&(
            match key {
                "name" => "name",
                "property" => "property",
                _ => "itemprop",
            },
            value.to_ascii_lowercase(),
        ))?;
        let v = v.split_whitespace().collect::<Vec<_>>().join(" ");
        return (!v.is_empty()).then_some(v);
    }
    let sel = Selector::parse(css).ok()?;
    page.doc.select(&sel).find_map(|e| {
        let v = match attr {
            Some(a) => e.value().attr(a)?.to_owned(),
            None => e.text().collect::<String>(),
        };
        let v = v.split_whitespace().collect::<Vec<_>>().join(" ");
        (!v.is_empty()).then_some(v)
    })
}

pub fn title(page: &Page) -> Option<String> {
    select(page, r#"meta[property="og:title"]"#, Some("content"))
        .or_else(|| select(page, "h1", None))
        .or_else(|| select(page, "title", None))
}

pub fn authors(page: &Page) -> Vec<String> {
    let mut out = Vec::new();
    for css in [
        r#"meta[name="author"]"#,
        r#"meta[property="article:author"]"#,
    ] {
        if let Some(a) = select(page, css, Some("content")).filter(|a| !a.starts_with("http")) {
            out.push(a);
        }
    }
    if out.is_empty() {
        if let Some(a) =
            select(page, r#"[rel="author"], .byline, .author"#, None).filter(|a| a.len() < 80)
        {
            out.push(
                a.trim_start_matches("By ")
                    .trim_start_matches("by ")
                    .to_owned(),
            );
        }
    }
    out
}

/// The first `YYYY-MM-DD` in `s`.
fn iso_date(s: &str) -> Option<String> {
    let b = s.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let w = &b[i..i + 10];
        let ok = w[..4].iter().all(u8::is_ascii_digit)
            && w[4] == b'-'
            && w[5..7].iter().all(u8::is_ascii_digit)
            && w[7] == b'-'
            && w[8..10].iter().all(u8::is_ascii_digit);
        let date = String::from_utf8_lossy(w).into_owned();
        // CMS placeholders ("0001-01-01T00:00:00Z") are no dates.
        (ok && plausible(&date)).then_some(date)
    })
}

/// Whether `YYYY-MM-DD` could date a web page.
fn plausible(date: &str) -> bool {
    let part = |r: std::ops::Range<usize>| date.get(r).and_then(|p| p.parse::<u32>().ok());
    matches!(
        (part(0..4), part(5..7), part(8..10)),
        (Some(1990..=2100), Some(1..=12), Some(1..=31))
    )
}

/// Days between `a` and `b` (both `YYYY-MM-DD`).
fn days_apart(a: &str, b: &str) -> Option<i64> {
    use newsgraph_analyze::time::calendar::Date;
    Some((Date::parse(b)?.days() - Date::parse(a)?.days()).abs())
}

/// The date in a URL's path: `/2025/05/05/` or `/2025-05-05/`.
fn url_date(url: &str) -> Option<String> {
    let parts: Vec<&str> = url.split('/').collect();
    let slashed = parts.windows(3).find_map(|w| {
        let (y, m, d) = (w[0], w[1], w[2]);
        let ok = y.len() == 4 && m.len() <= 2 && !d.is_empty();
        let d: String = d.chars().take_while(char::is_ascii_digit).take(2).collect();
        let all_digits = [y, m].iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
        (ok && all_digits && !d.is_empty())
            .then(|| format!("{y}-{:0>2}-{d:0>2}", m))
            .filter(|date| plausible(date))
    });
    slashed.or_else(|| {
        parts.iter().find_map(|p| {
            iso_date(p).filter(|_| p.len() == 10 || p.as_bytes().get(10) == Some(&b'-'))
        })
    })
}

/// From meta tags, JSON-LD, `<time datetime>`, or the URL (`/2025/05/05/`). A stated date a
/// day off the URL's is a UTC timestamp of a late-evening story; the URL has the site's own
/// date for it.
pub fn published(page: &Page, url: Option<&str>) -> Option<String> {
    let stated = stated_date(page);
    let in_url = url.and_then(url_date);
    match (stated, in_url) {
        (Some(s), Some(u)) if days_apart(&s, &u).is_some_and(|d| d <= 1) => Some(u),
        (Some(s), _) => Some(s),
        (None, u) => u,
    }
}

/// The date the page's metadata states.
fn stated_date(page: &Page) -> Option<String> {
    for (css, attr) in [
        (
            r#"meta[property="article:published_time"]"#,
            Some("content"),
        ),
        (r#"meta[name="pubdate"]"#, Some("content")),
        (r#"meta[name="publishdate"]"#, Some("content")),
        (r#"meta[name="date"]"#, Some("content")),
        (r#"meta[itemprop="datePublished"]"#, Some("content")),
        (r#"meta[name="dc.date"]"#, Some("content")),
        (r#"meta[name="DC.date.issued"]"#, Some("content")),
        // Publishing vendors' tags (Parse.ly, Sailthru) and Open Graph variants.
        (r#"meta[name="parsely-pub-date"]"#, Some("content")),
        (r#"meta[name="sailthru.date"]"#, Some("content")),
        (
            r#"meta[property="og:article:published_time"]"#,
            Some("content"),
        ),
        (r#"meta[name="publish-date"]"#, Some("content")),
        (r#"meta[itemprop="dateCreated"]"#, Some("content")),
        ("time[datetime]", Some("datetime")),
    ] {
        if let Some(d) = select(page, css, attr).and_then(|v| iso_date(&v)) {
            return Some(d);
        }
    }
    let sel = Selector::parse(r#"script[type="application/ld+json"]"#).ok()?;
    page.doc.select(&sel).find_map(|s| {
        let text: String = s.text().collect();
        // The value right after the key, not a date further on.
        let i = text.find("\"datePublished\"")?;
        let value: String = text[i..].chars().take(60).collect();
        iso_date(&value)
    })
}

pub fn canonical(page: &Page) -> Option<String> {
    select(page, r#"link[rel="canonical"]"#, Some("href"))
        .or_else(|| select(page, r#"meta[property="og:url"]"#, Some("content")))
}

pub fn site_name(page: &Page) -> Option<String> {
    select(page, r#"meta[property="og:site_name"]"#, Some("content"))
}

pub fn language(page: &Page) -> Option<String> {
    select(page, "html", Some("lang"))
        .map(|l| l.split(['-', '_']).next().unwrap_or("").to_lowercase())
        .filter(|l| l.len() == 2)
}

/// The `articleBody` of the page's JSON-LD, when it has one.
pub fn json_ld_body(page: &Page) -> Option<String> {
    let sel = Selector::parse(r#"script[type="application/ld+json"]"#).ok()?;
    page.doc.select(&sel).find_map(|s| {
        let raw: String = s.text().collect();
        let i = raw.find("\"articleBody\"")?;
        let rest = raw[i + 13..]
            .trim_start()
            .strip_prefix(':')?
            .trim_start()
            .strip_prefix('"')?;
        // The JSON string up to its closing quote, unescaped.
        let mut out = String::new();
        let mut chars = rest.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => match chars.next()? {
                    'n' => out.push('\n'),
                    't' => out.push(' '),
                    'r' | 'b' | 'f' => {}
                    'u' => {
                        let hex: String = chars.by_ref().take(4).collect();
                        out.push(
                            u32::from_str_radix(&hex, 16)
                                .ok()
                                .and_then(char::from_u32)
                                .unwrap_or(' '),
                        );
                    }
                    other => out.push(other),
                },
                c => out.push(c),
            }
        }
        let out = markup_to_text(&out);
        let out = out.trim().to_owned();
        (!out.is_empty()).then_some(out)
    })
}

/// The text of a JSON-LD body that holds markup, raw (`<p>…</p>`) or escaped (`&lt;p&gt;`): tags
/// dropped, references decoded, a line per paragraph.
fn markup_to_text(body: &str) -> String {
    let mut text = body.to_owned();
    // Escaped markup decodes to markup once, so twice at most.
    for _ in 0..2 {
        if !(text.contains('<') || text.contains('&')) {
            break;
        }
        let mut marked = text.clone();
        for tag in [
            "</p>", "</P>", "<br>", "<br/>", "<br />", "</div>", "</h2>", "</h3>", "</li>",
        ] {
            marked = marked.replace(tag, &format!("\n{tag}"));
        }
        let fragment = Html::parse_fragment(&marked);
        text = fragment.root_element().text().collect();
    }
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn published_of(head: &str, url: Option<&str>) -> Option<String> {
        let doc = Html::parse_document(&format!("<html><head>{head}</head><body></body></html>"));
        published(&Page::new(&doc), url)
    }

    #[test]
    fn a_json_ld_body_with_markup_reads_as_text() {
        let page = r#"<html><head><script type="application/ld+json">{"articleBody": "First line of the story.\r\n\r\n&lt;div align=&quot;center&quot;&gt;&lt;img src=&quot;x.jpg&quot;/&gt;&lt;/div&gt;\r\nSecond <b>line</b> &amp; more.<br>Third."}</script></head><body></body></html>"#;
        let doc = Html::parse_document(page);
        let body = json_ld_body(&Page::new(&doc));
        assert_eq!(
            body.as_deref(),
            Some("First line of the story.\nSecond line & more.\nThird.")
        );
    }

    #[test]
    fn publication_dates() {
        let utc = r#"<meta property="article:published_time" content="2019-11-19T02:34:30Z">"#;
        // A late-evening story: UTC says the next day, the URL has the site's own date.
        assert_eq!(
            published_of(utc, Some("https://example.com/2019/11/18/story/index.html")).as_deref(),
            Some("2019-11-18")
        );
        // A URL date far from the stated one is another thing (an archive path).
        assert_eq!(
            published_of(utc, Some("https://example.com/2017/01/05/old")).as_deref(),
            Some("2019-11-19")
        );
        // A CMS placeholder is no date; the URL's is used.
        let placeholder = r#"<script type="application/ld+json">{"datePublished": "0001-01-01T00:00:00Z", "dateModified": "2019-11-20T10:00:00Z"}</script>"#;
        assert_eq!(
            published_of(
                placeholder,
                Some("https://example.com/story/news/2019/11/19/teachers/")
            )
            .as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(published_of(placeholder, None), None);
        assert_eq!(
            published_of(
                "",
                Some("https://example.com/business/story/2019-11-19/merger")
            )
            .as_deref(),
            Some("2019-11-19")
        );
        assert_eq!(
            published_of(
                r#"<meta name="sailthru.date" content="2019-11-18 16:07:38">"#,
                None
            )
            .as_deref(),
            Some("2019-11-18")
        );
    }
}
