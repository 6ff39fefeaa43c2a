//! Any bytes behind an RSS opening: the feed reader ends (no hang), never panics, and every
//! record it gives makes a valid document or a clear refusal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph_ingest::read::{self, Fields};

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"<?xml version=\"1.0\"?><rss><channel>".to_vec();
    bytes.extend_from_slice(data);
    let records = read::from_reader(
        "fuzz.rss".into(),
        Box::new(std::io::Cursor::new(bytes)),
        &Fields::default(),
    );
    for record in records.take(10_000).flatten() {
        if let Ok(doc) = newsgraph_ingest::document_from(record) {
            assert!(doc.validate().is_empty());
        }
    }
});
