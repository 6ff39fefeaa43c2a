//! The readers against archives, feeds and dumps built here from pages written here: the same
//! documents come out of a WARC as out of the pages themselves, and broken containers give
//! errors naming the record while the rest is read.

use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::write::GzEncoder;
use flate2::Compression;
use newsgraph_ingest::read::{self, Container, Fields, Item};
use newsgraph_ingest::{document, document_from, Record};

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsgraph-readers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    path
}

fn page(title: &str, date: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        r#"<!DOCTYPE html><html><head><title>{title} | Harbor Times</title>
<meta property="article:published_time" content="{date}T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1>{body}</article>
<footer>Copyright Harbor Times. All rights reserved.</footer></body></html>"#
    )
}

fn pages() -> Vec<(String, String)> {
    vec![
        (
            "https://harbor.example/2026/03/ferry".to_owned(),
            page(
                "Ferry talks resume",
                "2026-03-10",
                &[
                    "Negotiators for the port authority and the ferry union met again on Monday, officials said.",
                    "\u{201c}We are closer than we have been in weeks,\u{201d} said Mara Quint, the union's spokeswoman.",
                ],
            ),
        ),
        (
            "https://harbor.example/2026/03/bridge".to_owned(),
            page(
                "Bridge repairs delayed",
                "2026-03-11",
                &[
                    "Repairs to the north bridge will take until mid-April, the city's engineer told the council on Tuesday.",
                    "The council approved an extra 2 million dollars for the work, according to the minutes.",
                ],
            ),
        ),
        (
            "https://harbor.example/2026/03/caf%C3%A9".to_owned(),
            page(
                "Caf\u{e9} owners protest",
                "2026-03-12",
                &[
                    "Owners of the waterfront caf\u{e9}s marched to city hall on Wednesday to protest the new rents.",
                    "\u{201c}Nobody asked us,\u{201d} one owner said, holding a sign that read \u{ab}Sauvez nos caf\u{e9}s\u{bb}.",
                ],
            ),
        ),
    ]
}

/// One WARC record, `block` its payload.
fn warc_record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2026-03-15T08:00:00Z\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut out = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
    out.extend_from_slice(body);
    out
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    enc.write_all(bytes).expect("gzip");
    enc.finish().expect("gzip")
}

fn chunked(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for chunk in body.chunks(100) {
        out.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        out.extend_from_slice(chunk);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

/// An archive as a crawler writes it: warcinfo, request/response pairs, a redirect, an image,
/// one page gzip-encoded, one chunked, one in Latin-1 declared only by its HTTP header.
fn archive() -> Vec<Vec<u8>> {
    let pages = pages();
    let mut records = vec![warc_record(
        "warcinfo",
        "",
        "application/warc-fields",
        b"software: newsgraph-test\r\n",
    )];
    for (i, (url, html)) in pages.iter().enumerate() {
        records.push(warc_record(
            "request",
            url,
            "application/http; msgtype=request",
            format!("GET {url} HTTP/1.1\r\nHost: harbor.example\r\n\r\n").as_bytes(),
        ));
        let response = match i {
            0 => http(
                "200 OK",
                "Content-Type: text/html; charset=utf-8\r\nContent-Encoding: gzip\r\n",
                &gzip(html.as_bytes()),
            ),
            1 => http(
                "200 OK",
                "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\n",
                &chunked(html.as_bytes()),
            ),
            _ => {
                let (latin1, _, unmappable) = encoding_rs::WINDOWS_1252.encode(html);
                assert!(!unmappable);
                http(
                    "200 OK",
                    "Content-Type: text/html; charset=ISO-8859-1\r\n",
                    &latin1,
                )
            }
        };
        records.push(warc_record(
            "response",
            url,
            "application/http; msgtype=response",
            &response,
        ));
    }
    records.push(warc_record(
        "response",
        "https://harbor.example/old",
        "application/http; msgtype=response",
        &http(
            "301 Moved Permanently",
            "Location: https://harbor.example/2026/03/ferry\r\n",
            b"",
        ),
    ));
    records.push(warc_record(
        "response",
        "https://harbor.example/logo.png",
        "application/http; msgtype=response",
        &http(
            "200 OK",
            "Content-Type: image/png\r\n",
            b"\x89PNG\r\n\x1a\n\0\0\0",
        ),
    ));
    records
}

fn records(path: &Path) -> Vec<Item> {
    read::open(path, &Fields::default()).collect()
}

/// The text, title, URL and date a document has, for comparison.
fn summary(record: Record) -> (String, Option<String>, Option<String>, Option<String>) {
    let doc = document_from(record).expect("document");
    (
        doc.text().to_owned(),
        doc.title.clone(),
        doc.url.clone(),
        doc.publication_date.map(|d| d.value),
    )
}

#[test]
fn warc_gives_the_documents_of_its_pages() {
    let expected: Vec<_> = pages()
        .into_iter()
        .map(|(url, html)| {
            let doc = document(html.as_bytes(), Some(&url)).expect("page");
            (
                doc.text().to_owned(),
                doc.title.clone(),
                Some(url),
                doc.publication_date.map(|d| d.value),
            )
        })
        .collect();
    assert!(expected
        .iter()
        .all(|e| e.0.contains("said") || e.0.contains("told")));
    let plain: Vec<u8> = archive().concat();
    let per_record_gzip: Vec<u8> = archive()
        .iter()
        .map(|r| gzip(r))
        .collect::<Vec<_>>()
        .concat();
    for (name, bytes) in [("crawl.warc", plain), ("crawl.warc.gz", per_record_gzip)] {
        let path = temp_file(name, &bytes);
        let got: Vec<_> = records(&path)
            .into_iter()
            .map(|item| summary(item.expect("a good record")))
            .collect();
        assert_eq!(got, expected, "{name}");
    }
}

#[test]
fn truncated_warc_reads_what_is_whole_then_says_where_it_broke() {
    let gz: Vec<u8> = archive()
        .iter()
        .map(|r| gzip(r))
        .collect::<Vec<_>>()
        .concat();
    let path = temp_file("cut.warc.gz", &gz[..gz.len() * 2 / 3]);
    let items = records(&path);
    let good = items.iter().filter(|i| i.is_ok()).count();
    assert!(good >= 1, "{items:?}");
    let last = items.last().expect("an item");
    assert!(last.is_err(), "the cut is reported: {items:?}");

    let plain: Vec<u8> = archive().concat();
    let path = temp_file("cut.warc", &plain[..plain.len() - 30]);
    let items = records(&path);
    let errors: Vec<_> = items.iter().filter_map(|i| i.as_ref().err()).collect();
    assert_eq!(items.iter().filter(|i| i.is_ok()).count(), 3);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].message.contains("truncated"), "{}", errors[0]);
}

#[test]
fn wrong_content_length_and_junk_cost_one_record() {
    let mut records_bytes = archive();
    // Page 2's response (index 4) claims 40 bytes fewer than it holds.
    let record = String::from_utf8_lossy(&records_bytes[4]).into_owned();
    let length: usize = record
        .lines()
        .find_map(|l| l.strip_prefix("Content-Length: "))
        .and_then(|v| v.trim().parse().ok())
        .expect("length");
    let marker = format!("Content-Length: {length}\r\n");
    let shorter = format!("Content-Length: {}\r\n", length - 40);
    let at = find(&records_bytes[4], marker.as_bytes()).expect("marker");
    records_bytes[4].splice(at..at + marker.len(), shorter.bytes());
    // Junk between two records.
    records_bytes.insert(
        2,
        b"\x00\x01garbage that is not a record\r\n\xff\xfe\r\n".to_vec(),
    );
    let path = temp_file("bent.warc", &records_bytes.concat());
    let items = records(&path);
    let ok: Vec<&Record> = items.iter().filter_map(|i| i.as_ref().ok()).collect();
    let errors: Vec<_> = items.iter().filter_map(|i| i.as_ref().err()).collect();
    assert_eq!(ok.len(), 3, "{items:?}");
    assert_eq!(errors.len(), 1, "the junk, once: {errors:?}");
    assert!(errors[0].message.contains("not WARC"));
    let bent: Vec<_> = ok.iter().filter(|r| !r.diagnostics.is_empty()).collect();
    assert_eq!(bent.len(), 1);
    assert!(
        bent[0]
            .diagnostics
            .iter()
            .any(|d| d.starts_with("warc-length")),
        "{:?}",
        bent[0].diagnostics
    );
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn rss_atom_and_rdf_items_become_documents() {
    let rss = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Harbor Times</title><link>https://harbor.example/</link>
<item>
  <title>Ferry talks resume</title>
  <link>https://harbor.example/2026/03/ferry</link>
  <guid isPermaLink="false">harbor-1001</guid>
  <pubDate>Tue, 10 Mar 2026 09:00:00 -0500</pubDate>
  <dc:creator>Lena Ortiz</dc:creator>
  <description>Short teaser&nbsp;only.</description>
  <content:encoded><![CDATA[<p>Negotiators for the port authority and the ferry union met again on Monday, officials said.</p><p>&#8220;We are closer than we have been in weeks,&#8221; said Mara Quint.</p>]]></content:encoded>
</item>
<item>
  <title>Bridge repairs delayed</title>
  <link>https://harbor.example/2026/03/bridge</link>
  <pubDate>Wed, 11 Mar 2026 10:00:00 GMT</pubDate>
  <description>&lt;p&gt;Repairs to the north bridge will take until mid-April, the city&amp;#8217;s engineer told the council.&lt;/p&gt;</description>
</item>
</channel></rss>"#;
    let path = temp_file("harbor.rss", rss.as_bytes());
    let items = records(&path);
    assert_eq!(items.len(), 2);
    let docs: Vec<_> = items
        .into_iter()
        .map(|i| document_from(i.expect("item")).expect("doc"))
        .collect();
    assert_eq!(docs[0].name.as_deref(), Some("harbor-1001"));
    assert_eq!(
        docs[0].url.as_deref(),
        Some("https://harbor.example/2026/03/ferry")
    );
    assert_eq!(docs[0].title.as_deref(), Some("Ferry talks resume"));
    assert_eq!(docs[0].authors, ["Lena Ortiz"]);
    assert_eq!(
        docs[0].publication_date.as_ref().map(|d| d.value.as_str()),
        Some("2026-03-10")
    );
    assert!(
        docs[0].text().contains("met again on Monday"),
        "{}",
        docs[0].text()
    );
    assert!(
        docs[0].text().contains("\u{201c}We are closer"),
        "{}",
        docs[0].text()
    );
    assert!(!docs[0].text().contains("teaser"));
    assert!(
        docs[1]
            .text()
            .contains("city\u{2019}s engineer told the council"),
        "{}",
        docs[1].text()
    );
    assert!(!docs[1].text().contains("<p>"));

    let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Harbor</title>
<entry>
  <title type="text">Caf&#233; owners protest</title>
  <link rel="self" href="https://harbor.example/api/3"/>
  <link rel="alternate" href="https://harbor.example/2026/03/cafe"/>
  <id>tag:harbor.example,2026:3</id>
  <updated>2026-03-13T08:00:00Z</updated>
  <published>2026-03-12T18:30:00+01:00</published>
  <author><name>Paul Brandt</name><email>pb@harbor.example</email></author>
  <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Owners of the waterfront caf&#233;s marched to city hall on Wednesday to protest the rents.</p><p>&#8220;Nobody asked us,&#8221; one owner said.</p></div></content>
</entry>
</feed>"#;
    let path = temp_file("harbor.atom", atom.as_bytes());
    let items = records(&path);
    assert_eq!(items.len(), 1);
    let doc = document_from(items.into_iter().next().expect("entry").expect("ok")).expect("doc");
    assert_eq!(
        doc.url.as_deref(),
        Some("https://harbor.example/2026/03/cafe")
    );
    assert_eq!(doc.title.as_deref(), Some("Caf\u{e9} owners protest"));
    assert_eq!(doc.authors, ["Paul Brandt"]);
    assert_eq!(
        doc.publication_date.as_ref().map(|d| d.value.as_str()),
        Some("2026-03-12")
    );
    assert!(
        doc.text().contains("waterfront caf\u{e9}s marched"),
        "{}",
        doc.text()
    );
    assert!(doc.text().contains("one owner said"), "{}", doc.text());

    let rdf = r#"<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://harbor.example/"><title>Harbor</title></channel>
<item rdf:about="https://harbor.example/4"><title>Harbor dredging starts</title><link>https://harbor.example/4</link>
<dc:date>2026-03-14</dc:date><description>Dredging of the harbor mouth began on Saturday, the port authority said.</description></item>
</rdf:RDF>"#;
    let path = temp_file("harbor.rdf", rdf.as_bytes());
    let items = records(&path);
    assert_eq!(items.len(), 1);
    let doc = document_from(items.into_iter().next().expect("item").expect("ok")).expect("doc");
    assert_eq!(doc.url.as_deref(), Some("https://harbor.example/4"));
    assert_eq!(
        doc.publication_date.as_ref().map(|d| d.value.as_str()),
        Some("2026-03-14")
    );
    assert!(
        doc.text().contains("Dredging of the harbor mouth"),
        "{:?}",
        doc.text()
    );
}

#[test]
fn a_broken_feed_keeps_its_whole_items() {
    let rss = "<rss><channel><item><title>One</title><description>The first item is whole and reads well enough.</description></item><item><title>Two</title><description>cut off";
    let path = temp_file("cut.rss", rss.as_bytes());
    let items = records(&path);
    assert_eq!(items.len(), 2, "{items:?}");
    assert!(items[0].is_ok());
    assert!(items[1].is_err());
}

#[test]
fn jsonl_fields_and_bad_lines() {
    let lines = [
        r#"{"id": "a1", "text": "The council met on Tuesday, the mayor said.", "date": "2026-03-10", "url": "https://harbor.example/a1"}"#,
        "not json at all",
        r#"{"id": "a2", "html": "<html><body><article><p>Repairs to the north bridge will take until mid-April, the engineer said.</p></article></body></html>", "published": "Wed, 11 Mar 2026 10:00:00 GMT"}"#,
        "",
        r#"{"id": "a3", "body": "no text field here"}"#,
        r#"[1, 2]"#,
        r#"{"id": 4, "text": "A record whose id is a number and whose date is wrong.", "date": "soon"}"#,
    ]
    .join("\n");
    let path = temp_file("dump.jsonl", lines.as_bytes());
    let items = records(&path);
    assert_eq!(items.len(), 6, "{items:?}");
    let errors: Vec<_> = items.iter().filter_map(|i| i.as_ref().err()).collect();
    assert_eq!(errors.len(), 3);
    assert!(errors[0].name.ends_with("dump.jsonl:2"), "{}", errors[0]);
    let docs: Vec<_> = items
        .into_iter()
        .flatten()
        .map(|r| document_from(r).expect("doc"))
        .collect();
    assert_eq!(docs[0].name.as_deref(), Some("a1"));
    assert_eq!(
        docs[0].publication_date.as_ref().map(|d| d.value.as_str()),
        Some("2026-03-10")
    );
    assert_eq!(
        docs[1].text(),
        "Repairs to the north bridge will take until mid-April, the engineer said."
    );
    assert_eq!(
        docs[1].publication_date.as_ref().map(|d| d.value.as_str()),
        Some("2026-03-11")
    );
    assert_eq!(docs[2].name.as_deref(), Some("4"));
    assert!(docs[2].diagnostics.iter().any(|d| d.code == "bad-date"));

    let renamed = Fields {
        text: "body".into(),
        ..Fields::default()
    };
    let path = temp_file(
        "renamed.jsonl.gz",
        &gzip(br#"{"body": "Text under another name."}"#),
    );
    let items: Vec<Item> = read::open(&path, &renamed).collect();
    assert_eq!(items.len(), 1);
    assert_eq!(
        items[0].as_ref().map(|r| r.bytes.as_slice()).ok(),
        Some(&b"Text under another name."[..])
    );
}

#[test]
fn containers_are_told_from_their_bytes() {
    assert_eq!(read::container("x", b"WARC/1.0\r\n"), Container::Warc);
    assert_eq!(
        read::container("x.xml", b"<?xml version=\"1.0\"?><rss>"),
        Container::Feed
    );
    assert_eq!(
        read::container("x", b"\xef\xbb\xbf  <feed xmlns="),
        Container::Feed
    );
    assert_eq!(
        read::container("x", b"{\"text\": \"a\"}\n{\"text\": \"b\"}"),
        Container::Jsonl
    );
    assert_eq!(
        read::container("x", b"{not json} is just text"),
        Container::Single
    );
    assert_eq!(
        read::container(
            "x.html",
            b"<!DOCTYPE html><html><head><link rel=alternate type=application/rss+xml>"
        ),
        Container::Single
    );
    assert_eq!(
        read::container("x.txt", b"Plain text about <feed> bins."),
        Container::Single
    );
}

#[test]
fn junk_files_are_errors_not_panics() {
    let junk: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    for (name, bytes) in [
        ("junk.bin", junk.clone()),
        ("junk.warc.gz", [&[0x1f, 0x8b][..], &junk].concat()),
        (
            "junk.warc",
            [&b"WARC/1.0\r\nContent-Length: 999999\r\n\r\n"[..], &junk].concat(),
        ),
        (
            "junk.rss",
            [&b"<rss><channel><item><title>"[..], &junk].concat(),
        ),
    ] {
        let path = temp_file(name, &bytes);
        let items = records(&path);
        assert!(!items.is_empty(), "{name}");
        let mut refused = 0;
        for item in items {
            match item.map(document_from) {
                Ok(Ok(doc)) => assert!(doc.validate().is_empty(), "{name}"),
                Ok(Err(_)) | Err(_) => refused += 1,
            }
        }
        assert!(refused >= 1, "{name}: junk is reported");
    }
}
