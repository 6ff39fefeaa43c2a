//! `newsgraph ingest` and the query commands over the store: `search`, `quotes`, `timeline`,
//! `entities`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc::sync_channel;
use std::time::Instant;

use anyhow::{bail, Context};
use newsgraph_doc::Doc;
use newsgraph_ingest::read::{self, Fields};
use newsgraph_ingest::Record;
use newsgraph_store::query::Filter;
use newsgraph_store::{content_hash, Store};
use serde_json::Value;

/// The store file used when `--db` is not given.
const DEFAULT_DB: &str = "newsgraph.db";
/// Documents written per transaction.
const BATCH: usize = 32;

#[derive(Debug, clap::Args)]
pub struct IngestArgs {
    /// Files, folders (read recursively), RSS/Atom feeds, WARC archives (`.warc`, `.warc.gz`),
    /// JSONL files, or `-` for standard input; the format is told from the bytes.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// The store file.
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    /// JSONL field holding the plain text.
    #[arg(long, default_value = "text")]
    text_field: String,
    /// JSONL field holding the page's HTML (when there is no text field).
    #[arg(long, default_value = "html")]
    html_field: String,
    /// JSONL field holding the publication date (`publication_date` and `published` are tried
    /// after it).
    #[arg(long, default_value = "date")]
    date_field: String,
    /// JSONL field holding the URL.
    #[arg(long, default_value = "url")]
    url_field: String,
    /// JSONL field holding the title.
    #[arg(long, default_value = "title")]
    title_field: String,
    /// JSONL field holding a record id (the document's name).
    #[arg(long, default_value = "id")]
    id_field: String,
    /// Analysis threads (default: all cores).
    #[arg(long)]
    jobs: Option<usize>,
    /// No progress bar.
    #[arg(long)]
    quiet: bool,
    /// Which attributions to store: `speech` (quotes and reported speech) or `all` (also
    /// stances, kind `stance`).
    #[arg(long, value_enum, default_value_t = crate::analyze::AttributionsArg::Speech)]
    attributions: crate::analyze::AttributionsArg,
}

impl IngestArgs {
    fn fields(&self) -> Fields {
        Fields {
            text: self.text_field.clone(),
            html: self.html_field.clone(),
            url: self.url_field.clone(),
            date: self.date_field.clone(),
            title: self.title_field.clone(),
            id: self.id_field.clone(),
        }
    }
}

/// What a worker made of a record.
enum Outcome {
    Analyzed(Box<Doc>),
    /// Already in the store.
    Known,
    Failed(String),
}

/// A record as a document, analysed unless the store holds it already.
fn analyze_record(
    record: Record,
    known: &Store,
    attributions: newsgraph_analyze::Attributions,
) -> Outcome {
    let name = record.name.clone();
    match newsgraph_ingest::document_from(record) {
        Ok(mut doc) => {
            let hash = content_hash(doc.url.as_deref(), doc.text());
            if known.contains(&hash).unwrap_or(false) {
                return Outcome::Known;
            }
            newsgraph_analyze::analyze_with(&mut doc, attributions);
            Outcome::Analyzed(Box::new(doc))
        }
        Err(e) => Outcome::Failed(format!("{name}: {e}")),
    }
}

pub fn ingest(args: IngestArgs) -> anyhow::Result<ExitCode> {
    let mut store =
        Store::open(&args.db).with_context(|| format!("cannot open {}", args.db.display()))?;
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let bar = if args.quiet {
        indicatif::ProgressBar::hidden()
    } else {
        indicatif::ProgressBar::new_spinner()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{spinner} {pos} articles ({per_sec}) {elapsed} {msg}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    let start = Instant::now();
    let (to_workers, from_reader) = sync_channel::<Record>(jobs * 4);
    let from_reader = std::sync::Arc::new(std::sync::Mutex::new(from_reader));
    // Room for two batches: workers go on analysing while the writer commits one.
    let (to_writer, from_workers) = sync_channel::<Outcome>(jobs * 4 + 2 * BATCH);
    let mut failed: Vec<String> = Vec::new();
    let (mut added, mut skipped) = (0usize, 0usize);
    let files = read::expand(&args.paths);
    let fields = args.fields();
    let attributions = args.attributions.into();
    std::thread::scope(|s| -> anyhow::Result<()> {
        for _ in 0..jobs {
            let rx = std::sync::Arc::clone(&from_reader);
            let tx = to_writer.clone();
            let known = Store::open(&args.db)?;
            s.spawn(move || loop {
                let record = match rx.lock() {
                    Ok(guard) => guard.recv(),
                    Err(_) => break,
                };
                let Ok(record) = record else { break };
                if tx
                    .send(analyze_record(record, &known, attributions))
                    .is_err()
                {
                    break;
                }
            });
        }
        drop(to_writer);
        let reader = s.spawn(move || {
            let mut failed = Vec::new();
            for file in &files {
                for item in read::open(file, &fields) {
                    match item {
                        Ok(record) => {
                            if to_workers.send(record).is_err() {
                                return failed;
                            }
                        }
                        Err(e) => failed.push(e.to_string()),
                    }
                }
            }
            failed
        });
        let mut batch = Vec::with_capacity(BATCH);
        for outcome in from_workers {
            match outcome {
                Outcome::Analyzed(doc) => batch.push(*doc),
                Outcome::Known => skipped += 1,
                Outcome::Failed(e) => failed.push(e),
            }
            if batch.len() >= BATCH {
                added += store.insert_batch(&batch)?;
                bar.inc(batch.len() as u64);
                batch.clear();
            }
        }
        added += store.insert_batch(&batch)?;
        bar.inc(batch.len() as u64);
        let read_failed = reader
            .join()
            .map_err(|_| anyhow::anyhow!("the reader panicked"))?;
        failed.extend(read_failed);
        Ok(())
    })?;
    bar.finish_and_clear();
    let secs = start.elapsed().as_secs_f64();
    for f in &failed {
        eprintln!("newsgraph: {f}");
    }
    eprintln!(
        "newsgraph: {added} articles added, {skipped} already stored, {} failed in {secs:.1} s ({:.1} articles/s); {} in the store",
        failed.len(),
        added as f64 / secs.max(1e-9),
        store.count()?
    );
    Ok(if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

#[derive(Debug, clap::Args)]
pub struct QueryArgs {
    /// Words to search for (search only).
    #[arg(default_value = "")]
    query: String,
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    /// Only quotes of this speaker (name or alias).
    #[arg(long, alias = "actor")]
    speaker: Option<String>,
    /// Earliest date (YYYY-MM-DD or a prefix).
    #[arg(long)]
    from: Option<String>,
    /// Latest date (inclusive; YYYY-MM-DD or a prefix).
    #[arg(long)]
    to: Option<String>,
    /// Only articles citing this source.
    #[arg(long)]
    source: Option<String>,
    /// At most this many rows.
    #[arg(long, alias = "top", default_value_t = 20)]
    limit: usize,
    /// JSON lines instead of a table.
    #[arg(long)]
    json: bool,
}

/// Which query.
#[derive(Debug, Clone, Copy)]
pub enum Query {
    Search,
    Quotes,
    Timeline,
    Entities,
}

fn print_rows(rows: &[Value], json: bool, columns: &[&str]) {
    if json {
        for r in rows {
            println!("{r}");
        }
        return;
    }
    let cell = |v: &Value| match v {
        Value::String(s) => s.replace('\n', " "),
        Value::Null => "-".to_owned(),
        other => other.to_string(),
    };
    println!("{}", columns.join(" | "));
    for r in rows {
        let cells: Vec<String> = columns
            .iter()
            .map(|c| {
                let s = cell(&r[*c]);
                if s.chars().count() > 90 {
                    format!("{}…", s.chars().take(89).collect::<String>())
                } else {
                    s
                }
            })
            .collect();
        println!("{}", cells.join(" | "));
    }
}

pub fn query(which: Query, args: QueryArgs) -> anyhow::Result<ExitCode> {
    if !args.db.exists() {
        bail!(
            "no store at {} (run newsgraph ingest first)",
            args.db.display()
        );
    }
    let store = Store::open(&args.db)?;
    let filter = Filter {
        speaker: args.speaker,
        from: args.from,
        to: args.to,
        source: args.source,
        limit: args.limit,
    };
    match which {
        Query::Search => {
            if args.query.trim().is_empty() {
                bail!("search needs words to look for");
            }
            let quotes = store.quotes(Some(&args.query), &filter)?;
            if !args.json {
                println!("# quotes");
            }
            print_rows(&quotes, args.json, &["date", "speaker", "text", "document"]);
            if filter.speaker.is_none() {
                let docs = store.documents(&args.query, &filter)?;
                if !args.json {
                    println!("\n# articles");
                }
                print_rows(&docs, args.json, &["published", "document", "snippet"]);
            }
        }
        Query::Quotes => print_rows(
            &store.quotes(None, &filter)?,
            args.json,
            &["date", "speaker", "text", "document"],
        ),
        Query::Timeline => print_rows(
            &store.timeline(&filter)?,
            args.json,
            &["date", "speaker", "text"],
        ),
        Query::Entities => print_rows(
            &store.entities(filter.limit)?,
            args.json,
            &["type", "name", "mentions", "documents"],
        ),
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    /// `jsonl` (newsgraph/1 records) or `gkg` (GDELT GKG 2.1, tab-separated).
    #[arg(long, value_enum, default_value_t = ExportFormatArg::Jsonl)]
    format: ExportFormatArg,
    /// Write here instead of standard output.
    #[arg(long)]
    out: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormatArg {
    Jsonl,
    Gkg,
}

pub fn export(args: ExportArgs) -> anyhow::Result<ExitCode> {
    if !args.db.exists() {
        bail!("no store at {}", args.db.display());
    }
    let store = Store::open(&args.db)?;
    let format = match args.format {
        ExportFormatArg::Jsonl => newsgraph_store::export::ExportFormat::Jsonl,
        ExportFormatArg::Gkg => newsgraph_store::export::ExportFormat::Gkg,
    };
    let mut out: Box<dyn std::io::Write> = match &args.out {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("cannot write {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let n = store.export(format, &mut out)?;
    out.flush()?;
    eprintln!("newsgraph: exported {n} documents");
    Ok(ExitCode::SUCCESS)
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    #[arg(long, default_value = DEFAULT_DB)]
    db: PathBuf,
    /// Address to listen on (port 0 picks a free one; the address is printed).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: String,
    /// Allow writes (POST /documents) with this bearer token; without it the API is read-only.
    #[arg(long, env = "NEWSGRAPH_TOKEN")]
    token: Option<String>,
}

pub fn serve(args: ServeArgs) -> anyhow::Result<ExitCode> {
    // Create or migrate the store before serving.
    Store::open(&args.db).with_context(|| format!("cannot open {}", args.db.display()))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(&args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        println!("newsgraph: listening on http://{}", listener.local_addr()?);
        use std::io::Write as _;
        std::io::stdout().flush()?;
        let config = newsgraph_server::Config {
            db: args.db.clone(),
            token: args.token.clone(),
        };
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        newsgraph_server::serve(listener, config, shutdown).await?;
        anyhow::Ok(())
    })?;
    Ok(ExitCode::SUCCESS)
}
