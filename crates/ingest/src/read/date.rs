//! Dates as containers write them (RFC 822 in RSS, ISO 8601 in Atom, WARC and most JSONL) to
//! `YYYY-MM-DD`, the day as written (no shift between time zones).

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// `YYYY-MM-DD` for an ISO 8601 date or date-time, or an RFC 822 / 2822 date
/// (`Tue, 10 Jun 2003 04:00:00 GMT`); `None` when the text is neither.
pub fn normalize(text: &str) -> Option<String> {
    let t = text.trim();
    iso(t).or_else(|| rfc822(t))
}

fn iso(t: &str) -> Option<String> {
    let b = t.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if !(digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10))
    {
        return None;
    }
    if b.get(10).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    valid(&t[..4], &t[5..7], &t[8..10])
}

fn rfc822(t: &str) -> Option<String> {
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let month = words.iter().position(|w| {
        let w = w.to_ascii_lowercase();
        w.len() >= 3 && MONTHS.contains(&&w[..3])
    })?;
    let m = MONTHS
        .iter()
        .position(|name| words[month].to_ascii_lowercase().starts_with(name))?
        + 1;
    let number = |w: &&str| {
        w.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| w.parse::<u32>().ok())
            .flatten()
    };
    // "10 Jun 2003" (RFC 822) or "Jun 10 2003" (a common slip).
    let (day, year) = match (
        month
            .checked_sub(1)
            .and_then(|i| words.get(i))
            .and_then(number),
        words.get(month + 1).and_then(number),
        words.get(month + 2).and_then(number),
    ) {
        (Some(d), Some(y), _) if d <= 31 => (d, y),
        (_, Some(d), Some(y)) if d <= 31 => (d, y),
        _ => return None,
    };
    let year = match year {
        0..=49 => 2000 + year,
        50..=99 => 1900 + year,
        y => y,
    };
    valid(
        &format!("{year:04}"),
        &format!("{m:02}"),
        &format!("{day:02}"),
    )
}

fn valid(y: &str, m: &str, d: &str) -> Option<String> {
    let (mn, dn): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&mn) && (1..=31).contains(&dn) && y.len() == 4)
        .then(|| format!("{y}-{m}-{d}"))
}

#[cfg(test)]
mod tests {
    use super::normalize;

    #[test]
    fn container_dates() {
        for (text, want) in [
            ("Tue, 10 Jun 2003 04:00:00 GMT", Some("2003-06-10")),
            ("Sat, 1 Feb 2025 18:20:00 -0500", Some("2025-02-01")),
            ("1 Feb 25 18:20 EST", Some("2025-02-01")),
            ("February 3, 2025", Some("2025-02-03")),
            ("2025-02-03T10:00:00Z", Some("2025-02-03")),
            ("2025-02-03", Some("2025-02-03")),
            ("2025-13-03", None),
            ("20250203", None),
            ("yesterday", None),
            ("", None),
        ] {
            assert_eq!(normalize(text).as_deref(), want, "{text}");
        }
    }
}
