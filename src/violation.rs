//! Violations: what a rule reports, where, and in which words.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;

use serde::ser::SerializeStruct;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A Helix error code, such as `60301`.
///
/// Codes are the API: Helix's own codes keep Helix's number; checks Helix gives no code for use
/// 58000-58999, the range Helix reserves for third parties.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Code(pub u32);

impl From<u32> for Code {
    fn from(code: u32) -> Self {
        Code(code)
    }
}

impl Code {
    /// The number, as Helix sends it in `errors[].code`.
    #[must_use]
    pub const fn get(self) -> u32 {
        self.0
    }

    /// Whether Helix rejects the request for it (an error) or the crate only advises (a
    /// warning): the crate's own codes, 58000-58999, are warnings, since Helix never issues
    /// that range and is not known to reject what they report.
    #[must_use]
    pub const fn severity(self) -> Severity {
        if self.0 >= 58000 && self.0 <= 58999 {
            Severity::Warning
        } else {
            Severity::Error
        }
    }
}

/// How a code counts: a Helix error decides whether the request is accepted; a warning does not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Helix's own code: Helix rejects the request.
    Error,
    /// The crate's own code (58000-58999) for a limit Helix documents but is not known to
    /// enforce: Helix may accept the request.
    Warning,
}

impl Severity {
    /// `"error"` or `"warning"`, as the result document and the catalogue write it.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// One step of a [`Path`]: a property name (a wire name) or an array index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Segment {
    /// A property, by its camelCase wire name.
    Name(&'static str),
    /// A position in an array.
    Index(usize),
}

impl Ord for Segment {
    fn cmp(&self, other: &Self) -> Ordering {
        // Indexes compare as numbers, names as strings; the schema never puts both at one depth.
        match (self, other) {
            (Segment::Index(a), Segment::Index(b)) => a.cmp(b),
            // Measured: the pointer-equality and first-byte shortcuts that stood here cost
            // 1.2% more on full_invalid than the plain comparison.
            (Segment::Name(a), Segment::Name(b)) => a.cmp(b),
            (Segment::Index(_), Segment::Name(_)) => Ordering::Less,
            (Segment::Name(_), Segment::Index(_)) => Ordering::Greater,
        }
    }
}

impl PartialOrd for Segment {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

pub(crate) const MAX_DEPTH: usize = 3;

/// An RFC 6901 JSON Pointer into the request body, such as `/addresses/1/postalCode`.
///
/// The schema is at most three levels deep, so a path is a small `Copy` value: building one
/// never allocates. It prints (and serializes) as the pointer text.
///
/// ```
/// use helix_customer_rules::Path;
/// let p = Path::root().name("addresses").index(1).name("postalCode");
/// assert_eq!(p.to_string(), "/addresses/1/postalCode");
/// assert_eq!("/addresses/1/postalCode".parse::<Path>(), Ok(p));
/// ```
///
/// Beside `axum::extract::Path` in a service's imports, [`JsonPointer`] is the same type.
///
/// Parsing (`FromStr`, `Deserialize`) takes the pointers this crate writes: names from the
/// schema's wire names ([`CustomerPatch::PROPERTIES`](crate::CustomerPatch::PROPERTIES) and
/// those of addresses and phones), indexes, at most three levels. A name the schema does not
/// have is an error: a path's names are `&'static str`, so that building one never allocates.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Path {
    segs: [Segment; MAX_DEPTH],
    len: u8,
}

impl Path {
    /// The whole document: the empty pointer `""`.
    #[must_use]
    pub const fn root() -> Path {
        Path {
            segs: [Segment::Index(0); MAX_DEPTH],
            len: 0,
        }
    }

    /// A top-level property.
    #[must_use]
    pub const fn field(name: &'static str) -> Path {
        Path::root().name(name)
    }

    /// This path extended by a property name. Past the schema's depth the path stays as it is
    /// (the deepest pointer the schema has), rather than panicking.
    #[must_use]
    pub const fn name(self, name: &'static str) -> Path {
        self.push(Segment::Name(name))
    }

    /// This path extended by an array index.
    #[must_use]
    pub const fn index(self, i: usize) -> Path {
        self.push(Segment::Index(i))
    }

    const fn push(mut self, s: Segment) -> Path {
        if (self.len as usize) < MAX_DEPTH {
            self.segs[self.len as usize] = s;
            self.len += 1;
        }
        self
    }

    /// Whether `prefix`'s segments begin this path (every path starts with the root).
    #[must_use]
    pub fn starts_with(&self, prefix: &Path) -> bool {
        self.segments().starts_with(prefix.segments())
    }

    /// The segments, outermost first.
    #[must_use]
    pub fn segments(&self) -> &[Segment] {
        &self.segs[..self.len as usize]
    }
}

impl Ord for Path {
    fn cmp(&self, other: &Self) -> Ordering {
        self.segments().cmp(other.segments())
    }
}

impl PartialOrd for Path {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for s in self.segments() {
            // Wire names never contain `~` or `/`, so no RFC 6901 escaping is needed.
            match s {
                Segment::Name(n) => write!(f, "/{n}")?,
                Segment::Index(i) => write!(f, "/{i}")?,
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Path({self:?})", self = self.to_string())
    }
}

impl Serialize for Path {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// [`Path`] under a name that does not clash with `axum::extract::Path` (or `std::path::Path`).
pub type JsonPointer = Path;

/// Why a text is not a [`Path`] this crate writes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsePathError(pub(crate) &'static str);

impl fmt::Display for ParsePathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for ParsePathError {}

// `FromStr` and `Deserialize` for `Path` live in `model`, which owns the wire names.

/// One reason Helix would reject the request: `{code, path, message}`.
///
/// `message` is Helix's en-US template with its placeholders filled. Templates without
/// placeholders are borrowed, so most violations cost no formatting at all.
///
/// A service's own checks make theirs with [`Violation::new`] and report them beside the
/// crate's with [`Outcome::merge`](crate::Outcome::merge) (or [`merge_violations`], for a plain list).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Violation {
    code: Code,
    path: Path,
    message: Cow<'static, str>,
}

impl Violation {
    /// A violation of `code` at `path` with `message`: for a service's own checks, reported
    /// beside the crate's. Pick a code the crate does not use
    /// ([`rule`](crate::rule)`(code)` is `None`), and keep customer data out of the message.
    ///
    /// ```
    /// use helix_customer_rules::{Path, Violation};
    /// let v = Violation::new(1001, Path::field("customerId"), "customerId does not match the URL.");
    /// assert_eq!(v.code().get(), 1001);
    /// assert_eq!(v.path().to_string(), "/customerId");
    /// ```
    #[must_use]
    pub fn new(
        code: impl Into<Code>,
        path: Path,
        message: impl Into<Cow<'static, str>>,
    ) -> Violation {
        Violation {
            code: code.into(),
            path,
            message: message.into(),
        }
    }

    /// The Helix error code.
    #[must_use]
    pub fn code(&self) -> Code {
        self.code
    }

    /// Whether it is a Helix error or one of the crate's warnings.
    #[must_use]
    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    /// Where in the request body: a JSON Pointer built from wire names.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The en-US message, exactly as Helix words it.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The order of the contract: by code, then by path segment by segment.
    pub(crate) fn sort_key(&self) -> (Code, &Path) {
        (self.code, &self.path)
    }
}

impl Ord for Violation {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key()
            .cmp(&other.sort_key())
            .then_with(|| self.message.cmp(&other.message))
    }
}

impl PartialOrd for Violation {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at {:?}: {}",
            self.code,
            self.path.to_string(),
            self.message
        )
    }
}

impl Serialize for Violation {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Violation", 3)?;
        st.serialize_field("code", &self.code)?;
        st.serialize_field("path", &self.path)?;
        st.serialize_field("message", &self.message)?;
        st.end()
    }
}

impl<'de> Deserialize<'de> for Violation {
    /// Reads the contract's shape back (a 422 body in a service's test, say): exactly
    /// `code`, `path` and `message`.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Violation, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Wire {
            code: Code,
            path: Path,
            message: String,
        }
        let w = Wire::deserialize(d)?;
        Ok(Violation::new(w.code, w.path, w.message))
    }
}

/// Adds `more` (a service's own violations, say) to `list` (in the contract's order, as
/// [`validate`](crate::validate) returns it), keeping the contract: ordered by code, then by
/// path; one violation per (code, path), the one already in `list` when both have one.
///
/// ```
/// use helix_customer_rules::{merge_violations, Path, Violation};
/// let mut list = vec![Violation::new(60302, Path::field("gender"), "Gender is invalid.")];
/// merge_violations(&mut list, [Violation::new(1001, Path::field("customerId"), "Wrong customer.")]);
/// let codes: Vec<u32> = list.iter().map(|v| v.code().get()).collect();
/// assert_eq!(codes, [1001, 60302]);
/// ```
pub fn merge_violations(list: &mut Vec<Violation>, more: impl IntoIterator<Item = Violation>) {
    let before = list.len();
    list.extend(more);
    if list.len() == before {
        return;
    }
    // Stable, so that of two at one (code, path) the first (the crate's) is the one kept.
    list.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    list.dedup_by(|a, b| a.sort_key() == b.sort_key());
}

/// Fills `{...}` placeholders in order with `args`. A placeholder without an argument is left
/// as written, so a template bug shows in the message instead of panicking.
pub(crate) fn render(template: &'static str, args: &[&str]) -> Cow<'static, str> {
    if args.is_empty() {
        return Cow::Borrowed(template);
    }
    let mut out =
        String::with_capacity(template.len() + args.iter().map(|a| a.len()).sum::<usize>());
    let mut rest = template;
    let mut args = args.iter();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        out.push_str(&rest[..open]);
        match args.next() {
            Some(a) => out.push_str(a),
            None => out.push_str(&rest[open..=open + close]),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_order_indexes_numerically() {
        let a = Path::field("addresses").index(2).name("city");
        let b = Path::field("addresses").index(10).name("city");
        assert!(a < b);
        assert!(Path::field("addresses") < a);
        assert!(Path::root() < Path::field("addresses"));
        // Names compare as strings, first byte or not.
        assert!(Path::field("addressLine1") < Path::field("addressLine2"));
        assert!(Path::field("address") < Path::field("addressLine1"));
        assert!(Path::field("phones") > Path::field("lastName"));
    }

    #[test]
    fn render_fills_in_order_and_keeps_missing() {
        assert_eq!(render("Tag '{0}' is taken.", &["x"]), "Tag 'x' is taken.");
        assert_eq!(
            render("Could not convert {0} to {1}.", &["a", "b"]),
            "Could not convert a to b."
        );
        assert_eq!(render("{0} and {1}", &["a"]), "a and {1}");
        assert!(matches!(render("plain", &[]), Cow::Borrowed("plain")));
    }
}
