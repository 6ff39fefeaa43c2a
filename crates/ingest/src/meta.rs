//! Page metadata: title, authors, publication date, canonical URL, site name, language.

use scraper::{Html, Selector};

fn select(doc: &Html, css: &str, attr: Option<&str>) -> Option<String> {
    let sel = Selector::parse(css).ok()?;
    doc.select(&sel).find_map(|e| {
        let v = match attr {
            Some(a) => e.value().attr(a)?.to_owned(),
            None => e.text().collect::<String>(),
        };
        let v = v.split_whitespace().collect::<Vec<_>>().join(" ");
        (!v.is_empty()).then_some(v)
    })
}

pub fn title(doc: &Html) -> Option<String> {
    select(doc, r#"meta[property="og:title"]"#, Some("content"))
        .or_else(|| select(doc, "h1", None))
        .or_else(|| select(doc, "title", None))
}

pub fn authors(doc: &Html) -> Vec<String> {
    let mut out = Vec::new();
    for css in [
        r#"meta[name="author"]"#,
        r#"meta[property="article:author"]"#,
    ] {
        if let Some(a) = select(doc, css, Some("content")).filter(|a| !a.starts_with("http")) {
            out.push(a);
        }
    }
    if out.is_empty() {
        if let Some(a) =
            select(doc, r#"[rel="author"], .byline, .author"#, None).filter(|a| a.len() < 80)
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
        ok.then(|| String::from_utf8_lossy(w).into_owned())
    })
}

/// From meta tags, JSON-LD, `<time datetime>`, or the URL (`/2025/05/05/`).
pub fn published(doc: &Html, url: Option<&str>) -> Option<String> {
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
        ("time[datetime]", Some("datetime")),
    ] {
        if let Some(d) = select(doc, css, attr).and_then(|v| iso_date(&v)) {
            return Some(d);
        }
    }
    if let Ok(sel) = Selector::parse(r#"script[type="application/ld+json"]"#) {
        for s in doc.select(&sel) {
            let text: String = s.text().collect();
            if let Some(i) = text.find("\"datePublished\"") {
                if let Some(d) = iso_date(&text[i..]) {
                    return Some(d);
                }
            }
        }
    }
    let url = url?;
    let parts: Vec<&str> = url.split('/').collect();
    parts.windows(3).find_map(|w| {
        let (y, m, d) = (w[0], w[1], w[2]);
        let ok = y.len() == 4 && y.starts_with(['1', '2']) && m.len() == 2 && d.len() >= 2;
        let d = d.get(..2)?;
        (ok && [y, m, d]
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_digit())))
        .then(|| format!("{y}-{m}-{d}"))
    })
}

pub fn canonical(doc: &Html) -> Option<String> {
    select(doc, r#"link[rel="canonical"]"#, Some("href"))
        .or_else(|| select(doc, r#"meta[property="og:url"]"#, Some("content")))
}

pub fn site_name(doc: &Html) -> Option<String> {
    select(doc, r#"meta[property="og:site_name"]"#, Some("content"))
}

pub fn language(doc: &Html) -> Option<String> {
    select(doc, "html", Some("lang"))
        .map(|l| l.split(['-', '_']).next().unwrap_or("").to_lowercase())
        .filter(|l| l.len() == 2)
}

/// The `articleBody` of the page's JSON-LD, when it has one.
pub fn json_ld_body(doc: &Html) -> Option<String> {
    let sel = Selector::parse(r#"script[type="application/ld+json"]"#).ok()?;
    doc.select(&sel).find_map(|s| {
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
        let out = out.trim().to_owned();
        (!out.is_empty()).then_some(out)
    })
}
