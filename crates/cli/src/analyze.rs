//! `newsgraph analyze`: articles in, newsgraph/1 JSON out.

use std::io::{self, BufWriter, Read, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{bail, Context};
use newsgraph_doc::{Doc, WireOptions};

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object for one input (indented), one line per document for several.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// A human-readable view: one block per layer, spans underlined.
    Pretty,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files to analyse; `-` or nothing reads standard input.
    files: Vec<String>,
    /// The publication date (YYYY-MM-DD); relative dates are resolved against it.
    #[arg(long)]
    date: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Also write the token layer.
    #[arg(long)]
    tokens: bool,
    /// Which attributions to find: `speech` (quotes and reported speech) or `all` (also
    /// stances: what a source believes, wants, supports or finds, as kind `stance`).
    #[arg(long, value_enum, default_value_t = AttributionsArg::Speech)]
    attributions: AttributionsArg,
}

/// `--attributions`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AttributionsArg {
    /// Quotes and reported speech: someone's words.
    Speech,
    /// Also stances ("Clinton believes …", "the poll shows …").
    All,
}

impl From<AttributionsArg> for newsgraph_analyze::Attributions {
    fn from(a: AttributionsArg) -> Self {
        match a {
            AttributionsArg::Speech => newsgraph_analyze::Attributions::Speech,
            AttributionsArg::All => newsgraph_analyze::Attributions::All,
        }
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let date = match args.date.as_deref() {
        Some(d) => match newsgraph_analyze::pubdate::given(d) {
            Some(date) => Some(date),
            None => {
                eprintln!("newsgraph: --date {d:?} is not a date of the form YYYY-MM-DD");
                return Ok(ExitCode::from(2));
            }
        },
        None => None,
    };
    let files = if args.files.is_empty() {
        vec!["-".to_owned()]
    } else {
        args.files
    };
    let several = files.len() > 1;
    let options = WireOptions {
        tokens: args.tokens,
    };
    let stdout = io::stdout().lock();
    let mut out = BufWriter::new(stdout);
    let mut failed = false;
    for file in &files {
        let mut doc = match read(file) {
            Ok(doc) => doc,
            Err(err) => {
                out.flush()?;
                eprintln!("newsgraph: {file}: {err:#}");
                failed = true;
                continue;
            }
        };
        doc.name = Some(file.clone());
        if date.is_some() {
            doc.publication_date.clone_from(&date);
        }
        newsgraph_analyze::analyze_with(&mut doc, args.attributions.into());
        match args.format {
            Format::Json | Format::Jsonl => {
                let pretty = args.format == Format::Json && !several;
                doc.write_json(&mut out, options, pretty)
                    .map_err(io::Error::from)?;
                writeln!(out)?;
            }
            Format::Pretty => {
                writeln!(out, "# {file}")?;
                write!(out, "{}", newsgraph_analyze::snapshot(&doc))?;
                writeln!(out)?;
            }
        }
    }
    out.flush()?;
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Reads and decodes one input.
fn read(file: &str) -> anyhow::Result<Doc> {
    let bytes = if file == "-" {
        let mut buf = Vec::new();
        io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .context("cannot read standard input")?;
        buf
    } else {
        let path = Path::new(file);
        if path.is_dir() {
            bail!("is a directory");
        }
        std::fs::read(path).context("cannot read the file")?
    };
    let bytes = gunzip(bytes)?;
    Ok(newsgraph_ingest::document(&bytes, None)?)
}

/// Gzip undone, as `ingest` does ("page.html.gz"), up to the largest document a reader takes.
fn gunzip(bytes: Vec<u8>) -> anyhow::Result<Vec<u8>> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes);
    }
    let limit = newsgraph_ingest::read::MAX_DOCUMENT;
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(bytes.as_slice())
        .take(limit + 1)
        .read_to_end(&mut out)
        .context("cannot decompress the gzip input")?;
    if out.len() as u64 > limit {
        bail!("larger than {} MB once decompressed", limit >> 20);
    }
    Ok(out)
}
