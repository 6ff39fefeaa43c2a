//! Golden articles: `tests/golden/<name>/input.txt` analysed must give exactly the reviewed
//! `snapshot.txt` and `expected.json` beside it. `NEWSGRAPH_BLESS=1` rewrites them; review the
//! diff before committing.

use std::fs;
use std::path::{Path, PathBuf};

use newsgraph_analyze::{analyze, decode, snapshot};
use newsgraph_doc::layers::DebrisKind;
use newsgraph_doc::{Doc, WireOptions};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/golden")
}

fn analyze_golden(dir: &Path) -> Doc {
    let bytes = fs::read(dir.join("input.txt")).expect("golden input");
    let mut doc = decode(&bytes).expect("golden input is text");
    doc.name = Some("input.txt".to_owned());
    analyze(&mut doc);
    doc
}

#[test]
fn golden_articles_match_their_snapshots() {
    let bless = std::env::var_os("NEWSGRAPH_BLESS").is_some();
    let mut dirs: Vec<PathBuf> = fs::read_dir(golden_dir())
        .expect("tests/golden exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.join("input.txt").is_file())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty(), "no golden article found");
    let mut failures = Vec::new();
    for dir in dirs {
        let doc = analyze_golden(&dir);
        let snap = snapshot(&doc);
        let json = serde_json::to_string_pretty(&doc.to_json(WireOptions::default()))
            .expect("json")
            + "\n";
        for (file, got) in [("snapshot.txt", &snap), ("expected.json", &json)] {
            let path = dir.join(file);
            if bless {
                fs::write(&path, got).expect("write golden file");
                continue;
            }
            let want = fs::read_to_string(&path).unwrap_or_default();
            if &want != got {
                let line = want
                    .lines()
                    .zip(got.lines())
                    .position(|(a, b)| a != b)
                    .map_or(0, |i| i + 1);
                failures.push(format!("{} differs from line {line}", path.display()));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{}\nrun NEWSGRAPH_BLESS=1 cargo test -p newsgraph-analyze --test golden and review the diff",
        failures.join("\n")
    );
}

/// What a careful reader sees in the shipped example, written down by hand.
#[test]
fn harbor_dispute_reads_as_a_person_would() {
    let doc = analyze_golden(&golden_dir().join("harbor-dispute"));
    let text = doc.text();
    assert_eq!(doc.language.as_deref(), Some("en"));

    let date = doc.publication_date.as_ref().expect("a publication date");
    assert_eq!((date.value.as_str(), date.inferred), ("2026-03-09", true));
    assert!(doc
        .diagnostics
        .iter()
        .any(|d| d.code == "publication-date-inferred"));

    let debris: Vec<(&str, DebrisKind)> =
        doc.debris.iter().map(|d| (&text[d.span], d.kind)).collect();
    assert_eq!(
        debris,
        [
            ("pic.twitter.com/Qx7LmN2bTa", DebrisKind::EmbedLink),
            (
                "— MARIANA COSTA (@marianacosta) March 9, 2026",
                DebrisKind::EmbedSignature
            ),
            ("–Atlantic Monitor", DebrisKind::SourceTag),
            ("Share this article", DebrisKind::Boilerplate),
            ("Advertisement", DebrisKind::Placeholder),
            ("Loading…", DebrisKind::Placeholder),
        ]
    );

    assert_eq!(doc.posts.len(), 1);
    let post = &doc.posts[0];
    assert_eq!(post.author, "Mariana Costa");
    assert_eq!(post.handle.as_deref(), Some("@marianacosta"));
    assert_eq!(post.date.as_deref(), Some("2026-03-09"));
    assert_eq!(post.lang.as_deref(), Some("pt"));
    assert!(
        text[post.text].starts_with("“O primeiro-ministro")
            && text[post.text].ends_with("Andrade sobre Matos")
    );

    let portuguese: Vec<&str> = doc
        .paragraphs
        .iter()
        .filter(|p| p.lang.as_deref() == Some("pt"))
        .map(|p| &text[p.span])
        .collect();
    assert_eq!(portuguese.len(), 1, "{portuguese:?}");
    assert!(portuguese[0].starts_with("“O primeiro-ministro"));
    assert!(doc
        .paragraphs
        .iter()
        .all(|p| p.lang.as_deref().is_none_or(|l| l == "pt")));

    // Quotes: three deep, a partial one, the Portuguese one, the wrong-way closing mark.
    let quotes: Vec<(&str, Option<u32>, Option<&str>)> = doc
        .quotes
        .iter()
        .map(|q| (&text[q.span], q.parent.map(|p| p.0), q.lang.as_deref()))
        .collect();
    assert_eq!(quotes.len(), 20, "{quotes:#?}");
    assert!(
        quotes[0].0.starts_with("During our last meeting")
            && quotes[0].0.ends_with("ours to guard.'")
    );
    assert_eq!(
        quotes[2],
        ("Brazil cannot do this alone,", Some(1), Some("en"))
    );
    assert_eq!(quotes[1].1, Some(0));
    assert_eq!(
        quotes[3],
        (
            "No, Prime Minister, our coast is ours to guard.",
            Some(0),
            Some("en")
        )
    );
    assert!(quotes[7].0.ends_with("mistaken about our intentions."));
    assert!(quotes[8].0.starts_with("O primeiro-ministro") && quotes[8].2 == Some("pt"));
    let partial: Vec<&str> = doc
        .quotes
        .iter()
        .filter(|q| q.kind == newsgraph_doc::layers::QuoteKind::Partial)
        .map(|q| &text[q.span])
        .collect();
    assert_eq!(partial, ["a danger to both nations", "a shared emergency."]);

    // Reported speech, after the quotes.
    let reported: Vec<(&str, &str)> = doc
        .quotes
        .iter()
        .filter(|q| q.kind == newsgraph_doc::layers::QuoteKind::Reported)
        .map(|q| {
            (
                q.speaker.as_ref().map_or("", |s| s.name.as_str()),
                &text[q.span],
            )
        })
        .collect();
    assert_eq!(reported.len(), 6, "{reported:?}");
    assert!(
        reported[0].0 == "Helena Matos" && reported[0].1.starts_with("she turned down a proposal")
    );
    assert!(reported[1].0 == "Rui Andrade" && reported[1].1.starts_with("he had made the offer"));
    // "Asked whether the refusal had hurt relations, Andrade answered, …": a question put to
    // him by someone the article does not name.
    assert_eq!(reported[2], ("", "whether the refusal had hurt relations"));
    // "…, the Atlantic Security Council noted last week.": the cue after its content.
    assert!(
        reported[3].0 == "the Atlantic Security Council"
            && reported[3]
                .1
                .starts_with("Meanwhile, officials in the Portuguese")
            && reported[3].1.ends_with("joint exercises")
    );
    // "According to Reuters, in a Jan. 14 interview …, Ferreira described the routes as “a
    // shared emergency.”": the clause, partial quote and all, is Reuters' report.
    assert!(
        reported[4].0 == "Reuters"
            && reported[4].1.starts_with("in a Jan. 14 interview")
            && reported[4].1.ends_with("a shared emergency.”")
    );
    assert_eq!(
        reported[5],
        ("Helena Matos", "Brazil’s navy was equal to the task")
    );

    // Speakers: names, pronouns, an organisation, nested quotes and the post.
    let speakers: Vec<Option<&str>> = doc
        .quotes
        .iter()
        .filter(|q| q.kind != newsgraph_doc::layers::QuoteKind::Reported)
        .map(|q| q.speaker.as_ref().map(|s| s.name.as_str()))
        .collect();
    assert_eq!(
        speakers,
        [
            Some("Helena Matos"),
            Some("Rui Andrade"),
            // "‘My admirals tell me, “Brazil cannot do this alone,” …’": in Andrade's words,
            // his admirals say it.
            Some("My admirals"),
            Some("Helena Matos"),
            Some("Rui Andrade"),
            Some("Rui Andrade"),
            Some("Rui Andrade"),
            Some("Rui Andrade"),
            Some("Rui Andrade"),
            Some("Helena Matos"),
            Some("Helena Matos"),
            Some("Atlantic Security Council"),
            Some("Helena Matos"),
            Some("Tiago Ferreira"),
        ]
    );
    assert_eq!(
        doc.quotes[3].addressee.as_ref().map(|a| a.name.as_str()),
        Some("Rui Andrade")
    );

    // Entities: titles become roles, surnames join full names.
    let andrade = doc
        .entities
        .iter()
        .find(|e| e.name == "Rui Andrade")
        .expect("Rui Andrade");
    assert!(andrade
        .roles
        .iter()
        .any(|r| r == "Portuguese Prime Minister"));
    assert!(andrade.mentions.len() >= 9);
    let ferreira = doc
        .entities
        .iter()
        .find(|e| e.name == "Tiago Ferreira")
        .expect("Tiago Ferreira");
    assert_eq!(ferreira.roles, ["Portuguese Defense Minister"]);
    assert!(doc
        .entities
        .iter()
        .any(|e| e.name == "Folha de S.Paulo" && e.media));

    // Cited sources: outlets, the source tag, the post, the organisation quoted.
    let mut sources: Vec<&str> = doc.sources.iter().map(|s| s.name.as_str()).collect();
    sources.dedup();
    for want in [
        "Folha de S.Paulo",
        "Atlantic Security Council",
        "Atlantic Monitor",
        "Reuters",
        "RTP",
        "Mariana Costa (@marianacosta)",
    ] {
        assert!(sources.contains(&want), "{want} not in {sources:?}");
    }

    // Time: anchored on the inferred date (Monday 2026-03-09) and on the narrative.
    let timexes: Vec<(&str, &str)> = doc
        .timexes
        .iter()
        .map(|t| (&text[t.span], t.value.as_str()))
        .collect();
    for want in [
        ("Thursday", "2026-03-05"),
        ("two days after", "2026-03-03"),
        ("Friday", "2026-03-06"),
        ("last week", "2026-W10"),
        ("30-minute", "PT30M"),
        ("February 26", "2026-02-26"),
        ("last month", "2026-02"),
        ("1998", "1998"),
        ("Jan. 14", "2026-01-14"),
        ("early February", "2026-02"),
        ("mid-February", "2026-02"),
    ] {
        assert!(timexes.contains(&want), "{want:?} not in {timexes:?}");
    }

    // The closing mark typed as an opening one stays with its sentence.
    assert!(doc
        .sentences
        .iter()
        .any(|s| text[s.span].ends_with("our intentions.“")));
    // "Jan. 14" and "S.Paulo" do not end sentences.
    assert!(doc
        .sentences
        .iter()
        .any(|s| text[s.span].starts_with("According to Reuters, in a Jan. 14 interview")));
    assert!(doc
        .sentences
        .iter()
        .any(|s| text[s.span].starts_with("Andrade’s proposal")
            && text[s.span].ends_with("February 26.")));
}
