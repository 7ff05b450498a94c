//! The crate's own JSON reader against the serde reader: wherever the fast one reads a body, it
//! reads what the serde one reads (every property, every recorded issue); where it gives up,
//! the serde one decides. The fuzz target `readers_diff` runs the same comparison on
//! generated bodies.

use helix_customer_rules::__private::readers_agree;
use helix_customer_rules::{Address, CustomerPatch, Phone};
use proptest::prelude::*;
use serde_json::Value;

/// Every body of the golden cases: each `patch` as `serde_json` writes it, each `patchText`.
#[allow(clippy::disallowed_methods)] // reads the golden case files
fn golden_bodies() -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases");
    let (mut patches, mut texts) = (Vec::new(), Vec::new());
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    for path in files {
        let file: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        for case in file["cases"].as_array().unwrap() {
            let request = &case["request"];
            if let Some(patch) = request.get("patch") {
                patches.push(serde_json::to_vec_pretty(patch).unwrap());
                patches.push(serde_json::to_vec(patch).unwrap());
            }
            if let Some(text) = request.get("patchText").and_then(Value::as_str) {
                texts.push(text.as_bytes().to_vec());
            }
        }
    }
    (patches, texts)
}

#[test]
fn the_fast_reader_reads_every_golden_patch_as_the_serde_reader_does() {
    let (patches, texts) = golden_bodies();
    assert!(patches.len() > 800, "{} patches", patches.len());
    for body in &patches {
        // What serde_json writes holds nothing the fast reader gives up on.
        assert_eq!(
            readers_agree(body),
            Ok(true),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
    for body in &texts {
        assert!(
            readers_agree(body).is_ok(),
            "{}",
            String::from_utf8_lossy(body)
        );
    }
}

/// `v` as JSON text with every object's keys in the model's declared order (the order the fast
/// reader tries first; `serde_json` writes them sorted), unknown keys after the known ones.
fn in_declared_order(v: &Value, names: &[&str]) -> String {
    match v {
        Value::Object(m) => {
            let place = |k: &str| names.iter().position(|n| *n == k).unwrap_or(names.len());
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort_by_key(|k| place(k));
            let items: Vec<String> = keys
                .iter()
                .map(|k| {
                    let inner: &[&str] = match k.as_str() {
                        "addresses" if names == CustomerPatch::PROPERTIES => Address::PROPERTIES,
                        "phones" if names == CustomerPatch::PROPERTIES => Phone::PROPERTIES,
                        _ => &[],
                    };
                    format!(
                        "{}: {}",
                        Value::from(k.as_str()),
                        in_declared_order(&m[*k], inner)
                    )
                })
                .collect();
            format!("{{\n  {}\n}}", items.join(",\n  "))
        }
        Value::Array(a) => {
            let items: Vec<String> = a.iter().map(|e| in_declared_order(e, names)).collect();
            format!("[{}]", items.join(", "))
        }
        other => other.to_string(),
    }
}

#[test]
fn the_fast_reader_reads_golden_patches_in_declared_order_alike() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases");
    let mut read = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().map_or(true, |e| e != "json") {
            continue;
        }
        #[allow(clippy::disallowed_methods)] // reads the golden case files
        let file: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        for case in file["cases"].as_array().unwrap() {
            if let Some(patch) = case["request"].get("patch") {
                let body = in_declared_order(patch, CustomerPatch::PROPERTIES);
                assert_eq!(readers_agree(body.as_bytes()), Ok(true), "{body}");
                read += 1;
            }
        }
    }
    assert!(read > 400, "{read} patches");
}

#[test]
fn the_fast_reader_reads_the_hard_parts_alike_or_gives_up() {
    let deep = |n: usize| format!("{{\"gender\":{}{}}}", "[".repeat(n), "]".repeat(n));
    let read = [
        // Escapes in keys and values, pairs of surrogates, every short escape.
        r#"{"first\u004eame":"A\u00e9\ud83d\ude00\"\\\/\b\f\n\r\t","lastName":"\u0041"}"#,
        // Numbers of every shape where text, integers and dates belong.
        r#"{"firstName":-0,"middleName":1.50,"lastName":1e3,"suffix":-1.5E-7,"tag":18446744073709551616,
            "customField1":-9223372036854775808,"customField2":-9223372036854775809,"customField3":0.1e1,
            "customField4":123456789012345678901234567890,"customField5":1.7976931348623157e308,
            "customerId":18446744073709551615,"birthDate":5,"industryClassificationCodeId":-0}"#,
        r#"{"customerId":-0,"isTaxExempt":" TRUE ","isDocumentsAccepted":"no","usePreferredNameOnCard":1}"#,
        r#"{"customerId":"  42 ","industryClassificationCodeId":"x","taxIdType":true,"gender":false}"#,
        r#"{"customerId":9223372036854775807}"#,
        r#"{"customerId":9223372036854775808}"#,
        r#"{"customerId":-9223372036854775809}"#,
        r#"{"customerId":1.0}"#,
        // Repeated keys: the last value, what was broken before forgotten.
        r#"{"gender":[1],"gender":"M","phones":[5],"phones":[{"number":"1"}],"phones":null}"#,
        // Lists: null, empty, the wrong type, entries of the wrong type.
        r#"{"addresses":null,"phones":[]}"#,
        r#"{"addresses":{"city":"X"},"phones":"555"}"#,
        r#"{"addresses":[null,1,"x",[],{},{"city":{"a":[1,{"b":null}]}}],"phones":[true,{"number":555}]}"#,
        r#"{"addresses":[{"city":"A","zip4":"1","extra":{"n":[1,2.5,"\u00e9",null,true]}}]}"#,
        // Unknown properties, kept as sent, at the top and in entries.
        r#"{"unknownThing":{"deep":[{"x":[[]]}]},"another":-1.25e-3,"x":"\ud83d\ude00"}"#,
        r#"{"dup":1,"dup":[2]}"#,
        // Keys where the declared order expects another, or one like it: escaped, longer,
        // shorter, repeated, cut at the body's end, out of order and back.
        r#"{"customerId":1,"first\u004eame":"A","middleName":"B"}"#,
        r#"{"customerId":1,"firstNameX":"A","firstNam":"B","firstName":"C","firstName":"D"}"#,
        r#"{"customerId":1,"firstName":"A","customerId":2,"firstName":"B","middleName":"C"}"#,
        r#"{"customerId" : 1 , "firstName"  :"A"}"#,
        r#"{"tag":"a","tagX":"b","ta":"c","customField1":"d"}"#,
        r#"{"phones":[{"phoneType":"Home","number":"1","isActive":true,"isActiv":1},{"number":"2","phoneType":"Work"}]}"#,
        r#"{"addresses":[{"addressType":"Mailing","addressLine1":"1","city":"A","state":"IA"},{"state":"NY","city":"B"}]}"#,
        "{\"customerId\":1,\"firstName\":\"A\",\"middleName\":\"a\u{e9}\"}",
        // Whitespace everywhere JSON allows it.
        " \r\n\t{ \"firstName\" : \"A\" , \"phones\" : [ { \"number\" : \"1\" } , null ] } \n",
        // Not an object at all.
        "[1,2]",
        "\"text\"",
        "null",
        "12",
        "true",
        "{}",
        // Skipped values with lone surrogates: the serde reader skips them too.
        r#"{"gender":["\ud800"],"firstName":"A"}"#,
        r#"{"gender":{"\udc00":1}}"#,
    ];
    for body in read {
        let deep60 = deep(60);
        assert_eq!(readers_agree(body.as_bytes()), Ok(true), "{body}");
        assert_eq!(readers_agree(deep60.as_bytes()), Ok(true));
    }
    let given_up = [
        // What the serde reader answers with a stand-in or a syntax error.
        r#"{"firstName":"\ud800"}"#,
        r#"{"firstName":"\udc00x"}"#,
        r#"{"firstName":"\ud800\u0041"}"#,
        r#"{"fir\ud800":"A"}"#,
        r#"{"customerId":1e400}"#,
        r#"{"firstName":-1e400}"#,
        r#"{"unknown":1e400}"#,
        r#"{"unknown":"\ud800"}"#,
        r#"{"firstName":"A",}"#,
        r#"{"phones":[{"number":"1"},]}"#,
        r#"{"firstName":"A"} x"#,
        r#"{"firstName":"A""#,
        r#"{"firstName":01}"#,
        r#"{"firstName":1.}"#,
        r#"{"firstName":.5}"#,
        r#"{"firstName":+1}"#,
        r#"{"firstName":"\x"}"#,
        r#"{"firstName":"\u12"}"#,
        "{\"firstName\":\"a\u{1}b\"}",
        r#"{"gender":[1,]}"#,
        r#"{"gender":{"a"}}"#,
        r#"{"gender":tru}"#,
        r#"{firstName:"A"}"#,
        r#"{"customerId":1,"firstName"#,
        r#"{"customerId":1,"firstName""#,
        r#"{"customerId":1,"firstName":"#,
        r#"{"customerId":1,"tag""#,
        r#"{"customerId":1,"firstName" "A"}"#,
        "",
        "   ",
    ];
    for body in given_up {
        assert_eq!(readers_agree(body.as_bytes()), Ok(false), "{body}");
    }
    // A newline and its indentation, read a word at a time: every indentation around eight
    // spaces, other whitespace after the spaces, a newline near the body's end.
    for n in 0..=17 {
        let pad = " ".repeat(n);
        for after in ["", "\t", "\r", "\n", " \n\t ", "\u{a0}"] {
            let body = format!(
                "{{\n{pad}{after}\"firstName\": \"A\",\n{pad}\"phones\": [\n{pad}{after}{{\"number\":\n{pad}\"1\"}}\n{pad}]\n{pad}{after}}}\n{pad}"
            );
            // A no-break space is no JSON whitespace: both readers refuse it.
            let expected = Ok(!after.contains('\u{a0}'));
            assert_eq!(readers_agree(body.as_bytes()), expected, "{body:?}");
        }
        for cut in [
            format!("{{\"firstName\":\"A\"\n{pad}"),
            format!("{{\n{pad}x}}"),
        ] {
            assert_eq!(readers_agree(cut.as_bytes()), Ok(false), "{cut:?}");
        }
    }
    assert_eq!(readers_agree(deep(70).as_bytes()), Ok(false));
    assert_eq!(readers_agree(b"{\"firstName\":\"\xff\"}"), Ok(false));
}

/// Characters that make JSON's structure, and a few that break it.
fn json_byte() -> impl Strategy<Value = u8> {
    prop_oneof![
        4 => prop::sample::select(b"{}[],:\"\\ 0123456789-+.eEtrufalsn".to_vec()),
        1 => any::<u8>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// A golden body with bytes replaced, inserted or cut: the fast reader reads it as the
    /// serde reader does, or gives up.
    #[test]
    fn mutated_bodies_read_alike_or_give_up(
        pick in any::<prop::sample::Index>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..3, json_byte()), 1..6),
    ) {
        static BODIES: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
        let bodies = BODIES.get_or_init(|| golden_bodies().0);
        let mut body = pick.get(bodies).clone();
        for (at, kind, byte) in edits {
            let i = at.index(body.len() + 1);
            match kind {
                0 if i < body.len() => body[i] = byte,
                1 => body.insert(i, byte),
                _ => body.truncate(i.max(1)),
            }
        }
        let agreed = readers_agree(&body);
        prop_assert!(agreed.is_ok(), "{:?} on {}", agreed, String::from_utf8_lossy(&body));
    }

    /// Any JSON value under a known key, in a body and in an entry: read alike.
    #[test]
    fn any_value_under_any_key_reads_alike(
        key in prop::sample::select(vec![
            "firstName", "customerId", "birthDate", "isTaxExempt", "addresses", "phones",
            "industryClassificationCodeId", "unknown",
        ]),
        value in arb_json(),
    ) {
        let body = serde_json::json!({ key: value.clone() }).to_string();
        prop_assert_eq!(readers_agree(body.as_bytes()), Ok(true), "{}", body);
        let entry = serde_json::json!({ "addresses": [{ "city": value.clone() }, value] }).to_string();
        prop_assert_eq!(readers_agree(entry.as_bytes()), Ok(true), "{}", entry);
    }
}

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1e300f64..1e300).prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
        " ?(true|FALSE|yes|1)? ?".prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map("[a-zA-Z]{1,12}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}
