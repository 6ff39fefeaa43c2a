//! The time rule language: a lexicon of words with classes, and patterns over classes.
//!
//! A rules file (see `rules/time/en.rules`) holds three kinds of lines:
//!
//! ```text
//! lex  WORD... CLASS VALUE [cap]          words of a class, with the value they carry
//! rule NAME: ELEMENTS => TYPE FUNC(ARGS) [mod=ARG] [pod=ARG]
//! ex   TEXT WITH [THE EXTENT] => VALUE [dct=YYYY-MM-DD]
//! ex   TEXT => none                       the rule finds nothing in the text
//! ex   TEXT WITH [WORDS] => none          no time expression covers the words
//! ```
//!
//! A rule of type `NONE` (`rule age: his|her MOD? DECADE => NONE`) claims its words without
//! making a time expression: an age, not a decade.
//!
//! Elements are classes (`MONTH`), literal words (`the`, `-`), alternatives (`last|past`),
//! optional elements (`the?`), and context in angle brackets (`<in|since>`) that must match
//! but stays outside the extent; `<!the|its>` is one token of context that is none of them;
//! `<^>` is the start of the sentence. Besides the lexicon's classes there are shapes: `YEAR`
//! (1000-2999), `DAYNUM` (1-31, `5th`), `DIGITS`, `DECADE` (`1990s`, `’90s`), `CLOCK` (`10:35`). `cap` on a lexicon
//! line makes the word count only when capitalised (`May`, not the verb `may`). An `ex` line
//! belongs to the rule above it; a test runs every example.

use std::collections::HashMap;

/// One word of the lexicon.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub class: String,
    pub value: String,
    pub cap: bool,
}

/// One element of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Element {
    /// Alternatives: a class name (upper case) or a literal word.
    pub alternatives: Vec<String>,
    pub optional: bool,
    pub context: bool,
    /// `<!the|its>`: one token of context that is none of the alternatives.
    pub negated: bool,
}

impl Element {
    /// `<^>`: the start of the sentence, matching no token.
    pub fn is_sentence_start(&self) -> bool {
        self.context && self.alternatives.len() == 1 && self.alternatives[0] == "^"
    }
}

/// A rule: a pattern and how to compute its value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub name: String,
    pub elements: Vec<Element>,
    pub kind: String,
    pub func: String,
    pub args: Vec<String>,
    pub modifier: Option<String>,
    pub part_of_day: Option<String>,
    pub examples: Vec<Example>,
}

/// The value of an example in which its rule must find nothing.
pub const NONE: &str = "none";

/// The type of a rule that claims words without making a time expression of them ("in his
/// 30s" is an age), so that no other rule takes them.
pub const NONE_KIND: &str = "NONE";

/// An example of a rule: a text, the expected extent and value ([`NONE`]: no extent, the rule
/// finds nothing).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Example {
    pub text: String,
    pub extent: String,
    pub value: String,
    pub dct: Option<String>,
}

/// A parsed rules file.
#[derive(Clone, Debug, Default)]
pub struct Grammar {
    pub lexicon: HashMap<String, Vec<Entry>>,
    pub rules: Vec<Rule>,
    /// The rules each word or class can begin, by index in `rules`, with the token the key
    /// is looked for at: 0 the first, 1 the one after (for a rule that begins with `<!X>`).
    pub starts: HashMap<String, Vec<(usize, usize)>>,
}

/// A line of a rules file that could not be read.
#[derive(Debug, PartialEq, Eq)]
pub struct RuleError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for RuleError {}

pub const SHAPES: &[&str] = &["YEAR", "DAYNUM", "DIGITS", "DECADE", "CLOCK"];

impl Grammar {
    /// Parses a rules file.
    pub fn parse(source: &str) -> Result<Grammar, RuleError> {
        let mut grammar = Grammar::default();
        for (n, raw) in source.lines().enumerate() {
            let line = raw.trim();
            let err = |message: String| RuleError {
                line: n + 1,
                message,
            };
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (keyword, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
            match keyword {
                "lex" => {
                    let parts: Vec<&str> = rest.split_whitespace().collect();
                    let cap = parts.last() == Some(&"cap");
                    let parts = if cap {
                        &parts[..parts.len() - 1]
                    } else {
                        &parts[..]
                    };
                    if parts.len() < 3 {
                        return Err(err("lex needs WORD... CLASS VALUE".into()));
                    }
                    let (class, value) = (parts[parts.len() - 2], parts[parts.len() - 1]);
                    for word in &parts[..parts.len() - 2] {
                        grammar
                            .lexicon
                            .entry(word.to_lowercase())
                            .or_default()
                            .push(Entry {
                                class: class.to_owned(),
                                value: value.to_owned(),
                                cap,
                            });
                    }
                }
                "rule" => grammar.rules.push(parse_rule(rest).map_err(err)?),
                "ex" => {
                    let rule = grammar
                        .rules
                        .last_mut()
                        .ok_or_else(|| err("ex before any rule".into()))?;
                    rule.examples.push(parse_example(rest).map_err(err)?);
                }
                other => return Err(err(format!("unknown keyword {other:?}"))),
            }
        }
        for rule in &grammar.rules {
            for e in &rule.elements {
                for alt in &e.alternatives {
                    let is_class = alt.chars().all(|c| c.is_ascii_uppercase() || c == '_');
                    let known = SHAPES.contains(&alt.as_str())
                        || grammar.lexicon.values().flatten().any(|x| &x.class == alt);
                    if is_class && !known {
                        return Err(RuleError {
                            line: 0,
                            message: format!("rule {}: unknown class {alt}", rule.name),
                        });
                    }
                }
            }
        }
        grammar.starts = starts(&grammar.rules);
        Ok(grammar)
    }
}

/// The index of [`Grammar::starts`]: the alternatives of each rule's leading elements, up to
/// its first required one, looked for past a leading `<!X>`.
fn starts(rules: &[Rule]) -> HashMap<String, Vec<(usize, usize)>> {
    let mut index: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for (r, rule) in rules.iter().enumerate() {
        let mut elements = rule.elements.as_slice();
        let mut offset = 0;
        if let Some((first, rest)) = elements.split_first() {
            if first.negated && !first.optional {
                elements = rest;
                offset = 1;
            }
        }
        for e in elements {
            if e.is_sentence_start() {
                continue;
            }
            for alt in &e.alternatives {
                let entry = index.entry(alt.clone()).or_default();
                if !entry.contains(&(r, offset)) {
                    entry.push((r, offset));
                }
            }
            if !e.optional {
                break;
            }
        }
    }
    index
}

fn parse_rule(rest: &str) -> Result<Rule, String> {
    let (name, rest) = rest.split_once(':').ok_or("rule needs NAME:")?;
    let (pattern, action) = rest.split_once("=>").ok_or("rule needs =>")?;
    if let Some(bad) = pattern
        .split_whitespace()
        .find(|raw| !(raw.starts_with('<') && raw.ends_with('>')) && raw.contains(['<', '>']))
    {
        return Err(format!(
            "{bad}: context is one element in <>, each on its own"
        ));
    }
    let elements = pattern
        .split_whitespace()
        .map(|raw| {
            let (raw, context) = match raw.strip_prefix('<').and_then(|r| r.strip_suffix('>')) {
                Some(inner) => (inner, true),
                None => (raw, false),
            };
            let (raw, optional) = match raw.strip_suffix('?') {
                Some(r) if !r.is_empty() => (r, true),
                _ => (raw, false),
            };
            let (raw, negated) = match raw.strip_prefix('!') {
                Some(r) if context && !r.is_empty() => (r, true),
                _ => (raw, false),
            };
            Element {
                alternatives: raw.split('|').map(str::to_owned).collect(),
                optional,
                context,
                negated,
            }
        })
        .collect::<Vec<_>>();
    if elements.is_empty() {
        return Err("empty pattern".into());
    }
    let mut words = action.split_whitespace();
    let kind = words.next().ok_or("rule needs a TYPE")?.to_owned();
    if !matches!(
        kind.as_str(),
        "DATE" | "TIME" | "DURATION" | "SET" | NONE_KIND
    ) {
        return Err(format!("unknown type {kind}"));
    }
    let call = match words.next() {
        Some(call) => call,
        None if kind == NONE_KIND => "lit()",
        None => return Err("rule needs FUNC(ARGS)".into()),
    };
    let (func, args) = call.split_once('(').ok_or("FUNC(ARGS) expected")?;
    let args = args.strip_suffix(')').ok_or("missing )")?;
    let args = if args.is_empty() {
        vec![]
    } else {
        args.split(',').map(|a| a.trim().to_owned()).collect()
    };
    let mut modifier = None;
    let mut part_of_day = None;
    for extra in words {
        match extra.split_once('=') {
            Some(("mod", v)) => modifier = Some(v.to_owned()),
            Some(("pod", v)) => part_of_day = Some(v.to_owned()),
            _ => return Err(format!("unknown option {extra}")),
        }
    }
    Ok(Rule {
        name: name.trim().to_owned(),
        elements,
        kind,
        func: func.to_owned(),
        args,
        modifier,
        part_of_day,
        examples: Vec::new(),
    })
}

fn parse_example(rest: &str) -> Result<Example, String> {
    let (text, expect) = rest.rsplit_once("=>").ok_or("ex needs =>")?;
    let mut expect = expect.split_whitespace();
    let value = expect.next().ok_or("ex needs a value")?.to_owned();
    let dct = expect
        .next()
        .and_then(|d| d.strip_prefix("dct="))
        .map(str::to_owned);
    let text = text.trim();
    // `=> none`: the rule finds nothing in the text, or nothing covers the extent.
    let extent = match (text.find('['), text.find(']')) {
        (Some(open), Some(close)) if open < close => text[open + 1..close].to_owned(),
        _ if value == NONE => String::new(),
        _ => return Err("ex needs [extent]".into()),
    };
    Ok(Example {
        text: text.replace(['[', ']'], ""),
        extent,
        value,
        dct,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_one_bracketed_element_and_may_be_negated() {
        let g = Grammar::parse(
            "lex current CURRENT x\nrule r: <!the|its> CURRENT <x> => DATE lit(x)\n",
        )
        .unwrap();
        let e = &g.rules[0].elements;
        assert!(e[0].context && e[0].negated);
        assert_eq!(e[0].alternatives, ["the", "its"]);
        assert!(!e[1].context && !e[1].negated);
        assert!(e[2].context && !e[2].negated);
        let err =
            Grammar::parse("lex may MONTH 5\nrule r: <MONTH x> y => DATE lit(x)\n").unwrap_err();
        assert!(err.message.contains("<MONTH"), "{err}");
    }

    #[test]
    fn the_sentence_start_is_context_and_begins_no_index_entry() {
        let g = Grammar::parse("rule r: <^> now <,> => NONE\n").unwrap();
        assert!(g.rules[0].elements[0].is_sentence_start());
        assert!(!g.starts.contains_key("^"));
        assert_eq!(g.starts["now"], [(0, 0)]);
    }

    #[test]
    fn a_none_rule_needs_no_function() {
        let g = Grammar::parse("lex 30s DECADE 193\nrule age: his DECADE => NONE\n").unwrap();
        assert_eq!(g.rules[0].kind, NONE_KIND);
        assert!(Grammar::parse("rule r: now => DATE\n").is_err());
    }

    #[test]
    fn an_example_of_nothing_needs_no_extent() {
        let g = Grammar::parse("rule r: now => DATE lit(x)\nex It is here. => none\n").unwrap();
        assert_eq!(g.rules[0].examples[0].value, NONE);
        assert_eq!(g.rules[0].examples[0].extent, "");
        assert!(Grammar::parse("rule r: now => DATE lit(x)\nex It is here. => x\n").is_err());
    }
}
