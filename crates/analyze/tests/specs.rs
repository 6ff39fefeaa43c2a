//! Spec files of hard cases (`tests/specs/quotes/*.spec`): each case a snippet and the quotes
//! a careful reader finds in it, with their kinds and speakers. One test runs them all and
//! lists every case that differs.
//!
//! Format: `== name` opens a case (`== name xfail` for one we do not get right yet: the test
//! then checks that it still fails, so a fix is noticed); the snippet follows, then `--`, then
//! one line per quote, `KIND | TEXT | SPEAKER` (TEXT without its marks, `\n` for a line
//! break; SPEAKER `-` for none), or `none`. Lines starting with `#` outside a snippet are comments.

use std::path::Path;

use newsgraph_doc::layers::QuoteKind;

struct Case {
    file: String,
    name: String,
    xfail: bool,
    text: String,
    expected: Vec<(String, String, String)>,
}

fn parse(file: &str, source: &str) -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    // Where in the current case we are: reading its text, or its expectations.
    let mut in_text = false;
    for line in source.lines() {
        if let Some(header) = line.strip_prefix("== ") {
            let xfail = header.trim_end().ends_with(" xfail");
            cases.push(Case {
                file: file.to_owned(),
                name: header.trim_end().trim_end_matches(" xfail").to_owned(),
                xfail,
                text: String::new(),
                expected: Vec::new(),
            });
            in_text = true;
            continue;
        }
        let Some(case) = cases.last_mut() else {
            continue;
        };
        if in_text {
            if line == "--" {
                in_text = false;
                case.text = case.text.trim_end().to_owned();
            } else {
                case.text.push_str(line);
                case.text.push('\n');
            }
            continue;
        }
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line == "none" {
            continue;
        }
        let cols: Vec<&str> = line.split(" | ").collect();
        assert_eq!(
            cols.len(),
            3,
            "{file}: case {:?}: expected KIND | TEXT | SPEAKER, got {line:?}",
            case.name
        );
        // `\n` in TEXT stands for a line break.
        case.expected
            .push((cols[0].into(), cols[1].replace("\\n", "\n"), cols[2].into()));
    }
    cases
}

fn kind_name(kind: QuoteKind) -> &'static str {
    match kind {
        QuoteKind::Direct => "direct",
        QuoteKind::Partial => "partial",
        QuoteKind::Nested => "nested",
        QuoteKind::Reported => "reported",
        QuoteKind::Scare => "scare",
        QuoteKind::Stance => "stance",
        _ => "other",
    }
}

fn found(text: &str) -> Vec<(String, String, String)> {
    let doc = newsgraph_analyze::analyze_text(text, Some("2026-03-10"));
    let mut out: Vec<(String, String, String)> = doc
        .quotes
        .iter()
        .map(|q| {
            (
                kind_name(q.kind).to_owned(),
                doc.slice(q.span).to_owned(),
                q.speaker
                    .as_ref()
                    .map_or_else(|| "-".to_owned(), |s| s.name.clone()),
            )
        })
        .collect();
    out.sort();
    out
}

#[test]
fn quote_specs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/specs/quotes");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the spec folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "spec"))
        .collect();
    files.sort();
    let mut cases = Vec::new();
    for f in &files {
        let source = std::fs::read_to_string(f).expect("a spec file");
        let name = f
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        cases.extend(parse(&name, &source));
    }
    assert!(cases.len() >= 25, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let mut expected = case.expected.clone();
        expected.sort();
        let got = found(&case.text);
        let ok = got == expected;
        if ok && case.xfail {
            failures.push(format!(
                "{}: {:?} passes now; remove its xfail",
                case.file, case.name
            ));
        } else if !ok && !case.xfail {
            failures.push(format!(
                "{}: {:?}\n  expected {expected:?}\n  found    {got:?}",
                case.file, case.name
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
