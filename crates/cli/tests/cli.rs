//! The `newsgraph` binary end to end: inputs, formats, errors and exit codes.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn newsgraph(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("newsgraph runs");
    let mut pipe = child.stdin.take().expect("stdin");
    // A command that fails on its arguments exits without reading: a broken pipe is fine.
    if let Err(e) = pipe.write_all(stdin.unwrap_or_default()) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "write stdin: {e}");
    }
    drop(pipe);
    child.wait_with_output().expect("newsgraph finishes")
}

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden/harbor-dispute/input.txt")
}

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("newsgraph-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write temp file");
    path
}

#[test]
fn analyze_writes_the_canonical_json_of_the_example() {
    let out = newsgraph(&["analyze", example().to_str().unwrap()], None);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut got: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    let want: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(example().with_file_name("expected.json")).unwrap(),
    )
    .unwrap();
    got["name"] = want["name"].clone();
    assert_eq!(got, want);
}

#[test]
fn analyze_reads_gzip_like_the_plain_file() {
    use std::io::Write as _;
    let text = std::fs::read(example()).unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&text).unwrap();
    let path = temp_file("input.txt.gz", &gz.finish().unwrap());
    let zipped = newsgraph(&["analyze", path.to_str().unwrap()], None);
    assert!(
        zipped.status.success(),
        "{}",
        String::from_utf8_lossy(&zipped.stderr)
    );
    let plain = newsgraph(&["analyze", example().to_str().unwrap()], None);
    let json = |o: &Output| serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap();
    assert_eq!(json(&zipped)["text"], json(&plain)["text"]);
    assert_eq!(json(&zipped)["quotes"], json(&plain)["quotes"]);
    // A broken stream is a clear error, not text.
    let broken = temp_file("broken.gz", &[0x1f, 0x8b, 8, 0, 1, 2, 3]);
    let out = newsgraph(&["analyze", broken.to_str().unwrap()], None);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("gzip"));
}

#[test]
fn stances_come_only_with_all_attributions() {
    let text = b"The mayor criticized the council for its silence on the port.";
    let kinds = |args: &[&str]| -> Vec<String> {
        let out = newsgraph(args, Some(text));
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        doc["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|q| q["kind"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(kinds(&["analyze", "-"]).is_empty());
    let out = newsgraph(&["analyze", "--attributions", "all", "-"], Some(text));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let stance = &doc["quotes"][0];
    assert_eq!(stance["kind"], "stance");
    let (start, end) = (
        stance["start"].as_u64().unwrap() as usize,
        stance["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        &text[start..end],
        b"the council for its silence on the port"
    );
    assert!(doc["layers"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l == "stances"));
}

#[test]
fn the_date_option_wins_over_inference() {
    let out = newsgraph(
        &["analyze", "--date", "2026-03-10", "-"],
        Some(b"Seen on May 5, 2025."),
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["publication_date"]["value"], "2026-03-10");
    assert_eq!(json["publication_date"]["inferred"], false);

    let out = newsgraph(&["analyze", "--date", "10/03/2026", "-"], Some(b"x"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("YYYY-MM-DD"));
}

#[test]
fn several_inputs_give_jsonl_and_bad_ones_an_error_and_exit_1() {
    let good = temp_file("good.txt", "Hello there. “Quoted,” she said.".as_bytes());
    let binary = temp_file("blob.bin", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00");
    let missing = good.with_file_name("missing.txt");
    let out = newsgraph(
        &[
            "analyze",
            good.to_str().unwrap(),
            binary.to_str().unwrap(),
            missing.to_str().unwrap(),
            good.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "the two good inputs are still written");
    assert_eq!(lines[0]["format"], "newsgraph/1");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("blob.bin") && stderr.contains("binary"),
        "{stderr}"
    );
    assert!(
        stderr.contains("missing.txt") && stderr.contains("cannot read"),
        "{stderr}"
    );
}

#[test]
fn invalid_utf8_is_decoded_lossily_and_reported() {
    let out = newsgraph(&["analyze", "-"], Some(b"Caf\xe9 society. \xff\xfe end."));
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diag = &json["diagnostics"][0];
    assert_eq!(diag["code"], "invalid-utf8");
    let text = json["text"].as_str().unwrap();
    let (s, e) = (
        diag["start"].as_u64().unwrap() as usize,
        diag["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&text[s..e], "\u{FFFD}");
}

#[test]
fn unbalanced_quotes_and_a_large_page_do_not_fail() {
    let mut big = String::new();
    while big.len() < 5_000_000 {
        big.push_str("“Unclosed quote and a long line without end, ‘nested too ");
    }
    let out = newsgraph(&["analyze", "--format", "jsonl", "-"], Some(big.as_bytes()));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["text"].as_str().unwrap().len(), big.len());
}

#[test]
fn pretty_format_draws_layers() {
    let out = newsgraph(
        &["analyze", "--format", "pretty", example().to_str().unwrap()],
        None,
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("## debris (6)"), "{text}");
    assert!(text.contains("^^^^"));
}

#[test]
fn html_pages_are_read_as_their_article() {
    let page = r#"<!doctype html><html lang="en"><head><title>Port Verde votes</title>
        <meta property="article:published_time" content="2026-03-09T08:00:00Z">
        <link rel="canonical" href="https://example.org/2026/03/09/port-verde"></head><body>
        <nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a></nav>
        <h1>Port Verde votes</h1>
        <article><div class="story">
        <p>“We will build the harbor,” Mayor Ana Lima said on Friday, after a long debate in the council.</p>
        <p>The council approved the plan by seven votes to two, officials said in a statement.</p>
        </div></article>
        <div class="related"><p>Related: ten other harbors you should visit this summer, and more.</p></div>
        </body></html>"#;
    let out = newsgraph(&["analyze", "-"], Some(page.as_bytes()));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let text = json["text"].as_str().expect("text");
    assert!(text.starts_with("“We will build the harbor,”"), "{text}");
    assert!(
        !text.contains("Home") && !text.contains("Related"),
        "{text}"
    );
    assert_eq!(json["title"], "Port Verde votes");
    assert_eq!(json["url"], "https://example.org/2026/03/09/port-verde");
    assert_eq!(json["publication_date"]["value"], "2026-03-09");
    assert_eq!(json["publication_date"]["inferred"], false);
    assert_eq!(json["quotes"][0]["speaker"]["name"], "Ana Lima");
    assert_eq!(json["timexes"][0]["value"], "2026-03-06");
}

#[test]
fn eval_tokens_scores_against_ud() {
    let dir = std::env::temp_dir().join(format!("newsgraph-evaltok-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let conllu = dir.join("tiny.conllu");
    // Two sentences in one paragraph; "don't" is a multiword token; the second sentence starts
    // in lowercase. Our tokens match every word; sentence starts: both found.
    std::fs::write(
        &conllu,
        "# newdoc id = d1\n# newpar id = p1\n# text = I don't know.\n\
         1\tI\t_\t_\t_\t_\t_\t_\t_\t_\n2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
         2\tdo\t_\t_\t_\t_\t_\t_\t_\t_\n3\tn't\t_\t_\t_\t_\t_\t_\t_\t_\n\
         4\tknow\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n5\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n\
         # text = why not?\n1\twhy\t_\t_\t_\t_\t_\t_\t_\t_\n2\tnot\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n\
         3\t?\t_\t_\t_\t_\t_\t_\t_\t_\n\n",
    )
    .expect("write");
    let path = conllu.to_string_lossy().into_owned();
    let out = newsgraph(&["eval", "tokens", "--dev", &path], None);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    let row = |name: &str| -> Vec<f64> {
        stdout
            .lines()
            .find(|l| l.starts_with(name))
            .map(|l| {
                l[name.len()..]
                    .split_whitespace()
                    .filter_map(|x| x.parse().ok())
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(row("words"), [100.0, 100.0, 100.0], "{stdout}");
    // Surface tokens: "don't" is one gold token of 7, our "do" "n't" two wrong ones of 8.
    assert_eq!(row("surface tokens"), [75.0, 85.71, 80.0], "{stdout}");
    assert_eq!(row("sentence starts"), [100.0, 100.0, 100.0], "{stdout}");
}

#[test]
fn a_user_gazetteer_types_and_flags_names() {
    let text = b"The Tidewater Ledger reported on Tuesday that the dock strike had ended.";
    let entity = |out: &Output| -> Option<serde_json::Value> {
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        json["entities"]
            .as_array()?
            .iter()
            .find(|e| e["name"].as_str().is_some_and(|n| n.contains("Tidewater")))
            .cloned()
    };
    let plain = newsgraph(&["analyze", "--date", "2026-03-10"], Some(text));
    assert!(plain.status.success());
    let media = |e: &Option<serde_json::Value>| {
        e.as_ref()
            .is_some_and(|e| e["media"].as_bool() == Some(true) && e["type"] == "ORG")
    };
    assert!(
        !media(&entity(&plain)),
        "not an outlet we know: {:?}",
        entity(&plain)
    );

    let list = temp_file(
        "outlets.tsv",
        b"# my outlets\nMEDIA\tTidewater Ledger\nPER\tNobody Atall\n",
    );
    let list = list.to_string_lossy().into_owned();
    let with = newsgraph(
        &["analyze", "--date", "2026-03-10", "--gazetteer", &list],
        Some(text),
    );
    assert!(
        with.status.success(),
        "{}",
        String::from_utf8_lossy(&with.stderr)
    );
    assert!(media(&entity(&with)), "{:?}", entity(&with));

    let bad = temp_file("bad.tsv", b"MEDIA\tFine Name\nOUTLET\tWrong Type\n");
    let bad = bad.to_string_lossy().into_owned();
    let out = newsgraph(&["analyze", "--gazetteer", &bad], Some(text));
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("line 2") && stderr.contains("OUTLET"),
        "{stderr}"
    );
}

#[test]
fn eval_pronouns_scores_links() {
    let dir = std::env::temp_dir().join(format!("newsgraph-evalpron-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let conllu = dir.join("tiny.conllu");
    let sentence = |id: &str, text: &str| {
        let mut s = format!("# sent_id = {id}\n# text = {text}\n");
        for (i, w) in text.split(' ').enumerate() {
            s.push_str(&format!("{}\t{w}\t_\t_\t_\t_\t_\t_\t_\t_\n", i + 1));
        }
        s + "\n"
    };
    let text = String::from("# newdoc id = d1\n")
        + &sentence("d1-1", "Ana Lima met Paul Brandt on Monday .")
        + &sentence("d1-2", "Paul Brandt said he would resign .")
        + &sentence("d1-3", "Ana Lima said she was surprised .")
        + &sentence("d1-4", "Ana Lima and Paul Brandt said they were ready .")
        + &sentence("d1-5", "The protesters left because they were angry .");
    std::fs::write(&conllu, text).expect("write");
    // Gold: "he" is Paul Brandt, "she" is Ana Lima; a third link claims "he" is Ana Lima and
    // must count as wrong.
    let links = dir.join("links.tsv");
    std::fs::write(
        &links,
        "== links: doc sent_id token_id pronoun antecedent antecedent_sent_id identity speech_verb\n\
         d1\td1-2\t4\the\tPaul Brandt\td1-2\t_\t_\n\
         d1\td1-3\t4\tshe\tAna Lima\td1-3\t_\t_\n\
         d1\td1-2\t4\the\tAna Lima\td1-1\t_\t_\n\
         d1\td1-4\t7\tthey\tAna Lima and Paul Brandt\td1-4\t_\t_\n",
    )
    .expect("write");
    let (c, l) = (conllu.to_string_lossy(), links.to_string_lossy());
    let out = newsgraph(&["eval", "pronouns", "--gum", &c, "--links", &l], None);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    // The counts of a row: links, right, wrong, unresolved (the label may hold spaces).
    let row = |label: &str| -> Vec<String> {
        stdout
            .lines()
            .find_map(|l| l.strip_prefix(label))
            .map(|rest| rest.split_whitespace().take(4).map(str::to_owned).collect())
            .unwrap_or_default()
    };
    assert_eq!(row("he/she "), ["3", "2", "1", "0"], "{stdout}");
    // "they" for two people is a group's, right when it names both.
    assert_eq!(row("they, a group "), ["1", "1", "0", "0"], "{stdout}");
    assert_eq!(row("they, one person "), ["0", "0", "0", "0"], "{stdout}");
    assert_eq!(row("= all third person "), ["4", "3", "1", "0"], "{stdout}");
    // The protesters' "they" has no link, and no named group to take.
    assert!(
        stdout.contains("they, linked to no named person: 1 pronouns, 0 resolved"),
        "{stdout}"
    );
}

#[test]
fn eval_ner_scores_gum_names() {
    let dir = std::env::temp_dir().join(format!("newsgraph-evalgum-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let conllu = dir.join("gum-news-dev.conllu");
    // word, UPOS, head, entity brackets
    let rows = [
        ("Ana", "PROPN", 2, "(1-person-new"),
        ("Lima", "PROPN", 3, "1)"),
        ("joined", "VERB", 0, ""),
        ("Acme", "PROPN", 3, "(2-organization-new)"),
        ("in", "ADP", 6, ""),
        ("Oslo", "PROPN", 3, "(3-place-new)"),
        (".", "PUNCT", 3, ""),
    ];
    let mut text = String::from("# newdoc id = GUM_news_t\n# sent_id = GUM_news_t-1\n");
    for (i, (word, upos, head, entity)) in rows.into_iter().enumerate() {
        let misc = match entity {
            "" => "_".to_owned(),
            e => format!("Entity={e}"),
        };
        text.push_str(&format!(
            "{}\t{word}\t_\t{upos}\t_\t_\t{head}\t_\t_\t{misc}\n",
            i + 1
        ));
    }
    std::fs::write(&conllu, text + "\n").expect("write");
    let c = conllu.to_string_lossy();
    let out = newsgraph(&["eval", "ner", "--gum", &c], None);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    // type P R F1 gold pred: one gold name of each type, three in all.
    let gold = |kind: &str| {
        stdout
            .lines()
            .find(|l| l.starts_with(kind))
            .and_then(|l| l.split_whitespace().nth(4))
            .map(str::to_owned)
    };
    assert_eq!(gold("ALL").as_deref(), Some("3"), "{stdout}");
    for kind in ["PER", "ORG", "LOC"] {
        assert_eq!(gold(kind).as_deref(), Some("1"), "{kind}: {stdout}");
    }

    assert!(
        stdout.contains("ALL F1 95% interval over 1 documents"),
        "{stdout}"
    );
    // The shipped model against itself: no gain, in no resample.
    let shipped = concat!(env!("CARGO_MANIFEST_DIR"), "/../models/data/ner.ngm");
    let out = newsgraph(&["eval", "ner", "--gum", &c, "--baseline", shipped], None);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("+0.00 F1, 95% interval +0.00 to +0.00; better in 0.0% of resamples"),
        "{stdout}"
    );

    let out = newsgraph(&["eval", "ner"], None);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--dev or --gum"));
}
