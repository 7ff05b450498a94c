//! The rules as JSON Schema (draft 2020-12) expresses them, generated per program and customer
//! kind (a schema has no context, so what the program decides is baked in), validated by the
//! `jsonschema` crate with format checks on.
//!
//! Expressed: JSON types (including a boolean sent as the string `true`/`false`), the enums in
//! any case (as patterns), required address and phone fields, not blank (`\S`), the date shape,
//! `maxItems`, one address or phone per type (`contains` + `maxContains`), PO boxes on the
//! physical address (`if`/`then`/`not pattern`), the DPS `maxLength`, the industry list (`enum`),
//! and every program switch (a frozen property may only be `null`; a frozen address type is
//! `false`).
//!
//! Not expressible: calendar validity (February 30th, leap years), the birth-date range (it
//! moves with the evaluation day), the tag owner (a lookup), comparison with the current
//! record, Helix's codes, messages and one-violation-per-list reporting.

use helix_customer_rules::{CustomerKind, ProgramSettings};
use serde_json::{json, Map, Value};

use super::{BUSINESS_TYPES, INDIVIDUAL_TYPES, PHONE_TYPES, PO_BOX_PATTERN};

/// `YYYY-MM-DD[THH:MM[:SS[.f{1,9}]][Z|±HH:MM]]`, months 01-12, days 01-31, hours 00-23.
const DATE: &str = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])([Tt]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?([Zz]|[+-]([01]\d|2[0-3]):[0-5]\d)?)?$";

fn any_case(values: &[&str]) -> String {
    format!("^(?i:{})$", values.join("|"))
}

fn text() -> Value {
    json!({ "type": ["string", "null"] })
}

fn frozen() -> Value {
    json!({ "type": "null" })
}

fn boolean() -> Value {
    json!({ "type": ["boolean", "string", "null"], "pattern": r"^\s*(?i:true|false)\s*$" })
}

fn date() -> Value {
    json!({ "type": ["string", "null"], "pattern": DATE })
}

fn required_text() -> Value {
    json!({ "type": "string", "pattern": r"\S" })
}

/// One entry per type: for each type, at most one item has it (any case).
fn one_per_type(property: &str, types: &[&str]) -> Value {
    Value::Array(
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
            .collect(),
    )
}

fn of_type(t: &str) -> Value {
    json!({
        "required": ["addressType"],
        "properties": { "addressType": { "type": "string", "pattern": any_case(&[t]) } }
    })
}

/// The schema for one program and customer kind.
#[allow(clippy::too_many_lines)]
pub fn schema(settings: &ProgramSettings, kind: CustomerKind) -> Value {
    let business = kind == CustomerKind::Business;
    let s = settings;
    let kyc = s.uses_helix_kyc;
    let types: &[&str] = if business {
        &BUSINESS_TYPES
    } else {
        &INDIVIDUAL_TYPES
    };
    let physical = if business {
        "PrimaryBusiness"
    } else {
        "Residence"
    };
    let or_frozen = |value: Value, frozen_now: bool| if frozen_now { frozen() } else { value };

    let line = if s.dps_client {
        json!({ "type": ["string", "null"], "maxLength": 76 })
    } else {
        text()
    };
    let no_po_box = json!({ "not": { "type": "string", "pattern": PO_BOX_PATTERN } });
    let mut address_rules = vec![json!({
        "if": of_type(physical),
        "then": { "properties": {
            "addressLine1": no_po_box, "addressLine2": no_po_box,
            "addressLine3": no_po_box, "addressLine4": no_po_box
        } }
    })];
    let mut frozen_type = |t: &str| address_rules.push(json!({ "not": of_type(t) }));
    if business {
        if !s.allow_primary_business_address_update {
            frozen_type("PrimaryBusiness");
        }
        if !s.allow_mailing_address_update {
            frozen_type("Mailing");
        }
    } else if !s.allow_residence_address_update || kyc {
        frozen_type("Residence");
    }
    let address = json!({
        "type": "object",
        "required": ["addressType", "addressLine1", "city", "state", "postalCode", "country"],
        "properties": {
            "addressType": { "type": "string", "pattern": any_case(types) },
            "addressLine1": { "allOf": [required_text(), line] },
            "addressLine2": line, "addressLine3": line, "addressLine4": line,
            "city": required_text(), "state": required_text(),
            "postalCode": required_text(), "country": required_text(),
            "isActive": boolean()
        },
        "allOf": address_rules
    });
    let phone = json!({
        "type": "object",
        "required": ["phoneType", "number"],
        "properties": {
            "phoneType": { "type": "string", "pattern": any_case(&PHONE_TYPES) },
            "number": required_text(),
            "isActive": boolean()
        }
    });

    let name = or_frozen(text(), !s.allow_name_update || kyc);
    let identity = |v: Value| or_frozen(v, kyc);
    let biz = |v: Value, allowed: bool| or_frozen(v, business && !allowed);
    let industry = match &s.industry_classification_code_ids {
        Some(ids) if business => {
            let mut e: Vec<Value> = ids.iter().map(|i| json!(i)).collect();
            e.push(Value::Null);
            json!({ "enum": e })
        }
        _ => json!({ "type": ["integer", "string", "null"], "pattern": r"^\s*-?\d+\s*$" }),
    };
    let email = if kyc || !s.allow_email_update {
        frozen()
    } else {
        json!({ "type": ["string", "null"], "format": "email" })
    };
    let mut props = Map::new();
    for (k, v) in [
        (
            "customerId",
            json!({ "type": ["integer", "string", "null"], "pattern": r"^\s*-?\d+\s*$" }),
        ),
        ("firstName", name.clone()),
        ("middleName", identity(text())),
        ("lastName", name),
        ("suffix", text()),
        ("birthDate", identity(date())),
        (
            "gender",
            json!({ "type": ["string", "null"], "pattern": any_case(&["M", "F", "U"]) }),
        ),
        ("culture", text()),
        (
            "taxId",
            or_frozen(text(), kyc || (business && !s.allow_tax_id_update)),
        ),
        ("driversLicenseNumber", identity(text())),
        ("driversLicenseState", identity(text())),
        ("driversLicenseIssueDate", identity(date())),
        ("driversLicenseExpireDate", identity(date())),
        ("passportNumber", identity(text())),
        ("passportCountry", identity(text())),
        ("passportIssueDate", identity(date())),
        ("passportExpireDate", identity(date())),
        ("emailAddress", email),
        ("tag", text()),
        ("customField1", text()),
        ("customField2", text()),
        ("customField3", text()),
        ("customField4", text()),
        ("customField5", text()),
        ("isSubjectToBackupWithholding", boolean()),
        ("isOptedInToBankCommunication", boolean()),
        ("isDocumentsAccepted", boolean()),
        ("preferredName", text()),
        ("usePreferredNameOnCard", boolean()),
        ("foreignDocumentType", text()),
        ("foreignDocumentNumber", text()),
        ("foreignDocumentCountryCode", text()),
        ("foreignDocumentExpirationDate", date()),
        (
            "businessLegalName",
            biz(text(), s.allow_business_legal_name_update),
        ),
        ("doingBusinessAs", biz(text(), s.allow_dba_update)),
        (
            "legalEntityType",
            biz(text(), s.allow_legal_entity_type_update),
        ),
        ("isTaxExempt", biz(boolean(), s.allow_is_tax_exempt_update)),
        ("taxIdType", biz(text(), s.allow_tax_id_type_update)),
        ("businessDescription", text()),
        ("businessWebsite", text()),
        ("formationState", text()),
        ("industryClassificationCodeId", industry),
        ("businessNameOnCard", text()),
        (
            "addresses",
            json!({
                "type": ["array", "null"],
                "maxItems": types.len(),
                "items": address,
                "allOf": one_per_type("addressType", types)
            }),
        ),
        (
            "phones",
            json!({
                "type": ["array", "null"],
                "maxItems": 3,
                "items": phone,
                "allOf": one_per_type("phoneType", &PHONE_TYPES)
            }),
        ),
    ] {
        props.insert(k.to_owned(), v);
    }
    json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": props
    })
}

/// A compiled schema for one workload.
pub struct SchemaPeer {
    validator: jsonschema::Validator,
}

impl SchemaPeer {
    /// Compiles the schema of a program and kind (once, outside any measurement).
    pub fn new(settings: &ProgramSettings, kind: CustomerKind) -> SchemaPeer {
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema(settings, kind))
            .expect("the schema compiles");
        SchemaPeer { validator }
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
}
