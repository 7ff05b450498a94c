//! The rules as JSON Schema (draft 2020-12) expresses them, generated per program, customer
//! kind and tag store (a schema has no context, so what the context decides is baked in),
//! validated by the `jsonschema` crate.
//!
//! Each rule is a subschema annotated with its Helix code (`x-code`, an annotation keyword the
//! validator ignores); an error's code is the nearest annotation on its keyword location, and
//! its path the instance location (plus the property, for `required`). A rule about another
//! property than the one it reads names its path (`x-at`).
//!
//! Expressed: the enums in any case (as patterns), required address and phone fields, not
//! blank (`\S`), the date shape, `maxItems`, one address or phone per type (`contains` +
//! `maxContains`), PO boxes on the physical address (`if`/`then`/`not pattern`), the crate's
//! email profile (patterns and `maxLength`), every documented length (`maxLength`), the
//! character profiles and formats (patterns), the industry list (`enum`), the customer id's
//! range, the tag store (`if` the id is not the owner's `then` not that tag), the properties
//! that need another (`if`/`then`/`required`), and every program switch (a frozen property may
//! only be `null`; a frozen address type is `not`).
//!
//! Not expressible: calendar validity (February 30th, leap years), the birth-date range (an
//! order on dates), comparison with the current record, the lenient reader's codes (a schema
//! judges a JSON value: 59900, 59950, 59953 and 58007 are about reading one), and messages.

use helix_customer_rules::CustomerKind;
use serde_json::{json, Map, Value};

use super::{
    max_length, PeerCtx, BUSINESS_TYPES, CARD_NAME_PATTERN, CULTURES, DPS_MAX_LINE,
    EMAIL_LOCAL_PATTERN, EMAIL_MAX, EMAIL_PATTERN, INDIVIDUAL_TYPES, MAX_ADDRESS_LINE,
    MAX_CARD_NAME, MAX_CITY, MAX_CUSTOMER_ID, MAX_PHONE_NUMBER, MAX_PREFERRED_NAME, NAME_PATTERN,
    PHONE_TYPES, PO_BOX_PATTERN, US_STATES,
};

/// `YYYY-MM-DD[THH:MM[:SS[.f]][Z|±HH[:MM]|±HHMM]]`, months 01-12, days 01-31, hours 00-23.
const DATE: &str = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])([Tt]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?([Zz]|[+-]([01]\d|2[0-3])(:?[0-5]\d)?)?)?$";

fn any_case(values: &[&str]) -> String {
    format!("^(?i:{})$", values.join("|"))
}

/// Blank, or one of `values` in any case: the format warnings (58004-58006).
fn blank_or(values: &[&str]) -> String {
    format!(r"^(?:\s*|(?i:{}))$", values.join("|"))
}

/// A rule: `schema` annotated with its code.
fn coded(code: u32, schema: Value) -> Value {
    let mut schema = schema;
    schema
        .as_object_mut()
        .expect("a rule is an object")
        .insert("x-code".to_owned(), json!(code));
    schema
}

/// A rule about `at`, not the property it fails on.
fn coded_at(code: u32, at: &str, schema: Value) -> Value {
    let mut schema = coded(code, schema);
    schema
        .as_object_mut()
        .expect("a rule is an object")
        .insert("x-at".to_owned(), json!(at));
    schema
}

fn all(rules: &[Value]) -> Value {
    json!({ "allOf": rules })
}

fn frozen(code: u32) -> Value {
    coded(code, json!({ "type": "null" }))
}

/// A date that names a day may not be sent (a text that names none is 59952's alone).
fn frozen_date(code: u32) -> Value {
    coded(
        code,
        json!({ "not": { "type": "string", "pattern": DATE } }),
    )
}

fn max_chars(max: usize) -> Value {
    coded(58001, json!({ "maxLength": max }))
}

fn not_blank() -> Value {
    json!({ "type": "string", "pattern": r"\S" })
}

fn sent(property: &str) -> Value {
    json!({ "required": [property], "properties": { property: { "not": { "type": "null" } } } })
}

/// `property` sent means `needed` is on the record, not blank.
fn needs(code: u32, property: &str, when: &Value, needed: &str) -> Value {
    json!({
        "if": when,
        "then": coded_at(code, &format!("/{property}"), json!({
            "required": [needed],
            "properties": { needed: not_blank() }
        }))
    })
}

/// One entry per type: for each type, at most one item has it (any case).
fn one_per_type(property: &str, types: &[&str]) -> Vec<Value> {
    types
        .iter()
        .map(|t| {
            json!({
                "contains": {
                    "type": "object",
                    "required": [property],
                    "properties": { property: { "type": "string", "pattern": any_case(&[t]) } }
                },
                "minContains": 0,
                "maxContains": 1
            })
        })
        .collect()
}

fn of_type(t: &str) -> Value {
    json!({
        "required": ["addressType"],
        "properties": { "addressType": { "type": "string", "pattern": any_case(&[t]) } }
    })
}

fn required_field(code: u32, property: &str) -> (Value, Value) {
    (
        coded(code, json!({ "required": [property] })),
        coded(code, not_blank()),
    )
}

fn address_schema(ctx: &PeerCtx, types: &[&str]) -> Value {
    let s = &ctx.settings;
    let business = ctx.business();
    let mut rules = Vec::new();
    let mut props: Map<String, Value> = Map::new();
    let mut add = |name: &str, rule: Value| {
        let entry = props
            .entry(name.to_owned())
            .or_insert_with(|| json!({ "allOf": [] }));
        entry["allOf"].as_array_mut().unwrap().push(rule);
    };
    add(
        "addressType",
        coded(
            66901,
            json!({ "type": "string", "pattern": any_case(types) }),
        ),
    );
    rules.push(coded(66901, json!({ "required": ["addressType"] })));
    for (code, name) in [
        (66902, "addressLine1"),
        (66903, "city"),
        (66904, "state"),
        (66905, "postalCode"),
        (66906, "country"),
    ] {
        let (req, value) = required_field(code, name);
        rules.push(req);
        add(name, value);
    }
    let no_po_box = coded(
        66907,
        json!({ "not": { "type": "string", "pattern": PO_BOX_PATTERN } }),
    );
    let mut po_box_lines = Map::new();
    for line in [
        "addressLine1",
        "addressLine2",
        "addressLine3",
        "addressLine4",
    ] {
        add(line, max_chars(MAX_ADDRESS_LINE));
        if s.dps_client {
            add(line, coded(66908, json!({ "maxLength": DPS_MAX_LINE })));
        }
        po_box_lines.insert(line.to_owned(), no_po_box.clone());
    }
    rules.push(json!({ "if": of_type(ctx.physical()), "then": { "properties": po_box_lines } }));
    add("city", max_chars(MAX_CITY));
    add(
        "state",
        coded(58004, json!({ "pattern": blank_or(&US_STATES) })),
    );
    add(
        "postalCode",
        coded(58003, json!({ "pattern": r"^(?:\s*|[0-9]{5}|[0-9]{9})$" })),
    );
    add(
        "country",
        coded(58005, json!({ "pattern": blank_or(&["US"]) })),
    );
    let mut frozen_type =
        |code: u32, t: &str| rules.push(coded(code, json!({ "not": of_type(t) })));
    if business {
        if !s.allow_primary_business_address_update {
            frozen_type(194108, "PrimaryBusiness");
        }
        if !s.allow_mailing_address_update {
            frozen_type(194109, "Mailing");
        }
    } else {
        if !s.allow_residence_address_update {
            frozen_type(60308, "Residence");
        }
        if s.uses_helix_kyc {
            frozen_type(60450, "Residence");
        }
    }
    json!({ "type": "object", "properties": props, "allOf": rules })
}

fn phone_schema() -> Value {
    let (type_required, _) = required_field(66801, "phoneType");
    let (number_required, number) = required_field(66802, "number");
    json!({
        "type": "object",
        "allOf": [type_required, number_required],
        "properties": {
            "phoneType": coded(66801, json!({ "type": "string", "pattern": any_case(&PHONE_TYPES) })),
            "number": all(&[
                number,
                max_chars(MAX_PHONE_NUMBER),
                coded(58002, json!({ "pattern": "^[0-9]*$" })),
            ]),
        }
    })
}

/// The schema for one program, customer kind and tag store.
#[allow(clippy::too_many_lines)]
pub fn schema(ctx: &PeerCtx) -> Value {
    let s = &ctx.settings;
    let business = ctx.kind == CustomerKind::Business;
    let kyc = s.uses_helix_kyc;
    let types: &[&str] = if business {
        &BUSINESS_TYPES
    } else {
        &INDIVIDUAL_TYPES
    };

    let mut props: Map<String, Value> = Map::new();
    let mut add = |name: &str, rule: Value| {
        let entry = props
            .entry(name.to_owned())
            .or_insert_with(|| json!({ "allOf": [] }));
        entry["allOf"].as_array_mut().unwrap().push(rule);
    };
    let date = coded(59952, json!({ "pattern": DATE }));

    add(
        "customerId",
        coded(
            60001,
            json!({ "type": "integer", "minimum": 1, "maximum": MAX_CUSTOMER_ID }),
        ),
    );
    for name in ["firstName", "lastName"] {
        if !s.allow_name_update {
            add(name, frozen(60306));
        }
    }
    for name in [
        "firstName",
        "middleName",
        "lastName",
        "taxId",
        "emailAddress",
        "driversLicenseNumber",
        "driversLicenseState",
        "passportNumber",
        "passportCountry",
    ] {
        if kyc {
            add(name, frozen(60450));
        }
    }
    for name in [
        "birthDate",
        "driversLicenseIssueDate",
        "driversLicenseExpireDate",
        "passportIssueDate",
        "passportExpireDate",
    ] {
        add(name, date.clone());
        if kyc {
            add(name, frozen_date(60450));
        }
    }
    add("foreignDocumentExpirationDate", date.clone());
    add("attestationDate", date);
    for (name, _) in super::MAX_LENGTHS {
        add(name, max_chars(max_length(name)));
    }
    add(
        "gender",
        coded(60302, json!({ "pattern": any_case(&["M", "F", "U"]) })),
    );
    add(
        "culture",
        coded(58006, json!({ "pattern": blank_or(&CULTURES) })),
    );
    add("taxId", coded(58002, json!({ "pattern": "^[0-9]*$" })));
    for name in ["driversLicenseState", "formationState"] {
        add(
            name,
            coded(58004, json!({ "pattern": blank_or(&US_STATES) })),
        );
    }
    add(
        "emailAddress",
        coded(
            60304,
            json!({ "anyOf": [
                { "const": "" },
                { "allOf": [
                    { "pattern": EMAIL_PATTERN },
                    { "pattern": EMAIL_LOCAL_PATTERN },
                    { "maxLength": EMAIL_MAX }
                ] }
            ] }),
        ),
    );
    if !s.allow_email_update {
        add("emailAddress", frozen(60307));
    }
    add(
        "preferredName",
        coded(60263, json!({ "maxLength": MAX_PREFERRED_NAME })),
    );
    add(
        "preferredName",
        coded(60264, json!({ "pattern": NAME_PATTERN })),
    );
    if !s.preferred_name_enabled {
        add("preferredName", frozen(60265));
        add(
            "usePreferredNameOnCard",
            coded(60265, json!({ "not": { "const": true } })),
        );
    }
    let foreign_type = match &s.foreign_document_types {
        Some(list) => {
            let list: Vec<&str> = list.iter().map(String::as_str).collect();
            if list.is_empty() {
                json!({ "not": {} })
            } else {
                json!({ "allOf": [not_blank(), { "pattern": any_case(&list) }] })
            }
        }
        None => not_blank(),
    };
    add("foreignDocumentType", coded(60352, foreign_type));
    if !s.allow_foreign_documents {
        for name in [
            "foreignDocumentType",
            "foreignDocumentNumber",
            "foreignDocumentCountryCode",
        ] {
            add(name, frozen(60353));
        }
        add("foreignDocumentExpirationDate", frozen_date(60353));
    }
    if business {
        for (name, allowed, code) in [
            (
                "businessLegalName",
                s.allow_business_legal_name_update,
                194102,
            ),
            ("doingBusinessAs", s.allow_dba_update, 194103),
            ("legalEntityType", s.allow_legal_entity_type_update, 194104),
            ("isTaxExempt", s.allow_is_tax_exempt_update, 194105),
            ("taxId", s.allow_tax_id_update, 194106),
            ("taxIdType", s.allow_tax_id_type_update, 194107),
        ] {
            if !allowed {
                add(name, frozen(code));
            }
        }
        if let Some(ids) = &s.industry_classification_code_ids {
            let mut e: Vec<Value> = ids.iter().map(|i| json!(i)).collect();
            e.push(Value::Null);
            add(
                "industryClassificationCodeId",
                coded(60305, json!({ "enum": e })),
            );
        }
    }
    add(
        "businessNameOnCard",
        coded(60006, json!({ "maxLength": MAX_CARD_NAME })),
    );
    add(
        "businessNameOnCard",
        coded(60007, json!({ "pattern": CARD_NAME_PATTERN })),
    );
    props.insert(
        "addresses".to_owned(),
        json!({
            "allOf": [coded(60350, json!({
                "maxItems": types.len(),
                "allOf": one_per_type("addressType", types)
            }))],
            "items": address_schema(ctx, types)
        }),
    );
    props.insert(
        "phones".to_owned(),
        json!({
            "allOf": [coded(60351, json!({
                "maxItems": PHONE_TYPES.len(),
                "allOf": one_per_type("phoneType", &PHONE_TYPES)
            }))],
            "items": phone_schema()
        }),
    );

    let mut rules = vec![
        coded(60001, json!({ "required": ["customerId"] })),
        needs(
            60266,
            "usePreferredNameOnCard",
            &json!({
                "required": ["usePreferredNameOnCard"],
                "properties": { "usePreferredNameOnCard": { "const": true } }
            }),
            "preferredName",
        ),
        needs(
            60354,
            "foreignDocumentType",
            &sent("foreignDocumentType"),
            "foreignDocumentNumber",
        ),
        needs(
            60355,
            "foreignDocumentCountryCode",
            &sent("foreignDocumentCountryCode"),
            "foreignDocumentNumber",
        ),
        needs(
            60356,
            "foreignDocumentExpirationDate",
            &json!({
                "required": ["foreignDocumentExpirationDate"],
                "properties": { "foreignDocumentExpirationDate": { "type": "string", "pattern": DATE } }
            }),
            "foreignDocumentNumber",
        ),
    ];
    let mut tags: Vec<(&String, &i64)> = ctx.tags.iter().collect();
    tags.sort();
    for (tag, owner) in tags {
        rules.push(json!({
            "if": { "not": {
                "required": ["customerId"],
                "properties": { "customerId": { "const": owner } }
            } },
            "then": { "properties": { "tag": coded(60303, json!({ "not": { "const": tag } })) } }
        }));
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": props,
        "allOf": rules
    })
}

/// A compiled schema for one context.
pub struct SchemaPeer {
    schema: Value,
    validator: jsonschema::Validator,
}

impl SchemaPeer {
    /// Compiles the schema of a context (once, outside any measurement).
    pub fn new(ctx: &PeerCtx) -> SchemaPeer {
        let schema = schema(ctx);
        let validator = jsonschema::options()
            .build(&schema)
            .expect("the schema compiles");
        SchemaPeer { schema, validator }
    }

    /// Every error in a parsed document.
    pub fn validate<'i>(&'i self, doc: &'i Value) -> Vec<jsonschema::ValidationError<'i>> {
        self.validator.iter_errors(doc).collect()
    }

    /// Parses a body, then reports every error; a body that does not parse is one error.
    pub fn validate_json(&self, body: &[u8]) -> Result<usize, serde_json::Error> {
        let doc: Value = serde_json::from_slice(body)?;
        let errors: Vec<_> = self.validator.iter_errors(&doc).collect();
        Ok(errors.len())
    }

    /// An error's Helix code and JSON Pointer: the nearest `x-code` on its keyword location,
    /// at the instance location (`x-at` where the rule names one; the missing property of a
    /// `required`).
    pub fn code_and_path(&self, error: &jsonschema::ValidationError<'_>) -> (Option<u32>, String) {
        let mut node = &self.schema;
        let mut code = None;
        let mut at = None;
        let mut visit = |node: &Value| {
            if let Some(c) = node.get("x-code").and_then(Value::as_u64) {
                code = u32::try_from(c).ok();
                at = node.get("x-at").and_then(Value::as_str).map(str::to_owned);
            }
        };
        visit(node);
        for segment in error.schema_path().as_str().split('/').skip(1) {
            let segment = segment.replace("~1", "/").replace("~0", "~");
            let next = match node {
                Value::Object(m) => m.get(&segment),
                Value::Array(a) => segment.parse::<usize>().ok().and_then(|i| a.get(i)),
                _ => None,
            };
            let Some(next) = next else { break };
            node = next;
            visit(node);
        }
        let mut path = error.instance_path().as_str().to_owned();
        if let jsonschema::error::ValidationErrorKind::Required { property } = error.kind() {
            path.push('/');
            path.push_str(property.as_str().unwrap_or_default());
        }
        (code, at.unwrap_or(path))
    }
}
