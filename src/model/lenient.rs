//! The forgiving reader behind `validate_json`: a property of the wrong JSON type becomes a
//! recorded issue (59900/59953) instead of failing the whole body, so every other rule still runs.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::violation::{Path, Segment};

/// What went wrong with one property while reading the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum IssueKind {
    /// 59900: `found` JSON type cannot become `expected`.
    Mismatch {
        found: &'static str,
        expected: &'static str,
    },
    /// 59953: a string that is not a boolean where a boolean belongs.
    BadBoolean { property: &'static str },
    /// 58007: a number or a boolean where text belongs, read as text as Helix's reader does
    /// (`sent_as` is `number` or `boolean`). The value is read, so nothing is broken.
    SentAsText {
        property: &'static str,
        sent_as: &'static str,
    },
}

/// A property that could not be read, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Issue {
    pub(crate) path: Path,
    pub(crate) kind: IssueKind,
}

/// Everything the reader noticed; empty for typed input.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct ParseReport {
    pub(crate) issues: Vec<Issue>,
    /// Paths of unreadable values, so a required-field rule does not also call them missing.
    broken: BTreeSet<Path>,
    /// 59950: the body is not well-formed JSON (only properties completed before it count).
    pub(crate) syntax_error: bool,
    /// A `customerId` integer beyond what an `i64` holds (60001 names it).
    pub(crate) large_customer_id: Option<u64>,
}

impl ParseReport {
    pub(crate) fn record(&mut self, path: Path, kind: IssueKind) {
        self.broken.insert(path);
        self.issues.push(Issue { path, kind });
    }

    /// Forgets which values under `prefix` could not be read, before a repeated property is
    /// read again: its last value is the one the rules see. (The issues themselves stay.)
    #[inline]
    pub(crate) fn reread(&mut self, parent: &Path, property: &'static str) {
        // Nearly always nothing is broken: only that test is inlined into every property.
        if !self.broken.is_empty() {
            self.forget_broken(parent.name(property));
        }
    }

    fn forget_broken(&mut self, prefix: Path) {
        let stale: Vec<Path> = self
            .broken
            .range(prefix..)
            .take_while(|p| p.starts_with(&prefix))
            .copied()
            .collect();
        for p in stale {
            self.broken.remove(&p);
        }
    }

    /// Whether the value at `path` could not be read.
    #[cfg(test)]
    pub(crate) fn is_broken(&self, path: Path) -> bool {
        self.is_broken_at(|| path)
    }

    /// Whether the value at `path`, or a value that holds it (the body, an entry), could not be
    /// read: what is inside an unreadable value was never read either.
    pub(crate) fn is_broken_within(&self, path: Path) -> bool {
        if self.broken.is_empty() {
            return false;
        }
        let mut at = Path::root();
        for s in path.segments() {
            if self.broken.contains(&at) {
                return true;
            }
            at = match *s {
                Segment::Name(n) => at.name(n),
                Segment::Index(i) => at.index(i),
            };
        }
        self.broken.contains(&at)
    }

    /// As [`ParseReport::is_broken`], building the path only when something is broken: typed
    /// input never has anything broken, and rules ask for every list entry.
    pub(crate) fn is_broken_at(&self, path: impl FnOnce() -> Path) -> bool {
        !self.broken.is_empty() && self.broken.contains(&path())
    }
}

/// The report of typed input: nothing noticed. A static, so `validate` neither builds nor
/// drops one.
pub(crate) static EMPTY_REPORT: ParseReport = ParseReport {
    issues: Vec::new(),
    broken: BTreeSet::new(),
    syntax_error: false,
    large_customer_id: None,
};

/// Any JSON value, with containers skipped: all a scalar property needs to decide.
pub(crate) enum Raw<'de> {
    Null,
    Bool(bool),
    I64(i64),
    U64(u64),
    F64(f64),
    Str(Cow<'de, str>),
    Array,
    Object,
}

impl Raw<'_> {
    pub(crate) fn type_name(&self) -> &'static str {
        match self {
            Raw::Null => "null",
            Raw::Bool(_) => "boolean",
            Raw::I64(_) | Raw::U64(_) | Raw::F64(_) => "number",
            Raw::Str(_) => "string",
            Raw::Array => "array",
            Raw::Object => "object",
        }
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw<'de>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<Raw<'de>, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E>(self) -> Result<Raw<'de>, E> {
        Ok(Raw::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Raw<'de>, D::Error> {
        d.deserialize_any(RawVisitor)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Raw<'de>, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Raw<'de>, E> {
        Ok(Raw::I64(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Raw<'de>, E> {
        Ok(Raw::U64(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Raw<'de>, E> {
        Ok(Raw::F64(v))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Raw<'de>, E> {
        Ok(Raw::Str(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<Raw<'de>, E> {
        Ok(Raw::Str(Cow::Owned(v.to_owned())))
    }
    fn visit_string<E>(self, v: String) -> Result<Raw<'de>, E> {
        Ok(Raw::Str(Cow::Owned(v)))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw<'de>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Raw::Array)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw<'de>, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Raw::Object)
    }
}

impl<'de> de::Deserialize<'de> for Raw<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

/// How one scalar kind reads a [`Raw`] value.
///
/// The property is `parent`'s `property`; its path is built only when an issue is recorded
/// (a path is 80 bytes, and nearly every property is read without one).
pub(crate) trait Scalar<'de>: Sized {
    fn read(
        raw: Raw<'de>,
        report: &mut ParseReport,
        parent: &Path,
        property: &'static str,
    ) -> Option<Self>;
}

pub(crate) fn mismatch(
    report: &mut ParseReport,
    path: Path,
    raw: &Raw<'_>,
    expected: &'static str,
) {
    report.record(
        path,
        IssueKind::Mismatch {
            found: raw.type_name(),
            expected,
        },
    );
}

impl<'de> Scalar<'de> for Cow<'de, str> {
    #[inline]
    fn read(
        raw: Raw<'de>,
        report: &mut ParseReport,
        parent: &Path,
        property: &'static str,
    ) -> Option<Self> {
        match raw {
            Raw::Str(s) => Some(s),
            Raw::Null => None,
            other => text_from(other, report, parent, property),
        }
    }
}

/// Text from a value that is not a string: Helix's reader (Json.NET) takes a number or a
/// boolean where text belongs as text: an integer as written, any other number in .NET's
/// round-trip form, `True`/`False`. Out of line: the reading of a string stays small.
#[cold]
fn text_from<'de>(
    raw: Raw<'de>,
    report: &mut ParseReport,
    parent: &Path,
    property: &'static str,
) -> Option<Cow<'de, str>> {
    let (text, sent_as) = match raw {
        Raw::Null => return None,
        Raw::Str(s) => return Some(s),
        Raw::I64(v) => (v.to_string(), "number"),
        Raw::U64(v) => (v.to_string(), "number"),
        Raw::F64(v) => (dotnet_double(v), "number"),
        Raw::Bool(b) => ((if b { "True" } else { "False" }).to_owned(), "boolean"),
        other @ (Raw::Array | Raw::Object) => {
            mismatch(report, parent.name(property), &other, "string");
            return None;
        }
    };
    report.issues.push(Issue {
        path: parent.name(property),
        kind: IssueKind::SentAsText { property, sent_as },
    });
    Some(Cow::Owned(text))
}

/// A date property: text only (a number is no date, 59900), never read as text from a number.
pub(crate) fn read_date<'de>(
    raw: Raw<'de>,
    report: &mut ParseReport,
    parent: &Path,
    property: &'static str,
) -> Option<Cow<'de, str>> {
    match raw {
        Raw::Null => None,
        Raw::Str(s) => Some(s),
        other => {
            mismatch(report, parent.name(property), &other, "string");
            None
        }
    }
}

/// A double as .NET's `double.ToString()` writes it: the shortest text that reads back as the
/// same double, positional for exponents from -4 to 14, else `d.dddE+XX` (`1E+21`, `1E-05`).
fn dotnet_double(v: f64) -> String {
    let sci = format!("{v:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if (-4..15).contains(&exp) {
        // Rust's positional form is the shortest round-trip text too; `-0` stays `-0`.
        format!("{v}")
    } else {
        let sign = if exp < 0 { '-' } else { '+' };
        format!("{mantissa}E{sign}{:02}", exp.unsigned_abs())
    }
}

impl<'de> Scalar<'de> for bool {
    fn read(
        raw: Raw<'de>,
        report: &mut ParseReport,
        parent: &Path,
        property: &'static str,
    ) -> Option<Self> {
        match raw {
            Raw::Null => None,
            Raw::Bool(b) => Some(b),
            // .NET's boolean parsing accepts "true"/"false" in any case, padded by whitespace.
            Raw::Str(s) => {
                let t = s.trim();
                if t.eq_ignore_ascii_case("true") {
                    Some(true)
                } else if t.eq_ignore_ascii_case("false") {
                    Some(false)
                } else {
                    report.record(parent.name(property), IssueKind::BadBoolean { property });
                    None
                }
            }
            other => {
                mismatch(report, parent.name(property), &other, "boolean");
                None
            }
        }
    }
}

impl<'de> Scalar<'de> for i64 {
    fn read(
        raw: Raw<'de>,
        report: &mut ParseReport,
        parent: &Path,
        property: &'static str,
    ) -> Option<Self> {
        if property == "customerId" {
            // A repeated key: the last value is the one read.
            report.large_customer_id = None;
            if let Raw::U64(v) = raw {
                if i64::try_from(v).is_err() {
                    // An integer all the same: 60001's, not a conversion error.
                    report.large_customer_id = Some(v);
                    return None;
                }
            }
        }
        let parsed = match &raw {
            Raw::Null => return None,
            Raw::I64(v) => Some(*v),
            Raw::U64(v) => i64::try_from(*v).ok(),
            // .NET converts a numeric string to an integer property.
            Raw::Str(s) => s.trim().parse::<i64>().ok(),
            _ => None,
        };
        if parsed.is_none() {
            mismatch(report, parent.name(property), &raw, "integer");
        }
        parsed
    }
}

/// Where a property's value comes from: the serde reader's map, or the crate's own reader
/// (`scan.rs`). One property dispatch serves both.
pub(crate) trait Source<'de> {
    /// Why the value could not be read (the body is not one the reader takes).
    type Error;
    /// The next value, containers skipped.
    fn raw(&mut self) -> Result<Raw<'de>, Self::Error>;
    /// The next value as a list of objects at `path` (`None` for `null` or the wrong type).
    fn list<T: ReadObject<'de>>(
        &mut self,
        report: &mut ParseReport,
        path: Path,
    ) -> Result<Option<Vec<T>>, Self::Error>;
}

/// A serde map's next value as a [`Source`].
struct MapValues<'m, A>(&'m mut A);

impl<'de, A: MapAccess<'de>> Source<'de> for MapValues<'_, A> {
    type Error = A::Error;

    fn raw(&mut self) -> Result<Raw<'de>, A::Error> {
        self.0.next_value()
    }

    fn list<T: ReadObject<'de>>(
        &mut self,
        report: &mut ParseReport,
        path: Path,
    ) -> Result<Option<Vec<T>>, A::Error> {
        self.0.next_value_seed(ListSeed::<T> {
            report,
            path,
            _t: PhantomData,
        })
    }
}

/// A struct that reads itself from a JSON object, property by property.
pub(crate) trait ReadObject<'de>: Default {
    /// The wire names of the properties, in declaration order: a property's index is its
    /// place here.
    const NAMES: &'static [WireName];

    /// For each scalar (they come first in [`Self::NAMES`], the lists after them), whether its
    /// value is expected to be a string (text and dates).
    const TEXT: &'static [bool];

    /// The index of the property named `key`, if it is one of ours.
    fn index_of(key: &str) -> Option<usize>;

    /// Takes `value` as the scalar at `index`.
    fn put_at(&mut self, index: usize, value: Raw<'de>, report: &mut ParseReport, path: &Path);

    /// Takes a string as the text property at `index` (one [`Self::TEXT`] says is text).
    fn put_text(
        &mut self,
        index: usize,
        value: Cow<'de, str>,
        report: &mut ParseReport,
        path: &Path,
    );

    /// Reads the value of the property at `index` (of [`Self::NAMES`]) from `source`.
    fn read_at<S: Source<'de>>(
        &mut self,
        index: usize,
        source: &mut S,
        report: &mut ParseReport,
        path: &Path,
    ) -> Result<(), S::Error>;

    /// Reads one property's value from `source`; `Ok(false)` (nothing read) when the key is
    /// not one of ours.
    #[inline]
    fn read_property<S: Source<'de>>(
        &mut self,
        key: &str,
        source: &mut S,
        report: &mut ParseReport,
        path: Path,
    ) -> Result<bool, S::Error> {
        match Self::index_of(key) {
            Some(index) => self.read_at(index, source, report, &path).map(|()| true),
            None => Ok(false),
        }
    }

    /// Keeps a property the schema does not know, so nothing the caller sent is dropped.
    fn keep_unknown(&mut self, key: String, value: serde_json::Value);
}

/// The place of `name` in `names`, at compile time (a property's index for [`ReadObject`]).
pub(crate) const fn wire_index(names: &[&str], name: &str) -> usize {
    let mut i = 0;
    while i < names.len() {
        let (a, b) = (names[i].as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut j = 0;
            while j < a.len() && a[j] == b[j] {
                j += 1;
            }
            if j == a.len() {
                return i;
            }
        }
        i += 1;
    }
    panic!("not a declared property")
}

/// A property's wire name as it appears in a body, quotes included, held as little-endian
/// words, so that a reader expecting it can recognise it in place with a compare or three,
/// without finding the string's end first.
pub(crate) struct WireName {
    /// `"name"`.
    quoted: &'static str,
    /// The quoted name's bytes eight at a time, all but the last word (at most three).
    heads: [u64; 3],
    /// The last eight bytes of the quoted name (fewer, masked, if it is shorter than eight).
    last: u64,
    /// Which bytes of the last word count.
    mask: u64,
}

impl WireName {
    /// `quoted` is the name with its quotes; at most 32 bytes (a compile-time check).
    pub(crate) const fn new(quoted: &'static str) -> WireName {
        let b = quoted.as_bytes();
        let n = b.len();
        assert!(n <= 32, "wire names are at most 30 bytes");
        let mut heads = [0u64; 3];
        let mut w = 0;
        while (w + 1) * 8 < n {
            heads[w] = word_at(b, w * 8, 8);
            w += 1;
        }
        let (last, mask) = if n >= 8 {
            (word_at(b, n - 8, 8), u64::MAX)
        } else {
            (word_at(b, 0, n), (1u64 << (8 * n)) - 1)
        };
        WireName {
            quoted,
            heads,
            last,
            mask,
        }
    }

    /// The quoted name's length in bytes.
    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.quoted.len()
    }

    /// Whether `body` holds exactly this quoted name at `at`.
    #[inline]
    pub(crate) fn is_at(&self, body: &[u8], at: usize) -> bool {
        let n = self.quoted.len();
        let Some(s) = body.get(at..at + n.max(8)) else {
            return body.get(at..at + n) == Some(self.quoted.as_bytes());
        };
        let mut i = 0;
        while i + 8 < n {
            if load(s, i) != self.heads[i / 8] {
                return false;
            }
            i += 8;
        }
        if n >= 8 {
            load(s, n - 8) == self.last
        } else {
            load(s, 0) & self.mask == self.last
        }
    }
}

/// The slot of the property at `index`: how many text properties come before it (all of them
/// for an index past the end).
pub(crate) const fn text_slot(text: &[bool], index: usize) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < index && i < text.len() {
        n += text[i] as usize;
        i += 1;
    }
    n
}

/// `len` (at most eight) bytes of `b` from `at` as a little-endian word, at compile time.
const fn word_at(b: &[u8], at: usize, len: usize) -> u64 {
    let mut w = 0u64;
    let mut k = 0;
    while k < len {
        w |= (b[at + k] as u64) << (8 * k);
        k += 1;
    }
    w
}

/// Eight bytes of `s` from `at` (the caller has checked they are there).
#[inline]
fn load(s: &[u8], at: usize) -> u64 {
    let mut word = [0; 8];
    if let Some(chunk) = s.get(at..at + 8) {
        word.copy_from_slice(chunk);
    }
    u64::from_le_bytes(word)
}

/// Reads an object's entries into `target`, returning the syntax error if the body breaks off.
pub(crate) fn read_object<'de, T: ReadObject<'de>, A: MapAccess<'de>>(
    target: &mut T,
    mut map: A,
    report: &mut ParseReport,
    path: Path,
) -> Result<(), A::Error> {
    while let Some(key) = map.next_key::<Key<'de>>()? {
        if !target.read_property(&key.0, &mut MapValues(&mut map), report, path)? {
            let value: serde_json::Value = map.next_value()?;
            target.keep_unknown(key.0.into_owned(), value);
        }
    }
    Ok(())
}

/// An object key, borrowed from the input when it has no escapes.
pub(crate) struct Key<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a property name")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// Reads an object (or records why it is not one) at `path`.
pub(crate) struct ObjectSeed<'r, T> {
    pub(crate) report: &'r mut ParseReport,
    pub(crate) path: Path,
    pub(crate) _t: PhantomData<T>,
}

impl<'de, T: ReadObject<'de>> DeserializeSeed<'de> for ObjectSeed<'_, T> {
    /// `None` when the value is not an object (the issue is recorded).
    type Value = Option<T>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<T>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T: ReadObject<'de>> Visitor<'de> for ObjectSeed<'_, T> {
    type Value = Option<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<T>, A::Error> {
        let mut t = T::default();
        read_object(&mut t, map, self.report, self.path)?;
        Ok(Some(t))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Option<T>, A::Error> {
        let raw = RawVisitor.visit_seq(seq)?;
        mismatch(self.report, self.path, &raw, "object");
        Ok(None)
    }
    fn visit_unit<E>(self) -> Result<Option<T>, E> {
        mismatch(self.report, self.path, &Raw::Null, "object");
        Ok(None)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Option<T>, E> {
        mismatch(self.report, self.path, &Raw::Bool(false), "object");
        Ok(None)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Option<T>, E> {
        mismatch(self.report, self.path, &Raw::I64(0), "object");
        Ok(None)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Option<T>, E> {
        mismatch(self.report, self.path, &Raw::U64(0), "object");
        Ok(None)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Option<T>, E> {
        mismatch(self.report, self.path, &Raw::F64(0.0), "object");
        Ok(None)
    }
    fn visit_str<E>(self, _: &str) -> Result<Option<T>, E> {
        mismatch(
            self.report,
            self.path,
            &Raw::Str(Cow::Borrowed("")),
            "object",
        );
        Ok(None)
    }
}

/// Reads an array of objects at `path`. A non-object element keeps its index (as a default
/// placeholder the rules skip), so later elements are still reported at their true positions.
pub(crate) struct ListSeed<'r, T> {
    pub(crate) report: &'r mut ParseReport,
    pub(crate) path: Path,
    pub(crate) _t: PhantomData<T>,
}

impl<'de, T: ReadObject<'de>> DeserializeSeed<'de> for ListSeed<'_, T> {
    type Value = Option<Vec<T>>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<Vec<T>>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T: ReadObject<'de>> Visitor<'de> for ListSeed<'_, T> {
    type Value = Option<Vec<T>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<Vec<T>>, A::Error> {
        // No pre-sizing from a hint: the input decides how much memory we take, as it parses.
        // Room for five once there is one entry: Helix takes at most five of a list (five
        // business addresses), so a list it accepts is one allocation.
        let mut items = Vec::new();
        loop {
            let path = self.path.index(items.len());
            let seed = ObjectSeed::<T> {
                report: &mut *self.report,
                path,
                _t: PhantomData,
            };
            let entry = seq.next_element_seed(seed)?;
            if items.capacity() == 0 && entry.is_some() {
                items.reserve_exact(5);
            }
            match entry {
                None => break,
                Some(Some(t)) => items.push(t),
                Some(None) => items.push(T::default()),
            }
        }
        Ok(Some(items))
    }
    fn visit_unit<E>(self) -> Result<Option<Vec<T>>, E> {
        Ok(None)
    }
    fn visit_none<E>(self) -> Result<Option<Vec<T>>, E> {
        Ok(None)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<Vec<T>>, A::Error> {
        let raw = RawVisitor.visit_map(map)?;
        mismatch(self.report, self.path, &raw, "array");
        Ok(None)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Option<Vec<T>>, E> {
        mismatch(self.report, self.path, &Raw::Bool(v), "array");
        Ok(None)
    }
    fn visit_i64<E>(self, v: i64) -> Result<Option<Vec<T>>, E> {
        mismatch(self.report, self.path, &Raw::I64(v), "array");
        Ok(None)
    }
    fn visit_u64<E>(self, v: u64) -> Result<Option<Vec<T>>, E> {
        mismatch(self.report, self.path, &Raw::U64(v), "array");
        Ok(None)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Option<Vec<T>>, E> {
        mismatch(self.report, self.path, &Raw::F64(0.0), "array");
        Ok(None)
    }
    fn visit_str<E>(self, _: &str) -> Result<Option<Vec<T>>, E> {
        mismatch(
            self.report,
            self.path,
            &Raw::Str(Cow::Borrowed("")),
            "array",
        );
        Ok(None)
    }
}

/// The body again with stand-ins for what `serde_json` cannot hold, when it has any: read it
/// after a first read failed. The JSON grammar allows two things `serde_json` cannot hold: a
/// number beyond an f64 and an escaped lone surrogate; the stand-ins are judged by every rule
/// the same way, so that neither is taken for malformed JSON. Only the body's UTF-8 part can
/// hold them; a bad byte after it still ends the read.
pub(crate) fn stand_in_body(bytes: &[u8]) -> Option<Vec<u8>> {
    let valid = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), str::len);
    let text = std::str::from_utf8(&bytes[..valid]).ok()?;
    with_stand_ins(text).map(|text| {
        let mut body = text.into_bytes();
        body.extend_from_slice(&bytes[valid..]);
        body
    })
}

/// Reads `bytes` into `target`: whether they are one whole JSON value.
pub(crate) fn read_all<'de, T: ReadObject<'de>>(
    bytes: &'de [u8],
    target: &mut T,
    report: &mut ParseReport,
) -> bool {
    // Values skipped unread (the inside of an array where a string belongs) are not checked
    // for UTF-8 by the parser, yet a body that is not UTF-8 is not JSON anywhere it happens.
    // Checking the whole body once also lets a valid body be read as `str`, which spares the
    // parser a UTF-8 check per string; the grammar, and so every result, is the same.
    if let Ok(text) = std::str::from_utf8(bytes) {
        read_with(serde_json::Deserializer::from_str(text), target, report).is_ok()
    } else {
        // Still read what precedes the bad byte: those properties are checked too.
        let _ = read_with(serde_json::Deserializer::from_slice(bytes), target, report);
        false
    }
}

/// Whether a JSON number is 1e308 or more in magnitude: the power of ten of its first non-zero
/// digit, read off the text. A margin below the largest f64 (about 1.8e308), so that
/// `serde_json`'s own rounding up there needs no guessing; and no float parser, whose tables
/// grew the WebAssembly build by about 22 KB.
fn at_least_1e308(number: &str) -> bool {
    let unsigned = number.trim_start_matches('-');
    let (mantissa, exponent) = unsigned.split_once(['e', 'E']).unwrap_or((unsigned, "0"));
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let power = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    let lead = if let Some(at) = whole.find(|c| c != '0') {
        power(whole.len() - 1 - at)
    } else if let Some(at) = fraction.find(|c| c != '0') {
        -power(at) - 1
    } else {
        return false;
    };
    // Digits past an i64 are an exponent far beyond any f64, either way.
    let exponent = exponent
        .parse::<i64>()
        .unwrap_or(if exponent.starts_with('-') {
            i64::MIN
        } else {
            i64::MAX
        });
    lead.saturating_add(exponent) >= 308
}

/// Whether `text` is a number as the JSON grammar writes it: `-?(0|[1-9][0-9]*)(\.[0-9]+)?`
/// `([eE][+-]?[0-9]+)?`, whole. Rust's float syntax also takes `01`, `.5` and `1.`, which JSON
/// does not: those must stay malformed.
fn is_json_number(text: &str) -> bool {
    let digits = |s: &[u8]| s.iter().take_while(|b| b.is_ascii_digit()).count();
    let b = text.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => i += digits(&b[i..]),
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        let n = digits(&b[i + 1..]);
        if n == 0 {
            return false;
        }
        i += 1 + n;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let n = digits(&b[i..]);
        if n == 0 {
            return false;
        }
        i += n;
    }
    i == b.len()
}

/// `text` with each number of 1e308 or more in magnitude written as `±1e308`
/// (still a number that is no integer, which is all a rule asks of it) and each escaped lone
/// surrogate as `\uFFFD` (a string keeps its length in characters), or `None` when it holds
/// neither. Scans the bytes once, whatever else is wrong with them.
fn with_stand_ins(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let mut out = String::new();
    // `out` holds `text[..copied]`, stand-ins in place; nothing is copied until one is needed.
    let mut copied = 0;
    let mut replace = |out: &mut String, from: usize, to: usize, with: &str| {
        out.push_str(&text[copied..from]);
        out.push_str(with);
        copied = to;
    };
    let hex4 = |at: usize| {
        let digits = text.get(at..at + 4)?;
        u16::from_str_radix(digits, 16)
            .ok()
            .filter(|_| digits.bytes().all(|c| c.is_ascii_hexdigit()))
    };
    let escaped_unit = |at: usize| {
        (b.get(at..at + 2) == Some(b"\\u"))
            .then(|| hex4(at + 2))
            .flatten()
    };
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] != b'\\' {
                        i += 1;
                        continue;
                    }
                    match escaped_unit(i) {
                        Some(0xD800..=0xDBFF)
                            if matches!(escaped_unit(i + 6), Some(0xDC00..=0xDFFF)) =>
                        {
                            i += 12;
                        }
                        Some(0xD800..=0xDFFF) => {
                            replace(&mut out, i, i + 6, "\\uFFFD");
                            i += 6;
                        }
                        // Any other escape is two bytes (`\uXXXX` skips on as plain bytes).
                        _ => i += 2,
                    }
                }
                i += 1;
            }
            b'-' | b'0'..=b'9' => {
                let end = b[i..]
                    .iter()
                    .position(|c| !matches!(c, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
                    .map_or(b.len(), |n| i + n);
                let number = &text[i..end];
                if is_json_number(number) && at_least_1e308(number) {
                    let with = if b[i] == b'-' { "-1e308" } else { "1e308" };
                    replace(&mut out, i, end, with);
                }
                i = end;
            }
            _ => i += 1,
        }
    }
    (copied > 0).then(|| {
        out.push_str(&text[copied..]);
        out
    })
}

/// Reads one value into `target` and checks that nothing follows it.
fn read_with<'de, R: serde_json::de::Read<'de>, T: ReadObject<'de>>(
    mut de: serde_json::Deserializer<R>,
    target: &mut T,
    report: &mut ParseReport,
) -> Result<(), ()> {
    let seed = TopSeed { target, report };
    seed.deserialize(&mut de)
        .and_then(|()| de.end())
        .map_err(drop)
}

struct TopSeed<'a, T> {
    target: &'a mut T,
    report: &'a mut ParseReport,
}

impl<'de, T: ReadObject<'de>> DeserializeSeed<'de> for TopSeed<'_, T> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T: ReadObject<'de>> Visitor<'de> for TopSeed<'_, T> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a customer object")
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        read_object(self.target, map, self.report, Path::root())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        let raw = RawVisitor.visit_seq(seq)?;
        mismatch(self.report, Path::root(), &raw, "object");
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        mismatch(self.report, Path::root(), &Raw::Null, "object");
        Ok(())
    }
    fn visit_bool<E>(self, v: bool) -> Result<(), E> {
        mismatch(self.report, Path::root(), &Raw::Bool(v), "object");
        Ok(())
    }
    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        mismatch(self.report, Path::root(), &Raw::I64(v), "object");
        Ok(())
    }
    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        mismatch(self.report, Path::root(), &Raw::U64(v), "object");
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        mismatch(self.report, Path::root(), &Raw::F64(0.0), "object");
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        mismatch(
            self.report,
            Path::root(),
            &Raw::Str(Cow::Borrowed("")),
            "object",
        );
        Ok(())
    }
}

/// Strict reading for the ordinary `Deserialize` impls: the first issue becomes the error.
pub(crate) fn read_strict<'de, T: ReadObject<'de>, D: Deserializer<'de>>(
    d: D,
) -> Result<T, D::Error> {
    let mut report = ParseReport::default();
    let seed = ObjectSeed::<T> {
        report: &mut report,
        path: Path::root(),
        _t: PhantomData,
    };
    let value = seed.deserialize(d)?;
    // Names the place and the types, never the value: the value may be PII. Text sent as a
    // number or a boolean is read as Helix reads it, not refused.
    let refused = report.issues.iter().find_map(|issue| match &issue.kind {
        IssueKind::Mismatch { found, expected } => Some(format!(
            "at {:?}: could not convert {found} to {expected}",
            issue.path.to_string()
        )),
        IssueKind::BadBoolean { property } => Some(format!(
            "at {:?}: {property} is not a valid boolean",
            issue.path.to_string()
        )),
        IssueKind::SentAsText { .. } => None,
    });
    if let Some(msg) = refused {
        return Err(de::Error::custom(msg));
    }
    // A typed patch cannot hold it: refused rather than read as no id at all.
    if report.large_customer_id.is_some() {
        return Err(de::Error::custom(
            "at \"/customerId\": the integer is beyond what a customer id can hold",
        ));
    }
    value.ok_or_else(|| de::Error::custom("expected a JSON object"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stand_ins_for_what_serde_json_cannot_hold() {
        let cases = [
            (r#"{"a":1e400}"#, Some(r#"{"a":1e308}"#)),
            (
                r"[-1e400,1e300,-0.5e-400]",
                Some(r"[-1e308,1e300,-0.5e-400]"),
            ),
            // Within a hair of the largest f64, where serde_json's rounding may overflow.
            (r"[1.7976931348623157e308,1e308]", Some(r"[1e308,1e308]")),
            (
                r"[1e99999999999999999999,-1e-99999999999999999999,0e999,0.000e999]",
                Some(r"[1e308,-1e-99999999999999999999,0e999,0.000e999]"),
            ),
            // Huge, but no JSON numbers: left for the reader to reject.
            (r"[01e400,-.5e400,1.e400,1e400.]", None),
            (r#"{"a":"x\ud800y"}"#, Some(r#"{"a":"x\uFFFDy"}"#)),
            (
                r#"{"a":"\udc00\ud83d\ude00\ud83d"}"#,
                Some(r#"{"a":"\uFFFD\ud83d\ude00\uFFFD"}"#),
            ),
            // Not numbers and not escapes: text inside strings, and an escaped backslash.
            (r#"{"1e400":"1e400 \\ud800"}"#, None),
            (r#"{"a":1e300,"b":"\u00e9\"\ud83d\ude00"}"#, None),
            // Malformed either way: replaced all the same, and the reader still rejects it.
            (r#"{"a":1e400"#, Some(r#"{"a":1e308"#)),
            ("", None),
        ];
        for (text, want) in cases {
            assert_eq!(with_stand_ins(text).as_deref(), want, "{text}");
        }
    }

    /// The JSON number grammar as a regex: the reference for [`is_json_number`].
    fn json_number_regex() -> regex::Regex {
        regex::Regex::new(r"\A-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?\z").unwrap()
    }

    #[test]
    fn json_numbers_by_hand() {
        for yes in [
            "0",
            "-0",
            "7",
            "-12",
            "1.5",
            "0.0",
            "1e5",
            "1E+5",
            "-1.25e-300",
            "10",
        ] {
            assert!(is_json_number(yes), "{yes}");
        }
        for no in [
            "", "-", "01", "-01", ".5", "1.", "1e", "1e+", "+1", "1.5.2", "1-", "--1", "1e5e5",
            "0x1", "1 ", "١", "1E310E",
        ] {
            assert!(!is_json_number(no), "{no}");
        }
    }

    proptest::proptest! {
        /// The hand-written check answers as the grammar's regex does, on the characters a
        /// number is scanned from and on anything at all; and serde_json reads exactly those as
        /// numbers.
        #[test]
        fn json_number_check_is_the_grammars(
            text in proptest::prop_oneof![
                "[-+.eE0-9]{0,12}",
                "-?(0|[1-9][0-9]{0,3})(\\.[0-9]{0,3})?([eE][-+]?[0-9]{0,3})?",
                "\\PC{0,8}",
            ]
        ) {
            let want = json_number_regex().is_match(&text);
            proptest::prop_assert_eq!(is_json_number(&text), want, "{:?}", text);
            // serde_json refuses a number past an f64's range as soon as it has read the
            // exponent, before what follows (`1E310E`): there the grammar alone decides.
            match serde_json::from_str::<serde_json::Number>(&text) {
                Err(e) if e.to_string().starts_with("number out of range") => {}
                read => proptest::prop_assert_eq!(read.is_ok(), want, "serde_json on {:?}", text),
            }
        }

        /// Read off the digits, as a float parser would say (with up to 15 significant digits,
        /// which an f64 keeps apart from 1e308).
        #[test]
        fn at_least_1e308_as_a_float_parser_says(
            digits in "[1-9][0-9]{0,14}",
            zeros in 0usize..4,
            // Often a zero whole part, and often right at the boundary.
            point in proptest::prop_oneof![0usize..4, 0usize..20],
            exponent in proptest::prop_oneof![300i32..320, -400i32..400],
            negative in proptest::prelude::any::<bool>(),
        ) {
            let digits = format!("{}{digits}", "0".repeat(zeros));
            let (whole, fraction) = digits.split_at(point.min(digits.len()));
            // JSON writes no leading zero but a lone one.
            let whole = match whole.trim_start_matches('0') {
                "" => "0",
                whole => whole,
            };
            let sign = if negative { "-" } else { "" };
            let number = if fraction.is_empty() {
                format!("{sign}{whole}e{exponent}")
            } else {
                format!("{sign}{whole}.{fraction}e{exponent}")
            };
            proptest::prop_assert!(is_json_number(&number), "{}", number);
            let x: f64 = number.parse().unwrap();
            proptest::prop_assert_eq!(at_least_1e308(&number), x.abs() >= 1e308, "{}", number);
        }

        /// What serde_json writes never needs a stand-in, so the second read never runs on it.
        #[test]
        fn serialized_values_need_no_stand_in(text in "\\PC{0,40}", x in -1e308f64..1e308) {
            let body = serde_json::json!({ "s": text, "n": x, "l": [x, -x, text] }).to_string();
            proptest::prop_assert_eq!(with_stand_ins(&body), None);
        }
    }
}
