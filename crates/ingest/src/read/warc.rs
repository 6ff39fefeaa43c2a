//! WARC 1.0 / 1.1 archives (Common Crawl, CC-NEWS, wget, browsertrix), plain or gzipped per
//! record: `response` records holding an HTML page (and `resource` records holding one) become
//! records with their target URI and date; everything else is skipped.
//!
//! The archive is read front to back, one record in memory at a time. A record whose
//! Content-Length does not land on the record separator is kept with a diagnostic, and reading
//! picks up again at the next `WARC/` header line; a file that ends mid-record (or a gzip member
//! cut short) ends with an error naming the record.

use std::io::{BufRead, Read};

use super::{read_line, Format, Item, ReadError, Record, MAX_DOCUMENT};

/// The longest header line read; anything longer is junk.
const MAX_LINE: u64 = 64 << 10;
/// The most header lines a record (or an HTTP response) may have.
const MAX_HEADERS: usize = 512;

pub(super) struct Warc<R> {
    name: String,
    reader: R,
    /// A line read ahead: the start of the next record.
    pending: Option<Vec<u8>>,
    records: usize,
    done: bool,
    /// Whether bytes before the next record were already reported (a bad Content-Length).
    quiet: bool,
    line: Vec<u8>,
}

/// A record's WARC header.
#[derive(Default)]
struct Header {
    kind: String,
    id: Option<String>,
    uri: Option<String>,
    date: Option<String>,
    content_type: String,
    length: Option<u64>,
}

impl<R: BufRead> Warc<R> {
    pub(super) fn new(name: String, reader: R) -> Warc<R> {
        Warc {
            name,
            reader,
            pending: None,
            records: 0,
            done: false,
            quiet: false,
            line: Vec::new(),
        }
    }

    fn error(&self, message: impl Into<String>) -> ReadError {
        ReadError::new(format!("{}#{}", self.name, self.records), message)
    }

    fn next_line(&mut self) -> std::io::Result<usize> {
        if let Some(line) = self.pending.take() {
            self.line = line;
            return Ok(self.line.len());
        }
        read_line(&mut self.reader, &mut self.line, MAX_LINE)
    }

    /// Finds the next `WARC/` version line; `Ok(false)` at the end of the file.
    fn find_record(&mut self) -> Result<bool, ReadError> {
        let mut junk = 0usize;
        let quiet = std::mem::take(&mut self.quiet);
        loop {
            match self.next_line() {
                Ok(0) if junk == 0 || quiet => return Ok(false),
                Ok(0) => {
                    return Err(self.error(format!("{junk} bytes that are not WARC at the end")))
                }
                Ok(_) if self.line.starts_with(b"WARC/") => {
                    if junk > 0 && !quiet {
                        // Reported, then read on: the record found is read next time.
                        self.pending = Some(std::mem::take(&mut self.line));
                        return Err(self.error(format!(
                            "{junk} bytes that are not WARC skipped before a record"
                        )));
                    }
                    return Ok(true);
                }
                Ok(_) if is_blank(&self.line) => {}
                Ok(n) => junk += n,
                Err(e) => {
                    self.done = true;
                    return Err(self.error(format!("unreadable: {e}")));
                }
            }
        }
    }

    fn header(&mut self) -> Result<Header, ReadError> {
        let mut h = Header::default();
        for _ in 0..MAX_HEADERS {
            match self.next_line() {
                Ok(0) => {
                    self.done = true;
                    return Err(self.error("the file ends inside a record header"));
                }
                Ok(_) if is_blank(&self.line) => return Ok(h),
                Ok(_) => {
                    let line = String::from_utf8_lossy(&self.line);
                    let Some((key, value)) = line.split_once(':') else {
                        continue;
                    };
                    let value = value.trim().to_owned();
                    match key.trim().to_ascii_lowercase().as_str() {
                        "warc-type" => h.kind = value.to_ascii_lowercase(),
                        "warc-record-id" => h.id = Some(value),
                        "warc-target-uri" => {
                            h.uri = Some(value.trim_matches(['<', '>']).to_owned());
                        }
                        "warc-date" => h.date = Some(value),
                        "content-type" => h.content_type = value.to_ascii_lowercase(),
                        "content-length" => h.length = value.parse().ok(),
                        _ => {}
                    }
                }
                Err(e) => {
                    self.done = true;
                    return Err(self.error(format!("unreadable: {e}")));
                }
            }
        }
        Err(self.error(format!("more than {MAX_HEADERS} header lines")))
    }

    /// Reads a body of `length` bytes, or skips it when it is not wanted (`keep` false) or too
    /// large.
    fn body(&mut self, length: u64, keep: bool) -> Result<Option<Vec<u8>>, ReadError> {
        let mut take = (&mut self.reader).take(length);
        let (got, body) = if keep && length <= MAX_DOCUMENT {
            let mut body = Vec::with_capacity(length as usize);
            let r = take.read_to_end(&mut body);
            (r.map(|n| n as u64), Some(body))
        } else {
            (std::io::copy(&mut take, &mut std::io::sink()), None)
        };
        match got {
            Ok(n) if n == length => Ok(body),
            Ok(n) => {
                self.done = true;
                Err(self.error(format!(
                    "truncated: the file ends {n} bytes into a {length}-byte record"
                )))
            }
            Err(e) => {
                self.done = true;
                Err(self.error(format!(
                    "truncated or corrupt after the record's start: {e}"
                )))
            }
        }
    }

    /// After a body: the two line breaks that end a record. Anything else means the
    /// Content-Length was wrong; the line is kept for the search of the next record.
    fn separator(&mut self) -> bool {
        for _ in 0..2 {
            match self.next_line() {
                Ok(0) => return true,
                Ok(_) if is_blank(&self.line) => {}
                Ok(_) => {
                    self.pending = Some(std::mem::take(&mut self.line));
                    return false;
                }
                Err(_) => return false,
            }
        }
        true
    }
}

impl<R: BufRead> Iterator for Warc<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        while !self.done {
            match self.find_record() {
                Ok(true) => {}
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Err(e) => return Some(Err(e)),
            }
            self.records += 1;
            let header = match self.header() {
                Ok(h) => h,
                Err(e) => return Some(Err(e)),
            };
            let Some(length) = header.length else {
                self.quiet = true;
                return Some(Err(
                    self.error("no Content-Length; skipped to the next record")
                ));
            };
            let wanted = match header.kind.as_str() {
                "response" => header.content_type.starts_with("application/http"),
                "resource" => is_page(&header.content_type),
                _ => false,
            };
            if wanted && length > MAX_DOCUMENT {
                if let Err(e) = self.body(length, false) {
                    return Some(Err(e));
                }
                self.separator();
                return Some(Err(self.error(format!(
                    "a {length}-byte payload, larger than the {} MB a document may hold; skipped",
                    MAX_DOCUMENT >> 20
                ))));
            }
            let body = match self.body(length, wanted) {
                Ok(body) => body,
                Err(e) => return Some(Err(e)),
            };
            let aligned = self.separator();
            self.quiet = !aligned;
            let Some(body) = body else { continue };
            let name = header
                .id
                .clone()
                .unwrap_or_else(|| format!("{}#{}", self.name, self.records));
            let mut record = if header.kind == "response" {
                match http_page(&name, body) {
                    Ok(Some(r)) => r,
                    Ok(None) => continue,
                    Err(e) => return Some(Err(e)),
                }
            } else {
                let mut r = Record::new(name, body);
                r.charset = charset(&header.content_type);
                r.format = Format::Html;
                r
            };
            record.url = header.uri;
            record.fetched = header.date.as_deref().and_then(super::normalize_date);
            if !aligned {
                record.diagnostics.push(format!(
                    "warc-length: the record's Content-Length ({length}) does not end at the record separator; its payload may be cut or carry the next record's bytes"
                ));
            }
            return Some(Ok(record));
        }
        None
    }
}

fn is_blank(line: &[u8]) -> bool {
    line.iter().all(|b| matches!(b, b'\r' | b'\n'))
}

fn is_page(content_type: &str) -> bool {
    content_type.starts_with("text/html") || content_type.starts_with("application/xhtml")
}

/// The `charset=` parameter of a Content-Type value.
fn charset(content_type: &str) -> Option<String> {
    let i = content_type.find("charset=")?;
    let value = content_type[i + 8..]
        .trim_start_matches(['"', '\''])
        .split(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace())
        .next()?;
    (!value.is_empty()).then(|| value.to_owned())
}

/// The page of an HTTP response: `None` when it is not a successful HTML response.
fn http_page(name: &str, body: Vec<u8>) -> Result<Option<Record>, ReadError> {
    let Some(end) = find(&body, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| find(&body, b"\n\n").map(|i| (i, i + 2)))
    else {
        return Err(ReadError::new(
            name,
            "an HTTP response without the end of its headers",
        ));
    };
    let head = String::from_utf8_lossy(&body[..end.0]);
    let mut lines = head.lines();
    let status: u16 = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    if !(200..300).contains(&status) {
        return Ok(None);
    }
    let (mut content_type, mut chunked, mut encoding) = (String::new(), false, String::new());
    for line in lines.take(MAX_HEADERS) {
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim().to_ascii_lowercase();
        match key.trim().to_ascii_lowercase().as_str() {
            "content-type" => content_type = value,
            "transfer-encoding" => chunked = value.contains("chunked"),
            "content-encoding" => encoding = value,
            _ => {}
        }
    }
    if !content_type.is_empty() && !is_page(&content_type) {
        return Ok(None);
    }
    let mut payload = body[end.1..].to_vec();
    let mut record_diagnostics = Vec::new();
    if chunked {
        match dechunk(&payload) {
            Some(p) => payload = p,
            None => record_diagnostics
                .push("http-chunked: the chunked body is malformed; read as it is".to_owned()),
        }
    }
    if matches!(encoding.as_str(), "gzip" | "x-gzip" | "deflate") {
        let mut out = Vec::new();
        let read = if encoding == "deflate" {
            flate2::read::ZlibDecoder::new(&payload[..])
                .take(MAX_DOCUMENT)
                .read_to_end(&mut out)
        } else {
            flate2::read::GzDecoder::new(&payload[..])
                .take(MAX_DOCUMENT)
                .read_to_end(&mut out)
        };
        match read {
            Ok(_) => payload = out,
            Err(e) => {
                return Err(ReadError::new(
                    name,
                    format!("the {encoding}-encoded body cannot be decoded: {e}"),
                ))
            }
        }
    }
    let mut record = Record::new(name, payload);
    record.charset = charset(&content_type);
    record.format = Format::Html;
    record.diagnostics = record_diagnostics;
    Ok(Some(record))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Undoes HTTP chunked transfer coding; `None` when the chunks do not add up.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let eol = find(body, b"\r\n")?;
        let size_text = std::str::from_utf8(&body[..eol]).ok()?;
        let size_text = size_text.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        body = &body[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size..)?;
        body = body.strip_prefix(b"\r\n").unwrap_or(body);
    }
}

#[cfg(test)]
mod tests {
    use super::{charset, dechunk};

    #[test]
    fn chunks_and_charsets() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n").as_deref(),
            Some(&b"hello world"[..])
        );
        assert_eq!(dechunk(b"zz\r\nhello"), None);
        assert_eq!(dechunk(b"50\r\nhello"), None);
        assert_eq!(
            charset("text/html; charset=\"iso-8859-1\"").as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(charset("text/html").as_deref(), None);
    }
}
