//! Any bytes as an HTML page: extraction and the document made of it never panic, and the
//! document's text holds every offset; the source map's runs index both the text and the page.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = newsgraph_ingest::decode_html(data);
    let article = newsgraph_ingest::extract(&html, Some("https://example.invalid/2025/01/02/a"));
    assert!(!article.text.contains('\0') || html.contains('\0'));
    for run in newsgraph_ingest::source_map(&html, &article.text) {
        assert!(article.text.get(run.span.start()..run.span.end()).is_some());
        assert!(html.get(run.page_start as usize..run.page_end as usize).is_some());
    }
    let mut record = newsgraph_ingest::Record::new("fuzz", data.to_vec());
    record.format = newsgraph_ingest::Format::Html;
    if let Ok(doc) = newsgraph_ingest::document_from(record) {
        assert!(doc.validate().is_empty());
    }
});
