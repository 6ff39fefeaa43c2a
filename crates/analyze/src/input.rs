//! From bytes to a document's text: encoding, binary detection, lossy decoding.
//!
//! Text is UTF-8, or UTF-16 with a byte-order mark. Invalid UTF-8 is decoded lossily (each bad
//! sequence becomes U+FFFD) and reported with an `invalid-utf8` diagnostic; input that looks
//! binary (NUL bytes, many control characters) is refused with [`InputError::Binary`].

use newsgraph_doc::{Diagnostic, Doc, Origin, Severity, Span};

const ORIGIN: Origin = Origin::new("input", "decode");

/// Why bytes could not become a document.
#[derive(Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputError {
    /// The bytes look like a binary file, not text.
    Binary { offset: usize, reason: &'static str },
    /// The input is larger than the 4 GiB a document can hold.
    TooLarge { len: usize },
}

impl std::fmt::Display for InputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            InputError::Binary { offset, reason } => {
                write!(f, "binary input, not text ({reason} at byte {offset})")
            }
            InputError::TooLarge { len } => write!(f, "input of {len} bytes exceeds 4 GiB"),
        }
    }
}

impl std::error::Error for InputError {}

/// Decodes `bytes` into a document, or says why they are not text.
pub fn decode(bytes: &[u8]) -> Result<Doc, InputError> {
    if u32::try_from(bytes.len()).is_err() {
        return Err(InputError::TooLarge { len: bytes.len() });
    }
    if let Some(text) = decode_utf16(bytes) {
        return Ok(Doc::new(text));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    check_binary(bytes)?;
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Doc::new(text)),
        Err(first) => {
            let valid_up_to = first.valid_up_to();
            let text = String::from_utf8_lossy(bytes).into_owned();
            let bad = text.matches('\u{FFFD}').count() - bytes_count_fffd(bytes);
            // The first replacement character sits where the valid prefix ends.
            let span = Span::new(valid_up_to, valid_up_to + '\u{FFFD}'.len_utf8());
            let mut doc = Doc::new(text);
            doc.diagnostics.push(Diagnostic::new(
                "invalid-utf8",
                Severity::Warning,
                format!(
                    "the input is not valid UTF-8: {bad} invalid sequence(s) replaced by U+FFFD, \
                     the first at byte {valid_up_to}"
                ),
                Some(span),
                ORIGIN,
            ));
            Ok(doc)
        }
    }
}

/// U+FFFD characters already present, correctly encoded, in the input.
fn bytes_count_fffd(bytes: &[u8]) -> usize {
    bytes
        .windows(3)
        .filter(|w| *w == "\u{FFFD}".as_bytes())
        .count()
}

fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let (le, rest) = match bytes {
        [0xFF, 0xFE, rest @ ..] => (true, rest),
        [0xFE, 0xFF, rest @ ..] => (false, rest),
        _ => return None,
    };
    let units = rest.chunks(2).map(|c| {
        let pair = [c[0], c.get(1).copied().unwrap_or(0)];
        if le {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    Some(
        char::decode_utf16(units)
            .map(|r| r.unwrap_or('\u{FFFD}'))
            .collect(),
    )
}

/// Refuses bytes that hold NULs or where over a tenth of the first 8 KiB are control bytes.
fn check_binary(bytes: &[u8]) -> Result<(), InputError> {
    let head = &bytes[..bytes.len().min(8192)];
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(InputError::Binary {
            offset,
            reason: "NUL byte",
        });
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C) || b == 0x7F)
        .count();
    if head.len() >= 16 && control * 10 > head.len() {
        return Err(InputError::Binary {
            offset: 0,
            reason: "mostly control bytes",
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lossy_decoding_is_reported_with_a_span() {
        let doc = decode(b"caf\xE9 ok \xFF").unwrap();
        assert_eq!(doc.text(), "caf\u{FFFD} ok \u{FFFD}");
        let d = &doc.diagnostics[0];
        assert_eq!(d.code, "invalid-utf8");
        assert!(d.message.contains("2 invalid"), "{}", d.message);
        assert_eq!(&doc.text()[d.span.unwrap()], "\u{FFFD}");
    }

    #[test]
    fn binary_is_refused() {
        assert!(matches!(
            decode(b"PK\x03\x04\x00\x00"),
            Err(InputError::Binary { .. })
        ));
        let junk: Vec<u8> = (0..200u8).map(|i| i % 8 + 1).collect();
        assert!(matches!(decode(&junk), Err(InputError::Binary { .. })));
    }

    #[test]
    fn boms_are_read() {
        assert_eq!(decode(b"\xEF\xBB\xBFhi").unwrap().text(), "hi");
        assert_eq!(decode(b"\xFF\xFEh\x00i\x00").unwrap().text(), "hi");
        assert_eq!(decode(b"\xFE\xFF\x00h\x00i").unwrap().text(), "hi");
    }
}
