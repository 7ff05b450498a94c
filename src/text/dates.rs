//! ISO-8601 dates as Helix clients send them.
//!
//! Accepted: `YYYY-MM-DD`, or that followed by `THH:MM:SS` (or `THH:MM`), optional fractional
//! seconds of 1-9 digits, and an optional `Z` or `±HH:MM` / `±HHMM` / `±HH` offset (`T` and
//! `Z` in either case).
//! Helix documents `1976-07-04T00:00:00.000+00:00`; .NET clients send `2000-01-01T00:00:00`.
//! The date is taken as written: the offset never moves it to another day.

use time::{Date, Month};

use super::HIGH;

/// A calendar day packed into one integer whose order is calendar order. Rules compare and
/// check days on every call; this keeps them to integer work, with no `Date` to build.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Day(i32);

impl Day {
    /// Month and day take 9 bits (`month * 32 + day` is at most 415), so any year, negative
    /// ones included, keeps the order.
    pub(crate) const fn new(year: i32, month: u8, day: u8) -> Day {
        Day(year * 512 + month as i32 * 32 + day as i32)
    }

    /// The day a `Date` names.
    pub(crate) fn of(date: Date) -> Day {
        Day::new(date.year(), date.month() as u8, date.day())
    }

    /// The day as a `Date`, `None` only outside `Date`'s range (never for a parsed day).
    fn to_date(self) -> Option<Date> {
        let (year, rest) = (self.0.div_euclid(512), self.0.rem_euclid(512));
        let month = Month::try_from(u8::try_from(rest / 32).ok()?).ok()?;
        Date::from_calendar_date(year, month, u8::try_from(rest % 32).ok()?).ok()
    }
}

/// A date property's value, parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DateValue {
    /// Not set (absent or `null`).
    Absent,
    /// Set to text that names no day.
    NotADate,
    /// Set to this day.
    Day(Day),
}

/// A [`DateValue`] in four bytes instead of the enum's eight: a [`Day`]'s integer, or one of
/// two markers no day packs to (a day of a year within `Date`'s range packs to within about
/// ±5,200,000). Every call builds seven, one per date property, and rules read them; measured,
/// the smaller form saves about 20 instructions a call.
#[derive(Clone, Copy)]
pub(crate) struct PackedDate(i32);

impl PackedDate {
    const ABSENT: i32 = i32::MIN;
    const NOT_A_DATE: i32 = i32::MIN + 1;

    /// A property's text (`None` when not set), parsed. Only the test for a text is inlined:
    /// most patches set few of the dates.
    #[inline]
    pub(crate) fn parse(text: Option<&str>) -> PackedDate {
        match text {
            None => PackedDate(Self::ABSENT),
            Some(text) => Self::parse_text(text),
        }
    }

    fn parse_text(text: &str) -> PackedDate {
        PackedDate(parse_day(text).map_or(Self::NOT_A_DATE, |day| {
            debug_assert!(day.0 > Self::NOT_A_DATE);
            day.0
        }))
    }

    /// The value it holds.
    pub(crate) fn value(self) -> DateValue {
        match self.0 {
            Self::ABSENT => DateValue::Absent,
            Self::NOT_A_DATE => DateValue::NotADate,
            day => DateValue::Day(Day(day)),
        }
    }
}

/// The calendar date a value names, or `None` when the text is not an ISO-8601 date or
/// date-time, or names an impossible day (February 30th, February 29th 1900).
///
/// ```
/// use helix_customer_rules::__private::parse_date;
/// assert!(parse_date("1976-07-04T00:00:00.000+00:00").is_some());
/// assert!(parse_date("2000-01-01T00:00:00").is_some());
/// assert!(parse_date("1900-02-29").is_none());
/// ```
#[must_use]
pub fn parse_date(text: &str) -> Option<Date> {
    parse_day(text)?.to_date()
}

/// As [`parse_date`], packed: what the rules use.
pub(crate) fn parse_day(text: &str) -> Option<Day> {
    let b = text.as_bytes();
    // `YYYY-MM-DD` as two overlapping eight-byte words, each checked in one go.
    let ymd = DATE.digits(b.get(..8)?)?;
    let [.., d1, d2] = DAY.digits(b.get(2..10)?)?;
    let year = i32::from(ymd[0]) * 1000
        + i32::from(ymd[1]) * 100
        + i32::from(ymd[2]) * 10
        + i32::from(ymd[3]);
    let month = ymd[5] * 10 + ymd[6];
    let day = d1 * 10 + d2;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let time_ok = match &b[10..] {
        [] => true,
        [b'T' | b't', time @ ..] => time_of_day(time),
        _ => false,
    };
    time_ok.then(|| Day::new(year, month, day))
}

/// Days in `month` (1-12) of `year`, proleptic Gregorian.
fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `HH:MM[:SS[.fff]][Z|±HH:MM|±HHMM|±HH]`.
fn time_of_day(b: &[u8]) -> bool {
    let zone = if let Some(t) = b.get(..8).and_then(|w| HMS.digits(w)) {
        if t[0] * 10 + t[1] > 23 || t[3] * 10 + t[4] > 59 || t[6] * 10 + t[7] > 59 {
            return false;
        }
        match &b[8..] {
            [b'.', fraction @ ..] => {
                let n = fraction.iter().take_while(|c| c.is_ascii_digit()).count();
                if !(1..=9).contains(&n) {
                    return false;
                }
                &fraction[n..]
            }
            after => after,
        }
    } else {
        // No seconds: `HH:MM`, then the zone. A `:` there starts seconds that did not parse.
        let [h1, h2, b':', m1, m2, rest @ ..] = b else {
            return false;
        };
        if !upto(*h1, *h2, 23) || !upto(*m1, *m2, 59) || rest.first() == Some(&b':') {
            return false;
        }
        rest
    };
    match zone {
        [] | [b'Z' | b'z'] => true,
        [b'+' | b'-', h1, h2] => upto(*h1, *h2, 23),
        [b'+' | b'-', h1, h2, m1, m2] | [b'+' | b'-', h1, h2, b':', m1, m2] => {
            upto(*h1, *h2, 23) && upto(*m1, *m2, 59)
        }
        _ => false,
    }
}

/// An eight-byte shape such as `0000-00-`, where `0` stands for any ASCII digit and every
/// other byte for itself, checked a word at a time: dates are parsed by several rules on every
/// call, and byte-by-byte checks cost about three times as much.
struct Shape {
    /// The shape with every `0` as is: a digit, exclusive-ored with it, becomes its value (0-9), a
    /// matching literal becomes 0, and any other byte something else.
    xor: u64,
    /// Per byte, what pushes a value over 0x7F exactly when it is out of range: above 9 for
    /// a digit, above 0 for a literal.
    add: u64,
}

impl Shape {
    const fn new(shape: [u8; 8]) -> Shape {
        let mut add = [0u8; 8];
        let mut i = 0;
        while i < 8 {
            add[i] = if shape[i] == b'0' { 0x7F - 9 } else { 0x7F };
            i += 1;
        }
        Shape {
            xor: u64::from_le_bytes(shape),
            add: u64::from_le_bytes(add),
        }
    }

    /// The eight bytes' digit values (0 at the literals), or `None` when `word` does not fit
    /// the shape. `word` must be eight bytes long.
    fn digits(&self, word: &[u8]) -> Option<[u8; 8]> {
        let x = u64::from_le_bytes(word.try_into().ok()?) ^ self.xor;
        // Bytes below 0x80 cannot carry into the next one when added to; a byte at or above
        // 0x80 fails on its own high bit, whatever its carry does.
        ((x | x.wrapping_add(self.add)) & HIGH == 0).then_some(x.to_le_bytes())
    }
}

/// `YYYY-MM-`.
const DATE: Shape = Shape::new(*b"0000-00-");
/// `YY-MM-DD`: the last eight bytes of a date.
const DAY: Shape = Shape::new(*b"00-00-00");
/// `HH:MM:SS`.
const HMS: Shape = Shape::new(*b"00:00:00");

/// Two ASCII digits making at most `max`.
fn upto(a: u8, b: u8, max: u8) -> bool {
    let (a, b) = (a.wrapping_sub(b'0'), b.wrapping_sub(b'0'));
    a < 10 && b < 10 && a * 10 + b <= max
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
    fn packed_dates_keep_every_value() {
        let texts = [
            None,
            Some(""),
            Some("1976-02-30"),
            Some("0000-01-01"),
            Some("1976-07-04T00:00:00.000+00:00"),
            Some("9999-12-31"),
        ];
        for text in texts {
            let want = match text {
                None => DateValue::Absent,
                Some(t) => parse_day(t).map_or(DateValue::NotADate, DateValue::Day),
            };
            assert_eq!(PackedDate::parse(text).value(), want, "{text:?}");
        }
        // The extreme days any `Date` names: the lowest is the one nearest the markers.
        for date in [Date::MIN, Date::MAX] {
            let day = Day::of(date);
            assert!(day.0 > PackedDate::NOT_A_DATE);
            assert_eq!(PackedDate(day.0).value(), DateValue::Day(day));
        }
    }

    /// The parser as first written, straight from the grammar with `time` checking the day:
    /// the packed parser must agree with it on every text.
    fn reference(text: &str) -> Option<Date> {
        fn digits(b: &[u8]) -> Option<u32> {
            b.iter().try_fold(0u32, |acc, c| {
                c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
            })
        }
        fn two(b: &[u8], max: u32) -> bool {
            digits(b).is_some_and(|v| v <= max)
        }
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
        let b = text.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let date = Date::from_calendar_date(
            i32::try_from(digits(&b[0..4])?).ok()?,
            Month::try_from(u8::try_from(digits(&b[5..7])?).ok()?).ok()?,
            u8::try_from(digits(&b[8..10])?).ok()?,
        )
        .ok()?;
        let rest = &b[10..];
        if rest.is_empty() {
            return Some(date);
        }
        (matches!(rest[0], b'T' | b't') && time_of_day(&rest[1..])).then_some(date)
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_reference(
            text in "[0-9]{4}-[01][0-9]-[0-3][0-9]([Tt][0-2][0-9]:[0-6][0-9](:[0-6][0-9](\\.[0-9]{0,10})?)?([Zz]|[+-][0-2][0-9](:?[0-6][0-9])?)?)?"
        ) {
            proptest::prop_assert_eq!(parse_date(&text), reference(&text));
        }

        #[test]
        fn agrees_with_the_reference_on_any_text(text in "[0-9Tt:.Zz+-]{0,32}") {
            proptest::prop_assert_eq!(parse_date(&text), reference(&text));
        }

        /// Date-shaped text with a byte or two replaced or inserted: bytes next to the digits
        /// and separators in value, and non-ASCII, which the word-at-a-time shape check must
        /// reject exactly as a byte-by-byte check does.
        #[test]
        fn agrees_with_the_reference_on_near_misses(
            text in "[0-9]{4}-[01][0-9]-[0-3][0-9]([Tt][0-2][0-9]:[0-6][0-9](:[0-6][0-9](\\.[0-9]{0,4})?)?([Zz]|[+-][0-2][0-9](:?[0-6][0-9])?)?)?",
            noise in proptest::collection::vec(
                (0usize..32, "[/:;,.\\- 0-9Tt+Zz\u{80}-\u{ff}\u{ff10}]", proptest::prelude::any::<bool>()),
                1..3,
            ),
        ) {
            let mut text: Vec<char> = text.chars().collect();
            for (at, c, replace) in noise {
                let at = at.min(text.len());
                let c = c.chars().next().unwrap();
                if replace && at < text.len() {
                    text[at] = c;
                } else {
                    text.insert(at, c);
                }
            }
            let text: String = text.into_iter().collect();
            proptest::prop_assert_eq!(parse_date(&text), reference(&text));
        }

        #[test]
        fn packed_order_is_calendar_order(a in -9999i32..=9999, b in 0u32..366, c in -9999i32..=9999, d in 0u32..366) {
            let x = Date::from_ordinal_date(a, (b % 365 + 1) as u16).unwrap();
            let y = Date::from_ordinal_date(c, (d % 365 + 1) as u16).unwrap();
            proptest::prop_assert_eq!(Day::of(x).cmp(&Day::of(y)), x.cmp(&y));
            proptest::prop_assert_eq!(Day::of(x).to_date(), Some(x));
        }
    }

    #[test]
    fn every_day_of_four_centuries() {
        let mut d = Date::from_calendar_date(1600, Month::January, 1).unwrap();
        while d.year() < 2001 {
            let text = format!("{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day());
            assert_eq!(parse_date(&text), Some(d), "{text}");
            d = d.next_day().unwrap();
        }
        for bad in [
            "1700-02-29",
            "1800-02-29",
            "2100-02-29",
            "2000-04-31",
            "2000-06-31",
            "2000-09-31",
            "2000-11-31",
            "2000-01-32",
            "0000-02-30",
        ] {
            // The rules read `parse_day`, which must refuse these on its own (no `Date` check
            // follows it there).
            assert_eq!(parse_day(bad), None, "{bad}");
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        assert!(parse_date("0000-02-29").is_some());
    }

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
