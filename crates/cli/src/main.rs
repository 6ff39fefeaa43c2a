//! The `newsgraph` command.
//!
//! Exit codes: 0 success; 1 some input could not be read or analysed (the others were still
//! written); 2 bad usage. A closed output pipe ends the command quietly with 0.

mod analyze;
mod bench;
mod bench_search;
mod evalpronouns;
mod evalquotes;
mod evaltokens;
mod extract;
mod models;
mod store;
mod timeml;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// newsgraph: who said what, who did what to whom, when, where, and according to whom.
#[derive(Debug, Parser)]
#[command(name = "newsgraph", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// A gazetteer of your own (`TYPE<TAB>NAME` lines; types LOC, ORG, MEDIA, NORP, FIRST, PER)
    /// added to the shipped one. Repeatable.
    #[arg(long, global = true, env = "NEWSGRAPH_GAZETTEER")]
    gazetteer: Vec<std::path::PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Analyse articles and print them as newsgraph/1 JSON.
    Analyze(analyze::Args),
    /// Measure the pipeline's throughput on a JSONL corpus of articles.
    Bench(bench::Args),
    /// Time search on a large store grown from a small one (p50/p99).
    BenchSearch(bench_search::Args),
    /// Extract the article text and metadata of HTML pages.
    Extract(extract::Args),
    /// Tag a folder of TimeML documents with timexes (for TimeML scorers).
    Timeml(timeml::Args),
    /// Train the POS tagger or the NER from data given on the command line.
    Train(models::TrainArgs),
    /// Tag gold-tokenized CoNLL-U with predicted UPOS and NER, for outside scorers.
    Tag(models::TagArgs),
    /// Score the shipped POS tagger or NER on a dev file, or write PolNeAR quote predictions.
    Eval(models::EvalArgs),
    /// Analyse files, folders or JSONL into the store (idempotent, resumable).
    Ingest(store::IngestArgs),
    /// Full-text search over quotes and articles in the store.
    Search(store::QueryArgs),
    /// Quotes in the store, by speaker and date.
    Quotes(store::QueryArgs),
    /// Dated quotes in time order, by actor.
    Timeline(store::QueryArgs),
    /// Entities by number of mentions.
    Entities(store::QueryArgs),
    /// Export the store as newsgraph/1 JSON lines or GDELT GKG 2.1 rows.
    Export(store::ExportArgs),
    /// Serve the store as an HTTP JSON API (OpenAPI at /openapi.json).
    Serve(store::ServeArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    for path in &cli.gazetteer {
        let loaded = std::fs::read_to_string(path)
            .map_err(anyhow::Error::from)
            .and_then(|source| Ok(newsgraph_models::gazetteer::add_user_list(&source)?));
        if let Err(err) = loaded {
            let _ = writeln!(io::stderr(), "newsgraph: {}: {err:#}", path.display());
            return ExitCode::from(2);
        }
    }
    let result = match cli.command {
        Command::Analyze(args) => analyze::run(args),
        Command::Bench(args) => bench::run(args),
        Command::Extract(args) => extract::run(args),
        Command::BenchSearch(args) => bench_search::run(args),
        Command::Timeml(args) => timeml::run(args),
        Command::Train(args) => models::train(args),
        Command::Tag(args) => models::tag(args),
        Command::Eval(args) => models::evaluate(args),
        Command::Ingest(args) => store::ingest(args),
        Command::Search(args) => store::query(store::Query::Search, args),
        Command::Quotes(args) => store::query(store::Query::Quotes, args),
        Command::Timeline(args) => store::query(store::Query::Timeline, args),
        Command::Entities(args) => store::query(store::Query::Entities, args),
        Command::Export(args) => store::export(args),
        Command::Serve(args) => store::serve(args),
    };
    match result {
        Ok(code) => code,
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            let _ = writeln!(io::stderr(), "newsgraph: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
