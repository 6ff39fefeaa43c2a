//! When quotes were said: the date of the embedded post holding the quote; else a timex of the
//! quote's own sentence, outside any quote, the nearest ("she said last month"); else the
//! narrative's reference time, the last date the text mentioned before the quote; else the
//! publication date. Each quote says which (`date_from`). Nested quotes were said at some
//! earlier, unstated time and get no date. An event found by an earlier stage is dated the
//! same way from its trigger, unless it already has a date.

use newsgraph_doc::layers::{DateFrom, TimexType};
use newsgraph_doc::{Doc, Layer, Span, Stage};

/// The dating stage.
#[derive(Debug, Default)]
pub struct Dating;

impl Stage for Dating {
    fn name(&self) -> &'static str {
        "dating"
    }
    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Sentences,
            Layer::Posts,
            Layer::Quotes,
            Layer::Timexes,
            Layer::PublicationDate,
        ]
    }
    fn produces(&self) -> &'static [Layer] {
        &[Layer::Dating]
    }
    fn run(&self, doc: &mut Doc) {
        // Nested quotes were said at some earlier, unstated time: they get no date.
        let dates: Vec<Option<(String, DateFrom)>> = doc
            .quotes
            .iter()
            .map(|q| {
                if q.parent.is_some() {
                    None
                } else {
                    date_of(doc, q.span)
                }
            })
            .collect();
        for (quote, date) in doc.quotes.iter_mut().zip(dates) {
            if let Some((value, from)) = date {
                quote.date = Some(value);
                quote.date_from = Some(from);
            }
        }
        let dates: Vec<Option<(String, DateFrom)>> = doc
            .events
            .iter()
            .map(|e| match e.date {
                Some(_) => None,
                None => date_of(doc, e.trigger),
            })
            .collect();
        for (event, date) in doc.events.iter_mut().zip(dates) {
            if let Some((value, from)) = date {
                event.date = Some(value);
                event.date_from = Some(from);
            }
        }
    }
}

/// Whether a timex names a point in time (not a duration, a set or a vague reference).
fn is_point(doc: &Doc, i: usize) -> bool {
    let t = &doc.timexes[i];
    matches!(t.kind, TimexType::DATE | TimexType::TIME)
        && t.value.starts_with(|c: char| c.is_ascii_digit())
}

fn date_of(doc: &Doc, quote: Span) -> Option<(String, DateFrom)> {
    if let Some(post) = doc.posts.iter().find(|p| p.span.contains(quote)) {
        if let Some(date) = &post.date {
            return Some((date.clone(), DateFrom::Post));
        }
    }
    // Times in quoted words belong to the story told; a reported clause holding this quote
    // ("described the routes, in a Jan. 14 interview, as “a shared emergency”") is the
    // article's own telling, so its times stay.
    let inside_a_quote = |s: Span| {
        doc.quotes
            .iter()
            .any(|q| q.span.contains(s) && !(q.span != quote && q.span.contains(quote)))
    };
    // "one day after <event>" dates the event that follows it, not a quote before it.
    let dates_what_follows = |t: Span| {
        let words = doc.slice(t);
        words.ends_with("after") || words.ends_with("before")
    };
    // The sentences the quote touches.
    // Sentences and timexes are in document order: look only near the quote.
    let first = doc.sentences.partition_point(|s| s.span.end <= quote.start);
    let sentences: Vec<Span> = doc.sentences[first..]
        .iter()
        .take_while(|s| s.span.start <= quote.end)
        .map(|s| s.span)
        .filter(|s| s.overlaps(quote) || quote.contains(*s))
        .collect();
    let (from, to) = match (sentences.first(), sentences.last()) {
        (Some(a), Some(b)) => (
            doc.timexes.partition_point(|t| t.span.start < a.start),
            doc.timexes.partition_point(|t| t.span.start < b.end),
        ),
        _ => (0, 0),
    };
    let nearest = (from..to)
        .filter(|&i| is_point(doc, i))
        .filter(|&i| {
            let t = doc.timexes[i].span;
            sentences.iter().any(|s| s.contains(t))
                && !inside_a_quote(t)
                && !(t.start >= quote.end && dates_what_follows(t))
        })
        .min_by_key(|&i| {
            let t = doc.timexes[i].span;
            if t.end <= quote.start {
                quote.start - t.end
            } else {
                t.start.saturating_sub(quote.end)
            }
        });
    if let Some(i) = nearest {
        return Some((doc.timexes[i].value.clone(), DateFrom::Sentence));
    }
    let before = doc.timexes[..doc.timexes.partition_point(|t| t.span.start < quote.start)]
        .iter()
        .enumerate()
        // A bare year ("since 1998") is background, not the narrative's time.
        .filter(|&(i, t)| {
            t.span.end <= quote.start
                && is_point(doc, i)
                && t.value.len() >= 7
                && !inside_a_quote(t.span)
        })
        .map(|(_, t)| t)
        .next_back();
    if let Some(t) = before {
        return Some((t.value.clone(), DateFrom::Narrative));
    }
    doc.publication_date
        .as_ref()
        .map(|p| (p.value.clone(), DateFrom::Publication))
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsgraph_doc::layers::Event;
    use newsgraph_doc::Origin;

    fn event(doc: &Doc, trigger: &str) -> Event {
        let start = doc
            .text()
            .find(trigger)
            .expect("the trigger is in the text");
        Event {
            code: "12".into(),
            plover: None,
            actor1: None,
            actor2: None,
            trigger: Span::new(start, start + trigger.len()),
            date: None,
            date_from: None,
            by: Origin::new("events", "test"),
        }
    }

    /// An event takes the date of a timex of its sentence, else the last date before it, else
    /// the publication date, and says which; a date it has already is kept.
    #[test]
    fn events_are_dated_as_quotes_are() {
        let text = "On Saturday, Sheinbaum rejected the offer. Officials met on March 3. \
                    Later the talks stalled.";
        let mut doc = crate::analyze_text(text, Some("2025-05-05"));
        doc.events = vec![
            event(&doc, "rejected"),
            event(&doc, "stalled"),
            Event {
                date: Some("2024".into()),
                ..event(&doc, "met")
            },
        ];
        Dating.run(&mut doc);
        let dated: Vec<(Option<&str>, Option<DateFrom>)> = doc
            .events
            .iter()
            .map(|e| (e.date.as_deref(), e.date_from))
            .collect();
        assert_eq!(
            dated,
            [
                (Some("2025-05-03"), Some(DateFrom::Sentence)),
                (Some("2025-03-03"), Some(DateFrom::Narrative)),
                (Some("2024"), None),
            ]
        );

        let mut doc = crate::analyze_text("The talks stalled.", Some("2025-05-05"));
        doc.events = vec![event(&doc, "stalled")];
        Dating.run(&mut doc);
        assert_eq!(doc.events[0].date.as_deref(), Some("2025-05-05"));
        assert_eq!(doc.events[0].date_from, Some(DateFrom::Publication));
    }
}
