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
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let copy =
        std::env::temp_dir().join(format!("newsgraph-bench-search-{}.db", std::process::id()));
    std::fs::copy(&args.db, &copy).with_context(|| format!("cannot copy {}", args.db.display()))?;
    let mut store = Store::open(&copy)?;
    let have = store.count()?.max(1) as usize;
    let times = args.articles.div_ceil(have).saturating_sub(1);
    let t = Instant::now();
    let n = newsgraph_store::replicate_for_benchmark(&mut store, times)?;
    println!(
        "store: {n} articles (built in {:.1} s)",
        t.elapsed().as_secs_f64()
    );
    let filter = Filter {
        limit: 20,
        ..Filter::default()
    };
    let mut times: Vec<Duration> = Vec::new();
    for q in args
        .queries
        .split(',')
        .map(str::trim)
        .filter(|q| !q.is_empty())
    {
        for _ in 0..args.runs {
            let t = Instant::now();
            let quotes = store.quotes(Some(q), &filter)?;
            let docs = store.documents(q, &filter)?;
            times.push(t.elapsed());
            assert!(quotes.len() <= 20 && docs.len() <= 20);
        }
    }
    times.sort();
    let at = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    println!(
        "search (quotes + articles, 20 each): {} queries, p50 {:?}, p99 {:?}",
        times.len(),
        at(0.5),
        at(0.99)
    );
    drop(store);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", copy.display()));
    }
    Ok(ExitCode::SUCCESS)
}
