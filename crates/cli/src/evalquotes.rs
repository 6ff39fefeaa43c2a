//! `newsgraph eval quotes --polnear FILE --out PRED.jsonl`: analyses each article of a PolNeAR
//! JSONL and writes the predictions that `score_quotes.py` reads (code-point offsets; the
//! speaker is the local mention).

use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use newsgraph_doc::layers::QuoteKind;
use newsgraph_doc::{CharIndex, Doc, Span};
use serde_json::{json, Value};

/// A span in code points, as `score_quotes.py` reads it.
fn char_span(index: &CharIndex, s: Span) -> Value {
    json!({"start": index.at(s.start), "end": index.at(s.end)})
}

pub fn run(
    input: &Path,
    out: &Path,
    attributions: newsgraph_analyze::Attributions,
) -> anyhow::Result<ExitCode> {
    let file =
        std::fs::File::open(input).with_context(|| format!("cannot read {}", input.display()))?;
    let mut writer = BufWriter::new(
        std::fs::File::create(out).with_context(|| format!("cannot write {}", out.display()))?,
    );
    let (mut docs, mut quotes) = (0usize, 0usize);
    let start = Instant::now();
    for (n, line) in BufReader::new(file).lines().enumerate() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let record: Value =
            serde_json::from_str(&line).with_context(|| format!("line {} is not JSON", n + 1))?;
        let text = record["text"].as_str().unwrap_or_default();
        let mut doc = Doc::new(text);
        doc.publication_date = record["publication_date"]
            .as_str()
            .and_then(newsgraph_analyze::pubdate::given);
        newsgraph_analyze::analyze_with(&mut doc, attributions);
        let index = CharIndex::new(text);
        let predicted: Vec<Value> = doc
            .quotes
            .iter()
            .filter(|q| q.kind != QuoteKind::Scare)
            .map(|q| {
                let speaker: Vec<Value> = q
                    .speaker
                    .as_ref()
                    .and_then(|s| s.mention)
                    .map(|m| char_span(&index, m))
                    .into_iter()
                    .collect();
                // `kind`, `by` and `cue` are ours, for error analysis; the scorer ignores them.
                json!({"content": [char_span(&index, q.span)], "speaker": speaker,
                       "kind": q.kind, "by": q.by.to_string(),
                       "cue": q.cue.map(|c| &text[c])})
            })
            .collect();
        quotes += predicted.len();
        docs += 1;
        serde_json::to_writer(
            &mut writer,
            &json!({"id": record["id"], "quotes": predicted}),
        )?;
        writeln!(writer)?;
    }
    writer.flush()?;
    eprintln!(
        "newsgraph: {quotes} quotes in {docs} articles ({:.1} s) written to {}",
        start.elapsed().as_secs_f64(),
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}
