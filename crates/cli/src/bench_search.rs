//! `newsgraph bench-search`: search latency on a large store, grown from a small one by copying
//! its articles (see `newsgraph_store::replicate_for_benchmark`); prints p50/p99.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use newsgraph_store::query::Filter;
use newsgraph_store::Store;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A store to grow from (it is copied; the original is not changed).
    #[arg(long)]
    db: PathBuf,
    /// How many articles the grown store should hold, about.
    #[arg(long, default_value_t = 100_000)]
    articles: usize,
    /// Queries, comma-separated.
    #[arg(
        long,
        default_value = "sovereignty,border wall,tax plan,emails,Supreme Court,debate"
    )]
    queries: String,
    /// Times each query runs.
    #[arg(long, default_value_t = 20)]
    runs: usize,
    /// Keep the grown store at this path (and reuse it when it is there already).
    #[arg(long)]
    keep: Option<PathBuf>,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let copy = args.keep.clone().unwrap_or_else(|| {
        std::env::temp_dir().join(format!("newsgraph-bench-search-{}.db", std::process::id()))
    });
    let reuse = args.keep.as_ref().is_some_and(|k| k.exists());
    if !reuse {
        std::fs::copy(&args.db, &copy)
            .with_context(|| format!("cannot copy {}", args.db.display()))?;
    }
    let mut store = Store::open(&copy)?;
    if reuse {
        println!(
            "store: {} articles (kept from an earlier run)",
            store.count()?
        );
    } else {
        let have = store.count()?.max(1) as usize;
        let times = args.articles.div_ceil(have).saturating_sub(1);
        let t = Instant::now();
        let n = newsgraph_store::replicate_for_benchmark(&mut store, times)?;
        println!(
            "store: {n} articles (built in {:.1} s)",
            t.elapsed().as_secs_f64()
        );
    }
    let filter = Filter {
        limit: 20,
        ..Filter::default()
    };
    let mut times: Vec<Duration> = Vec::new();
    let (mut quote_times, mut doc_times): (Vec<Duration>, Vec<Duration>) = (Vec::new(), Vec::new());
    for q in args
        .queries
        .split(',')
        .map(str::trim)
        .filter(|q| !q.is_empty())
    {
        for _ in 0..args.runs {
            let t = Instant::now();
            let quotes = store.quotes(Some(q), &filter)?;
            let between = t.elapsed();
            let docs = store.documents(q, &filter)?;
            times.push(t.elapsed());
            quote_times.push(between);
            doc_times.push(t.elapsed() - between);
            assert!(quotes.len() <= 20 && docs.len() <= 20);
        }
    }
    for (what, mut times) in [
        ("search (quotes + articles, 20 each)", times),
        ("  quotes part", quote_times),
        ("  articles part", doc_times),
    ] {
        times.sort();
        let at = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
        println!(
            "{what}: {} queries, p50 {:.1} ms, p99 {:.1} ms",
            times.len(),
            at(0.5).as_secs_f64() * 1e3,
            at(0.99).as_secs_f64() * 1e3
        );
    }
    drop(store);
    if args.keep.is_none() {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", copy.display()));
        }
    }
    Ok(ExitCode::SUCCESS)
}
