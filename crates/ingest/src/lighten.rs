//! A pass over the page's bytes before the HTML parser, which is most of extraction's time and
//! spends it per byte. It drops what no reader of the tree looks at:
//! - the contents of scripts and style sheets, and comments: over half of a news page's bytes;
//! - drawings (`<svg>` contents);
//! - attributes other than those extraction and the metadata read ([`READ_ATTRIBUTES`]):
//!   most of what is left is start tags, and most of a start tag is `src`, `style`, `data-*`;
//! - indentation between tags, outside `<pre>`.
//!
//! The scan follows the tokenizer where it matters: attribute values are skipped whole (a
//! `<script>` inside one is not a script), the raw text of `<title>`, `<textarea>`, `<xmp>` is
//! passed through, and a script holding `<!--` keeps its contents (its end is hard to find without
//! the tokenizer's escape states). JSON-LD scripts are kept: they carry the page's metadata.
//! The source map is built from the page itself, not from this.

use memchr::memchr;

/// The page being rewritten: what is before `copied` has been written to `out` or dropped.
struct Rewrite<'a> {
    html: &'a str,
    out: String,
    copied: usize,
}

impl Rewrite<'_> {
    /// Writes the page up to `to`.
    fn keep(&mut self, to: usize) {
        self.out.push_str(&self.html[self.copied..to]);
        self.copied = to;
    }

    /// Drops the page up to `to`.
    fn skip(&mut self, to: usize) {
        self.copied = to;
    }
}

/// The page without what extraction does not read.
pub fn lighten(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut rw = Rewrite {
        html,
        out: String::with_capacity(html.len() / 2),
        copied: 0,
    };
    let mut i = 0;
    // Open `<pre>` elements, where whitespace is text.
    let mut pre = 0usize;
    while let Some(off) = memchr(b'<', &bytes[i..]) {
        let lt = i + off;
        let rest = &bytes[lt + 1..];
        if rest.starts_with(b"!--") {
            // A comment, up to `-->` (`<!-->` is an empty one); an unclosed one runs to the end.
            let body = lt + 4;
            let end = if bytes.get(body) == Some(&b'>') {
                body + 1
            } else if bytes[body..].starts_with(b"->") {
                body + 2
            } else {
                find(bytes, body, b"-->").map_or(bytes.len(), |e| e + 3)
            };
            rw.keep(lt);
            rw.skip(end);
            i = end;
            continue;
        }
        let name_len = rest
            .iter()
            .position(|&b| b == b'>' || b == b'/' || b.is_ascii_whitespace())
            .unwrap_or(rest.len());
        if rest.first() == Some(&b'/') {
            // A closing tag: leaving preformatted text, or the whitespace after it.
            let name = &rest[1..];
            let len = name
                .iter()
                .position(|&b| b == b'>' || b.is_ascii_whitespace())
                .unwrap_or(name.len());
            if name[..len].eq_ignore_ascii_case(b"pre") {
                pre = pre.saturating_sub(1);
            }
            i = memchr(b'>', rest).map_or(bytes.len(), |g| lt + 2 + g);
            if pre == 0 {
                i = collapse_space(&mut rw, i);
            }
            continue;
        }
        if name_len == 0 || !rest[0].is_ascii_alphabetic() {
            i = lt + 1;
            continue;
        }
        let name = &rest[..name_len];
        let tag_end = end_of_tag(bytes, lt + 1 + name_len);
        let raw = |n: &[u8]| name.eq_ignore_ascii_case(n);
        if raw(b"script") || raw(b"style") {
            let Some(close) = find_closing(bytes, tag_end, name) else {
                // Never closed: the tokenizer reads the rest as its text; so do we.
                i = bytes.len();
                continue;
            };
            let contents = &html[tag_end..close];
            let keep = raw(b"script")
                && (contents.contains("<!--")
                    || html[lt..tag_end].to_ascii_lowercase().contains("ld+json"));
            if !keep {
                rw.keep(tag_end);
                rw.skip(close);
            }
            i = close;
        } else if raw(b"svg") {
            // Drawings: no text of an article, and a great many path attributes.
            rw.keep(tag_end);
            let close = find_closing(bytes, tag_end, name).unwrap_or(tag_end);
            rw.skip(close);
            i = close;
        } else if raw(b"title") || raw(b"textarea") || raw(b"xmp") || raw(b"plaintext") {
            i = find_closing(bytes, tag_end, name).unwrap_or(bytes.len());
        } else {
            // Other tags keep only the attributes extraction reads.
            rw.keep(lt + 1 + name_len);
            keep_attributes(html, lt + 1 + name_len, tag_end, raw(b"link"), &mut rw.out);
            rw.skip(tag_end);
            i = tag_end;
            if raw(b"pre") || raw(b"listing") {
                pre += 1;
            }
            if pre == 0 {
                i = collapse_space(&mut rw, i);
            }
        }
    }
    rw.keep(html.len());
    rw.out
}

/// A run of whitespace from `at` to the next tag becomes its first newline, or a space: the
/// indentation between tags is a tenth of a page's bytes, and no reader of the tree sees it.
/// Returns where the scan goes on.
fn collapse_space(rw: &mut Rewrite, at: usize) -> usize {
    let bytes = rw.html.as_bytes();
    let run = bytes[at..]
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len() - at);
    if run < 2 || bytes.get(at + run) != Some(&b'<') {
        return at;
    }
    rw.keep(at);
    rw.out.push(if bytes[at..at + run].contains(&b'\n') {
        '\n'
    } else {
        ' '
    });
    rw.skip(at + run);
    at + run
}

/// Attributes read by extraction and the page's metadata; `href` only on `<link>` (the
/// canonical URL).
const READ_ATTRIBUTES: &[&str] = &[
    "class",
    "id",
    "hidden",
    "aria-hidden",
    "content",
    "name",
    "property",
    "itemprop",
    "rel",
    "type",
    "lang",
    "datetime",
    "charset",
    "http-equiv",
];

/// Copies the tag's attributes between `from` and `end` (just past its `>`) that
/// [`READ_ATTRIBUTES`] names, each verbatim, then the tag's end.
fn keep_attributes(html: &str, from: usize, end: usize, href: bool, out: &mut String) {
    let bytes = html.as_bytes();
    let mut i = from;
    let mut written = from;
    while i < end {
        let b = bytes[i];
        if b.is_ascii_whitespace() || b == b'/' {
            i += 1;
            continue;
        }
        if b == b'>' {
            break;
        }
        // A name, then maybe `=` and a value.
        let start = i;
        while i < end && !matches!(bytes[i], b'=' | b'>' | b'/') && !bytes[i].is_ascii_whitespace()
        {
            i += 1;
        }
        let name = &html[start..i];
        let mut j = i;
        while j < end && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if j < end && bytes[j] == b'=' {
            j += 1;
            while j < end && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            match bytes.get(j) {
                Some(&q @ (b'"' | b'\'')) => {
                    j = memchr(q, &bytes[j + 1..end]).map_or(end, |off| j + off + 2);
                }
                _ => {
                    while j < end && bytes[j] != b'>' && !bytes[j].is_ascii_whitespace() {
                        j += 1;
                    }
                }
            }
            i = j;
        }
        let read = READ_ATTRIBUTES.iter().any(|a| name.eq_ignore_ascii_case(a))
            || (href && name.eq_ignore_ascii_case("href"));
        if read {
            out.push(' ');
            out.push_str(&html[start..i]);
            written = i;
        }
    }
    // The tag's end as written: `>`, `/>` (unless a kept unquoted value took the `/`), or
    // nothing when the page ends inside the tag.
    let close = if end > from && bytes[end - 1] == b'>' {
        if end - 1 > from && bytes[end - 2] == b'/' && written != end - 1 {
            "/>"
        } else {
            ">"
        }
    } else {
        ""
    };
    out.push_str(close);
}

/// Just past the `>` closing the tag whose attributes start at `from`, skipping quoted values.
fn end_of_tag(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while i < bytes.len() {
        match bytes[i] {
            b'>' => return i + 1,
            b'=' => {
                i += 1;
                while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                    i += 1;
                }
                if let Some(&q @ (b'"' | b'\'')) = bytes.get(i) {
                    match memchr(q, &bytes[i + 1..]) {
                        Some(off) => i += off + 2,
                        None => return bytes.len(),
                    }
                    continue;
                }
            }
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Where `</name` (any case, then a space, `/` or `>`) starts at or after `from`.
fn find_closing(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut i = from;
    while let Some(off) = find(bytes, i, b"</") {
        let after = off + 2 + name.len();
        if bytes.len() >= after
            && bytes[off + 2..after].eq_ignore_ascii_case(name)
            && bytes
                .get(after)
                .is_none_or(|&b| b == b'>' || b == b'/' || b.is_ascii_whitespace())
        {
            return Some(off);
        }
        i = off + 2;
    }
    None
}

/// The first `needle` at or after `from`.
fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(&bytes[from..], needle).map(|off| from + off)
}

#[cfg(test)]
mod tests {
    use super::lighten;

    #[test]
    fn drops_script_and_style_contents_and_comments() {
        let page = "<html><head><style>p{color:red}</style><SCRIPT src=x>var a = '<p>x</p>';</script ></head><body><!-- gone --><p>Text</p><!--></body></html>";
        assert_eq!(
            lighten(page),
            "<html><head><style></style><SCRIPT src=x></script ></head><body><p>Text</p></body></html>"
        );
    }

    #[test]
    fn keeps_json_ld_and_escaped_scripts() {
        let page = r#"<script type="application/ld+json">{"a": "<b>"}</script><script><!-- document.write("<script></script>") --></script>"#;
        assert_eq!(lighten(page), page);
    }

    #[test]
    fn a_script_inside_an_attribute_or_a_title_is_text() {
        let page = r#"<div data-x="<script>" title='a>b' class=x><p>One</p></div><title>a <script> b</title><p>Two</p>"#;
        assert_eq!(
            lighten(page),
            "<div class=x><p>One</p></div><title>a <script> b</title><p>Two</p>"
        );
    }

    #[test]
    fn tags_keep_the_attributes_extraction_reads() {
        let page = r#"<html lang=en><link rel="canonical" href="https://a.b/c"><a href="/x" onclick='go("a>b")' CLASS = "more" hidden><img src=x.jpg alt="A"/><br class=x/><svg viewBox="0 0 1 1"><path d="M0 0"/></svg><p id=p1>Text</p><my-widget data-a=1 class=w></my-widget>"#;
        assert_eq!(
            lighten(page),
            r#"<html lang=en><link rel="canonical" href="https://a.b/c"><a CLASS = "more" hidden><img/><br class=x/><svg viewBox="0 0 1 1"></svg><p id=p1>Text</p><my-widget class=w></my-widget>"#
        );
    }

    #[test]
    fn indentation_between_tags_is_one_space_outside_pre() {
        let page = "<div>\n    <p>One  two</p>   <p>x</p>\n  \n</div><pre>\n  <b>a</b>\n    b</pre>  <p>y</p>";
        assert_eq!(
            lighten(page),
            "<div>\n<p>One  two</p> <p>x</p>\n</div><pre>\n  <b>a</b>\n    b</pre> <p>y</p>"
        );
    }

    #[test]
    fn unclosed_parts_keep_the_rest() {
        assert_eq!(
            lighten("<p>One</p><script>var a"),
            "<p>One</p><script>var a"
        );
        assert_eq!(lighten("<p>One</p><!-- open"), "<p>One</p>");
        assert_eq!(lighten("<p>One<"), "<p>One<");
        assert_eq!(lighten("<p>One<a class=\"x"), "<p>One<a class=\"x");
        assert_eq!(
            lighten("<p>Caf\u{e9} <style>x</style>\u{e9}"),
            "<p>Caf\u{e9} <style></style>\u{e9}"
        );
    }
}
