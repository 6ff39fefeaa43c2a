//! The store end to end, through the real binary and a real SQLite file: ingest is idempotent,
//! survives SIGKILL half-way without duplicates or losses, and the query commands find what was
//! stored.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_newsgraph"))
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsgraph-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden/harbor-dispute/input.txt")
}

/// A JSONL of `n` distinct fictional articles.
fn corpus(dir: &Path, n: usize) -> PathBuf {
    let path = dir.join("corpus.jsonl");
    let mut out = String::new();
    for i in 0..n {
        let text = format!(
            "Mayor Ana Lima of Port Verde said on Monday that the harbor plan {i} would go ahead.\n\
             “We will build it,” she said. The council met on March {}, 2026.",
            i % 28 + 1
        );
        out.push_str(&serde_json::json!({"id": format!("doc-{i}"), "text": text, "publication_date": "2026-03-30"}).to_string());
        out.push('\n');
    }
    std::fs::write(&path, out).expect("write corpus");
    path
}

/// Runs `newsgraph ingest --quiet [flags] --db DB INPUTS...` and checks that it succeeds.
fn ingest(db: &Path, flags: &[&str], inputs: &[&Path]) -> std::process::Output {
    let out = bin()
        .args(["ingest", "--quiet"])
        .args(flags)
        .arg("--db")
        .arg(db)
        .args(inputs)
        .output()
        .expect("ingest runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn count(db: &Path, sql: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("open store");
    conn.query_row(sql, [], |r| r.get(0)).unwrap_or(0)
}

#[test]
fn ingest_is_idempotent_and_queries_find_what_was_stored() {
    let dir = temp_dir("idem");
    let db = dir.join("news.db");
    let corpus = corpus(&dir, 20);
    for round in 0..2 {
        let out = ingest(&db, &[], &[&example(), &corpus]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let want = if round == 0 {
            "21 articles added"
        } else {
            "0 articles added, 21 already stored"
        };
        assert!(stderr.contains(want), "round {round}: {stderr}");
        assert_eq!(count(&db, "SELECT count(*) FROM documents"), 21);
    }
    let out = bin()
        .args(["quotes", "--json", "--speaker", "Helena Matos", "--db"])
        .arg(&db)
        .output()
        .expect("quotes runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("We welcome partners, not patrols"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("If Brazil asks for help"),
        "a quote of Rui Andrade leaked: {stdout}"
    );

    let out = bin()
        .args(["search", "--json", "sovereignty", "--db"])
        .arg(&db)
        .output()
        .expect("search runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("Our sovereignty is not a bargaining chip"),
        "{stdout}"
    );

    let out = bin()
        .args(["entities", "--json", "--top", "3", "--db"])
        .arg(&db)
        .output()
        .expect("entities runs");
    let first: serde_json::Value = serde_json::from_str(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .next()
            .unwrap_or("{}"),
    )
    .expect("json");
    assert!(first["mentions"].as_i64().unwrap_or(0) >= 20, "{first}");
}

#[test]
fn a_killed_ingest_resumes_without_duplicates_or_losses() {
    let dir = temp_dir("kill");
    let db = dir.join("news.db");
    let n = 2000;
    let corpus = corpus(&dir, n);
    let mut child = bin()
        .args(["ingest", "--quiet", "--jobs", "1", "--db"])
        .arg(&db)
        .arg(&corpus)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("ingest starts");
    // Kill it once some, but not all, batches are committed.
    let start = Instant::now();
    loop {
        let stored = if db.exists() {
            count(&db, "SELECT count(*) FROM documents")
        } else {
            0
        };
        if stored > 0 || start.elapsed() > Duration::from_secs(60) {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    let before = count(&db, "SELECT count(*) FROM documents");
    assert!(before > 0, "nothing was committed before the kill");
    assert!(
        before < n as i64,
        "the ingest finished before it could be killed"
    );

    ingest(&db, &[], &[&corpus]);
    assert_eq!(count(&db, "SELECT count(*) FROM documents"), n as i64);
    assert_eq!(
        count(&db, "SELECT count(DISTINCT hash) FROM documents"),
        n as i64
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM (SELECT document, start FROM quotes GROUP BY document, start HAVING count(*) > 1)"),
        0,
        "duplicated quotes"
    );
    assert_eq!(
        count(&db, "SELECT count(*) FROM quotes WHERE kind = 'direct'"),
        n as i64,
        "one direct quote per article"
    );
}

#[test]
fn export_streams_jsonl_and_gkg() {
    let dir = temp_dir("export");
    let db = dir.join("news.db");
    ingest(&db, &[], &[&example(), &corpus(&dir, 5)]);
    let jsonl = bin()
        .args(["export", "--format", "jsonl", "--db"])
        .arg(&db)
        .output()
        .expect("export");
    let docs: Vec<newsgraph_doc::Doc> = String::from_utf8_lossy(&jsonl.stdout)
        .lines()
        .map(|l| newsgraph_doc::Doc::from_json(l).expect("valid newsgraph/1"))
        .collect();
    assert_eq!(docs.len(), 6);
    let gkg = bin()
        .args(["export", "--format", "gkg", "--db"])
        .arg(&db)
        .output()
        .expect("export");
    let text = String::from_utf8_lossy(&gkg.stdout);
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 6);
    assert!(
        rows.iter().all(|r| r.len() == 27),
        "every row has the 27 GKG columns"
    );
    let harbor = rows
        .iter()
        .find(|r| r[11].contains("Rui Andrade"))
        .expect("the example's row");
    assert_eq!(harbor[1], "20260309000000");
    assert!(
        harbor[22].contains("We welcome partners"),
        "quotations column: {}",
        harbor[22]
    );
}

/// One WARC response record holding `html` for `url`.
fn warc_response(url: &str, html: &str) -> String {
    let block = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
    format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\nWARC-Date: 2026-04-02T10:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
        block.len()
    )
}

#[test]
fn ingest_reads_feeds_and_warc_archives_in_folders() {
    let dir = temp_dir("formats");
    let inputs = dir.join("inputs");
    std::fs::create_dir_all(inputs.join("crawl")).expect("dirs");
    let page = "<!DOCTYPE html><html><head><title>Port strike ends</title></head><body><nav><a href='/'>Home</a></nav><article>\
        <p>Dock workers in Port Verde returned to work on Thursday after a nine-day strike, the union said.</p>\
        <p>\u{201c}The harbor is open again,\u{201d} said Tomas Reyes, the union's leader.</p></article></body></html>";
    let archive = warc_response("https://verde.example/strike", page);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    std::io::Write::write_all(&mut gz, archive.as_bytes()).expect("gzip");
    std::fs::write(
        inputs.join("crawl/part-0.warc.gz"),
        gz.finish().expect("gzip"),
    )
    .expect("write");
    let feed = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Verde</title>\
        <item><title>Ferry fares rise</title><link>https://verde.example/fares</link>\
        <pubDate>Fri, 03 Apr 2026 08:00:00 GMT</pubDate>\
        <description>&lt;p&gt;\u{201c}Fares will rise by a tenth in May,\u{201d} said Ines Duarte, the ferry company's director.&lt;/p&gt;</description></item>\
        </channel></rss>";
    std::fs::write(inputs.join("verde.rss"), feed).expect("write");
    let db = dir.join("news.db");
    let out = ingest(&db, &[], &[&inputs]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2 articles added"), "{stderr}");
    for (speaker, words, date) in [
        ("Tomas Reyes", "The harbor is open again", "2026-04-02"),
        (
            "Ines Duarte",
            "Fares will rise by a tenth in May",
            "2026-04-03",
        ),
    ] {
        let out = bin()
            .args(["quotes", "--json", "--speaker", speaker, "--db"])
            .arg(&db)
            .output()
            .expect("quotes runs");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains(words), "{speaker}: {stdout}");
        assert!(stdout.contains(date), "{speaker}: {stdout}");
    }
}

#[test]
fn stances_are_stored_only_when_asked_for() {
    let dir = temp_dir("stances");
    let corpus = dir.join("stance.jsonl");
    let text = "Mayor Ana Lima criticized the council for its silence on the port.";
    std::fs::write(
        &corpus,
        format!("{}\n", serde_json::json!({"id": "s", "text": text})),
    )
    .expect("write corpus");
    for (flag, want) in [("speech", 0), ("all", 1)] {
        let db = dir.join(format!("{flag}.db"));
        ingest(&db, &["--attributions", flag], &[&corpus]);
        let sql = "SELECT count(*) FROM quotes WHERE kind = 'stance' \
                   AND text = 'the council for its silence on the port'";
        assert_eq!(count(&db, sql), want, "--attributions {flag}");
    }
}
