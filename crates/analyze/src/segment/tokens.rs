//! Tokens inside paragraphs.
//!
//! Rules, in the spirit of UD English: punctuation splits off; clitics split (`Trump` `’s`,
//! `ca` `n’t`); hyphenated words (`45-minute`, `El Salvador-based`), numbers with separators
//! (`10,000`, `3.5`, `2025-05-05`), dotted acronyms (`U.S.`) and known abbreviations (`Jan.`,
//! `Gen.`) stay whole; URLs, e-mail addresses, `@handles` and `#tags` are single tokens.
//! Every non-whitespace character ends up in exactly one token.

use newsgraph_doc::layers::{Token, TokenKind};
use newsgraph_doc::{Doc, Layer, Span, Stage};

use super::abbrev;

/// The token stage.
#[derive(Debug, Default)]
pub struct Tokens;

impl Stage for Tokens {
    fn name(&self) -> &'static str {
        "tokens"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Paragraphs]
    }
    fn produces(&self) -> &'static [Layer] {
        &[Layer::Tokens]
    }
    fn run(&self, doc: &mut Doc) {
        let mut tokens = Vec::with_capacity(doc.text().len() / 5);
        for p in &doc.paragraphs {
            tokenize(doc.text(), p.span, &mut tokens);
        }
        doc.tokens = tokens;
    }
}

const APOSTROPHES: [char; 2] = ['\'', '’'];
const CLITICS: [&str; 6] = ["s", "re", "ll", "ve", "d", "m"];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks, which belong to the letter before them.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}' | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05BD}' | '\u{064B}'..='\u{065F}' | '\u{0900}'..='\u{0903}'
        | '\u{093A}'..='\u{094F}' | '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}')
}

/// Punctuation (as opposed to symbols such as `$`, `%`, `+`, emoji).
pub(crate) fn is_punct(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | '\''
            | '"'
            | '('
            | ')'
            | '['
            | ']'
            | '{'
            | '}'
            | '-'
            | '/'
            | '\\'
            | '*'
            | '&'
            | '#'
            | '@'
            | '_'
    ) || matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' | '«' | '»' | '¡' | '¿'
            | '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}' | '·' | '§' | '¶')
}

/// The text `s` starts with a clitic (`s`, `re`, ...) that ends at a word boundary.
fn clitic_len(s: &str) -> Option<usize> {
    CLITICS.iter().find_map(|c| {
        let head = s.get(..c.len())?;
        let ends = s[c.len()..].chars().next().is_none_or(|n| !is_word_char(n));
        (head.eq_ignore_ascii_case(c) && ends).then_some(c.len())
    })
}

/// Length of a leading `n't` / `n’t` that ends at a word boundary.
fn nt_len(s: &str) -> Option<usize> {
    let rest = s.strip_prefix(['n', 'N'])?;
    let rest = rest.strip_prefix(APOSTROPHES)?;
    let rest = rest.strip_prefix(['t', 'T'])?;
    rest.chars()
        .next()
        .is_none_or(|n| !is_word_char(n))
        .then_some(s.len() - rest.len())
}

/// Whether a whitespace-free chunk is a URL, and how long it is without trailing punctuation.
fn url_len(chunk: &str) -> Option<usize> {
    let lower_has = |p: &str| {
        chunk
            .get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p))
    };
    let is_url = lower_has("http://") || lower_has("https://") || lower_has("www.") || {
        // host.tld/path: letters, digits, dots and hyphens, then a slash.
        let host_end = chunk.find('/')?;
        let host = &chunk[..host_end];
        let tld = host.rsplit('.').next()?;
        host.contains('.')
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-')
            && tld.len() >= 2
            && tld.bytes().all(|b| b.is_ascii_alphabetic())
    };
    is_url.then(|| {
        chunk
            .trim_end_matches(|c: char| is_punct(c) && c != '/')
            .len()
    })
}

/// File names and host names without a scheme (`TEXT.htm`, `paulhastings.com`,
/// `alt.animals.cat`): one token, without trailing punctuation.
fn dotted_name_len(chunk: &str) -> Option<usize> {
    const ENDINGS: [&str; 24] = [
        "com", "net", "org", "edu", "gov", "info", "biz", "htm", "html", "pdf", "doc", "docx",
        "xls", "xlsx", "ppt", "pptx", "txt", "jpg", "jpeg", "gif", "png", "zip", "mp3", "exe",
    ];
    let trimmed = chunk.trim_end_matches(|c: char| is_punct(c) && c != '_');
    if !trimmed.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return None;
    }
    let parts: Vec<&str> = trimmed.split('.').collect();
    let name_like = |p: &&str| {
        !p.is_empty()
            && p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    if parts.len() < 2 || !parts.iter().all(name_like) {
        return None;
    }
    let last = parts[parts.len() - 1];
    let known = ENDINGS.iter().any(|e| last.eq_ignore_ascii_case(e)) && parts[0].len() >= 2;
    // Three or more lowercase parts of two letters or more: a news group or host.
    let dotted = parts.len() >= 3
        && parts
            .iter()
            .all(|p| p.len() >= 2 && !p.bytes().any(|b| b.is_ascii_uppercase()));
    (known || dotted).then_some(trimmed.len())
}

/// Emoticons (`:)`, `:-(`, `;)`, `:D`) that end at a word boundary.
fn emoticon_len(rest: &str) -> Option<usize> {
    const FACES: [&str; 16] = [
        ":-)", ":-(", ":-D", ";-)", ":-P", ":'(", ":)", ":(", ";)", ":D", ":P", ":p", ":/", ":?",
        "=)", "<3",
    ];
    let face = FACES.iter().find(|f| rest.starts_with(**f))?;
    let ends = rest[face.len()..]
        .chars()
        .next()
        .is_none_or(|c| !is_word_char(c) && c != '/');
    ends.then_some(face.len())
}

/// Whether a whitespace-free chunk is an e-mail address, and its length.
fn email_len(chunk: &str) -> Option<usize> {
    let trimmed = chunk.trim_end_matches(is_punct);
    let (user, host) = trimmed.split_once('@')?;
    let ok = !user.is_empty()
        && user
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._%+-".contains(&b))
        && host.contains('.')
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    ok.then_some(trimmed.len())
}

/// Tokens as UD splits them: hyphenated words and numbers in parts, the hyphens apart
/// (`mid-February` is `mid` `-` `February`). The time rules and the taggers read words this way.
pub fn hyphen_parts(text: &str, tokens: &[Token]) -> Vec<Span> {
    let mut out = Vec::with_capacity(tokens.len());
    for t in tokens {
        let s = &text[t.span];
        if matches!(t.kind, TokenKind::Word | TokenKind::Number) && s.contains('-') && s.len() > 1 {
            let mut at = t.span.start();
            for (i, part) in s.split('-').enumerate() {
                if i > 0 {
                    out.push(Span::new(at, at + 1));
                    at += 1;
                }
                if !part.is_empty() {
                    out.push(Span::new(at, at + part.len()));
                }
                at += part.len();
            }
        } else {
            out.push(t.span);
        }
    }
    out
}

/// Appends the tokens of `text[span]` to `out`.
pub fn tokenize(text: &str, span: Span, out: &mut Vec<Token>) {
    let s = &text[span];
    let base = span.start();
    let mut i = 0;
    while i < s.len() {
        let rest = &s[i..];
        let Some(c) = rest.chars().next() else { break };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let (len, kind) = next_token(s, i);
        debug_assert!(len > 0 && s.is_char_boundary(i + len));
        out.push(Token::new(Span::new(base + i, base + i + len), kind));
        i += len;
    }
}

/// The length and kind of the token starting at byte `i` of `s` (never 0).
fn next_token(s: &str, i: usize) -> (usize, TokenKind) {
    let rest = &s[i..];
    let chunk = &rest[..rest.find(char::is_whitespace).unwrap_or(rest.len())];
    let prev = s[..i].chars().next_back();
    let c = rest
        .chars()
        .next()
        .expect("next_token is called on a non-empty rest");
    if let Some(n) = url_len(chunk)
        .filter(|&n| n > 0)
        .or_else(|| dotted_name_len(chunk))
    {
        return (n, TokenKind::Url);
    }
    if let Some(n) = emoticon_len(rest).filter(|_| !prev.is_some_and(is_word_char)) {
        return (n, TokenKind::Symbol);
    }
    if c.is_ascii_alphanumeric() {
        if let Some(n) = email_len(chunk) {
            return (n, TokenKind::Email);
        }
    }
    if matches!(c, '@' | '#') {
        let n = rest[1..]
            .find(|ch: char| !(is_word_char(ch) || ch == '_'))
            .unwrap_or(rest.len() - 1);
        if n > 0 {
            let kind = if c == '@' {
                TokenKind::Handle
            } else {
                TokenKind::Hashtag
            };
            return (n + 1, kind);
        }
    }
    if APOSTROPHES.contains(&c) {
        let after = &rest[c.len_utf8()..];
        if prev.is_some_and(is_word_char) {
            if let Some(n) = clitic_len(after) {
                return (c.len_utf8() + n, TokenKind::Word);
            }
        } else if after.starts_with(|d: char| d.is_ascii_digit()) {
            // ’90s
            let n = after
                .find(|d: char| !is_word_char(d))
                .unwrap_or(after.len());
            return (c.len_utf8() + n, TokenKind::Word);
        }
    }
    if c == 'n' || c == 'N' {
        if let Some(n) = nt_len(rest).filter(|_| prev.is_some_and(is_word_char)) {
            return (n, TokenKind::Word);
        }
    }
    if is_word_char(c) {
        return word(rest);
    }
    // Runs of the same terminal punctuation, ellipses and dashes stay together.
    if matches!(c, '.' | '!' | '?' | '-') {
        let n = rest
            .find(|d: char| d != c && !(c != '-' && matches!(d, '!' | '?')))
            .unwrap_or(rest.len());
        return (n, TokenKind::Punct);
    }
    // Rules and decorations: `=====`, `*****`, `$$$`, `>>`.
    if matches!(c, '=' | '*' | '_' | '+' | '~' | '<' | '>' | '$' | '#' | '^')
        && rest[1..].starts_with(c)
    {
        let n = rest.find(|d: char| d != c).unwrap_or(rest.len());
        let kind = if is_punct(c) {
            TokenKind::Punct
        } else {
            TokenKind::Symbol
        };
        return (n, kind);
    }
    let kind = if is_punct(c) {
        TokenKind::Punct
    } else {
        TokenKind::Symbol
    };
    (c.len_utf8(), kind)
}

/// A word or number at the start of `s`.
fn word(s: &str) -> (usize, TokenKind) {
    let mut end = 0;
    let mut dotted = true; // every segment so far is one letter: U.S, e.g
    let mut segment_len = 0;
    let mut chars = s.char_indices().peekable();
    while let Some((j, c)) = chars.next() {
        if is_word_char(c) {
            // Stop before a clitic n't: "do|n't", "ca|n't".
            if (c == 'n' || c == 'N') && j > 0 && nt_len(&s[j..]).is_some() {
                break;
            }
            end = j + c.len_utf8();
            segment_len += 1;
            if segment_len > 1 || !c.is_alphabetic() {
                dotted = false;
            }
            continue;
        }
        let next = s[j + c.len_utf8()..].chars().next();
        let before = s[..j].chars().next_back();
        let digits_around =
            before.is_some_and(|b| b.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
        let join = match c {
            '-' | '‐' | '_' => next.is_some_and(is_word_char),
            '.' => {
                digits_around
                    || (dotted && next.is_some_and(char::is_alphabetic) && {
                        // the next segment is one letter followed by a period: U.S.
                        let after = &s[j + 1..];
                        let mut it = after.chars();
                        it.next();
                        it.next() == Some('.')
                    })
            }
            ',' => {
                digits_around && {
                    let after = &s[j + 1..];
                    after.len() >= 3
                        && after.as_bytes()[..3].iter().all(u8::is_ascii_digit)
                        && after.as_bytes().get(3).is_none_or(|b| !b.is_ascii_digit())
                }
            }
            ':' => digits_around,
            // 10/12, and b/c, w/o
            '/' => {
                digits_around
                    || (j == 1
                        && before.is_some_and(char::is_alphabetic)
                        && next.is_some_and(char::is_alphabetic)
                        && s[j + 1..].chars().nth(1).is_none_or(|a| !is_word_char(a)))
            }
            '\'' | '’' => {
                let after = &s[j + c.len_utf8()..];
                next.is_some_and(char::is_alphabetic) && clitic_len(after).is_none()
            }
            '&' => {
                before.is_some_and(|b| b.is_uppercase()) && next.is_some_and(|n| n.is_uppercase())
            }
            _ => false,
        };
        if !join {
            break;
        }
        if c != '.' {
            dotted = false;
        }
        segment_len = 0;
        end = j + c.len_utf8();
        let _ = chars.peek();
    }
    let text = &s[..end];
    // UD splits these: `can` `not`, `gon` `na`.
    if ["cannot", "gonna", "wanna", "gotta"]
        .iter()
        .any(|w| text.eq_ignore_ascii_case(w))
    {
        return (3, TokenKind::Word);
    }
    // Keep the period of abbreviations and dotted acronyms.
    if s[end..].starts_with('.')
        && (abbrev::is_abbreviation(text) || (dotted && text.contains('.')))
    {
        end += 1;
    }
    let text = &s[..end];
    let number = text.starts_with(|c: char| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | ':' | '/' | '-'));
    (
        end,
        if number {
            TokenKind::Number
        } else {
            TokenKind::Word
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        tokenize(text, Span::new(0, text.len()), &mut out);
        out.iter().map(|t| &text[t.span]).collect()
    }

    #[test]
    fn news_tokens() {
        assert_eq!(
            toks("U.S. Defense Secretary Pete Hegseth left open a 45-minute call on Jan. 31."),
            [
                "U.S.",
                "Defense",
                "Secretary",
                "Pete",
                "Hegseth",
                "left",
                "open",
                "a",
                "45-minute",
                "call",
                "on",
                "Jan.",
                "31",
                "."
            ]
        );
    }

    #[test]
    fn clitics_and_apostrophes() {
        assert_eq!(
            toks("Trump’s offer: she can’t, don't"),
            ["Trump", "’s", "offer", ":", "she", "ca", "n’t", ",", "do", "n't"]
        );
        assert_eq!(
            toks("O’Brien in the ’90s, ministers' jobs"),
            [
                "O’Brien",
                "in",
                "the",
                "’90s",
                ",",
                "ministers",
                "'",
                "jobs"
            ]
        );
    }

    #[test]
    fn numbers_urls_handles() {
        assert_eq!(
            toks("10,000 troops, 3.5% on 2025-05-05"),
            ["10,000", "troops", ",", "3.5", "%", "on", "2025-05-05"]
        );
        assert_eq!(
            toks("sobre Sheinbaum pic.twitter.com/VUnoUddvls — (@goliveros) see https://x.com/a."),
            [
                "sobre",
                "Sheinbaum",
                "pic.twitter.com/VUnoUddvls",
                "—",
                "(",
                "@goliveros",
                ")",
                "see",
                "https://x.com/a",
                "."
            ]
        );
    }

    #[test]
    fn web_text() {
        assert_eq!(
            toks("=====  **** $$$ ha :) ok :-( b/c I cannot see TEXT.htm or alt.animals.cat."),
            [
                "=====",
                "****",
                "$$$",
                "ha",
                ":)",
                "ok",
                ":-(",
                "b/c",
                "I",
                "can",
                "not",
                "see",
                "TEXT.htm",
                "or",
                "alt.animals.cat",
                "."
            ]
        );
        assert_eq!(
            toks("a/b 3/4 e.g. Amazon.com, i.e. x:D"),
            [
                "a/b",
                "3/4",
                "e.g.",
                "Amazon.com",
                ",",
                "i.e.",
                "x",
                ":",
                "D"
            ]
        );
    }

    #[test]
    fn quotes_and_ellipses() {
        assert_eq!(
            toks("“No…” he said... Really?!"),
            ["“", "No", "…", "”", "he", "said", "...", "Really", "?!"]
        );
    }
}
