//! Python binding of `helix-customer-rules`: the extension module `helix_customer_rules._native`
//! behind the `helix_customer_rules` package (`pysrc/`), built with maturin as one abi3 wheel.
//!
//! The binding only moves documents across the boundary: a request document goes in as JSON
//! bytes (a `dict` is written as JSON here, as `json.dumps` would), [`evaluate_request`] decides,
//! and the result document comes back as the Python objects of the JSON the command line prints.
//! No rule runs here.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::fmt;
use std::fmt::Write as _;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::OnceLock;

use helix_customer_rules::__private::parse_plain_date;
use helix_customer_rules::{
    catalogue, evaluate_request, Outcome, Path, RequestError as LibError, Segment, Violation,
};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{
    PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType,
};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use time::Date;

/// Deeper than this, a `dict` is refused rather than written: Python's own `json.dumps` stops
/// near here (its recursion limit), and a circular `dict` would otherwise never end.
const MAX_DEPTH: usize = 512;

/// A single document at least this long is evaluated with the GIL released; shorter ones take
/// less time than releasing and taking it back.
const DETACH_AT: usize = 16 * 1024;

/// `validate_many` evaluates this many documents (with the GIL released), then builds their
/// results (with it held) and frees their outcomes, chunk after chunk: the outcomes are still
/// in cache when they become Python objects, the next chunk's reuse their memory, and a batch
/// holds one chunk's outcomes at a time however long it is.
const CHUNK: usize = 16;

/// `helix_customer_rules.RequestError`, defined in Python (`pysrc/helix_customer_rules/_errors.py`)
/// so that it is an ordinary class users can subclass and pickle.
fn request_error(py: Python<'_>, message: String) -> PyErr {
    static CLASS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let class = CLASS.get_or_try_init(py, || {
        py.import("helix_customer_rules._errors")?
            .getattr("RequestError")
            .map(Bound::unbind)
    });
    match class.and_then(|c| c.bind(py).call1((message,))) {
        Ok(instance) => PyErr::from_value(instance),
        Err(e) => e,
    }
}

/// A request document on its way to the library: borrowed from a `bytes` or `str`, or written.
enum Document<'py> {
    Bytes(Bound<'py, PyBytes>),
    Owned(Vec<u8>),
}

impl Document<'_> {
    fn as_slice(&self) -> &[u8] {
        match self {
            Document::Bytes(b) => b.as_bytes(),
            Document::Owned(v) => v,
        }
    }
}

/// Why a request could not be made into JSON bytes.
enum Unwritable {
    /// The Python value is of the wrong type (`TypeError`, as `json.dumps` raises).
    Type(PyErr),
    /// The value has no JSON form (a non-finite float, too deep): a document error.
    Document(String),
    /// Python itself failed (memory, a failing `__str__`).
    Python(PyErr),
}

impl From<PyErr> for Unwritable {
    fn from(e: PyErr) -> Self {
        Unwritable::Python(e)
    }
}

impl Unwritable {
    fn into_py_err(self, py: Python<'_>) -> PyErr {
        match self {
            Unwritable::Type(e) | Unwritable::Python(e) => e,
            Unwritable::Document(m) => request_error(py, m),
        }
    }
}

fn document<'py>(request: &Bound<'py, PyAny>) -> Result<Document<'py>, Unwritable> {
    if let Ok(b) = request.cast::<PyBytes>() {
        return Ok(Document::Bytes(b.clone()));
    }
    if let Ok(s) = request.cast::<PyString>() {
        return Ok(Document::Bytes(match s.encode_utf8() {
            Ok(b) => b,
            // A lone surrogate has no UTF-8 form; `surrogatepass` keeps its bytes, which the
            // library reads as a document that is not UTF-8 (as it would read them from a file).
            Err(_) => s
                .call_method1("encode", ("utf-8", "surrogatepass"))?
                .cast_into::<PyBytes>()
                .map_err(PyErr::from)?,
        }));
    }
    if let Ok(b) = request.cast::<PyByteArray>() {
        // Copied: a bytearray may change size while the GIL is released.
        return Ok(Document::Owned(b.to_vec()));
    }
    if request.cast::<PyDict>().is_ok() {
        let mut out = Vec::with_capacity(512);
        write_json(request, &mut out, 0, &Trail::Root)?;
        return Ok(Document::Owned(out));
    }
    Err(Unwritable::Type(PyTypeError::new_err(format!(
        "a request document is a dict, or its JSON as str or bytes, not {}",
        type_name(request)
    ))))
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map_or_else(|_| "an unknown type".to_owned(), |n| n.to_string())
}

fn write_str(s: &Bound<'_, PyString>, out: &mut Vec<u8>) -> Result<(), Unwritable> {
    if let Ok(b) = s.encode_utf8() {
        // Python's encoder made these bytes, so they are UTF-8; the check is a formality.
        if let Ok(text) = std::str::from_utf8(b.as_bytes()) {
            // Writing a str into a Vec cannot fail.
            serde_json::to_writer(&mut *out, text).ok();
            return Ok(());
        }
    }
    // A lone surrogate: json.dumps writes it as a \u escape, which the library reads as
    // JSON that no rule can take for text.
    let json = s.py().import("json")?.call_method1("dumps", (s,))?;
    out.extend_from_slice(
        json.cast::<PyString>()
            .map_err(PyErr::from)?
            .encode_utf8()?
            .as_bytes(),
    );
    Ok(())
}

/// Where a value sits in the document being written, rendered (keys and indexes only, never a
/// value) only when an error names it.
enum Trail<'a, 'py> {
    Root,
    Key(&'a Trail<'a, 'py>, &'a Bound<'py, PyString>),
    Index(&'a Trail<'a, 'py>, usize),
}

impl fmt::Display for Trail<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Trail::Root => Ok(()),
            Trail::Key(up, key) => write!(f, "{up}/{}", key.to_string_lossy()),
            Trail::Index(up, n) => write!(f, "{up}/{n}"),
        }
    }
}

impl Trail<'_, '_> {
    fn name(&self) -> String {
        match self {
            Trail::Root => "/".to_owned(),
            _ => self.to_string(),
        }
    }
}

/// Writes a Python value as JSON, as `json.dumps` would (in its own spacing), so that a `dict`
/// and its JSON text get the same answer.
fn write_json<'py>(
    value: &Bound<'py, PyAny>,
    out: &mut Vec<u8>,
    depth: usize,
    at: &Trail<'_, 'py>,
) -> Result<(), Unwritable> {
    if depth > MAX_DEPTH {
        return Err(Unwritable::Document(format!(
            "the request document nests deeper than {MAX_DEPTH} levels (is it circular?)"
        )));
    }
    if let Ok(s) = value.cast::<PyString>() {
        write_str(s, out)?;
    } else if value.is_none() {
        out.extend_from_slice(b"null");
    } else if let Ok(b) = value.cast::<PyBool>() {
        out.extend_from_slice(if b.is_true() { b"true" } else { b"false" });
    } else if let Ok(i) = value.cast::<PyInt>() {
        if let Ok(n) = i.extract::<i64>() {
            serde_json::to_writer(&mut *out, &n).ok();
        } else {
            // Beyond 64 bits: the digits, as json.dumps writes them.
            out.extend_from_slice(i.str()?.encode_utf8()?.as_bytes());
        }
    } else if let Ok(f) = value.cast::<PyFloat>() {
        let x = f.value();
        if !x.is_finite() {
            return Err(Unwritable::Document(format!(
                "the request document has a float that JSON cannot carry (nan or infinity) at {}",
                at.name()
            )));
        }
        serde_json::to_writer(&mut *out, &x).ok();
    } else if let Ok(d) = value.cast::<PyDict>() {
        out.push(b'{');
        for (n, (k, v)) in d.iter().enumerate() {
            if n > 0 {
                out.push(b',');
            }
            let key = if let Ok(s) = k.cast::<PyString>() {
                s.clone()
            } else if k.cast::<PyInt>().is_ok() && k.cast::<PyBool>().is_err() {
                // json.dumps writes an int key as its digits.
                k.str()?
            } else {
                return Err(Unwritable::Type(PyTypeError::new_err(format!(
                    "keys must be str or int, not {} (at {})",
                    type_name(&k),
                    at.name()
                ))));
            };
            write_str(&key, out)?;
            out.push(b':');
            write_json(&v, out, depth + 1, &Trail::Key(at, &key))?;
        }
        out.push(b'}');
    } else if value.cast::<PyList>().is_ok() || value.cast::<PyTuple>().is_ok() {
        out.push(b'[');
        for (n, item) in value.try_iter()?.enumerate() {
            if n > 0 {
                out.push(b',');
            }
            write_json(&item?, out, depth + 1, &Trail::Index(at, n))?;
        }
        out.push(b']');
    } else {
        // json.dumps's own wording.
        return Err(Unwritable::Type(PyTypeError::new_err(format!(
            "Object of type {} is not JSON serializable (at {})",
            type_name(value),
            at.name()
        ))));
    }
    Ok(())
}

/// `datetime.date`, looked up once.
fn date_class(py: Python<'_>) -> PyResult<&Bound<'_, PyAny>> {
    static CLASS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    CLASS
        .get_or_try_init(py, || {
            py.import("datetime")?.getattr("date").map(Bound::unbind)
        })
        .map(|c| c.bind(py))
}

/// A `datetime.date` (or `datetime.datetime`, whose day is taken) as a `Date`.
fn date_of(day: &Bound<'_, PyAny>) -> PyResult<Date> {
    // Day 1 of Python's proleptic Gregorian ordinals, 0001-01-01, is Julian day 1,721,426.
    let ordinal: i32 = day.call_method0("toordinal")?.extract()?;
    Date::from_julian_day(ordinal + 1_721_425)
        .map_err(|_| PyValueError::new_err("today is out of range"))
}

/// The local calendar day, as `datetime.date.today()` gives it: the library never reads a clock.
fn local_day(py: Python<'_>) -> PyResult<Date> {
    date_of(&date_class(py)?.call_method0("today")?)
}

/// The `today` argument: a `YYYY-MM-DD` str or a `datetime.date`; `None` when not given.
fn today_argument(py: Python<'_>, today: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Date>> {
    let Some(day) = today.filter(|t| !t.is_none()) else {
        return Ok(None);
    };
    if let Ok(s) = day.cast::<PyString>() {
        let text = s.to_cow()?;
        return parse_plain_date(&text)
            .map(Some)
            .ok_or_else(|| PyValueError::new_err("today must be a YYYY-MM-DD date"));
    }
    if day.is_instance(date_class(py)?)? {
        return date_of(day).map(Some);
    }
    Err(PyTypeError::new_err(format!(
        "today must be a YYYY-MM-DD str or a datetime.date, not {}",
        type_name(day)
    )))
}

/// The hasher of [`Results`]' caches: a multiply-and-rotate over whole words (as rustc's
/// `FxHasher`), since the keys are a handful of codes, paths and texts of the crate's own making,
/// not input an attacker picks.
#[derive(Default)]
struct Quick(u64);

impl Quick {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for Quick {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            // `chunks_exact(8)` gives 8 bytes.
            self.add(u64::from_le_bytes(c.try_into().unwrap_or_default()));
        }
        let mut last = [0u8; 8];
        last[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
        self.add(u64::from_le_bytes(last));
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        // hashbrown takes the bucket from the low bits and the tag from the top ones.
        self.0.rotate_left(26)
    }
}

type Quickly = BuildHasherDefault<Quick>;

/// Builds result documents as Python objects, keys in the command line's order. Built directly
/// rather than through JSON text; the golden cases check every violation against the JSON the
/// library serializes.
///
/// A batch repeats the same codes, messages and paths across documents: with `share`, each
/// distinct one becomes one Python object, shared (Python's `int` and `str` are immutable),
/// which saves most of the allocations of a batch with many violations. A violation seen before
/// is found by [`Seen`] (addresses, no text read) or, with its message filled in for each
/// document, by [`Like`] (its message's length and ends, then compared), and its `dict` copied
/// ([`Memo`]); one not seen before has its parts looked up by value (a path as the library's
/// [`Path`], so that it is written out only the first time). One document has too few repeats
/// to pay for the lookups.
///
/// Every key is owned, `'static` or the address of a text a memo owns, so the caches outlive
/// the outcomes they were filled from: a batch is evaluated and built a few documents at a
/// time, and the outcomes freed as it goes.
struct Results<'py> {
    py: Python<'py>,
    share: bool,
    keys: [Bound<'py, PyString>; 6],
    codes: HashMap<u32, Bound<'py, PyAny>, Quickly>,
    paths: HashMap<Path, Bound<'py, PyString>, Quickly>,
    messages: HashMap<Box<str>, Bound<'py, PyString>, Quickly>,
    memos: Vec<Memo<'py>>,
    seen: HashMap<Seen, usize, Quickly>,
    by_value: HashMap<Like, Vec<usize>, Quickly>,
    items: Vec<Bound<'py, PyDict>>,
    path: String,
    result: Option<Bound<'py, PyDict>>,
}

/// A path as cache-key words: each name by address and length (names are `&'static str`), each
/// index marked by the last address, where no name can start. `None` past three segments.
fn path_words(path: &Path) -> Option<[(usize, usize); 3]> {
    let mut words = [(0, 0); 3];
    let segments = path.segments();
    if segments.len() > words.len() {
        return None;
    }
    for (slot, s) in words.iter_mut().zip(segments) {
        *slot = match *s {
            Segment::Name(n) => (n.as_ptr() as usize, n.len()),
            Segment::Index(i) => (usize::MAX, i),
        };
    }
    Some(words)
}

/// A violation as a cache key by where its parts are in memory rather than what they say: its
/// code, its path's words ([`path_words`]) and its message's address and length. Cheap to hash
/// and compare: no text is read. Only addresses of texts that stay put are keys: a `'static`
/// message, or the copy of a message a [`Memo`] owns; so one key is one text, and a message
/// filled in for each document (at a new address each time) is found by [`Like`] instead.
#[derive(PartialEq, Eq, Hash)]
struct Seen {
    code: u32,
    path: [(usize, usize); 3],
    message: (usize, usize),
}

/// A violation as a cache key by its code, its path's words and its message's length and first
/// and last 8 bytes (messages run to 200 bytes): the memos it names are then compared in full.
#[derive(PartialEq, Eq, Hash)]
struct Like {
    code: u32,
    path: [(usize, usize); 3],
    message: (usize, u64, u64),
}

impl Like {
    fn of(code: u32, path: [(usize, usize); 3], text: &str) -> Like {
        let b = text.as_bytes();
        let n = b.len().min(8);
        let word = |part: &[u8]| {
            let mut w = [0u8; 8];
            w[..part.len()].copy_from_slice(part);
            u64::from_le_bytes(w)
        };
        Like {
            code,
            path,
            message: (b.len(), word(&b[..n]), word(&b[b.len() - n..])),
        }
    }
}

/// What [`Results`] keeps of a violation it has seen: a copy of it (whose message's address
/// [`Seen`] may key on), and its three values the first time, from the second time a
/// [`template`] `dict` of them, which each later sighting copies. The kept `dict` itself is
/// never handed out, so a caller changing a result changes no other.
struct Memo<'py> {
    violation: Violation,
    kept: Kept<'py>,
}

enum Kept<'py> {
    Once([Bound<'py, PyAny>; 3]),
    Template(Bound<'py, PyDict>),
}

impl<'py> Memo<'py> {
    /// The `dict` of a violation seen again.
    fn sighting(&mut self, keys: &[Bound<'py, PyString>; 6]) -> PyResult<Bound<'py, PyDict>> {
        match &self.kept {
            Kept::Template(t) => t.copy(),
            Kept::Once(values) => {
                let t = template(&VIOLATION_CLASS, &keys[..3], values)?;
                let item = t.copy();
                self.kept = Kept::Template(t);
                item
            }
        }
    }
}

/// A violation's `dict` of `code`, `path` and `message`, in that order.
fn violation_dict<'py>(
    keys: &[Bound<'py, PyString>; 6],
    values: &[Bound<'py, PyAny>; 3],
) -> PyResult<Bound<'py, PyDict>> {
    let item = PyDict::new(keys[0].py());
    for (k, v) in keys.iter().zip(values) {
        item.set_item(k, v)?;
    }
    Ok(item)
}

/// A class whose instances' `__dict__`s are [`template`]s, made once per `cell`. Python shares
/// one table of keys among the instance dictionaries of a class (a split table) once a few
/// instances have set the same attributes, so it is made with 32 of them.
fn template_class<'py>(
    cell: &'static PyOnceLock<Py<PyAny>>,
    keys: &[Bound<'py, PyString>],
) -> PyResult<&'py Bound<'py, PyAny>> {
    let py = keys[0].py();
    cell.get_or_try_init(py, || {
        let class =
            py.get_type::<PyType>()
                .call1(("_Template", PyTuple::empty(py), PyDict::new(py)))?;
        for _ in 0..32 {
            let instance = class.call0()?;
            for k in keys {
                instance.setattr(k, py.None())?;
            }
        }
        Ok::<_, PyErr>(class.unbind())
    })
    .map(|c| c.bind(py))
}

/// A `dict` of `keys` and `values` to copy for each `dict` of that shape: the `__dict__` of a
/// [`template_class`] instance, whose copies share its table of keys and own only their values
/// (Python 3.9 to 3.13, three keys: 96 to 104 bytes where a plain `dict` takes 184 to 232),
/// which makes a batch's `dict`s about half as costly to make and to free. They are ordinary
/// `dict`s, each with its own values: Python keeps a shared table correct under any change, so
/// changing, adding or removing a key of one changes no other.
fn template<'py>(
    cell: &'static PyOnceLock<Py<PyAny>>,
    keys: &[Bound<'py, PyString>],
    values: &[Bound<'py, PyAny>],
) -> PyResult<Bound<'py, PyDict>> {
    let py = keys[0].py();
    let instance = template_class(cell, keys)?.call0()?;
    for (k, v) in keys.iter().zip(values) {
        instance.setattr(k, v)?;
    }
    Ok(instance
        .getattr(intern!(py, "__dict__"))?
        .cast_into::<PyDict>()?)
}

/// The template classes of a violation's `dict` and of a result document.
static VIOLATION_CLASS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
static RESULT_CLASS: PyOnceLock<Py<PyAny>> = PyOnceLock::new();

/// A path as its JSON Pointer text, written through `buffer`.
fn path_text<'py>(py: Python<'py>, buffer: &mut String, path: &Path) -> Bound<'py, PyString> {
    buffer.clear();
    // Writing into a String cannot fail.
    write!(buffer, "{path}").ok();
    PyString::new(py, buffer)
}

/// Where `Results::keys` are: a violation's three first, in their order, then the result's.
const VALID: usize = 3;
const VIOLATIONS: usize = 4;
const WARNINGS: usize = 5;

impl<'py> Results<'py> {
    fn new(py: Python<'py>, share: bool) -> Self {
        let keys = [
            intern!(py, "code"),
            intern!(py, "path"),
            intern!(py, "message"),
            intern!(py, "valid"),
            intern!(py, "violations"),
            intern!(py, "warnings"),
        ]
        .map(Clone::clone);
        Results {
            py,
            share,
            keys,
            codes: HashMap::default(),
            paths: HashMap::default(),
            messages: HashMap::default(),
            memos: Vec::new(),
            seen: HashMap::default(),
            by_value: HashMap::default(),
            items: Vec::new(),
            path: String::new(),
            result: None,
        }
    }

    /// A violation's `dict`, made without the caches.
    fn fresh(
        py: Python<'py>,
        keys: &[Bound<'py, PyString>; 6],
        buffer: &mut String,
        v: &Violation,
    ) -> PyResult<Bound<'py, PyDict>> {
        let item = PyDict::new(py);
        let [code_key, path_key, message_key, ..] = keys;
        item.set_item(code_key, v.code().get())?;
        item.set_item(path_key, path_text(py, buffer, v.path()))?;
        item.set_item(message_key, v.message())?;
        Ok(item)
    }

    fn item(&mut self, v: &Violation) -> PyResult<Bound<'py, PyDict>> {
        let py = self.py;
        if !self.share {
            return Results::fresh(py, &self.keys, &mut self.path, v);
        }
        let Some(words) = path_words(v.path()) else {
            return Results::fresh(py, &self.keys, &mut self.path, v);
        };
        let code = v.code().get();
        let text = v.message();
        let at = Seen {
            code,
            path: words,
            message: (text.as_ptr() as usize, text.len()),
        };
        if let Some(&i) = self.seen.get(&at) {
            return self.memos[i].sighting(&self.keys);
        }
        let memos = &mut self.memos;
        let same = self
            .by_value
            .entry(Like::of(code, words, text))
            .or_default();
        if let Some(&i) = same.iter().find(|&&i| memos[i].violation.message() == text) {
            return memos[i].sighting(&self.keys);
        }
        let i = memos.len();
        same.push(i);
        let code = match self.codes.entry(code) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert(code.into_pyobject(py)?.into_any()),
        };
        let path = match self.paths.entry(*v.path()) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert(path_text(py, &mut self.path, v.path())),
        };
        let message = if let Some(m) = self.messages.get(text) {
            m.clone()
        } else {
            let m = PyString::new(py, text);
            self.messages.insert(text.into(), m.clone());
            m
        };
        let values = [code.clone(), path.clone().into_any(), message.into_any()];
        let item = violation_dict(&self.keys, &values)?;
        // The copy's message is where a 'static one is, or a text of the memo's own.
        let violation = v.clone();
        self.seen.insert(
            Seen {
                message: (
                    violation.message().as_ptr() as usize,
                    violation.message().len(),
                ),
                ..at
            },
            i,
        );
        memos.push(Memo {
            violation,
            kept: Kept::Once(values),
        });
        Ok(item)
    }

    fn list(&mut self, found: &[Violation]) -> PyResult<Bound<'py, PyList>> {
        let mut items = std::mem::take(&mut self.items);
        for v in found {
            items.push(self.item(v)?);
        }
        // Made at its length: no list grows item by item.
        let list = PyList::new(self.py, items.drain(..));
        self.items = items;
        list
    }

    fn outcome(&mut self, outcome: &Outcome) -> PyResult<Bound<'py, PyAny>> {
        // Destructured, so that a field added to the result document fails to compile here.
        let Outcome {
            valid,
            violations,
            warnings,
        } = outcome;
        let violations = self.list(violations)?;
        let warnings = self.list(warnings)?;
        let doc = if self.share {
            // A batch's documents are copies of one template with their own values set.
            if self.result.is_none() {
                let none = self.py.None().into_bound(self.py);
                let values = [none.clone(), none.clone(), none];
                self.result = Some(template(&RESULT_CLASS, &self.keys[VALID..], &values)?);
            }
            self.result
                .as_ref()
                .map_or_else(|| Ok(PyDict::new(self.py)), PyDictMethods::copy)?
        } else {
            PyDict::new(self.py)
        };
        doc.set_item(&self.keys[VALID], *valid)?;
        doc.set_item(&self.keys[VIOLATIONS], violations)?;
        doc.set_item(&self.keys[WARNINGS], warnings)?;
        Ok(doc.into_any())
    }
}

/// Python's cyclic garbage collector, paused while a chunk of a batch's result documents is
/// built and resumed when this is dropped (if it was running before). A batch makes tens of
/// thousands of `dict`s, and every 700 of them would otherwise start a collection, which finds
/// nothing: the documents hold only `int`s and `str`s, so they cannot be part of a cycle. The
/// GIL is held all along and no Python code runs in between, so no other thread sees the pause;
/// it is taken again for each chunk, since other threads run while the next one is evaluated.
struct GcPause<'py>(Option<Bound<'py, PyAny>>);

impl<'py> GcPause<'py> {
    fn new(py: Python<'py>) -> PyResult<Self> {
        static GC: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
        let gc = GC
            .get_or_try_init(py, || py.import("gc").map(|m| m.into_any().unbind()))?
            .bind(py);
        if gc.call_method0(intern!(py, "isenabled"))?.is_truthy()? {
            gc.call_method0(intern!(py, "disable"))?;
            Ok(GcPause(Some(gc.clone())))
        } else {
            Ok(GcPause(None))
        }
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        if let Some(gc) = &self.0 {
            let py = gc.py();
            if let Err(e) = gc.call_method0(intern!(py, "enable")) {
                e.write_unraisable(py, None);
            }
        }
    }
}

/// Builds the Python objects of a JSON text as `json.loads` would, keys in the text's order
/// (the order the command line prints).
struct ToPython<'py>(Python<'py>);

impl<'de, 'py> DeserializeSeed<'de> for ToPython<'py> {
    type Value = Bound<'py, PyAny>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, 'py> Visitor<'de> for ToPython<'py> {
    type Value = Bound<'py, PyAny>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(self.0.None().into_bound(self.0))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(PyBool::new(self.0, v).to_owned().into_any())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        v.into_pyobject(self.0)
            .map(Bound::into_any)
            .map_err(E::custom)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        v.into_pyobject(self.0)
            .map(Bound::into_any)
            .map_err(E::custom)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        Ok(PyFloat::new(self.0, v).into_any())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(PyString::new(self.0, v).into_any())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let list = PyList::empty(self.0);
        while let Some(item) = seq.next_element_seed(ToPython(self.0))? {
            list.append(item).map_err(de::Error::custom)?;
        }
        Ok(list.into_any())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let dict = PyDict::new(self.0);
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            let value = map.next_value_seed(ToPython(self.0))?;
            dict.set_item(key.as_ref(), value)
                .map_err(de::Error::custom)?;
        }
        Ok(dict.into_any())
    }
}

/// JSON text (of the library's own making) as Python objects.
fn to_python<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    let mut reader = serde_json::Deserializer::from_str(json);
    ToPython(py)
        .deserialize(&mut reader)
        .map_err(|e| PyValueError::new_err(e.to_string()))
}

/// Validates one request document and returns the result document.
#[pyfunction]
#[pyo3(signature = (request, *, today = None))]
fn validate<'py>(
    py: Python<'py>,
    request: &Bound<'py, PyAny>,
    today: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let doc = document(request).map_err(|e| e.into_py_err(py))?;
    let given = today_argument(py, today)?;
    let bytes = doc.as_slice();
    let run = |day: Option<Date>| {
        if bytes.len() >= DETACH_AT {
            py.detach(|| evaluate_request(bytes, day))
        } else {
            evaluate_request(bytes, day)
        }
    };
    let mut result = run(given);
    if result.is_err() && given.is_none() {
        // Only a document without its own day can need the local one: asking Python for it
        // only then saves most calls a round trip. Same document, same answer, so a real
        // error comes back again.
        result = run(Some(local_day(py)?));
    }
    match result {
        Ok(outcome) => Results::new(py, false).outcome(&outcome),
        Err(e) => Err(request_error(py, e.to_string())),
    }
}

/// Validates a batch of request documents, in order, with the GIL released while they run.
/// A document that cannot be evaluated gives `{"error": "..."}` in its place.
#[pyfunction]
#[pyo3(signature = (requests, *, today = None))]
fn validate_many<'py>(
    py: Python<'py>,
    requests: &Bound<'py, PyAny>,
    today: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let day = match today_argument(py, today)? {
        Some(day) => day,
        None => local_day(py)?,
    };
    let mut docs: Vec<Result<Document<'py>, String>> = Vec::new();
    for item in requests.try_iter()? {
        docs.push(match document(&item?) {
            Ok(d) => Ok(d),
            Err(Unwritable::Document(m)) => Err(m),
            Err(Unwritable::Type(e) | Unwritable::Python(e)) => return Err(e),
        });
    }
    let slices: Vec<Result<&[u8], &str>> = docs
        .iter()
        .map(|d| d.as_ref().map(Document::as_slice).map_err(String::as_str))
        .collect();
    let mut out = Vec::with_capacity(slices.len());
    let mut build = Results::new(py, true);
    let mut outcomes: Vec<Result<Outcome, String>> = Vec::with_capacity(CHUNK);
    for chunk in slices.chunks(CHUNK) {
        py.detach(|| {
            outcomes.extend(chunk.iter().map(|d| match d {
                Ok(bytes) => {
                    evaluate_request(bytes, Some(day)).map_err(|e: LibError| e.to_string())
                }
                Err(m) => Err((*m).to_owned()),
            }));
        });
        let _pause = GcPause::new(py)?;
        for r in outcomes.drain(..) {
            match r {
                Ok(outcome) => out.push(build.outcome(&outcome)?),
                Err(m) => {
                    let item = PyDict::new(py);
                    item.set_item(intern!(py, "error"), m)?;
                    out.push(item.into_any());
                }
            }
        }
    }
    // Under the pause too: with the collector running, this list would start a collection
    // that walks every result just built.
    let _pause = GcPause::new(py)?;
    PyList::new(py, out)
}

/// The library's catalogue JSON, made once.
fn catalogue_json() -> &'static str {
    static CATALOGUE: OnceLock<String> = OnceLock::new();
    CATALOGUE.get_or_init(catalogue::json)
}

/// The rules catalogue: one dict per rule, in ascending code order. Each call returns new
/// objects, so a caller may change them.
#[pyfunction]
fn rules(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    to_python(py, catalogue_json())
}

/// The extension module behind `helix_customer_rules`.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(validate_many, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
