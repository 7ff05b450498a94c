//! The line of a violation in a one-document file: where its JSON Pointer (into `patch`) points.
//!
//! A small JSON walker over the document's bytes, only for reporting: any surprise (a key
//! written with escapes, `patchText`, a pointer that does not resolve) answers `None`, and the
//! caller reports the line the document starts on instead.

/// The 1-based line of the value at `pointer` (RFC 6901, into the document's `patch`).
pub fn line_of(doc: &[u8], pointer: &str) -> Option<usize> {
    let mut at = value_of_key(doc, skip_ws(doc, 0)?, "patch")?;
    if !pointer.is_empty() {
        for segment in pointer.strip_prefix('/')?.split('/') {
            let segment = segment.replace("~1", "/").replace("~0", "~");
            at = match doc.get(at)? {
                b'{' => value_of_key(doc, at, &segment)?,
                b'[' => element(doc, at, segment.parse().ok()?)?,
                _ => return None,
            };
        }
    }
    // Lines = newlines before it + 1 = the pieces a split at newlines yields.
    Some(doc[..at].split(|&b| b == b'\n').count())
}

fn skip_ws(doc: &[u8], mut i: usize) -> Option<usize> {
    while doc.get(i)?.is_ascii_whitespace() {
        i += 1;
    }
    Some(i)
}

/// The end of the string starting at `i` (just past its closing quote).
fn skip_string(doc: &[u8], mut i: usize) -> Option<usize> {
    i += 1;
    loop {
        match doc.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
}

/// The end of the value starting at `i`.
fn skip_value(doc: &[u8], i: usize) -> Option<usize> {
    match doc.get(i)? {
        b'"' => skip_string(doc, i),
        b'{' | b'[' => {
            let mut depth = 0usize;
            let mut j = i;
            loop {
                match doc.get(j)? {
                    b'"' => {
                        j = skip_string(doc, j)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(j + 1);
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
        }
        _ => {
            let mut j = i;
            while doc
                .get(j)
                .is_some_and(|b| !matches!(b, b',' | b'}' | b']') && !b.is_ascii_whitespace())
            {
                j += 1;
            }
            Some(j)
        }
    }
}

/// Where the value of `key` starts in the object at `i` (the last occurrence, as a JSON reader
/// that keeps the last of repeated keys reads it).
fn value_of_key(doc: &[u8], i: usize, key: &str) -> Option<usize> {
    if doc.get(i) != Some(&b'{') {
        return None;
    }
    let mut found = None;
    let mut j = skip_ws(doc, i + 1)?;
    while doc.get(j)? == &b'"' {
        let end = skip_string(doc, j)?;
        let name = &doc[j + 1..end - 1];
        let value = skip_ws(doc, skip_ws(doc, end)? + 1)?;
        if name == key.as_bytes() {
            found = Some(value);
        }
        j = skip_ws(doc, skip_value(doc, value)?)?;
        match doc.get(j)? {
            b',' => j = skip_ws(doc, j + 1)?,
            _ => break,
        }
    }
    found
}

/// Where element `n` starts in the array at `i`.
fn element(doc: &[u8], i: usize, n: usize) -> Option<usize> {
    let mut j = skip_ws(doc, i + 1)?;
    for _ in 0..n {
        if doc.get(j)? == &b']' {
            return None;
        }
        j = skip_ws(doc, skip_value(doc, j)?)?;
        if doc.get(j)? != &b',' {
            return None;
        }
        j = skip_ws(doc, j + 1)?;
    }
    (doc.get(j)? != &b']').then_some(j)
}

#[cfg(test)]
mod tests {
    use super::line_of;

    const DOC: &[u8] = br#"{
  "settings": {"usesHelixKyc": true},
  "patch": {
    "customerId": 7,
    "gender": "Q",
    "addresses": [
      {"addressType": "Mailing", "city": "x"},
      {
        "addressType": "Residence",
        "addressLine1": "PO Box 1"
      }
    ],
    "a/b": [1, [2, 3], {"c": "}"}],
    "gender": "X"
  }
}"#;

    #[test]
    fn pointers_resolve_to_their_lines() {
        assert_eq!(line_of(DOC, ""), Some(3));
        assert_eq!(line_of(DOC, "/customerId"), Some(4));
        assert_eq!(line_of(DOC, "/addresses"), Some(6));
        assert_eq!(line_of(DOC, "/addresses/0/city"), Some(7));
        assert_eq!(line_of(DOC, "/addresses/1"), Some(8));
        assert_eq!(line_of(DOC, "/addresses/1/addressLine1"), Some(10));
        assert_eq!(line_of(DOC, "/a~1b/2/c"), Some(13));
        // A repeated key: the last occurrence is the one a JSON reader keeps.
        assert_eq!(line_of(DOC, "/gender"), Some(14));
    }

    #[test]
    fn what_does_not_resolve_is_none_not_a_panic() {
        assert_eq!(line_of(DOC, "/addresses/2"), None);
        assert_eq!(line_of(DOC, "/nope"), None);
        assert_eq!(line_of(DOC, "/customerId/0"), None);
        assert_eq!(line_of(DOC, "/addresses/x"), None);
        assert_eq!(line_of(br#"{"patchText": "{"}"#, ""), None);
        for cut in 0..DOC.len() {
            let _ = line_of(&DOC[..cut], "/addresses/1/addressLine1");
        }
        assert_eq!(line_of(b"", "/x"), None);
        assert_eq!(line_of(b"[1,2", "/1"), None);
    }
}
