//! ISO-8601 dates as Helix clients send them.
//!
//! Accepted: `YYYY-MM-DD`, or that followed by `THH:MM:SS` (or `THH:MM`), optional fractional
//! seconds of 1-9 digits, and an optional `Z` or `±HH:MM` / `±HHMM` / `±HH` offset (`T` and
//! `Z` in either case).
//! Helix documents `1976-07-04T00:00:00.000+00:00`; .NET clients send `2000-01-01T00:00:00`.
//! The date is taken as written: the offset never moves it to another day.

use time::{Date, Month};

/// The calendar date a value names, or `None` when the text is not an ISO-8601 date or
/// date-time, or names an impossible day (February 30th, February 29th 1900).
///
/// ```
/// use helix_customer_rules::text::dates::parse_date;
/// assert!(parse_date("1976-07-04T00:00:00.000+00:00").is_some());
/// assert!(parse_date("2000-01-01T00:00:00").is_some());
/// assert!(parse_date("1900-02-29").is_none());
/// ```
#[must_use]
pub fn parse_date(text: &str) -> Option<Date> {
    let b = text.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = digits(&b[0..4])?;
    let month = digits(&b[5..7])?;
    let day = digits(&b[8..10])?;
    let date = Date::from_calendar_date(
        i32::try_from(year).ok()?,
        Month::try_from(u8::try_from(month).ok()?).ok()?,
        u8::try_from(day).ok()?,
    )
    .ok()?;
    let rest = &b[10..];
    if rest.is_empty() {
        return Some(date);
    }
    if !matches!(rest[0], b'T' | b't') {
        return None;
    }
    time_of_day(&rest[1..]).then_some(date)
}

/// `HH:MM[:SS[.fff]][Z|±HH:MM|±HHMM|±HH]`.
fn time_of_day(b: &[u8]) -> bool {
    if b.len() < 5 || b[2] != b':' || !two(&b[0..2], 23) || !two(&b[3..5], 59) {
        return false;
    }
    let mut rest = &b[5..];
    if rest.first() == Some(&b':') {
        if rest.len() < 3 || !two(&rest[1..3], 59) {
            return false;
        }
        rest = &rest[3..];
        if rest.first() == Some(&b'.') {
            let n = rest[1..].iter().take_while(|c| c.is_ascii_digit()).count();
            if !(1..=9).contains(&n) {
                return false;
            }
            rest = &rest[1 + n..];
        }
    }
    match rest {
        [] | [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2] => two(&[*h1, *h2], 23),
        [b'+' | b'-', h1, h2, m1, m2] | [b'+' | b'-', h1, h2, b':', m1, m2] => {
            two(&[*h1, *h2], 23) && two(&[*m1, *m2], 59)
        }
        _ => false,
    }
}

fn two(b: &[u8], max: u32) -> bool {
    digits(b).is_some_and(|v| v <= max)
}

fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |acc, c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

/// A `YYYY-MM-DD` date, as the request document's `context.today` is written.
#[must_use]
pub fn parse_plain_date(text: &str) -> Option<Date> {
    if text.len() == 10 {
        parse_date(text)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_helix_clients_send() {
        for ok in [
            "1976-07-04",
            "1976-07-04T00:00:00.000+00:00",
            "2000-01-01T00:00:00",
            "2000-01-01T00:00:00Z",
            "2000-01-01t10:20:30.1234567z",
            "2000-01-01T10:20",
            "2000-01-01T23:59:59-05:00",
            "2000-02-29",
            "1976-07-04T00:00:00+0000",
            "1976-07-04T00:00:00-05",
        ] {
            assert!(parse_date(ok).is_some(), "{ok}");
        }
    }

    #[test]
    fn not_dates() {
        for bad in [
            "",
            "1976-7-4",
            "07/04/1976",
            "1976-07-04 00:00:00",
            "1976-07-04T24:00:00",
            "1976-07-04T00:60",
            "1976-07-04T00:00:00.",
            "1976-07-04T00:00:00.0123456789",
            "1976-07-04T",
            "1976-07-04T00:00:00+000",
            "1976-07-04T00:00:00+24:00",
            "1976-07-04T00:00:00+05:0",
            "1900-02-29",
            "2001-02-29",
            "2000-02-30",
            "2000-13-01",
            "2000-00-10",
            "+2000-01-01",
            "２０００-01-01",
        ] {
            assert!(parse_date(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn offset_never_moves_the_day() {
        let d = parse_date("1900-01-01T23:00:00-05:00").unwrap();
        assert_eq!(
            d,
            Date::from_calendar_date(1900, Month::January, 1).unwrap()
        );
    }
}
