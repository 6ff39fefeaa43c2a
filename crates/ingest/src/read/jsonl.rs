//! JSON Lines: one object per line, its text (or HTML), URL, date and title in fields whose
//! names the user may change.

use std::io::BufRead;

use serde_json::Value;

use super::{read_line, too_large, Format, Item, ReadError, Record, MAX_DOCUMENT};

/// The JSONL field names to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fields {
    /// The plain text.
    pub text: String,
    /// The page's HTML, used when the text field is absent.
    pub html: String,
    pub url: String,
    pub date: String,
    pub title: String,
    /// A record id, used as the document's name.
    pub id: String,
}

impl Default for Fields {
    fn default() -> Fields {
        Fields {
            text: "text".into(),
            html: "html".into(),
            url: "url".into(),
            date: "date".into(),
            title: "title".into(),
            id: "id".into(),
        }
    }
}

pub(super) struct Jsonl<R> {
    name: String,
    reader: R,
    fields: Fields,
    line: usize,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> Jsonl<R> {
    pub(super) fn new(name: String, reader: R, fields: Fields) -> Jsonl<R> {
        Jsonl {
            name,
            reader,
            fields,
            line: 0,
            buf: Vec::new(),
            done: false,
        }
    }

    fn record(&self, here: String, value: &Value) -> Item {
        let field = |f: &str| match value.get(f) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        let (format, body) = match (field(&self.fields.text), field(&self.fields.html)) {
            (Some(text), _) => (Format::Text, text),
            (None, Some(html)) => (Format::Html, html),
            (None, None) => {
                let message = format!(
                    "no {:?} or {:?} field with text",
                    self.fields.text, self.fields.html
                );
                return Err(ReadError::new(here, message));
            }
        };
        let mut record = Record::new(field(&self.fields.id).unwrap_or(here), body.into_bytes());
        record.format = format;
        record.url = field(&self.fields.url);
        record.title = field(&self.fields.title);
        let date = field(&self.fields.date)
            .or_else(|| field("publication_date"))
            .or_else(|| field("published"));
        if let Some(date) = date {
            record.published = super::normalize_date(&date);
            if record.published.is_none() {
                record
                    .diagnostics
                    .push(format!("bad-date: {:?} is not a date; ignored", date));
            }
        }
        Ok(record)
    }
}

impl<R: BufRead> Iterator for Jsonl<R> {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        while !self.done {
            self.line += 1;
            let here = format!("{}:{}", self.name, self.line);
            match read_line(&mut self.reader, &mut self.buf, MAX_DOCUMENT + 1) {
                Ok(0) => self.done = true,
                Ok(n) if n as u64 > MAX_DOCUMENT => {
                    // Skip the rest of the overlong line.
                    while !self.buf.ends_with(b"\n") {
                        match read_line(&mut self.reader, &mut self.buf, 1 << 20) {
                            Ok(0) | Err(_) => break,
                            Ok(_) => {}
                        }
                    }
                    return Some(Err(too_large(here)));
                }
                Ok(_) => {
                    let line = String::from_utf8_lossy(&self.buf);
                    if line.trim().is_empty() {
                        continue;
                    }
                    return Some(match serde_json::from_str::<Value>(&line) {
                        Ok(value) if value.is_object() => self.record(here, &value),
                        Ok(_) => Err(ReadError::new(here, "not a JSON object")),
                        Err(e) => Err(ReadError::new(here, format!("not JSON: {e}"))),
                    });
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(ReadError::new(here, e.to_string())));
                }
            }
        }
        None
    }
}
