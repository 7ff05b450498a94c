//! Property tests: each boundary rules.md names, from both sides, and the engine's invariants
//! over whole generated patches (individual and business).
//!
//! The failing side asserts "exactly that code, at that path" (the patches are otherwise
//! valid, so the whole output is that one violation); the allowed side asserts no violation at
//! all. Every run also goes through `invariants::check_patch`, the same checks the fuzz targets
//! make. Case counts are modest so `cargo test` stays quick; `PROPTEST_CASES=10000` runs more.

#[path = "../fuzz/src/invariants.rs"]
mod invariants;
#[path = "../fuzz/src/spellings.rs"]
mod spellings;

use std::collections::BTreeMap;
use std::sync::OnceLock;

use helix_customer_rules::__private::is_valid_email;
use helix_customer_rules::{
    validate, Address, Context, CustomerKind, CustomerPatch, Phone, ProgramSettings, Violation,
};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Map, Value};
use time::macros::date;
use time::{Date, Duration, Month};

fn config(cases: u32) -> ProptestConfig {
    // `PROPTEST_CASES` sets the default's count; when it is set (to anything but proptest's
    // own 256) it wins over the modest per-test counts here, for longer runs.
    let default = ProptestConfig::default();
    ProptestConfig {
        cases: if default.cases == 256 {
            cases
        } else {
            default.cases
        },
        ..default
    }
}

const TODAY: Date = date!(2026 - 11 - 23);

/// Validates with every invariant checked on the way.
fn run(patch: &CustomerPatch, settings: &ProgramSettings, cx: &Context<'_>) -> Vec<Violation> {
    invariants::check_patch(patch, settings, cx)
}

fn run_default(patch: &CustomerPatch, kind: CustomerKind) -> Vec<Violation> {
    run(
        patch,
        &ProgramSettings::default(),
        &Context::new(TODAY).with_kind(kind),
    )
}

fn show(out: &[Violation]) -> Vec<String> {
    out.iter().map(ToString::to_string).collect()
}

/// The failing side: the output is exactly one violation, of `code`, at `path`.
fn assert_only(out: &[Violation], code: u32, path: &str) -> Result<(), TestCaseError> {
    prop_assert!(
        out.len() == 1 && out[0].code().get() == code && out[0].path().to_string() == path,
        "expected exactly {code} at {path:?}, got {:?}",
        show(out)
    );
    Ok(())
}

/// The allowed side: nothing at all (the patches are otherwise valid).
fn assert_clean(out: &[Violation], code: u32) -> Result<(), TestCaseError> {
    prop_assert!(
        out.is_empty(),
        "expected no violation (in particular no {code}), got {:?}",
        show(out)
    );
    Ok(())
}

/// A typed patch from `v`, for customer 7 unless `v` names its own `customerId` (a patch
/// without one is 60001, which the properties of other rules are not about).
fn patch(v: &Value) -> CustomerPatch {
    serde_json::from_value(with_id(v)).expect("the test builds well-typed patches")
}

/// `v` with `"customerId": 7` when it is an object without one.
fn with_id(v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(m) = v.as_object_mut() {
        m.entry("customerId").or_insert(json!(7));
    }
    v
}

/// A complete address of type `ty`.
fn address(ty: &str) -> Value {
    json!({ "addressType": ty, "addressLine1": "1 Main St", "city": "Ames", "state": "IA",
            "postalCode": "50010", "country": "US" })
}

fn phone(ty: &str) -> Value {
    json!({ "phoneType": ty, "number": "5152221212" })
}

/// `word` with each ASCII letter's case taken from `upper`.
fn recase(word: &str, upper: &[bool]) -> String {
    word.chars()
        .zip(upper.iter().cycle())
        .map(|(c, u)| {
            if *u {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

fn iso(d: Date, form: usize) -> String {
    let ymd = format!("{:04}-{:02}-{:02}", d.year(), u8::from(d.month()), d.day());
    match form {
        0 => ymd,
        1 => format!("{ymd}T00:00:00"),
        2 => format!("{ymd}T00:00:00.000+00:00"),
        3 => format!("{ymd}T23:59:59.9999999-05:00"),
        _ => format!("{ymd}t12:30z"),
    }
}

/// Every char `char::is_whitespace` accepts.
fn whitespace() -> &'static [char] {
    static WS: OnceLock<Vec<char>> = OnceLock::new();
    WS.get_or_init(|| {
        (0..=u32::from(char::MAX))
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect()
    })
}

/// Text made only of Unicode whitespace (possibly empty).
fn blank() -> impl Strategy<Value = String> {
    prop::collection::vec(any::<prop::sample::Index>(), 0..6)
        .prop_map(|ix| ix.iter().map(|i| *i.get(whitespace())).collect())
}

// ---------------------------------------------------------------------------------------------
// 60301: birth date strictly after 1900-01-01 and not after today.

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn birth_date_around_1900(offset in -400i64..=400, form in 0usize..5) {
        let d = date!(1900 - 01 - 01) + Duration::days(offset);
        let out = run_default(&patch(&json!({ "birthDate": iso(d, form) })), CustomerKind::Individual);
        if offset <= 0 {
            assert_only(&out, 60301, "/birthDate")?;
        } else {
            assert_clean(&out, 60301)?;
        }
    }

    #[test]
    fn birth_date_around_today(
        year in 1901i32..2200,
        anchor in 0usize..5,
        delta in -3i64..=3,
        form in 0usize..5,
    ) {
        // Days next to a leap day, the year's ends, and the leap day itself when there is one.
        let today = match anchor {
            0 => Date::from_calendar_date(year, Month::February, 28),
            1 => Date::from_calendar_date(year, Month::February, 29)
                .or_else(|_| Date::from_calendar_date(year, Month::March, 1)),
            2 => Date::from_calendar_date(year, Month::March, 1),
            3 => Date::from_calendar_date(year, Month::January, 1),
            _ => Date::from_calendar_date(year, Month::December, 31),
        }
        .expect("a day");
        let birth = today + Duration::days(delta);
        let p = patch(&json!({ "birthDate": iso(birth, form) }));
        let out = run(&p, &ProgramSettings::default(), &Context::new(today));
        if delta > 0 {
            assert_only(&out, 60301, "/birthDate")?;
        } else {
            assert_clean(&out, 60301)?;
        }
    }

    #[test]
    fn feb_29_birthdays(year in 1800i32..2400, delta in -800i64..=800) {
        let text = format!("{year:04}-02-29");
        let p = patch(&json!({ "birthDate": text }));
        if let Ok(birth) = Date::from_calendar_date(year, Month::February, 29) {
            let today = (birth + Duration::days(delta)).max(date!(1901 - 01 - 01));
            let out = run(&p, &ProgramSettings::default(), &Context::new(today));
            if birth <= date!(1900 - 01 - 01) || birth > today {
                assert_only(&out, 60301, "/birthDate")?;
            } else {
                assert_clean(&out, 60301)?;
            }
        } else {
            // Not a day at all (1900, 2100, any year not divisible by 4): 59952, not 60301.
            prop_assert!(!time::util::is_leap_year(year));
            let out = run_default(&p, CustomerKind::Individual);
            assert_only(&out, 59952, "/birthDate")?;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 66908: DPS address lines of at most 76 Unicode scalars.

fn dps_length() -> impl Strategy<Value = usize> {
    prop_oneof![Just(76usize), Just(77usize), 60usize..=100]
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn dps_line_length(
        n in dps_length(),
        chars in prop::collection::vec(select(vec!['a', 'é', 'ß', 'Ω', '漢', '😀', '9', '-']), 1..4),
        line in 1usize..=4,
        at in 0usize..2,
        dps in any::<bool>(),
    ) {
        let text: String = chars.iter().cycle().take(n).collect();
        let mut addresses = vec![address("Mailing"), address("Prior")];
        addresses[at][format!("addressLine{line}")] = json!(text);
        let p = patch(&json!({ "addresses": addresses }));
        let settings = ProgramSettings { dps_client: dps, ..ProgramSettings::default() };
        let out = run(&p, &settings, &Context::new(TODAY));
        if dps && n > 76 {
            assert_only(&out, 66908, &format!("/addresses/{at}/addressLine{line}"))?;
        } else {
            assert_clean(&out, 66908)?;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 60350 / 60351: at most one address (phone) per type.

const INDIVIDUAL_TYPES: [&str; 3] = ["Residence", "Mailing", "Prior"];
const BUSINESS_TYPES: [&str; 5] = [
    "PrimaryBusiness",
    "Business",
    "Registered",
    "TaxFormMailing",
    "Mailing",
];
const PHONE_TYPES: [&str; 3] = ["Home", "Mobile", "Office"];

fn repeats(types: &[String]) -> bool {
    types
        .iter()
        .enumerate()
        .any(|(i, a)| types[..i].iter().any(|b| a.eq_ignore_ascii_case(b)))
}

/// Type lists: distinct types (a permutation's prefix, one past the limit too) or any picks.
fn type_picks(kinds: usize) -> impl Strategy<Value = Vec<usize>> {
    prop_oneof![
        Just((0..kinds).collect::<Vec<_>>())
            .prop_shuffle()
            .prop_flat_map(move |perm| (0..=kinds + 1)
                .prop_map(move |n| { perm.iter().copied().cycle().take(n).collect() })),
        prop::collection::vec(0..kinds, 0..=kinds + 2),
    ]
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn address_count_and_repeated_types(
        business in any::<bool>(),
        picks in type_picks(5),
        upper in prop::collection::vec(any::<bool>(), 16),
    ) {
        let (types, kind): (&[&str], _) = if business {
            (&BUSINESS_TYPES, CustomerKind::Business)
        } else {
            (&INDIVIDUAL_TYPES, CustomerKind::Individual)
        };
        let chosen: Vec<String> = picks
            .iter()
            .enumerate()
            .map(|(i, k)| recase(types[k % types.len()], &upper[i..]))
            .collect();
        let list: Vec<Value> = chosen.iter().map(|t| address(t)).collect();
        let out = run_default(&patch(&json!({ "addresses": list })), kind);
        if chosen.len() > types.len() || repeats(&chosen) {
            assert_only(&out, 60350, "/addresses")?;
        } else {
            assert_clean(&out, 60350)?;
        }
    }

    #[test]
    fn phone_count_and_repeated_types(
        picks in type_picks(3),
        upper in prop::collection::vec(any::<bool>(), 16),
    ) {
        let chosen: Vec<String> = picks
            .iter()
            .enumerate()
            .map(|(i, k)| recase(PHONE_TYPES[*k], &upper[i..]))
            .collect();
        let list: Vec<Value> = chosen.iter().map(|t| phone(t)).collect();
        let out = run_default(&patch(&json!({ "phones": list })), CustomerKind::Individual);
        if chosen.len() > 3 || repeats(&chosen) {
            assert_only(&out, 60351, "/phones")?;
        } else {
            assert_clean(&out, 60351)?;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 60302 / 66801 / 66901: enum values in any case, and near misses.

/// A value one edit away from `word`: a character inserted, dropped or replaced, whitespace
/// around it, or nothing at all. (Edits use ASCII and whitespace: whether Helix folds other
/// scripts' case, such as a dotless ı, is not documented.)
fn near_miss(word: &'static str) -> impl Strategy<Value = String> {
    let n = word.chars().count();
    (
        0usize..5,
        0..=n,
        prop::char::range('!', '~'),
        blank(),
        prop::collection::vec(any::<bool>(), 16),
    )
        .prop_map(move |(edit, at, c, ws, upper)| {
            let mut chars: Vec<char> = recase(word, &upper).chars().collect();
            let at = at.min(chars.len().saturating_sub(1));
            match edit {
                0 => chars.insert(at, c),
                1 => {
                    chars.remove(at);
                }
                2 => chars[at] = c,
                3 => {
                    let ws = if ws.is_empty() { " ".to_owned() } else { ws };
                    return format!("{ws}{}", chars.iter().collect::<String>());
                }
                _ => return String::new(),
            }
            chars.into_iter().collect()
        })
}

fn is_one_of(value: &str, canon: &[&str]) -> bool {
    canon.iter().any(|c| c.eq_ignore_ascii_case(value))
}

fn valid_or_near(canon: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![
        (select(canon), prop::collection::vec(any::<bool>(), 16))
            .prop_map(|(w, upper)| recase(w, &upper)),
        select(canon).prop_flat_map(near_miss),
    ]
}

proptest! {
    #![proptest_config(config(192))]

    #[test]
    fn gender_in_any_case_vs_near_misses(g in valid_or_near(&["M", "F", "U"])) {
        let out = run_default(&patch(&json!({ "gender": g })), CustomerKind::Individual);
        if is_one_of(&g, &["M", "F", "U"]) {
            assert_clean(&out, 60302)?;
        } else {
            assert_only(&out, 60302, "/gender")?;
        }
    }

    #[test]
    fn phone_type_in_any_case_vs_near_misses(t in valid_or_near(&PHONE_TYPES)) {
        let out = run_default(&patch(&json!({ "phones": [phone(&t)] })), CustomerKind::Individual);
        if is_one_of(&t, &PHONE_TYPES) {
            assert_clean(&out, 66801)?;
        } else {
            assert_only(&out, 66801, "/phones/0/phoneType")?;
        }
    }

    #[test]
    fn address_type_in_any_case_vs_near_misses(
        business in any::<bool>(),
        t in valid_or_near(&["Residence", "Mailing", "Prior", "PrimaryBusiness", "Business",
                             "Registered", "TaxFormMailing"]),
    ) {
        // Each kind's list; the other kind's types are near misses too.
        let (types, kind): (&[&str], _) = if business {
            (&BUSINESS_TYPES, CustomerKind::Business)
        } else {
            (&INDIVIDUAL_TYPES, CustomerKind::Individual)
        };
        let out = run_default(&patch(&json!({ "addresses": [address(&t)] })), kind);
        if is_one_of(&t, types) {
            assert_clean(&out, 66901)?;
        } else {
            assert_only(&out, 66901, "/addresses/0/addressType")?;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 66802-66906: required fields present vs missing, empty or whitespace-only.

const REQUIRED: [(&str, u32); 5] = [
    ("addressLine1", 66902),
    ("city", 66903),
    ("state", 66904),
    ("postalCode", 66905),
    ("country", 66906),
];

/// `None`: the property is absent; `Some(null)`; or whitespace-only text.
fn missing() -> impl Strategy<Value = Option<Value>> {
    prop_oneof![
        Just(None),
        Just(Some(Value::Null)),
        blank().prop_map(|s| Some(Value::String(s))),
    ]
}

/// Text with something that is not whitespace in it, padded with whitespace.
fn present() -> impl Strategy<Value = String> {
    (
        blank(),
        select(vec!["1", "A", "é", "漢", "IA", "50010"]),
        blank(),
    )
        .prop_map(|(a, t, b)| format!("{a}{t}{b}"))
}

proptest! {
    #![proptest_config(config(192))]

    #[test]
    fn required_address_fields(
        field in 0usize..5,
        gone in missing(),
        there in present(),
        at in 0usize..2,
        fill in any::<bool>(),
    ) {
        let (name, code) = REQUIRED[field];
        let mut list = vec![address("Mailing"), address("Prior")];
        let entry = list[at].as_object_mut().expect("an object");
        match (&gone, fill) {
            (_, true) => {
                entry.insert(name.to_owned(), json!(there));
            }
            (None, false) => {
                entry.remove(name);
            }
            (Some(v), false) => {
                entry.insert(name.to_owned(), v.clone());
            }
        }
        let out = run_default(&patch(&json!({ "addresses": list })), CustomerKind::Individual);
        if fill {
            assert_clean(&out, code)?;
        } else {
            assert_only(&out, code, &format!("/addresses/{at}/{name}"))?;
        }
    }

    #[test]
    fn required_phone_number(gone in missing(), there in present(), fill in any::<bool>()) {
        let mut p = phone("Home");
        let entry = p.as_object_mut().expect("an object");
        match (&gone, fill) {
            (_, true) => {
                entry.insert("number".to_owned(), json!(there));
            }
            (None, false) => {
                entry.remove("number");
            }
            (Some(v), false) => {
                entry.insert("number".to_owned(), v.clone());
            }
        }
        let out = run_default(&patch(&json!({ "phones": [phone("Mobile"), p] })), CustomerKind::Individual);
        if fill {
            assert_clean(&out, 66802)?;
        } else {
            assert_only(&out, 66802, "/phones/1/number")?;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// 60304: local part 64/65, label 63/64, total 254/255 octets.

const ATEXT: &str =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~";

/// A dot-atom of exactly `n` octets: atext runs joined by single dots.
fn local_part(n: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        (select(ATEXT.chars().collect::<Vec<_>>()), any::<bool>()),
        n,
    )
    .prop_map(|cs| {
        let mut out: Vec<char> = cs.iter().map(|(c, _)| *c).collect();
        let last = out.len().saturating_sub(1);
        for i in 1..last {
            if cs[i].1 && out[i - 1] != '.' {
                out[i] = '.';
            }
        }
        out.into_iter().collect()
    })
}

/// A domain label of exactly `n` octets: letters, digits and inner hyphens.
fn label(n: usize, alphabetic: bool) -> impl Strategy<Value = String> {
    let inner: Vec<char> = if alphabetic {
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
            .chars()
            .collect()
    } else {
        "abcdefghijklmnopqrstuvwxyz0123456789-".chars().collect()
    };
    prop::collection::vec(select(inner), n).prop_map(|mut cs| {
        let last = cs.len() - 1;
        for i in [0, last] {
            if cs[i] == '-' {
                cs[i] = 'x';
            }
        }
        cs.into_iter().collect()
    })
}

/// A domain of exactly `n` octets (n >= 3), its labels at most 63 octets.
fn domain(n: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(1usize..=63, 8).prop_flat_map(move |sizes| {
        let mut parts = Vec::new();
        let mut left = n;
        for k in sizes {
            if left <= 63 {
                break;
            }
            let k = k.min(left - 2);
            parts.push(label(k, false).boxed());
            left -= k + 1;
        }
        while left > 63 {
            parts.push(label(62, false).boxed());
            left -= 63;
        }
        parts.push(label(left, true).boxed());
        parts.prop_map(|ls| ls.join("."))
    })
}

fn email_outcome(email: &str) -> Result<(), TestCaseError> {
    let out = run_default(
        &patch(&json!({ "emailAddress": email })),
        CustomerKind::Individual,
    );
    if is_valid_email(email) {
        assert_clean(&out, 60304)
    } else {
        assert_only(&out, 60304, "/emailAddress")
    }
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn email_local_part_64_vs_65(
        (n, local) in (60usize..=68).prop_flat_map(|n| (Just(n), local_part(n))),
    ) {
        let email = format!("{local}@example.com");
        prop_assert_eq!(is_valid_email(&email), n <= 64, "{}", email);
        email_outcome(&email)?;
    }

    #[test]
    fn email_label_63_vs_64(
        (n, l) in (60usize..=66).prop_flat_map(|n| (Just(n), label(n, false))),
        tld in any::<bool>(),
    ) {
        // The long label in the middle, or as the (alphabetic) top-level label.
        let email = if tld {
            format!("ada@example.{}", l.replace(|c: char| !c.is_ascii_alphabetic(), "q"))
        } else {
            format!("ada@{l}.com")
        };
        prop_assert_eq!(is_valid_email(&email), n <= 63, "{}", email);
        email_outcome(&email)?;
    }

    #[test]
    fn email_total_254_vs_255(
        (total, email) in (250usize..=258, 1usize..=64).prop_flat_map(|(total, l)| {
            (Just(total), (local_part(l), domain(total - l - 1)))
        }).prop_map(|(t, (local, dom))| (t, format!("{local}@{dom}"))),
    ) {
        prop_assert_eq!(email.len(), total);
        prop_assert_eq!(is_valid_email(&email), total <= 254, "{}", email);
        email_outcome(&email)?;
    }
}

// ---------------------------------------------------------------------------------------------
// 66907: generated PO-box spellings vs street lines with the same letters.

/// A `pick(n)` over proptest's numbers (wrapping around when they run out).
fn picker(choices: &[usize]) -> impl FnMut(usize) -> usize + '_ {
    let mut i = 0;
    move |n| {
        let c = choices[i % choices.len()];
        i += 1;
        c % n.max(1)
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn po_box_spellings_vs_street_lines(
        choices in prop::collection::vec(any::<usize>(), 64),
        is_box in any::<bool>(),
        business in any::<bool>(),
        physical in any::<bool>(),
        line in 1usize..=4,
    ) {
        let mut pick = picker(&choices);
        let text = if is_box {
            spellings::po_box_line(&mut pick)
        } else {
            spellings::street_line(&mut pick)
        };
        let (kind, ty) = match (business, physical) {
            (false, true) => (CustomerKind::Individual, "Residence"),
            (false, false) => (CustomerKind::Individual, "Mailing"),
            (true, true) => (CustomerKind::Business, "PrimaryBusiness"),
            (true, false) => (CustomerKind::Business, "Registered"),
        };
        let mut a = address(ty);
        a[format!("addressLine{line}")] = json!(text);
        let out = run_default(&patch(&json!({ "addresses": [a] })), kind);
        if is_box && physical {
            assert_only(&out, 66907, &format!("/addresses/0/addressLine{line}"))?;
        } else {
            assert_clean(&out, 66907)?;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Policy switches (60306-60308, 60450, 194102-194109): on vs off, with and without a current
// record that makes the value unchanged.

#[derive(Clone, Copy, Debug)]
enum Val {
    Text,
    /// Letters only: a name every name profile takes.
    Name,
    Email,
    Day,
    Flag,
    Addr(&'static str),
}

/// (setting that denies, property, value kind, code, business customer).
const SWITCHES: &[(&str, &str, Val, u32, bool)] = &[
    ("allowNameUpdate", "firstName", Val::Text, 60306, false),
    ("allowNameUpdate", "lastName", Val::Text, 60306, false),
    ("allowEmailUpdate", "emailAddress", Val::Email, 60307, false),
    (
        "allowResidenceAddressUpdate",
        "addresses",
        Val::Addr("Residence"),
        60308,
        false,
    ),
    ("usesHelixKyc", "firstName", Val::Text, 60450, false),
    ("usesHelixKyc", "middleName", Val::Text, 60450, false),
    ("usesHelixKyc", "lastName", Val::Text, 60450, false),
    ("usesHelixKyc", "birthDate", Val::Day, 60450, false),
    ("usesHelixKyc", "taxId", Val::Text, 60450, false),
    ("usesHelixKyc", "emailAddress", Val::Email, 60450, false),
    (
        "usesHelixKyc",
        "driversLicenseNumber",
        Val::Text,
        60450,
        false,
    ),
    (
        "usesHelixKyc",
        "driversLicenseState",
        Val::Text,
        60450,
        false,
    ),
    (
        "usesHelixKyc",
        "driversLicenseIssueDate",
        Val::Day,
        60450,
        false,
    ),
    (
        "usesHelixKyc",
        "driversLicenseExpireDate",
        Val::Day,
        60450,
        false,
    ),
    ("usesHelixKyc", "passportNumber", Val::Text, 60450, false),
    ("usesHelixKyc", "passportCountry", Val::Text, 60450, false),
    ("usesHelixKyc", "passportIssueDate", Val::Day, 60450, false),
    ("usesHelixKyc", "passportExpireDate", Val::Day, 60450, false),
    (
        "usesHelixKyc",
        "addresses",
        Val::Addr("residence"),
        60450,
        false,
    ),
    (
        "allowBusinessLegalNameUpdate",
        "businessLegalName",
        Val::Text,
        194102,
        true,
    ),
    ("allowDbaUpdate", "doingBusinessAs", Val::Text, 194103, true),
    (
        "allowLegalEntityTypeUpdate",
        "legalEntityType",
        Val::Text,
        194104,
        true,
    ),
    (
        "allowIsTaxExemptUpdate",
        "isTaxExempt",
        Val::Flag,
        194105,
        true,
    ),
    ("allowTaxIdUpdate", "taxId", Val::Text, 194106, true),
    ("allowTaxIdTypeUpdate", "taxIdType", Val::Text, 194107, true),
    (
        "allowPrimaryBusinessAddressUpdate",
        "addresses",
        Val::Addr("PrimaryBusiness"),
        194108,
        true,
    ),
    (
        "allowMailingAddressUpdate",
        "addresses",
        Val::Addr("MAILING"),
        194109,
        true,
    ),
    (
        "preferredNameEnabled",
        "preferredName",
        Val::Name,
        60265,
        false,
    ),
    (
        "allowForeignDocuments",
        "foreignDocumentNumber",
        Val::Text,
        60353,
        false,
    ),
];

/// The value a switch's property takes, and a different one, from `text` and `seed`.
fn values(kind: Val, text: &str, seed: u16) -> (Value, Value) {
    let day = date!(1950 - 01 - 01) + Duration::days(i64::from(seed % 18000));
    match kind {
        Val::Text => (json!(text), json!(format!("{text}x"))),
        Val::Name => {
            let name: String = text.chars().filter(char::is_ascii_alphabetic).collect();
            (json!(name), json!(format!("{name}x")))
        }
        Val::Email => (
            json!(format!("{}@example.com", text.replace(' ', "."))),
            json!("someone.else@example.org"),
        ),
        Val::Day => (
            json!(iso(day, usize::from(seed % 3))),
            json!(iso(day + Duration::days(1), 0)),
        ),
        Val::Flag => (json!(seed % 2 == 0), json!(seed % 2 != 0)),
        Val::Addr(ty) => {
            let mut other = address(ty);
            other["city"] = json!(format!("{text}x"));
            (json!([address(ty)]), json!([other]))
        }
    }
}

/// Every rule that judges updates, and every switch of the settings, is in [`SWITCHES`]: a new
/// policy rule or setting fails here until the property test covers it.
#[test]
fn switches_cover_every_policy_rule_and_switch() {
    use helix_customer_rules::{Judges, RULES};
    let codes: std::collections::BTreeSet<u32> = SWITCHES.iter().map(|s| s.3).collect();
    for r in RULES.iter().filter(|r| r.judges == Judges::Updates) {
        assert!(
            codes.contains(&r.code.get()),
            "{} ({}) is missing from SWITCHES",
            r.name,
            r.code
        );
        for setting in r.settings {
            assert!(
                SWITCHES
                    .iter()
                    .any(|s| s.0 == *setting && s.3 == r.code.get()),
                "{}'s setting {setting} is missing from SWITCHES",
                r.code
            );
        }
    }
    // Every boolean setting switches a policy rule, or is named here as not doing so.
    let not_switches = ["dpsClient"];
    let defaults = serde_json::to_value(ProgramSettings::default()).unwrap();
    for (key, value) in defaults.as_object().unwrap() {
        if value.is_boolean() && !not_switches.contains(&key.as_str()) {
            assert!(
                SWITCHES.iter().any(|s| s.0 == key),
                "setting {key} is missing from SWITCHES"
            );
        }
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn policy_switches(
        which in 0..SWITCHES.len(),
        text in "[A-Za-z][A-Za-z0-9]{0,11}",
        seed in any::<u16>(),
        deny in any::<bool>(),
        current in 0usize..3,
    ) {
        let (setting, property, kind, code, business) = SWITCHES[which];
        let (value, different) = values(kind, &text, seed);
        let settings: ProgramSettings = serde_json::from_value(json!({
            setting: if setting == "usesHelixKyc" { deny } else { !deny }
        }))
        .expect("known settings");
        let p = patch(&json!({ property: value.clone() }));
        let snapshot = match current {
            0 => None,
            1 => Some(patch(&json!({ property: value }))),
            _ => Some(patch(&json!({ property: different }))),
        };
        let unchanged = current == 1;
        let customer = if business { CustomerKind::Business } else { CustomerKind::Individual };
        let mut cx = Context::new(TODAY).with_kind(customer);
        if let Some(c) = &snapshot {
            cx = cx.with_current(c);
        }
        let out = run(&p, &settings, &cx);
        let path = if property == "addresses" { "/addresses/0".to_owned() } else { format!("/{property}") };
        if deny && !unchanged {
            assert_only(&out, code, &path)?;
        } else {
            assert_clean(&out, code)?;
        }
        // The business switches are for business customers only.
        if business {
            let out = run(&p, &settings, &Context::new(TODAY));
            prop_assert!(out.iter().all(|v| v.code().get() != code), "{:?}", show(&out));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Engine invariants over whole generated patches.

/// Values that sit on a boundary, or that some rule recognises.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(vec![
            "", " ", "\u{a0}", "\u{2028}", "M", "f", "X", "Home", "MOBILE", "Cell", "Residence",
            "mailing", "Prior", "PrimaryBusiness", "taxformmailing", "Registered", "Business",
            "1900-01-01", "1900-01-02", "2026-11-23", "2026-11-24", "2000-02-29", "1900-02-29",
            "1976-07-04T00:00:00.000+00:00", "ada@example.com", "ada@localhost", "P.O. Box 12",
            "12 Boxwood Ln", "Apartado 5", "5152221212", "US", "IA", "50010", "vip-1",
        ]).prop_map(str::to_owned),
        1 => (70usize..=80, select(vec!['a', 'é', '漢'])).prop_map(|(n, c)| c.to_string().repeat(n)),
        3 => "\\PC{0,16}",
    ]
}

fn value_for(name: &'static str) -> BoxedStrategy<Value> {
    let v = if invariants::BOOL_PROPERTIES.contains(&name) {
        any::<bool>().prop_map(Value::Bool).boxed()
    } else if name == "customerId" || name == "industryClassificationCodeId" {
        (-2i64..40).prop_map(Value::from).boxed()
    } else {
        text().prop_map(Value::String).boxed()
    };
    prop_oneof![1 => Just(Value::Null), 7 => v].boxed()
}

/// An object with some of `props` set.
fn object(props: &'static [&'static str]) -> impl Strategy<Value = Map<String, Value>> {
    let scalars: Vec<&'static str> = props
        .iter()
        .copied()
        .filter(|p| *p != "addresses" && *p != "phones")
        .collect();
    prop::collection::vec(
        select(scalars).prop_flat_map(|p| (Just(p), value_for(p))),
        0..10,
    )
    .prop_map(|kv| kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
}

fn whole_patch() -> impl Strategy<Value = Value> {
    (
        object(CustomerPatch::PROPERTIES),
        prop::option::of(prop::collection::vec(object(Address::PROPERTIES), 0..6)),
        prop::option::of(prop::collection::vec(object(Phone::PROPERTIES), 0..5)),
    )
        .prop_map(|(mut m, addresses, phones)| {
            if let Some(a) = addresses {
                m.insert(
                    "addresses".into(),
                    Value::Array(a.into_iter().map(Value::Object).collect()),
                );
            }
            if let Some(p) = phones {
                m.insert(
                    "phones".into(),
                    Value::Array(p.into_iter().map(Value::Object).collect()),
                );
            }
            Value::Object(m)
        })
}

/// Arbitrary settings: every boolean key `ProgramSettings` serializes gets a random value, so a
/// new switch is covered without an edit here; the two lists are drawn apart.
fn settings() -> impl Strategy<Value = ProgramSettings> {
    let defaults = serde_json::to_value(ProgramSettings::default()).unwrap();
    let switches: Vec<String> = defaults
        .as_object()
        .unwrap()
        .iter()
        .filter(|(_, v)| v.is_boolean())
        .map(|(k, _)| k.clone())
        .collect();
    (
        prop::collection::vec(any::<bool>(), switches.len()),
        prop::option::of(prop::collection::vec(0i64..40, 0..4)),
        prop::option::of(prop::collection::vec(
            "(Passport|NationalId|[A-Za-z]{1,3})",
            0..3,
        )),
    )
        .prop_map(move |(b, ids, types)| {
            let mut m: serde_json::Map<String, Value> = switches
                .iter()
                .cloned()
                .zip(b.into_iter().map(Value::Bool))
                .collect();
            m.insert("industryClassificationCodeIds".into(), json!(ids));
            m.insert("foreignDocumentTypes".into(), json!(types));
            serde_json::from_value(Value::Object(m)).expect("every key is a setting")
        })
}

/// A current record like the patch: each property kept, dropped or changed.
fn current_like(p: &Value, edits: &[u8]) -> CustomerPatch {
    let mut m = p.as_object().cloned().unwrap_or_default();
    for (k, e) in m.clone().keys().zip(edits.iter().cycle()) {
        match (e % 3, &m[k]) {
            (1, _) => {
                m.remove(k);
            }
            (2, Value::String(s)) => {
                m.insert(k.clone(), json!(format!("{s}~")));
            }
            _ => {}
        }
    }
    patch(&Value::Object(m))
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn engine_invariants_on_whole_patches(
        body in whole_patch(),
        s in settings(),
        business in any::<bool>(),
        day in prop_oneof![Just(TODAY), Just(date!(1900 - 01 - 02)), Just(date!(2024 - 02 - 29))],
        current in prop::option::of(prop::collection::vec(any::<u8>(), 1..8)),
        tag_owner in prop::option::of(0i64..2),
    ) {
        let p = patch(&body);
        let mut owners = BTreeMap::new();
        if let (Some(tag), Some(d)) = (&p.tag, tag_owner) {
            owners.insert(tag.clone(), p.customer_id.unwrap_or(0) + d);
        }
        let snapshot = current.map(|edits| current_like(&body, &edits));
        let kind = if business { CustomerKind::Business } else { CustomerKind::Individual };
        let mut cx = Context::new(day).with_kind(kind).with_tags(&owners);
        if let Some(c) = &snapshot {
            cx = cx.with_current(c);
        }
        run(&p, &s, &cx);
    }
}

/// The invariant checker itself rejects a list out of order: it is not a test that cannot fail.
#[test]
#[should_panic(expected = "strictly ordered")]
fn invariant_checker_catches_disorder() {
    let p = patch(&json!({ "gender": "X", "emailAddress": "nope" }));
    let mut out = validate(&p, &ProgramSettings::default(), &Context::new(TODAY));
    assert_eq!(out.len(), 2);
    out.reverse();
    invariants::check_output(
        Some(&json!({ "gender": "X", "emailAddress": "nope" })),
        &out,
    );
}

// ---------------------------------------------------------------------------------------------
// 59900 / 59952 / 59953: what the body's own reader reports (through `validate_json`).

/// `validate_json` of `body` (for customer 7 unless it names its own id), checked against the
/// invariants.
fn run_json(body: &Value, settings: &ProgramSettings, cx: &Context<'_>) -> Vec<Violation> {
    let body = with_id(body);
    let bytes = serde_json::to_vec(&body).expect("serializes");
    run_bytes(&bytes, Some(&body), settings, cx)
}

/// `validate_json` of `bytes`, its output checked against the invariants; `body` is the same
/// bytes as a `Value`, to check paths against, where one can hold them (it cannot with a
/// repeated key, a lone surrogate or a number beyond an f64).
fn run_bytes(
    bytes: &[u8],
    body: Option<&Value>,
    settings: &ProgramSettings,
    cx: &Context<'_>,
) -> Vec<Violation> {
    let out = helix_customer_rules::validate_json(bytes, settings, cx);
    invariants::check_output(body, &out);
    out
}

const STRINGS: [&str; 4] = ["firstName", "gender", "customField3", "businessWebsite"];
const DATES: [&str; 6] = [
    "birthDate",
    "driversLicenseIssueDate",
    "driversLicenseExpireDate",
    "passportIssueDate",
    "passportExpireDate",
    "foreignDocumentExpirationDate",
];

/// A JSON value of each type but string.
/// A JSON container, which no text property takes (59900).
fn not_a_string() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!([])),
        Just(json!(["M"])),
        Just(json!({})),
        Just(json!({ "value": "M" })),
    ]
}

/// JSON values of types `firstName` cannot take (a number or a boolean is read as text, 58007):
/// an array and an object each get their own 59900 message.
const WRONG_TYPES: [&str; 4] = ["[1]", "{\"a\": 1}", "[]", "{}"];

proptest! {
    #![proptest_config(config(128))]

    /// A property repeated with wrong-typed values is reported once, with the message of its
    /// first occurrence, whatever else the body holds: which duplicate survives must not hang
    /// on how many other violations are sorted beside it.
    #[test]
    fn a_repeated_property_reports_its_first_occurrence(
        kinds in prop::collection::vec(0..WRONG_TYPES.len(), 2..40),
        others in prop::collection::vec(select(vec!["lastName", "tag", "customField3"]), 0..3),
    ) {
        let cx = Context::new(TODAY);
        let settings = ProgramSettings::default();
        let json = |body: &str| run_bytes(body.as_bytes(), None, &settings, &cx);
        let message = |out: &[Violation]| {
            out.iter()
                .find(|v| v.code().get() == 59900 && v.path().to_string() == "/firstName")
                .map(|v| v.message().to_string())
        };
        let first = json(&format!("{{\"firstName\": {}}}", WRONG_TYPES[kinds[0]]));
        let mut props: Vec<String> = others.iter().map(|name| format!("\"{name}\": [1]")).collect();
        props.extend(kinds.iter().map(|&k| format!("\"firstName\": {}", WRONG_TYPES[k])));
        let out = json(&format!("{{{}}}", props.join(", ")));
        prop_assert!(message(&first).is_some());
        prop_assert_eq!(message(&out), message(&first), "{}", show(&out).join("\n"));
    }

    /// Two things JSON allows that serde_json cannot hold are read, not called malformed: an
    /// escaped lone surrogate reads as U+FFFD would, and a number beyond an f64 as one
    /// within it (a number that is no integer), and every other property is still read. In a
    /// body that breaks later (a byte that is not UTF-8), what comes before the break is read
    /// the same way.
    #[test]
    fn lone_surrogates_and_huge_numbers_are_json(
        name in select(vec!["firstName", "tag", "customField3", "emailAddress"]),
        unit in 0xD800u32..0xE000,
        exponent in 309u32..2000,
        sign in select(vec!["", "-"]),
        gender in "[MFX]",
        broken_after in any::<bool>(),
    ) {
        let cx = Context::new(TODAY);
        let settings = ProgramSettings::default();
        let json = |text: String| {
            let mut body = text.into_bytes();
            if broken_after {
                body.extend_from_slice(b", \"customField1\": \"\xff\"");
            }
            body.push(b'}');
            show(&run_bytes(&body, None, &settings, &cx))
        };
        let out = json(format!(
            r#"{{"{name}": "a\u{unit:04x}b", "customerId": {sign}1e{exponent}, "gender": "{gender}""#
        ));
        let stand_in = json(format!(
            r#"{{"{name}": "a\ufffdb", "customerId": {sign}1e308, "gender": "{gender}""#
        ));
        prop_assert_eq!(&out, &stand_in);
        prop_assert_eq!(out.iter().any(|v| v.starts_with("59950")), broken_after, "{:?}", out);
        prop_assert!(out.iter().any(|v| v.starts_with("59900 at \"/customerId\"")), "{:?}", out);
        prop_assert_eq!(out.iter().any(|v| v.starts_with("60302")), gender == "X");
    }

    #[test]
    fn string_properties_take_strings_only(which in 0..STRINGS.len(), v in not_a_string(), s in "[MFU]") {
        let name = STRINGS[which];
        let cx = Context::new(TODAY);
        let settings = ProgramSettings::default();
        assert_only(&run_json(&json!({ name: v }), &settings, &cx), 59900, &format!("/{name}"))?;
        // A string there is read (and `gender` then checked on its own terms: M/F/U pass).
        assert_clean(&run_json(&json!({ name: s }), &settings, &cx), 59900)?;
    }

    /// A number or a boolean where text belongs is read as text, as Helix's reader does: no
    /// 59900, a 58007 warning at its path, and every other rule judges the text (a number is
    /// never M, F or U, so `gender` is 60302, which then hides the warning).
    #[test]
    fn numbers_and_booleans_read_as_text(
        which in 0..STRINGS.len(),
        v in prop_oneof![
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            (-1e300f64..1e300).prop_map(Value::from),
        ],
    ) {
        let name = STRINGS[which];
        let body = with_id(&json!({ name: v }));
        let out = helix_customer_rules::check_json(
            &serde_json::to_vec(&body).unwrap(),
            &ProgramSettings::default(),
            &Context::new(TODAY),
        );
        let path = format!("/{name}");
        let at = |list: &[Violation]| -> Vec<u32> {
            list.iter().filter(|x| x.path().to_string() == path).map(|x| x.code().get()).collect()
        };
        let sent_as = if v.is_boolean() { "boolean" } else { "number" };
        if name == "gender" {
            prop_assert_eq!(at(&out.violations), vec![60302]);
            prop_assert!(at(&out.warnings).is_empty());
        } else {
            prop_assert!(out.violations.is_empty(), "{:?}", out.violations);
            prop_assert_eq!(at(&out.warnings), vec![58007]);
            let w = out.warnings.iter().find(|w| w.code().get() == 58007).unwrap();
            prop_assert_eq!(w.message(), format!("{name} was sent as a {sent_as}; Helix reads it as text."));
        }
    }

    #[test]
    fn date_forms_vs_near_misses(
        which in 0..DATES.len(),
        offset in 1i64..40000,
        form in 0usize..5,
        miss in 0usize..9,
    ) {
        let name = DATES[which];
        let day = date!(1900 - 01 - 02) + Duration::days(offset % 45000);
        let cx = Context::new(date!(2100 - 01 - 01));
        let settings = ProgramSettings::default();
        let good = iso(day, form);
        // With a foreign document number, so the expiration date needs nothing else (60356).
        let with_number = |value: String| json!({ name: value, "foreignDocumentNumber": "X1" });
        assert_clean(&run_json(&with_number(good), &settings, &cx), 59952)?;
        let ymd = iso(day, 0);
        let bad = match miss {
            0 => format!("{ymd} 00:00:00"),
            1 => format!("{ymd}T24:00:00"),
            2 => format!("{ymd}T00:00:00.0123456789"),
            3 => format!("{ymd}T00:00:00+000"),
            4 => format!("{ymd}T"),
            5 => ymd.replacen('-', "/", 2),
            6 => format!("{ymd}Z"),
            7 => format!("{:04}-02-30", day.year()),
            _ => format!(" {ymd}"),
        };
        assert_only(&run_json(&with_number(bad), &settings, &cx), 59952, &format!("/{name}"))?;
    }

    #[test]
    fn boolean_strings_vs_near_misses(
        which in 0..invariants::BOOL_PROPERTIES.len(),
        word in select(vec!["true", "false"]),
        upper in prop::collection::vec(any::<bool>(), 5),
        pad in (blank(), blank()),
        miss in near_miss("true"),
    ) {
        let name = invariants::BOOL_PROPERTIES[which];
        let (body, path): (fn(Value) -> Value, String) = if name == "isActive" {
            (|v: Value| json!({ "phones": [{ "phoneType": "Home", "number": "5152221212", "isActive": v }] }),
             "/phones/0/isActive".to_owned())
        } else {
            (|v: Value| json!({ "isDocumentsAccepted": v }), "/isDocumentsAccepted".to_owned())
        };
        let cx = Context::new(TODAY);
        let settings = ProgramSettings::default();
        // Any case, padded with any whitespace: read as the boolean.
        let good = format!("{}{}{}", pad.0, recase(word, &upper), pad.1);
        assert_clean(&run_json(&body(json!(good)), &settings, &cx), 59953)?;
        let miss_ok = ["true", "false"].iter().any(|w| w.eq_ignore_ascii_case(miss.trim()));
        prop_assume!(!miss_ok);
        assert_only(&run_json(&body(json!(miss)), &settings, &cx), 59953, &path)?;
    }
}

// ---------------------------------------------------------------------------------------------
// 60303 / 60305: a tag held by another customer; an industry id outside the program's list.

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn tag_owned_by_the_customer_vs_another(
        tag in "[a-z0-9-]{1,12}",
        me in 1i64..1000,
        owner_is in 0usize..3,
        other in 1i64..1000,
        id_in in 0usize..3,
    ) {
        // The tag is nobody's, the customer's own, or another customer's (drawn apart from
        // `me`, so that both sides come up in every run).
        let owner = match owner_is {
            0 => None,
            1 => Some(me),
            _ => Some(if other == me { other + 1000 } else { other }),
        };
        // The customer is named by the patch, by the current record, or not at all.
        let owners: BTreeMap<String, i64> = owner.map(|o| (tag.clone(), o)).into_iter().collect();
        let (body, current) = match id_in {
            0 => (json!({ "customerId": me, "tag": tag }), None),
            1 => (json!({ "tag": tag }), Some(patch(&json!({ "customerId": me })))),
            _ => (json!({ "tag": tag }), None),
        };
        let mut cx = Context::new(TODAY).with_tags(&owners);
        if let Some(c) = &current {
            cx = cx.with_current(c);
        }
        // Without a `customerId` in the patch (60001, which this property is not about), so that
        // the current record is what names the customer.
        let typed: CustomerPatch = if id_in == 0 {
            patch(&body)
        } else {
            serde_json::from_value(body).expect("a well-typed patch")
        };
        let mut out = run(&typed, &ProgramSettings::default(), &cx);
        out.retain(|v| v.code().get() != 60001);
        let known = id_in < 2;
        match owner {
            Some(o) if !known || o != me => assert_only(&out, 60303, "/tag")?,
            _ => assert_clean(&out, 60303)?,
        }
    }

    #[test]
    fn industry_id_in_the_list_vs_not(
        id in -3i64..60,
        list in prop::option::of(prop::collection::vec(1i64..50, 0..6)),
    ) {
        let settings = ProgramSettings {
            industry_classification_code_ids: list.clone(),
            ..ProgramSettings::default()
        };
        let cx = Context::new(TODAY).with_kind(CustomerKind::Business);
        let out = run(&patch(&json!({ "industryClassificationCodeId": id })), &settings, &cx);
        match list {
            Some(l) if !l.contains(&id) => assert_only(&out, 60305, "/industryClassificationCodeId")?,
            _ => assert_clean(&out, 60305)?,
        }
    }
}

/// Every char `char::is_whitespace` accepts, alone, leaves each required property blank; the
/// proptests above mix them, this visits each one.
#[test]
fn every_unicode_whitespace_is_blank() {
    let ws = whitespace();
    // The generator's source is the whole Unicode range, not an ASCII list.
    for c in [
        '\u{85}', '\u{a0}', '\u{1680}', '\u{2028}', '\u{202f}', '\u{3000}',
    ] {
        assert!(ws.contains(&c), "{c:?}");
    }
    for c in ws {
        for (name, code) in REQUIRED {
            let mut a = address("Mailing");
            a[name] = json!(c.to_string());
            let out = run_default(
                &patch(&json!({ "addresses": [a] })),
                CustomerKind::Individual,
            );
            assert_eq!(
                show(&out),
                [format!(
                    "{code} at \"/addresses/0/{name}\": {}",
                    out[0].message()
                )],
                "{c:?} in {name}"
            );
        }
        let mut p = phone("Home");
        p["number"] = json!(format!("{c}{c}"));
        let out = run_default(&patch(&json!({ "phones": [p] })), CustomerKind::Individual);
        assert_eq!(out.len(), 1, "{c:?}");
        assert_eq!(
            (out[0].code().get(), out[0].path().to_string()),
            (66802, "/phones/0/number".to_owned())
        );
    }
}

// ---------------------------------------------------------------------------------------------
// 66801 / 66901 / 66907 on long lists: each entry's type is worked out once per call for the
// first entries and on demand after them, and both must give the same verdicts.

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn entry_types_at_every_index_of_long_lists(
        phone_types in prop::collection::vec(select(&["Home", "mOBILE", "Cell", "", "office"][..]), 0..14),
        picks in prop::collection::vec(0usize..6, 0..14),
        business in any::<bool>(),
    ) {
        // Each kind's own names (the physical type first), then names of the other kind's.
        let (names, valid, physical, kind) = if business {
            (["PrimaryBusiness", "registered", "TAXFORMMAILING", "", "Residence", "prior"],
             &BUSINESS_TYPES[..], "PrimaryBusiness", CustomerKind::Business)
        } else {
            (["Residence", "MAILING", "prior", "", "PrimaryBusiness", "Home"],
             &INDIVIDUAL_TYPES[..], "Residence", CustomerKind::Individual)
        };
        let address_types: Vec<&str> = picks.iter().map(|&i| names[i]).collect();
        let phones: Vec<Value> = phone_types.iter().map(|t| phone(t)).collect();
        let addresses: Vec<Value> = address_types
            .iter()
            .map(|t| {
                let mut a = address(t);
                a["addressLine2"] = json!("PO Box 12");
                a
            })
            .collect();
        let out = run_default(&patch(&json!({ "phones": phones, "addresses": addresses })), kind);
        let at = |code: u32| -> Vec<String> {
            out.iter()
                .filter(|v| v.code().get() == code)
                .map(|v| v.path().to_string())
                .collect()
        };
        let expected = |types: &[&str], valid: &[&str], list: &str, name: &str| -> Vec<String> {
            types
                .iter()
                .enumerate()
                .filter(|(_, t)| is_one_of(t, valid) == name.is_empty())
                .map(|(i, _)| format!("/{list}/{i}{name}"))
                .collect()
        };
        prop_assert_eq!(at(66801), expected(&phone_types, &PHONE_TYPES, "phones", "/phoneType"));
        prop_assert_eq!(
            at(66901),
            expected(&address_types, valid, "addresses", "/addressType")
        );
        prop_assert_eq!(
            at(66907),
            expected(&address_types, &[physical], "addresses", "")
                .into_iter()
                .map(|p| format!("{p}/addressLine2"))
                .collect::<Vec<_>>()
        );
    }
}

/// `check_json` of `body` for customer `cx`, with `ignored` switched off.
fn check_body(
    body: &Value,
    settings: &ProgramSettings,
    cx: &Context<'_>,
    ignored: &[helix_customer_rules::Code],
) -> helix_customer_rules::Outcome {
    let bytes = serde_json::to_vec(body).expect("serializes");
    helix_customer_rules::check_json(&bytes, settings, &cx.with_ignored(ignored))
}

fn pairs(list: &[Violation]) -> Vec<(u32, String)> {
    list.iter()
        .map(|v| (v.code().get(), v.path().to_string()))
        .collect()
}

proptest! {
    #![proptest_config(config(256))]

    /// A Helix code wins: no warning shares a path with a violation; warnings are the crate's
    /// codes and violations Helix's; `validate_json` gives exactly the violations.
    #[test]
    fn a_helix_code_wins_on_whole_patches(body in whole_patch(), s in settings(), business in any::<bool>()) {
        let body = with_id(&body);
        let kind = if business { CustomerKind::Business } else { CustomerKind::Individual };
        let cx = Context::new(TODAY).with_kind(kind);
        let out = check_body(&body, &s, &cx, &[]);
        for w in &out.warnings {
            prop_assert!((58000..=58999).contains(&w.code().get()), "{w}");
            prop_assert!(!out.violations.iter().any(|v| v.path() == w.path()), "{w} shares its path with a violation");
        }
        prop_assert!(out.violations.iter().all(|v| !(58000..=58999).contains(&v.code().get())));
        let bytes = serde_json::to_vec(&body).unwrap();
        prop_assert_eq!(&helix_customer_rules::validate_json(&bytes, &s, &cx), &out.violations);
        prop_assert_eq!(out.valid, out.violations.is_empty());
    }

    /// Ignoring a code removes exactly that code's findings; a warning it hid shows, at a path
    /// where only that code was reported; everything else stays as it was.
    #[test]
    fn ignoring_a_code_removes_exactly_its_findings(
        body in whole_patch(),
        s in settings(),
        pick in any::<prop::sample::Index>(),
    ) {
        let body = with_id(&body);
        let cx = Context::new(TODAY);
        let before = check_body(&body, &s, &cx, &[]);
        // Mostly a code that fired, so the property says something.
        let fired: Vec<u32> = before.violations.iter().chain(&before.warnings).map(|v| v.code().get()).collect();
        let code = if fired.is_empty() {
            helix_customer_rules::RULES[pick.index(helix_customer_rules::RULES.len())].code
        } else {
            helix_customer_rules::Code(fired[pick.index(fired.len())])
        };
        let after = check_body(&body, &s, &cx, &[code]);
        let without = |list: &[Violation]| -> Vec<(u32, String)> {
            pairs(list).into_iter().filter(|(c, _)| *c != code.get()).collect()
        };
        prop_assert_eq!(pairs(&after.violations), without(&before.violations));
        prop_assert!(pairs(&after.violations).iter().chain(&pairs(&after.warnings)).all(|(c, _)| *c != code.get()));
        let kept = without(&before.warnings);
        let now = pairs(&after.warnings);
        for w in &kept {
            prop_assert!(now.contains(w), "warning {:?} vanished", w);
        }
        for w in now.iter().filter(|w| !kept.contains(w)) {
            // Revealed: the ignored code was a violation there, and nothing else is now.
            prop_assert!(pairs(&before.violations).contains(&(code.get(), w.1.clone())), "{:?} appeared from nowhere", w);
            prop_assert!(!pairs(&after.violations).iter().any(|(_, p)| *p == w.1));
        }
    }

    /// 58001 at each documented limit: at the limit in any characters no warning, one past it
    /// one warning at that property (multi-byte characters count once each).
    #[test]
    fn lengths_at_and_past_each_documented_limit(
        which in 0..LIMITS.len(),
        ch in select(vec!['a', 'é', '字', '😀']),
        past in any::<bool>(),
    ) {
        let (name, max) = LIMITS[which];
        let text: String = std::iter::repeat(ch).take(max + usize::from(past)).collect();
        let (body, path) = match name.split_once('.') {
            Some(("address", p)) => {
                let mut a = address("Mailing");
                a[p] = json!(text);
                (json!({ "addresses": [a] }), format!("/addresses/0/{p}"))
            }
            Some(("phone", p)) => {
                let mut ph = phone("Home");
                ph[p] = json!(text);
                (json!({ "phones": [ph] }), format!("/phones/0/{p}"))
            }
            _ => (json!({ name: text }), format!("/{name}")),
        };
        // The other codes at these paths (60304's email profile, 60355's missing document
        // number, 58002's digits) are not what this property is about.
        let ignored = [
            helix_customer_rules::Code(60304),
            helix_customer_rules::Code(60355),
            helix_customer_rules::Code(58002),
        ];
        let out = check_body(&with_id(&body), &ProgramSettings::default(), &Context::new(TODAY), &ignored);
        let at: Vec<u32> = out.warnings.iter().filter(|w| w.path().to_string() == path).map(|w| w.code().get()).collect();
        prop_assert_eq!(at.contains(&58001), past, "{} of {} at {}: {:?}", max, ch, path, pairs(&out.warnings));
    }

    /// 58002: digits only, any length up to the limit; any other character (a separator, a
    /// non-ASCII digit, a sign) anywhere is a warning.
    #[test]
    fn tax_ids_and_phone_numbers_are_digits_only(
        digits in "[0-9]{1,29}",
        at in any::<prop::sample::Index>(),
        other in select(vec!['-', ' ', '+', '.', '(', '٣', 'x', '\u{a0}']),
        phone_number in any::<bool>(),
    ) {
        let mut bad = digits.clone();
        bad.insert(at.index(digits.len() + 1), other);
        let body = |v: &str| if phone_number {
            let mut ph = phone("Home");
            ph["number"] = json!(v);
            json!({ "phones": [ph] })
        } else {
            json!({ "taxId": v })
        };
        let path = if phone_number { "/phones/0/number" } else { "/taxId" };
        let cx = Context::new(TODAY);
        let s = ProgramSettings::default();
        let codes = |v: &str| -> Vec<u32> {
            check_body(&with_id(&body(v)), &s, &cx, &[]).warnings.iter()
                .filter(|w| w.path().to_string() == path).map(|w| w.code().get()).collect()
        };
        prop_assert!(!codes(&digits).contains(&58002));
        prop_assert!(codes(&bad).contains(&58002), "{:?}", bad);
    }
}

/// 58001's documented limits (Helix's object pages), one per property: the property's wire
/// name (`address.city` inside an address) and its maximum.
const LIMITS: [(&str, usize); 28] = [
    ("firstName", 64),
    ("middleName", 64),
    ("lastName", 128),
    ("suffix", 20),
    ("taxId", 30),
    ("driversLicenseNumber", 30),
    ("passportNumber", 30),
    ("passportCountry", 30),
    ("emailAddress", 255),
    ("tag", 50),
    ("customField1", 100),
    ("customField2", 100),
    ("customField3", 100),
    ("customField4", 100),
    ("customField5", 100),
    ("foreignDocumentNumber", 30),
    ("foreignDocumentCountryCode", 3),
    ("businessLegalName", 300),
    ("businessDescription", 200),
    ("businessWebsite", 100),
    ("attesterName", 50),
    ("attesterTitle", 50),
    ("address.addressLine1", 100),
    ("address.addressLine2", 100),
    ("address.addressLine3", 100),
    ("address.addressLine4", 100),
    ("address.city", 50),
    ("phone.number", 50),
];
