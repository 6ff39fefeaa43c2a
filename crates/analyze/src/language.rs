//! Language: of the document, of each quote and embedded post, and of each paragraph where it
//! differs from the document's.
//!
//! Detection is lingua's, restricted to the languages this build ships models for
//! ([`LANGUAGES`]): restricting the set is what makes short texts reliable (whatlang took 2 of 3
//! short Spanish sentences for Portuguese here; lingua on this set got them all). Debris is left
//! out of the text detected. A paragraph or post is tagged only when it holds enough letters and
//! lingua is confident it is in another language than the document.

use std::sync::OnceLock;

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};
use newsgraph_doc::{Doc, Layer, Span, Stage};

/// The language stage.
#[derive(Debug, Default)]
pub struct LanguageStage;

/// Languages detected, each adding about 4.6 MB of model to the binary.
pub const LANGUAGES: &[Language] = &[
    Language::English,
    Language::Spanish,
    Language::Portuguese,
    Language::French,
    Language::German,
    Language::Italian,
    Language::Dutch,
    Language::Russian,
];

/// Letters a paragraph needs before its own language is judged.
const MIN_LETTERS: usize = 24;
/// Confidence lingua needs to tag a paragraph with a language other than the document's.
const MIN_CONFIDENCE: f64 = 0.80;
/// Bytes of text used to detect the document's language.
const DOC_SAMPLE: usize = 600;

/// Frequent function words of each language. A paragraph in which they make up a good share of
/// the words is taken to be in the document's language without asking lingua, which keeps the
/// stage fast; lingua alone decides every other case.
const FUNCTION_WORDS: &[(Language, &[&str])] = &[
    (
        Language::English,
        &[
            "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "was", "on", "with",
            "he", "she", "as", "his", "her", "at", "by", "be", "this", "have", "from", "are",
            "not", "but", "they", "said", "had", "has", "an", "would", "will", "we", "i", "you",
            "about", "there", "more", "who", "what", "how", "if", "or", "their", "been", "were",
            "one", "all", "its", "out", "up", "can", "so", "my", "me", "after", "than", "when",
            "which", "our", "them", "him", "do", "does", "did", "just", "into", "over", "also",
        ],
    ),
    (
        Language::Spanish,
        &[
            "de", "la", "que", "el", "en", "y", "los", "se", "del", "las", "un", "por", "con",
            "no", "una", "su", "para", "es", "al", "lo", "como", "más", "pero",
        ],
    ),
    (
        Language::Portuguese,
        &[
            "de", "a", "o", "que", "e", "do", "da", "em", "um", "para", "é", "com", "não", "uma",
            "os", "no", "se", "na", "por", "mais", "as", "dos", "ao",
        ],
    ),
    (
        Language::French,
        &[
            "de", "la", "le", "et", "les", "des", "en", "un", "du", "une", "que", "est", "pour",
            "qui", "dans", "a", "par", "plus", "pas", "au", "sur", "ne", "il",
        ],
    ),
    (
        Language::German,
        &[
            "der", "die", "und", "in", "den", "von", "zu", "das", "mit", "sich", "des", "auf",
            "für", "ist", "im", "dem", "nicht", "ein", "eine", "als", "auch", "es",
        ],
    ),
    (
        Language::Italian,
        &[
            "di", "e", "il", "la", "che", "in", "a", "per", "un", "del", "è", "non", "una", "con",
            "le", "si", "da", "i", "della", "al", "sono", "gli",
        ],
    ),
    (
        Language::Dutch,
        &[
            "de", "van", "het", "een", "en", "in", "is", "dat", "op", "te", "zijn", "voor", "met",
            "die", "niet", "aan", "er", "om", "ook", "als", "bij", "maar",
        ],
    ),
    (
        Language::Russian,
        &[
            "и", "в", "не", "на", "что", "с", "по", "он", "как", "это", "к", "из", "за", "она",
            "так", "но", "его", "для", "от", "был", "же", "о",
        ],
    ),
];

/// The function words of `lang` (none for a language without a list).
fn function_words(lang: Language) -> &'static [&'static str] {
    FUNCTION_WORDS
        .iter()
        .find(|(l, _)| *l == lang)
        .map_or(&[], |(_, list)| list)
}

/// Whether `text` plainly reads as `main`: at least four words, a fifth of them its function
/// words, and more of them than of any other language's.
fn plainly_in(text: &str, main: Language) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    if words.len() < 4 {
        return false;
    }
    let share = |lang: Language| {
        let list = function_words(lang);
        words.iter().filter(|w| list.contains(&w.as_str())).count()
    };
    let own = share(main);
    own * 5 >= words.len()
        && FUNCTION_WORDS
            .iter()
            .all(|&(l, _)| l == main || share(l) < own)
}

fn detector() -> &'static LanguageDetector {
    static DETECTOR: OnceLock<LanguageDetector> = OnceLock::new();
    DETECTOR.get_or_init(|| LanguageDetectorBuilder::from_languages(LANGUAGES).build())
}

fn code(language: Language) -> String {
    language.iso_code_639_1().to_string()
}

impl Stage for LanguageStage {
    fn name(&self) -> &'static str {
        "language"
    }
    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Paragraphs,
            Layer::Debris,
            Layer::Posts,
            Layer::Quotes,
        ]
    }
    fn produces(&self) -> &'static [Layer] {
        &[Layer::Language]
    }
    fn run(&self, doc: &mut Doc) {
        let mut sample = String::new();
        for p in &doc.paragraphs {
            if sample.len() >= DOC_SAMPLE {
                break;
            }
            sample.push_str(&clean(doc, p.span));
            sample.push('\n');
        }
        if letters(&sample) < MIN_LETTERS / 2 {
            return;
        }
        // A sample plainly in one language by its function words needs no model.
        let plain = FUNCTION_WORDS
            .iter()
            .map(|&(l, _)| l)
            .find(|&l| plainly_in(&sample, l));
        let Some(main) = plain.or_else(|| detector().detect_language_of(&sample)) else {
            return;
        };
        doc.language = Some(code(main));
        let tags: Vec<Option<String>> = doc
            .paragraphs
            .iter()
            .map(|p| other_language(&clean(doc, p.span), main))
            .collect();
        for (p, tag) in doc.paragraphs.iter_mut().zip(tags) {
            p.lang = tag;
        }
        let tags: Vec<String> = doc
            .posts
            .iter()
            .map(|p| {
                let words = clean(doc, p.text);
                other_language(&words, main).unwrap_or_else(|| code(main))
            })
            .collect();
        for (post, tag) in doc.posts.iter_mut().zip(tags) {
            post.lang = Some(tag);
        }
        let tags: Vec<String> = doc
            .quotes
            .iter()
            .map(|q| other_language(&clean(doc, q.span), main).unwrap_or_else(|| code(main)))
            .collect();
        for (quote, tag) in doc.quotes.iter_mut().zip(tags) {
            quote.lang = Some(tag);
        }
    }
}

/// The text under `span` less its debris.
fn clean(doc: &Doc, span: Span) -> String {
    let mut out = String::new();
    let mut at = span.start;
    for d in doc.debris_overlapping(span) {
        if d.span.start > at {
            out.push_str(doc.slice(Span::new(at as usize, d.span.start())));
        }
        at = at.max(d.span.end);
    }
    if at < span.end {
        out.push_str(doc.slice(Span::new(at as usize, span.end())));
    }
    out
}

fn letters(text: &str) -> usize {
    text.chars().filter(|c| c.is_alphabetic()).count()
}

/// Whether `text` shows any sign of a language other than `main`: a letter outside ASCII, or a
/// function word of another language that is not also one of `main`'s. Without one, a headline
/// or a list of names ("Marco Rubio's strategic stances") is `main` without asking lingua.
fn foreign_hint(text: &str, main: Language) -> bool {
    if !text.is_ascii() {
        return true;
    }
    let own = function_words(main);
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .any(|w| {
            !own.contains(&w.as_str())
                && FUNCTION_WORDS
                    .iter()
                    .any(|(l, list)| *l != main && list.contains(&w.as_str()))
        })
}

/// The language of `text` when it is confidently not `main`.
fn other_language(text: &str, main: Language) -> Option<String> {
    if letters(text) < MIN_LETTERS || plainly_in(text, main) || !foreign_hint(text, main) {
        return None;
    }
    let (best, confidence) = detector()
        .compute_language_confidence_values(text)
        .into_iter()
        .next()?;
    (best != main && confidence >= MIN_CONFIDENCE).then(|| code(best))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analysed(text: &str) -> Doc {
        let mut doc = Doc::new(text);
        crate::analyze(&mut doc);
        doc
    }

    #[test]
    fn documents_in_each_language() {
        let cases = [
            ("The minister said on Monday that the talks with the unions would go on for as long as it takes.", "en"),
            ("El ministro dijo el lunes que las conversaciones con los sindicatos seguirán todo el tiempo que sea necesario.", "es"),
            ("Le ministre a dit lundi que les discussions avec les syndicats se poursuivront aussi longtemps qu'il le faudra.", "fr"),
            ("Der Minister sagte am Montag, dass die Gespräche mit den Gewerkschaften so lange weitergehen, wie es nötig ist.", "de"),
        ];
        for (text, want) in cases {
            assert_eq!(analysed(text).language.as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn a_foreign_paragraph_is_tagged_and_an_english_headline_is_not() {
        let doc = analysed(
            "Marco Rubio's Strategic Stances Draw Praise From Party Donors\n\n\
             The senator said on Tuesday that he would not change his plans for the campaign.\n\n\
             «La soberanía no se vende, se ama y se defiende», escribió la presidenta en su cuenta.\n",
        );
        assert_eq!(doc.language.as_deref(), Some("en"));
        let langs: Vec<Option<&str>> = doc.paragraphs.iter().map(|p| p.lang.as_deref()).collect();
        assert_eq!(langs, [None, None, Some("es")]);
    }
}
