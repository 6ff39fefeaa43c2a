//! The HTTP API against the real server on a random loopback port, with a real store.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsgraph-server-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden/harbor-dispute/input.txt")
}

/// A store holding the example, served with `token`.
fn start(name: &str, token: Option<&str>) -> Server {
    start_with(name, token, 1)
}

/// A store holding the example copied to about `articles` articles (by `bench-search --keep`,
/// which grows a store by copying its rows), served with `token`.
fn start_with(name: &str, token: Option<&str>, articles: usize) -> Server {
    let dir = temp_dir(name);
    let small = dir.join("small.db");
    let ok = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["ingest", "--quiet", "--db"])
        .arg(&small)
        .arg(example())
        .status()
        .expect("ingest");
    assert!(ok.success());
    let db = if articles > 1 {
        let big = dir.join("news.db");
        let ok = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
            .args([
                "bench-search",
                "--runs",
                "1",
                "--articles",
                &articles.to_string(),
            ])
            .arg("--db")
            .arg(&small)
            .arg("--keep")
            .arg(&big)
            .stdout(Stdio::null())
            .status()
            .expect("grow");
        assert!(ok.success());
        big
    } else {
        small
    };
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    cmd.args(["serve", "--addr", "127.0.0.1:0", "--db"])
        .arg(&db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null());
    cmd.env_remove("NEWSGRAPH_TOKEN");
    if let Some(t) = token {
        cmd.args(["--token", t]);
    }
    let mut child = cmd.spawn().expect("serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("address line");
    let addr = line
        .trim()
        .rsplit("http://")
        .next()
        .expect("an address")
        .to_owned();
    Server { child, addr }
}

/// One HTTP/1.1 request; returns the status and body.
fn request(
    addr: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String) {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\ncontent-length: {}\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).expect("write head");
    let _ = stream.write_all(body);
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map_or(String::new(), |(_, b)| b.to_owned());
    (status, body)
}

fn get(addr: &str, path: &str) -> (u16, String) {
    request(addr, "GET", path, &[], b"")
}

#[test]
fn read_endpoints_answer_and_bad_requests_get_4xx() {
    let s = start("read", None);
    let (status, body) = get(&s.addr, "/health");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("\"documents\":1"), "{body}");

    let (status, body) = get(&s.addr, "/quotes?speaker=Helena%20Matos&limit=50");
    assert_eq!(status, 200);
    assert!(body.contains("We welcome partners"), "{body}");
    assert!(!body.contains("If Brazil asks for help"), "{body}");

    let (status, body) = get(&s.addr, "/search?q=sovereignty");
    assert_eq!(status, 200);
    assert!(body.contains("bargaining chip"), "{body}");

    let (status, body) = get(&s.addr, "/documents/1");
    assert_eq!(status, 200);
    assert!(
        body.contains("\"format\":\"newsgraph/1\""),
        "{}",
        &body[..body.len().min(200)]
    );

    for (path, want) in [
        ("/search", 400),
        ("/search?q=x&limit=0", 400),
        ("/quotes?from=yesterday", 400),
        ("/documents/abc", 400),
        ("/documents/999", 404),
        ("/nowhere", 404),
    ] {
        let (status, body) = get(&s.addr, path);
        assert_eq!(status, want, "{path}: {body}");
        assert!(body.contains("\"error\""), "{path}: {body}");
    }

    let (status, body) = get(&s.addr, "/openapi.json");
    assert_eq!(status, 200);
    let spec: serde_json::Value = serde_json::from_str(&body).expect("OpenAPI is JSON");
    for path in [
        "/documents",
        "/quotes",
        "/timeline",
        "/search",
        "/analyze",
        "/entities",
    ] {
        assert!(spec["paths"][path].is_object(), "{path} is not described");
    }
}

#[test]
fn analyze_and_writes() {
    let s = start("write-ro", None);
    let (status, body) = request(&s.addr, "POST", "/analyze", &[("content-type", "application/json")],
        br#"{"text": "\u201cWe will win,\u201d Mayor Ana Lima said on Friday.", "date": "2026-03-09"}"#);
    assert_eq!(status, 200, "{body}");
    let doc: serde_json::Value = serde_json::from_str(&body).expect("json");
    assert_eq!(doc["quotes"][0]["speaker"]["name"], "Ana Lima");
    assert_eq!(doc["timexes"][0]["value"], "2026-03-06");

    let (status, _) = request(
        &s.addr,
        "POST",
        "/analyze",
        &[],
        b"PK\x03\x04\x00\x00binary",
    );
    assert_eq!(status, 422);
    let big = vec![b'a'; 6 * 1024 * 1024];
    let (status, _) = request(&s.addr, "POST", "/analyze", &[], &big);
    assert_eq!(status, 413);
    let (status, body) = request(&s.addr, "POST", "/documents", &[], b"text");
    assert_eq!(status, 403, "read-only without a token: {body}");

    let w = start("write", Some("s3cret"));
    let (status, _) = request(
        &w.addr,
        "POST",
        "/documents",
        &[("authorization", "Bearer wrong")],
        b"text",
    );
    assert_eq!(status, 401);
    let (status, body) = request(
        &w.addr,
        "POST",
        "/documents",
        &[("authorization", "Bearer s3cret")],
        "“The port opens in May,” said Ana Lima.".as_bytes(),
    );
    assert_eq!(status, 201, "{body}");
    assert!(body.contains("\"added\":1"));
    let (_, body) = get(&w.addr, "/health");
    assert!(body.contains("\"documents\":2"), "{body}");
}

/// A bounded load: 16 clients for 20 seconds (`NEWSGRAPH_LOAD_SECONDS` to change it) against
/// a store of 3,000 articles. Every answer must be a 200; latencies are printed (figures, not
/// assertions).
#[test]
fn sixteen_clients_get_no_errors() {
    let s = start_with("load", None, 3_000);
    let (_, health) = get(&s.addr, "/health");
    assert!(health.contains("\"documents\":3000"), "{health}");
    let seconds: u64 = std::env::var("NEWSGRAPH_LOAD_SECONDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let paths = [
        "/quotes?limit=20",
        "/search?q=sovereignty",
        "/entities?top=10",
        "/timeline?limit=10",
        "/documents/1",
        "/search?q=harbor%20patrols",
        "/quotes?speaker=Helena%20Matos&limit=5",
    ];
    let results: Vec<(usize, Vec<Duration>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..16)
            .map(|c| {
                let addr = s.addr.clone();
                scope.spawn(move || {
                    let (mut errors, mut times) = (0usize, Vec::new());
                    let mut i = c;
                    while Instant::now() < deadline {
                        let t = Instant::now();
                        let (status, _) = get(&addr, paths[i % paths.len()]);
                        times.push(t.elapsed());
                        errors += usize::from(status != 200);
                        i += 1;
                    }
                    (errors, times)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("client"))
            .collect()
    });
    let errors: usize = results.iter().map(|r| r.0).sum();
    let mut times: Vec<Duration> = results.into_iter().flat_map(|r| r.1).collect();
    times.sort();
    assert!(!times.is_empty());
    let at = |q: f64| times[((times.len() as f64 * q) as usize).min(times.len() - 1)];
    eprintln!(
        "load: {} requests, {errors} errors, p50 {:?}, p99 {:?}",
        times.len(),
        at(0.5),
        at(0.99)
    );
    assert_eq!(errors, 0);
}
