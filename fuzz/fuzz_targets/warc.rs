//! Any bytes behind a WARC version line, plain or as a gzip member: the WARC reader ends,
//! never panics, and reads no record larger than the stream.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgraph_ingest::read::{self, Fields};

fuzz_target!(|data: &[u8]| {
    let mut bytes = b"WARC/1.0\r\n".to_vec();
    bytes.extend_from_slice(data);
    let len = bytes.len();
    let records = read::from_reader(
        "fuzz.warc".into(),
        Box::new(std::io::Cursor::new(bytes)),
        &Fields::default(),
    );
    for record in records.take(10_000).flatten() {
        assert!(record.bytes.len() as u64 <= read::MAX_DOCUMENT.max(len as u64));
    }
});
