//! The crate's own JSON reader: the fast way from a body's text to a [`ReadObject`], with no
//! serde visitor between the bytes and the property they fill.
//!
//! It reads the common body (UTF-8, well formed, nothing `serde_json` would refuse) and gives
//! up ([`Bail`]) on anything else: a syntax error, a number `serde_json` cannot hold, a lone
//! surrogate, nesting deeper than [`MAX_SKIP_DEPTH`]. A body it gives up on is read by the
//! serde reader (`lenient.rs`), which decides every such case; so this reader only has to be as
//! strict as that one, never as forgiving, and where both read a body they answer the same
//! (`fuzz/fuzz_targets/scan_diff.rs` and the unit tests below compare them).

use std::borrow::Cow;

use serde_json::Value;

use super::lenient::{mismatch, ParseReport, Raw, ReadObject, Source};
use crate::violation::Path;

/// The reader gave up: the serde reader reads the body instead.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Bail;

/// How deep a skipped value may nest before the reader gives up (a bit per level). The serde
/// reader allows 127 levels, so whatever this one reads, that one reads too.
pub(crate) const MAX_SKIP_DEPTH: u32 = 64;

/// A position in a body's text.
pub(crate) struct Scanner<'a> {
    text: &'a str,
    at: usize,
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `w` that is zero (exact for the lowest such byte).
#[inline]
fn zero_bytes(w: u64) -> u64 {
    w.wrapping_sub(ONES) & !w & HIGHS
}

impl<'a> Scanner<'a> {
    /// A reader at the start of `text`.
    pub(crate) fn new(text: &'a str) -> Self {
        Scanner { text, at: 0 }
    }

    /// The text from here to the end.
    pub(crate) fn rest(&self) -> &'a str {
        self.text.get(self.at..).unwrap_or("")
    }

    /// Moves on by `n` bytes (what another reader read from [`Scanner::rest`]).
    pub(crate) fn advance(&mut self, n: usize) {
        self.at = (self.at + n).min(self.text.len());
    }

    /// The text of the value that starts here, skipped.
    pub(crate) fn value_text(&mut self) -> Result<&'a str, Bail> {
        self.peek();
        let start = self.at;
        self.skip_value()?;
        self.text.get(start..self.at).ok_or(Bail)
    }

    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    /// The next byte that is not JSON whitespace, not consumed.
    #[inline]
    pub(crate) fn peek(&mut self) -> Option<u8> {
        let b = self.bytes();
        // A local index: the position is stored once, not at every byte.
        let mut i = self.at;
        // A pretty body's newline and indentation in one step, the spaces counted in a word:
        // a loop over them mispredicted its count at nearly every key.
        if b.get(i) == Some(&b'\n') {
            if let Some(chunk) = b.get(i + 1..i + 9) {
                let mut word = [0; 8];
                word.copy_from_slice(chunk);
                let other = u64::from_le_bytes(word) ^ (u64::from(b' ') * ONES);
                i += 1 + (other.trailing_zeros() / 8) as usize;
            }
        }
        while let Some(&c) = b.get(i) {
            if !matches!(c, b' ' | b'\n' | b'\r' | b'\t') {
                self.at = i;
                return Some(c);
            }
            i += 1;
        }
        self.at = i;
        None
    }

    /// Consumes `c`, the next byte after whitespace.
    #[inline]
    pub(crate) fn eat(&mut self, c: u8) -> Result<(), Bail> {
        if self.peek() == Some(c) {
            self.at += 1;
            Ok(())
        } else {
            Err(Bail)
        }
    }

    /// After an entry of an object or array: `true` for a comma (another entry follows),
    /// `false` for `close` (the container ends).
    #[inline]
    pub(crate) fn more(&mut self, close: u8) -> Result<bool, Bail> {
        match self.peek() {
            Some(b',') => {
                self.at += 1;
                Ok(true)
            }
            Some(c) if c == close => {
                self.at += 1;
                Ok(false)
            }
            _ => Err(Bail),
        }
    }

    /// Whether only whitespace is left.
    pub(crate) fn at_end(&mut self) -> bool {
        self.peek().is_none()
    }

    /// The offset of the first `"`, `\` or control character at or after `from` (or the end):
    /// eight bytes at a time.
    #[inline]
    fn special_from(&self, from: usize) -> usize {
        let b = self.bytes();
        let mut i = from;
        while let Some(chunk) = b.get(i..i + 8) {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            let w = u64::from_le_bytes(word);
            let hits = zero_bytes(w ^ (u64::from(b'"') * ONES))
                | zero_bytes(w ^ (u64::from(b'\\') * ONES))
                | (w.wrapping_sub(u64::from(b' ') * ONES) & !w & HIGHS);
            if hits != 0 {
                return i + (hits.trailing_zeros() / 8) as usize;
            }
            i += 8;
        }
        while let Some(&c) = b.get(i) {
            if c == b'"' || c == b'\\' || c < b' ' {
                return i;
            }
            i += 1;
        }
        i
    }

    /// A string whose opening quote is next: borrowed unless it has escapes. Gives up on a
    /// lone surrogate, which the serde reader answers with a stand-in.
    // Inlined where it is read (natively: in WebAssembly the size counts more), so the
    // position stays in a register: measured 8-9% faster `validate_json` on the full
    // workloads for 1.4% more instructions.
    #[allow(clippy::inline_always)]
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    pub(crate) fn string(&mut self) -> Result<Cow<'a, str>, Bail> {
        self.eat(b'"')?;
        let start = self.at;
        let end = self.special_from(start);
        match self.bytes().get(end) {
            Some(b'"') => {
                self.at = end + 1;
                self.text.get(start..end).map(Cow::Borrowed).ok_or(Bail)
            }
            Some(b'\\') => self.escaped(start, end).map(Cow::Owned),
            _ => Err(Bail),
        }
    }

    /// The rest of a string from its first escape at `first`.
    #[cold]
    fn escaped(&mut self, start: usize, first: usize) -> Result<String, Bail> {
        let mut out = String::with_capacity(first - start + 16);
        let mut from = start;
        let mut at = first;
        loop {
            out.push_str(self.text.get(from..at).ok_or(Bail)?);
            match self.bytes().get(at) {
                Some(b'"') => {
                    self.at = at + 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    let (c, len) = self.escape(at)?;
                    out.push(c);
                    from = at + len;
                }
                _ => return Err(Bail),
            }
            at = self.special_from(from);
        }
    }

    /// The four hex digits at `at`.
    fn hex4(&self, at: usize) -> Result<u16, Bail> {
        let digits = self.bytes().get(at..at + 4).ok_or(Bail)?;
        digits.iter().try_fold(0u16, |n, &d| {
            let v = (d as char).to_digit(16).ok_or(Bail)?;
            Ok(n << 4 | v as u16)
        })
    }

    /// The escape at `at` (its backslash): the character and the escape's length.
    fn escape(&self, at: usize) -> Result<(char, usize), Bail> {
        let c = match self.bytes().get(at + 1).ok_or(Bail)? {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let unit = self.hex4(at + 2)?;
                if !(0xD800..=0xDFFF).contains(&unit) {
                    return char::from_u32(u32::from(unit)).map(|c| (c, 6)).ok_or(Bail);
                }
                // A leading surrogate and its trailing one, or a lone one: given up on.
                if unit > 0xDBFF || self.bytes().get(at + 6..at + 8) != Some(b"\\u") {
                    return Err(Bail);
                }
                let low = self.hex4(at + 8)?;
                if !(0xDC00..=0xDFFF).contains(&low) {
                    return Err(Bail);
                }
                let c = 0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                return char::from_u32(c).map(|c| (c, 12)).ok_or(Bail);
            }
            _ => return Err(Bail),
        };
        Ok((c, 2))
    }

    /// Skips a string whose opening quote is next, as the serde reader skips one: escapes
    /// well formed, any `\u` unit accepted.
    fn skip_string(&mut self) -> Result<(), Bail> {
        self.eat(b'"')?;
        let mut at = self.at;
        loop {
            at = self.special_from(at);
            match self.bytes().get(at) {
                Some(b'"') => {
                    self.at = at + 1;
                    return Ok(());
                }
                Some(b'\\') => match self.bytes().get(at + 1) {
                    Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => at += 2,
                    Some(b'u') => {
                        self.hex4(at + 2)?;
                        at += 6;
                    }
                    _ => return Err(Bail),
                },
                _ => return Err(Bail),
            }
        }
    }

    /// The number that starts here, as the JSON grammar writes it: its text, and whether it
    /// is an integer (no fraction, no exponent).
    fn number_text(&mut self) -> Result<(&'a str, bool), Bail> {
        let b = self.bytes();
        let start = self.at;
        let digits = |from: usize| {
            b.get(from..)
                .map_or(0, |s| s.iter().take_while(|c| c.is_ascii_digit()).count())
        };
        let mut i = start + usize::from(b.get(start) == Some(&b'-'));
        match b.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => i += digits(i),
            _ => return Err(Bail),
        }
        let mut integer = true;
        if b.get(i) == Some(&b'.') {
            let n = digits(i + 1);
            if n == 0 {
                return Err(Bail);
            }
            i += 1 + n;
            integer = false;
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            let n = digits(i);
            if n == 0 {
                return Err(Bail);
            }
            i += n;
            integer = false;
        }
        self.at = i;
        Ok((self.text.get(start..i).ok_or(Bail)?, integer))
    }

    /// A number as `serde_json` reads one: an integer into a `u64` (an `i64` when negative)
    /// where it fits, anything else as `serde_json`'s own `f64` (so the digits a number is
    /// written back with are the same), giving up where that fails.
    fn number(&mut self) -> Result<Raw<'a>, Bail> {
        let (text, integer) = self.number_text()?;
        if integer {
            let (negative, digits) = match text.strip_prefix('-') {
                Some(d) => (true, d),
                None => (false, text),
            };
            if let Ok(m) = digits.parse::<u64>() {
                if !negative {
                    return Ok(Raw::U64(m));
                }
                // serde_json's rule: `-0` and what an i64 cannot hold are floats.
                #[allow(clippy::cast_possible_wrap, clippy::cast_precision_loss)]
                let neg = (m as i64).wrapping_neg();
                #[allow(clippy::cast_precision_loss)]
                return Ok(if neg >= 0 {
                    Raw::F64(-(m as f64))
                } else {
                    Raw::I64(neg)
                });
            }
        }
        serde_json::from_str::<f64>(text)
            .map(Raw::F64)
            .map_err(|_| Bail)
    }

    /// Consumes `word` (`true`, `false`, `null`).
    fn literal(&mut self, word: &[u8]) -> Result<(), Bail> {
        if self.bytes().get(self.at..self.at + word.len()) == Some(word) {
            self.at += word.len();
            Ok(())
        } else {
            Err(Bail)
        }
    }

    /// Skips one value of any kind, containers whole, without recursion.
    pub(crate) fn skip_value(&mut self) -> Result<(), Bail> {
        // One bit per open container, set for an object.
        let mut open: u64 = 0;
        let mut depth: u32 = 0;
        loop {
            // A value starts here.
            match self.peek().ok_or(Bail)? {
                c @ (b'{' | b'[') => {
                    self.at += 1;
                    let close = if c == b'{' { b'}' } else { b']' };
                    if self.peek() == Some(close) {
                        self.at += 1;
                    } else {
                        if depth == MAX_SKIP_DEPTH {
                            return Err(Bail);
                        }
                        open = open << 1 | u64::from(c == b'{');
                        depth += 1;
                        if c == b'{' {
                            self.skip_string()?;
                            self.eat(b':')?;
                        }
                        continue;
                    }
                }
                b'"' => self.skip_string()?,
                b't' => self.literal(b"true")?,
                b'f' => self.literal(b"false")?,
                b'n' => self.literal(b"null")?,
                b'-' | b'0'..=b'9' => {
                    self.number_text()?;
                }
                _ => return Err(Bail),
            }
            // A value ended: close what it ends, or go on to the next one.
            loop {
                if depth == 0 {
                    return Ok(());
                }
                let in_object = open & 1 == 1;
                match self.peek() {
                    Some(b',') => {
                        self.at += 1;
                        if in_object {
                            self.skip_string()?;
                            self.eat(b':')?;
                        }
                        break;
                    }
                    Some(b'}') if in_object => {}
                    Some(b']') if !in_object => {}
                    _ => return Err(Bail),
                }
                self.at += 1;
                open >>= 1;
                depth -= 1;
            }
        }
    }

    /// Any value, containers skipped: what a scalar property reads.
    #[inline]
    pub(crate) fn raw(&mut self) -> Result<Raw<'a>, Bail> {
        match self.peek().ok_or(Bail)? {
            b'"' => self.string().map(Raw::Str),
            b't' => self.literal(b"true").map(|()| Raw::Bool(true)),
            b'f' => self.literal(b"false").map(|()| Raw::Bool(false)),
            b'n' => self.literal(b"null").map(|()| Raw::Null),
            b'-' | b'0'..=b'9' => self.number(),
            b'[' => self.skip_value().map(|()| Raw::Array),
            b'{' => self.skip_value().map(|()| Raw::Object),
            _ => Err(Bail),
        }
    }

    /// An object's properties into `target`, its opening brace next.
    pub(crate) fn object<T: ReadObject<'a>>(
        &mut self,
        target: &mut T,
        report: &mut ParseReport,
        path: Path,
    ) -> Result<(), Bail> {
        self.eat(b'{')?;
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(());
        }
        // Bodies written from a model list its properties in one order, most often ours: the
        // property declared after the last one read is tried in place first, which spares
        // finding the key's end and matching it.
        let mut next = 0;
        loop {
            if self.peek() == Some(b'"') {
                if let Some(name) = T::NAMES.get(next) {
                    if name.is_at(self.bytes(), self.at) {
                        self.at += name.len();
                        self.eat(b':')?;
                        self.property(target, next, report, &path)?;
                        next += 1;
                        if !self.more(b'}')? {
                            return Ok(());
                        }
                        continue;
                    }
                }
            }
            let key = self.string()?;
            self.eat(b':')?;
            if let Some(index) = T::index_of(&key) {
                self.property(target, index, report, &path)?;
                next = index + 1;
            } else {
                // Kept as sent; a value serde_json cannot hold is the serde reader's to decide.
                let value: Value = serde_json::from_str(self.value_text()?).map_err(|_| Bail)?;
                target.keep_unknown(key.into_owned(), value);
            }
            if !self.more(b'}')? {
                return Ok(());
            }
        }
    }

    /// The value of `target`'s property at `index`: a scalar read here, where the position
    /// stays in a register, a list by the target.
    #[allow(clippy::inline_always)]
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    #[cfg_attr(target_arch = "wasm32", inline)]
    fn property<T: ReadObject<'a>>(
        &mut self,
        target: &mut T,
        index: usize,
        report: &mut ParseReport,
        path: &Path,
    ) -> Result<(), Bail> {
        match T::TEXT.get(index) {
            Some(&text) => {
                if text && self.peek() == Some(b'"') {
                    let value = self.string()?;
                    target.put_text(index, value, report, path);
                } else {
                    let value = self.raw()?;
                    target.put_at(index, value, report, path);
                }
                Ok(())
            }
            None => target.read_at(index, self, report, path),
        }
    }

    /// A value where an object belongs: read into `target`, or recorded as the wrong type
    /// (`false`). `null` is the wrong type too.
    fn object_or_mismatch<T: ReadObject<'a>>(
        &mut self,
        target: &mut T,
        report: &mut ParseReport,
        path: Path,
    ) -> Result<bool, Bail> {
        if self.peek() == Some(b'{') {
            self.object(target, report, path)?;
            Ok(true)
        } else {
            let raw = self.raw()?;
            mismatch(report, path, &raw, "object");
            Ok(false)
        }
    }

    /// A body where it sits: an object read into `target`, or any other value recorded as the
    /// wrong type at the root.
    pub(crate) fn body<T: ReadObject<'a>>(
        &mut self,
        target: &mut T,
        report: &mut ParseReport,
    ) -> Result<(), Bail> {
        self.object_or_mismatch(target, report, Path::root())
            .map(drop)
    }
}

impl<'a> Source<'a> for Scanner<'a> {
    type Error = Bail;

    #[inline]
    fn raw(&mut self) -> Result<Raw<'a>, Bail> {
        Scanner::raw(self)
    }

    fn list<T: ReadObject<'a>>(
        &mut self,
        report: &mut ParseReport,
        path: Path,
    ) -> Result<Option<Vec<T>>, Bail> {
        if self.peek() != Some(b'[') {
            // `null` is no list; anything else is the wrong type.
            return match self.raw()? {
                Raw::Null => Ok(None),
                other => {
                    mismatch(report, path, &other, "array");
                    Ok(None)
                }
            };
        }
        self.at += 1;
        // As the serde reader: room for five at the first entry; a non-object entry keeps its
        // index as a default the rules skip.
        let mut items = Vec::new();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Some(items));
        }
        items.reserve_exact(5);
        loop {
            // Read where it will stay: an entry is a few hundred bytes.
            let at = path.index(items.len());
            items.push(T::default());
            if let Some(entry) = items.last_mut() {
                self.object_or_mismatch(entry, report, at)?;
            }
            if !self.more(b']')? {
                return Ok(Some(items));
            }
        }
    }
}

/// Reads a whole body into `target`: `Err` where the serde reader must decide.
pub(crate) fn read_whole<'a, T: ReadObject<'a>>(
    text: &'a str,
    target: &mut T,
    report: &mut ParseReport,
) -> Result<(), Bail> {
    let mut sc = Scanner::new(text);
    sc.body(target, report)?;
    if sc.at_end() {
        Ok(())
    } else {
        Err(Bail)
    }
}
