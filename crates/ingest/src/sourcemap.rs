//! From the extracted text back to the page: which bytes of the HTML each run of the text came
//! from.
//!
//! The HTML parser does not report where its text nodes sit in the page, so the map is found
//! by alignment. The page is read once as the stream of characters a reader sees (tags,
//! comments and the insides of `script`, `style`, `title` and the like skipped, character
//! references decoded, whitespace dropped), each character with its bytes. The text's
//! characters, also without whitespace, are then matched against that stream in order: the
//! body is the page's text in document order with parts left out, so the next character is
//! usually the stream's next one, and after a part left out the alignment looks ahead for the
//! next few characters of the text. Runs that are verbatim in both are merged.

use std::collections::HashMap;

use newsgraph_doc::layers::PageSpan;
use newsgraph_doc::Span;

/// Elements whose content is not text a reader sees.
const RAW: &[&str] = &[
    "script", "style", "title", "textarea", "template", "noscript", "svg", "iframe",
];
/// Characters of the text that must match in a row where the alignment resumes.
const ANCHOR: usize = 8;
/// How far ahead in the page (in characters) the alignment looks for where to resume.
const LOOKAHEAD: usize = 400_000;

/// A character the page shows, and its bytes in the page.
#[derive(Clone, Copy, Debug)]
struct Shown {
    /// `None` for a character reference this module does not decode: it matches anything.
    c: Option<char>,
    start: usize,
    end: usize,
}

/// The runs of `text` and the bytes of `html` they came from, in text order. Characters the
/// alignment cannot place (text taken from JSON-LD, say) are left out of every run.
pub fn source_map(html: &str, text: &str) -> Vec<PageSpan> {
    let shown = shown(html);
    let mut placed: Vec<(usize, usize, usize, usize)> = Vec::new();
    let chars: Vec<(usize, char)> = text
        .char_indices()
        .filter(|(_, c)| !c.is_whitespace())
        .collect();
    let same = |s: &Shown, c: char| s.c.is_none_or(|x| x == c);
    // Where each character shows, for resuming without scanning the page (built at the first
    // resumption: most pages need few).
    let mut positions: Option<HashMap<char, Vec<u32>>> = None;
    let (mut i, mut at) = (0, 0);
    while i < chars.len() {
        let (t, c) = chars[i];
        if shown.get(at).is_some_and(|s| same(s, c)) {
            let s = shown[at];
            placed.push((t, t + c.len_utf8(), s.start, s.end));
            i += 1;
            at += 1;
            continue;
        }
        // Resume where the next few characters of the text follow one another in the page.
        let want = &chars[i..chars.len().min(i + ANCHOR)];
        let limit = shown.len().min(at + LOOKAHEAD);
        let positions = positions.get_or_insert_with(|| {
            let mut map: HashMap<char, Vec<u32>> = HashMap::new();
            for (k, s) in shown.iter().enumerate() {
                if let Some(c) = s.c {
                    map.entry(c).or_default().push(k as u32);
                }
            }
            map
        });
        let candidates = positions.get(&c).map_or(&[][..], Vec::as_slice);
        let from = candidates.partition_point(|&k| (k as usize) < at);
        let found = candidates[from..]
            .iter()
            .map(|&k| k as usize)
            .take_while(|&k| k < limit)
            .find(|&k| {
                want.iter()
                    .enumerate()
                    .all(|(j, &(_, c))| shown.get(k + j).is_some_and(|s| same(s, c)))
            });
        match found {
            Some(k) => at = k,
            // Not ahead in the page (text from JSON-LD, say): try again a few characters on.
            None => i += ANCHOR,
        }
    }
    merge(html, text, &placed)
}

/// Merges placed characters into runs that read the same in the text and the page.
fn merge(html: &str, text: &str, placed: &[(usize, usize, usize, usize)]) -> Vec<PageSpan> {
    let mut out: Vec<PageSpan> = Vec::new();
    let verbatim = |m: &PageSpan| text[m.span] == html[m.page_start as usize..m.page_end as usize];
    for &(ts, te, ps, pe) in placed {
        let next = PageSpan {
            span: Span::new(ts, te),
            page_start: ps as u64,
            page_end: pe as u64,
        };
        if let Some(last) = out.last_mut() {
            let grown = PageSpan {
                span: Span::new(last.span.start(), te),
                page_start: last.page_start,
                page_end: pe as u64,
            };
            if verbatim(last) && verbatim(&next) && verbatim(&grown) {
                *last = grown;
                continue;
            }
        }
        out.push(next);
    }
    out
}

/// The characters a reader of `html` sees, without whitespace.
fn shown(html: &str) -> Vec<Shown> {
    let bytes = html.as_bytes();
    let mut out = Vec::with_capacity(html.len() / 3);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' => i = after_markup(html, i),
            b'&' => {
                let (c, end) = reference(html, i);
                if !c.is_some_and(char::is_whitespace) {
                    out.push(Shown { c, start: i, end });
                }
                i = end;
            }
            _ => {
                let c = html[i..].chars().next().unwrap_or(' ');
                let end = i + c.len_utf8();
                if !c.is_whitespace() {
                    out.push(Shown {
                        c: Some(c),
                        start: i,
                        end,
                    });
                }
                i = end;
            }
        }
    }
    out
}

/// Where the markup starting at `<` (byte `i`) ends: past a comment, a tag, or a raw element
/// with its content. A `<` that starts no markup is skipped alone.
fn after_markup(html: &str, i: usize) -> usize {
    let bytes = html.as_bytes();
    let rest = &html[i..];
    if let Some(comment) = rest.strip_prefix("<!--") {
        return comment.find("-->").map_or(html.len(), |e| i + 4 + e + 3);
    }
    let next = bytes.get(i + 1).copied().unwrap_or(b' ');
    if !(next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?')) {
        // A bare `<` is text; html5ever keeps it.
        return i + 1;
    }
    // The tag's end, past quoted attribute values.
    let mut j = i + 1;
    let mut quote: Option<u8> = None;
    while j < bytes.len() {
        match (quote, bytes[j]) {
            (Some(q), b) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') if bytes[j - 1].is_ascii_whitespace() || bytes[j - 1] == b'=' => {
                quote = Some(bytes[j]);
            }
            (None, b'>') => break,
            _ => {}
        }
        j += 1;
    }
    let end = (j + 1).min(html.len());
    let name: String = html[i + 1..end]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase();
    if RAW.contains(&name.as_str()) && !html[i..end].ends_with("/>") {
        let close = format!("</{name}");
        let lower_rest = &html[end..];
        return find_ascii_case_insensitive(lower_rest, &close).map_or(html.len(), |k| {
            let from = end + k;
            html[from..].find('>').map_or(html.len(), |g| from + g + 1)
        });
    }
    end
}

/// The byte offset of `needle` (ASCII) in `hay`, ignoring ASCII case.
fn find_ascii_case_insensitive(hay: &str, needle: &str) -> Option<usize> {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    if n.is_empty() || h.len() < n.len() {
        return None;
    }
    (0..=h.len() - n.len()).find(|&k| h[k..k + n.len()].eq_ignore_ascii_case(n))
}

/// The character reference at byte `i` (`&`): its character (`None` for a named one this
/// module does not know) and where it ends. A lone `&` is itself.
fn reference(html: &str, i: usize) -> (Option<char>, usize) {
    let rest = &html[i + 1..];
    let body_len = rest
        .bytes()
        .take(32)
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'#'))
        .unwrap_or(rest.len().min(32));
    let body = &rest[..body_len];
    let end = i + 1 + body_len + usize::from(rest[body_len..].starts_with(';'));
    if body.is_empty() {
        return (Some('&'), i + 1);
    }
    if let Some(num) = body.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse().ok(),
        };
        // html5ever maps the C1 range as Windows-1252 does; those (and bad numbers) match anything.
        let c = n
            .filter(|&n| !(0x80..0xa0).contains(&n))
            .and_then(char::from_u32);
        return (c, end);
    }
    let c = crate::read::html_entity(body).and_then(|e| e.chars().next());
    (c, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every run reads the same in the text and the page, or is one character reference.
    fn check(html: &str, text: &str, map: &[PageSpan]) {
        for m in map {
            let page = &html[m.page_start as usize..m.page_end as usize];
            let here = &text[m.span];
            assert!(
                here == page || (page.starts_with('&') && here.chars().count() == 1),
                "{here:?} mapped to {page:?}"
            );
        }
    }

    fn covered(text: &str, map: &[PageSpan]) -> usize {
        map.iter()
            .map(|m| text[m.span].chars().filter(|c| !c.is_whitespace()).count())
            .sum()
    }

    #[test]
    fn every_character_of_an_article_finds_its_bytes() {
        let html = "<html><head><title>Talks &amp; more</title><script>var p = \"<p>Talks</p>\";</script></head>\
            <body><nav>Home | World</nav><article><h1>Talks</h1>\
            <p>The minister said the talks&nbsp;would <b>go on</b>, \u{201c}as long as it takes.\u{201d}</p>\
            <!-- an ad --><div class=\"share\">Share this</div>\
            <p>Unions &amp; employers met on Monday &#8212; the third time in a week.</p></article></body></html>";
        let article = crate::extract(html, None);
        let map = source_map(html, &article.text);
        check(html, &article.text, &map);
        let letters = article.text.chars().filter(|c| !c.is_whitespace()).count();
        assert_eq!(covered(&article.text, &map), letters, "{map:?}");
        // The text's "&" comes from the page's "&amp;" in the body, not the title's.
        let amp = article.text.find('&').expect("an ampersand");
        let run = map.iter().find(|m| m.span.start() == amp).expect("mapped");
        assert_eq!(
            &html[run.page_start as usize..run.page_end as usize],
            "&amp;"
        );
        assert!(run.page_start as usize > html.find("<body>").expect("body"));
    }

    #[test]
    fn text_not_in_the_page_is_left_out_and_nothing_panics() {
        let map = source_map(
            "<p>Alpha beta gamma.</p>",
            "Alpha beta gamma. Delta epsilon.",
        );
        assert_eq!(covered("Alpha beta gamma. Delta epsilon.", &map), 15);
        for junk in [
            "<",
            "&",
            "&#",
            "&#x110000;",
            "<!--",
            "<script>",
            "<a href=\"x>",
            "é&é<é",
        ] {
            let map = source_map(junk, "é x");
            check(junk, "é x", &map);
        }
    }
}
