//! `newsgraph extract`: HTML pages to their article text and metadata.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use serde_json::json;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// HTML pages (`.html`, or gzipped `.html.gz`); `-` reads standard input.
    #[arg(required = true)]
    pages: Vec<PathBuf>,
    /// Write one `<name>.json` per page here (with the text in `articleBody`), for scorers.
    #[arg(long)]
    out: Option<PathBuf>,
    /// Add `source_map`: `[text_start, text_end, page_start, page_end]` byte runs from the text
    /// back to the page.
    #[arg(long)]
    source_map: bool,
}

/// The bytes of a page, gunzipped when its name ends in `.gz`.
pub fn read_page(path: &PathBuf) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin().lock().read_to_end(&mut bytes)?;
        return Ok(bytes);
    }
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    if path.extension().is_some_and(|e| e == "gz") {
        flate2::read::MultiGzDecoder::new(file)
            .read_to_end(&mut bytes)
            .with_context(|| format!("{} is not valid gzip", path.display()))?;
    } else {
        std::io::BufReader::new(file).read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

fn letters(text: &str) -> usize {
    text.chars().filter(|c| !c.is_whitespace()).count()
}

/// A page's name without `.html` / `.html.gz`.
fn stem(path: &std::path::Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    name.trim_end_matches(".gz")
        .trim_end_matches(".html")
        .trim_end_matches(".htm")
        .to_owned()
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let start = Instant::now();
    let mut extracting = std::time::Duration::ZERO;
    let mut failed = 0;
    // Letters of the texts, and those the source map places in their page.
    let (mut shown, mut placed) = (0usize, 0usize);
    let mut mapping = std::time::Duration::ZERO;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for page in &args.pages {
        let bytes = match read_page(page) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("newsgraph: {e:#}");
                failed += 1;
                continue;
            }
        };
        let t = Instant::now();
        let html = newsgraph_ingest::decode_html(&bytes);
        let a = newsgraph_ingest::extract(&html, None);
        extracting += t.elapsed();
        for d in &a.diagnostics {
            eprintln!("newsgraph: {}: {d}", page.display());
        }
        let mut value = json!({
            "title": a.title, "authors": a.authors, "published": a.published, "url": a.url,
            "site_name": a.site_name, "language": a.language, "text": a.text, "articleBody": a.text,
        });
        if args.source_map {
            let t = Instant::now();
            let map = newsgraph_ingest::source_map(&html, &a.text);
            mapping += t.elapsed();
            placed += map.iter().map(|m| letters(&a.text[m.span])).sum::<usize>();
            shown += letters(&a.text);
            value["source_map"] = map
                .iter()
                .map(|m| json!([m.span.start(), m.span.end(), m.page_start, m.page_end]))
                .collect();
        }
        match &args.out {
            Some(dir) => {
                let path = dir.join(format!("{}.json", stem(page)));
                std::fs::write(&path, value.to_string())
                    .with_context(|| format!("cannot write {}", path.display()))?;
            }
            None => writeln!(out, "{}", serde_json::to_string_pretty(&value)?)?,
        }
    }
    if args.out.is_some() {
        let secs = start.elapsed().as_secs_f64();
        let n = args.pages.len() as f64;
        eprintln!(
            "newsgraph: {} pages in {secs:.2} s ({:.0} pages/s; HTML to text alone {:.0} pages/s on one core)",
            args.pages.len(),
            n / secs,
            n / extracting.as_secs_f64().max(1e-9)
        );
        if args.source_map {
            eprintln!(
                "newsgraph: source maps place {:.1}% of the texts' {shown} non-space characters in their pages ({:.0} pages/s)",
                100.0 * placed as f64 / shown.max(1) as f64,
                n / mapping.as_secs_f64().max(1e-9)
            );
        }
    }
    Ok(if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
