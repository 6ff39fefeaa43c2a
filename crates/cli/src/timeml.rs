//! `newsgraph timeml IN_DIR OUT_DIR`: tags TimeML documents with our timexes, for scorers such
//! as `../shared/tools/score_timex.py`.
//!
//! Each `.tml` file's `<TEXT>` is read as plain text (tags dropped, entities decoded) and its
//! `<DCT>` value becomes the publication date; the output file holds the same text with our
//! `TIMEX3` tags, the DCT, and nothing else (gold events and links are not copied).

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use newsgraph_doc::layers::TimexType;
use newsgraph_doc::Doc;
use quick_xml::events::Event;
use quick_xml::Reader;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A folder of TimeML (.tml) documents.
    input: PathBuf,
    /// Where to write the tagged documents (created if missing).
    output: PathBuf,
}

/// What a TimeML document holds for us.
struct TimeMl {
    docid: String,
    dct: Option<String>,
    text: String,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("cannot create {}", args.output.display()))?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(&args.input)
        .with_context(|| format!("cannot read {}", args.input.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tml"))
        .collect();
    files.sort();
    if files.is_empty() {
        bail!("no .tml file in {}", args.input.display());
    }
    let (mut docs, mut timexes) = (0, 0);
    for path in &files {
        let source = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read {}", path.display()))?;
        let tml = parse(&source).with_context(|| format!("{} is not TimeML", path.display()))?;
        let mut doc = Doc::new(tml.text.as_str());
        doc.publication_date = tml
            .dct
            .as_deref()
            .and_then(|d| newsgraph_analyze::pubdate::given(&d[..d.len().min(10)]));
        newsgraph_analyze::analyze(&mut doc);
        timexes += doc.timexes.len();
        docs += 1;
        let out = args.output.join(path.file_name().unwrap_or_default());
        std::fs::write(&out, write(&tml, &doc))
            .with_context(|| format!("cannot write {}", out.display()))?;
    }
    eprintln!(
        "newsgraph: tagged {timexes} timexes in {docs} documents into {}",
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn parse(source: &str) -> anyhow::Result<TimeMl> {
    let mut reader = Reader::from_str(source);
    let mut path: Vec<Vec<u8>> = Vec::new();
    let mut tml = TimeMl {
        docid: String::new(),
        dct: None,
        text: String::new(),
    };
    let in_text = |path: &[Vec<u8>]| path.iter().any(|p| p == b"TEXT");
    loop {
        match reader.read_event()? {
            Event::Start(e) => {
                if e.name().as_ref() == b"TIMEX3" && path.last().is_some_and(|p| p == b"DCT") {
                    for attr in e.attributes().flatten() {
                        if attr.key.as_ref() == b"value" {
                            tml.dct = Some(attr.unescape_value()?.into_owned());
                        }
                    }
                }
                path.push(e.name().as_ref().to_vec());
            }
            Event::End(_) => {
                path.pop();
            }
            Event::Text(t) => {
                if in_text(&path) {
                    tml.text.push_str(&t.unescape()?);
                } else if path.last().is_some_and(|p| p == b"DOCID") {
                    tml.docid.push_str(t.unescape()?.trim());
                }
            }
            Event::CData(c) if in_text(&path) => tml.text.push_str(&String::from_utf8_lossy(&c)),
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(tml)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn write(tml: &TimeMl, doc: &Doc) -> String {
    let mut out = String::from("<?xml version=\"1.0\" ?>\n<TimeML>\n");
    let _ = writeln!(out, "<DOCID>{}</DOCID>", escape(&tml.docid));
    if let Some(dct) = &tml.dct {
        let _ = writeln!(
            out,
            "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"{}\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">{}</TIMEX3></DCT>",
            escape(dct),
            escape(dct)
        );
    }
    out.push_str("<TEXT>");
    let text = doc.text();
    let mut at = 0;
    for (i, t) in doc.timexes.iter().enumerate() {
        out.push_str(&escape(&text[at..t.span.start()]));
        // TimeML tags the count of "one day after" alone, as a DURATION, with the signal
        // outside; "a year earlier" stays one DATE.
        let (kind, value, modifier, span) =
            match t.offset.as_ref().filter(|o| o.signal != "earlier") {
                Some(o) => ("DURATION", o.value.as_str(), None, o.span),
                None => (
                    match t.kind {
                        TimexType::TIME => "TIME",
                        TimexType::DURATION => "DURATION",
                        TimexType::SET => "SET",
                        _ => "DATE",
                    },
                    t.value.as_str(),
                    t.modifier.as_deref(),
                    t.span,
                ),
            };
        let modifier = modifier
            .map(|m| format!(" mod=\"{m}\""))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<TIMEX3 tid=\"t{}\" type=\"{kind}\" value=\"{}\"{modifier}>{}</TIMEX3>",
            i + 1,
            escape(value),
            escape(&text[span])
        );
        out.push_str(&escape(&text[span.end()..t.span.end()]));
        at = t.span.end();
    }
    out.push_str(&escape(&text[at..]));
    out.push_str("</TEXT>\n</TimeML>\n");
    out
}
