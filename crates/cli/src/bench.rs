//! `newsgraph bench`: throughput of the whole pipeline on a JSONL corpus, on one thread and on
//! all cores, with peak memory.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context;
use newsgraph_doc::layers::TokenKind;
use newsgraph_doc::Doc;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A JSONL file of articles, such as ../shared/data/quotes/polnear.jsonl.
    corpus: PathBuf,
    /// The field holding each article's text.
    #[arg(long, default_value = "text")]
    field: String,
    /// Use at most this many articles.
    #[arg(long)]
    limit: Option<usize>,
    /// Threads for the parallel run (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
}

/// What one run over the corpus counted.
#[derive(Default)]
struct Totals {
    articles: usize,
    bytes: usize,
    words: usize,
    sentences: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let texts = load(&args)?;
    anyhow::ensure!(
        !texts.is_empty(),
        "no article with a {:?} field in {}",
        args.field,
        args.corpus.display()
    );
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "corpus: {} ({} articles, {:.1} MB)",
        args.corpus.display(),
        texts.len(),
        bytes as f64 / 1e6
    );
    // The compiled-in models, read once: the POS tagger, the NER, the gazetteer, the word table.
    let start = Instant::now();
    let loaded = newsgraph_models::pos().is_some() && newsgraph_models::ner().is_some();
    let _ = newsgraph_models::gazetteer::global();
    let _ = newsgraph_models::words::global();
    println!(
        "models: {} in {:.1} ms",
        if loaded { "loaded" } else { "missing" },
        start.elapsed().as_secs_f64() * 1e3
    );
    // Warm up: lingua loads each language's model on first use. The taggers' scores of the
    // words seen are forgotten again, so the figures below start with none.
    for text in texts.iter().take(50) {
        analyze_one(text);
    }
    newsgraph_models::tagger::forget_word_scores();

    let pipeline = newsgraph_analyze::pipeline();
    let names = pipeline.stage_names();
    let mut per_stage = vec![Duration::ZERO; names.len()];
    let start = Instant::now();
    let mut totals = Totals::default();
    let (mut tagging, mut tagged_words) = (Duration::ZERO, 0);
    for text in &texts {
        let mut doc = Doc::new(text.as_str());
        for (i, spent) in per_stage.iter_mut().enumerate() {
            // The POS and NER pass on its own, just before the entity stage runs it again: the
            // words of this article are new to it as they are in use (only earlier articles'
            // words have cached scores).
            if names[i] == "entities" {
                let t = Instant::now();
                std::hint::black_box(newsgraph_analyze::entities::tag_sentences(&doc));
                tagging += t.elapsed();
            }
            let t = Instant::now();
            pipeline.run_stage(i, &mut doc);
            *spent += t.elapsed();
        }
        let before = totals.words;
        add(&mut totals, &doc);
        tagged_words += totals.words - before;
    }
    report("1 thread", &totals, start.elapsed());
    for (name, spent) in names.iter().zip(&per_stage) {
        let secs = spent.as_secs_f64();
        println!(
            "{:>12}: {:>7.2} MB/s ({:.3} s)",
            name,
            bytes as f64 / 1e6 / secs,
            secs
        );
    }
    // Tokens, sentences, POS and NER alone, without the entity stage's rules and merging: the
    // POS and NER pass is run a second time on its own, before the entity stage. Words are counted as
    // above (word and number tokens; punctuation is tagged but not counted).
    let segmenting: Duration = names
        .iter()
        .zip(&per_stage)
        .filter(|(name, _)| matches!(**name, "tokens" | "sentences"))
        .map(|(_, spent)| *spent)
        .sum();
    let secs = (segmenting + tagging).as_secs_f64();
    println!(
        "tokens+sentences+POS+NER: {:.0} words/s ({} words, {:.3} s)",
        tagged_words as f64 / secs,
        tagged_words,
        secs
    );

    let threads = args
        .threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let next = AtomicUsize::new(0);
    let start = Instant::now();
    let parts: Vec<Totals> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut totals = Totals::default();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(text) = texts.get(i) else {
                            break totals;
                        };
                        add(&mut totals, &analyze_one(text));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|w| w.join().expect("bench worker panicked"))
            .collect()
    });
    let mut all = Totals::default();
    for p in parts {
        all.articles += p.articles;
        all.bytes += p.bytes;
        all.words += p.words;
        all.sentences += p.sentences;
    }
    report(&format!("{threads} threads"), &all, start.elapsed());
    match peak_memory_kb() {
        Some(kb) => println!("peak memory: {:.1} MB", kb as f64 / 1024.0),
        None => println!("peak memory: unknown"),
    }
    Ok(ExitCode::SUCCESS)
}

fn analyze_one(text: &str) -> Doc {
    let mut doc = Doc::new(text);
    newsgraph_analyze::analyze(&mut doc);
    doc
}

/// Counts a result, checking it so the work cannot be optimised away or silently broken.
fn add(totals: &mut Totals, doc: &Doc) {
    assert!(
        doc.text().trim().is_empty() || !doc.tokens.is_empty(),
        "a non-empty article got no tokens"
    );
    totals.articles += 1;
    totals.bytes += doc.text().len();
    totals.words += doc
        .tokens
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
        .count();
    totals.sentences += doc.sentences.len();
}

fn report(label: &str, t: &Totals, elapsed: Duration) {
    let secs = elapsed.as_secs_f64();
    println!(
        "{label:>10}: {:>8.1} articles/s {:>7.2} MB/s {:>10.0} words/s ({} articles, {} sentences, {:.2} s)",
        t.articles as f64 / secs,
        t.bytes as f64 / 1e6 / secs,
        t.words as f64 / secs,
        t.articles,
        t.sentences,
        secs
    );
}

fn load(args: &Args) -> anyhow::Result<Vec<String>> {
    let file = std::fs::File::open(&args.corpus)
        .with_context(|| format!("cannot open {}", args.corpus.display()))?;
    let mut texts = Vec::new();
    for (n, line) in BufReader::new(file).lines().enumerate() {
        if args.limit.is_some_and(|l| texts.len() >= l) {
            break;
        }
        let line = line.with_context(|| format!("cannot read line {}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value =
            serde_json::from_str(&line).with_context(|| format!("line {} is not JSON", n + 1))?;
        if let Some(text) = value.get(&args.field).and_then(|v| v.as_str()) {
            texts.push(text.to_owned());
        }
    }
    Ok(texts)
}

/// The process's peak resident memory (VmHWM), in KiB, where the system tells it.
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
