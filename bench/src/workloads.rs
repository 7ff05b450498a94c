//! The four request bodies every implementation is measured on, with their program settings
//! and context. Bodies are type-correct JSON, so every peer can read them.

use helix_customer_rules::{Context, CustomerKind, CustomerPatch, ProgramSettings};
use time::macros::date;
use time::Date;

/// The evaluation day of every workload.
pub const TODAY: Date = date!(2026 - 11 - 23);

/// The program's tag store: `vip-1` belongs to customer 8.
#[allow(clippy::unnecessary_wraps)]
pub fn tag_owner(tag: &str) -> Option<i64> {
    (tag == "vip-1").then_some(8)
}

/// One measured case.
pub struct Workload {
    /// Short name, as used in the benchmark group names.
    pub name: &'static str,
    /// The request body.
    pub body: &'static [u8],
    /// The program's settings.
    pub settings: ProgramSettings,
    /// Individual or business.
    pub kind: CustomerKind,
}

impl Workload {
    /// The context every implementation gets: the day, the kind, the tag store.
    pub fn context(&self) -> Context<'static> {
        Context::new(TODAY)
            .with_kind(self.kind)
            .with_tags(&tag_owner)
    }

    /// The body read strictly into the crate's typed patch.
    pub fn patch(&self) -> CustomerPatch {
        serde_json::from_slice(self.body).expect("workload bodies are type-correct")
    }

    /// The body as a JSON value.
    pub fn value(&self) -> serde_json::Value {
        serde_json::from_slice(self.body).expect("workload bodies are JSON")
    }
}

/// (a) `customerId` and one name.
pub fn minimal() -> Workload {
    Workload {
        name: "minimal",
        body: br#"{"customerId": 1042, "firstName": "Ada"}"#,
        settings: ProgramSettings::default(),
        kind: CustomerKind::Individual,
    }
}

/// (b) Every identity property, three addresses, three phones; nothing to report.
pub fn full_valid() -> Workload {
    Workload {
        name: "full_valid",
        body: FULL_VALID.as_bytes(),
        settings: ProgramSettings::default(),
        kind: CustomerKind::Individual,
    }
}

/// (c) A full individual patch under a restrictive program, breaking every rule a
/// type-correct individual patch can break.
pub fn full_invalid() -> Workload {
    Workload {
        name: "full_invalid",
        body: FULL_INVALID.as_bytes(),
        settings: ProgramSettings {
            uses_helix_kyc: true,
            allow_name_update: false,
            allow_email_update: false,
            allow_residence_address_update: false,
            dps_client: true,
            industry_classification_code_ids: Some(vec![1, 2, 3]),
            ..ProgramSettings::default()
        },
        kind: CustomerKind::Individual,
    }
}

/// (d) A full business patch: business properties, five addresses, three phones; valid.
pub fn business() -> Workload {
    Workload {
        name: "business",
        body: BUSINESS.as_bytes(),
        settings: ProgramSettings {
            industry_classification_code_ids: Some(vec![1, 2, 3, 5411, 7372]),
            ..ProgramSettings::default()
        },
        kind: CustomerKind::Business,
    }
}

/// All four, in the order of the report.
pub fn all() -> [Workload; 4] {
    [minimal(), full_valid(), full_invalid(), business()]
}

const FULL_VALID: &str = r#"{
  "customerId": 1042,
  "firstName": "Ada",
  "middleName": "King",
  "lastName": "Lovelace",
  "suffix": "III",
  "birthDate": "1976-07-04T00:00:00.000+00:00",
  "gender": "F",
  "culture": "en-US",
  "taxId": "123456789",
  "driversLicenseNumber": "D12345678",
  "driversLicenseState": "IA",
  "driversLicenseIssueDate": "2020-01-15",
  "driversLicenseExpireDate": "2028-01-15T00:00:00",
  "passportNumber": "X12345678",
  "passportCountry": "US",
  "passportIssueDate": "2019-05-01T00:00:00Z",
  "passportExpireDate": "2029-05-01",
  "emailAddress": "ada.lovelace+bank@example.co.uk",
  "tag": "vip-1042",
  "customField1": "branch 12",
  "customField2": "referred by a friend",
  "customField3": "prefers email",
  "customField4": "segment B",
  "customField5": "n/a",
  "isSubjectToBackupWithholding": false,
  "isOptedInToBankCommunication": true,
  "isDocumentsAccepted": true,
  "preferredName": "Ada",
  "usePreferredNameOnCard": false,
  "foreignDocumentType": "NationalId",
  "foreignDocumentNumber": "FD1234567",
  "foreignDocumentCountryCode": "GBR",
  "foreignDocumentExpirationDate": "2030-01-01",
  "addresses": [
    { "addressType": "Residence", "addressLine1": "1200 Elm Street", "addressLine2": "Apartment 4B",
      "addressLine3": "Building C", "addressLine4": "Care of Charles Babbage",
      "city": "Ames", "state": "IA", "postalCode": "500101234", "country": "US", "isActive": true },
    { "addressType": "Mailing", "addressLine1": "PO Box 12", "addressLine2": "Attn: Ada Lovelace",
      "city": "Ames", "state": "IA", "postalCode": "50010", "country": "US", "isActive": true },
    { "addressType": "Prior", "addressLine1": "77 Polo Drive", "addressLine2": "Unit 9",
      "city": "Des Moines", "state": "IA", "postalCode": "50309", "country": "US", "isActive": false }
  ],
  "phones": [
    { "phoneType": "Home", "number": "5152221212", "isActive": true },
    { "phoneType": "Mobile", "number": "5152221213", "isActive": true },
    { "phoneType": "Office", "number": "5152221214", "isActive": false }
  ]
}"#;

const FULL_INVALID: &str = r#"{
  "customerId": 1042,
  "firstName": "Ada",
  "middleName": "King",
  "lastName": "Lovelace",
  "suffix": "III",
  "birthDate": "1899-12-31",
  "gender": "X",
  "culture": "en-US",
  "taxId": "123456789",
  "driversLicenseNumber": "D12345678",
  "driversLicenseState": "IA",
  "driversLicenseIssueDate": "2000-02-30",
  "driversLicenseExpireDate": "2028-01-15T00:00:00",
  "passportNumber": "X12345678",
  "passportCountry": "US",
  "passportIssueDate": "2019-05-01T00:00:00Z",
  "passportExpireDate": "07/04/2030",
  "emailAddress": "ada@localhost",
  "tag": "vip-1",
  "industryClassificationCodeId": 999,
  "foreignDocumentExpirationDate": "2030-13-01",
  "addresses": [
    { "addressType": "Residence", "addressLine1": "P.O. Box 12",
      "addressLine2": "Building C, Entrance from the courtyard behind the old mill, second door on the left",
      "city": "Ames", "state": "IA", "postalCode": "500101234", "country": "US", "isActive": true },
    { "addressType": "Home", "addressLine1": "1 Main St", "city": "Ames", "state": "IA",
      "postalCode": "50010", "country": "US" },
    { "addressType": "residence", "addressLine1": " ", "addressLine3": "Caller 1234", "city": "",
      "state": null, "postalCode": "\t", "country": "" },
    { "addressType": "Mailing" }
  ],
  "phones": [
    { "phoneType": "Cell", "number": "" },
    { "phoneType": "Home", "number": "5152221212" },
    { "phoneType": "home", "number": " " },
    { "phoneType": "Mobile" }
  ]
}"#;

const BUSINESS: &str = r#"{
  "customerId": 2077,
  "businessLegalName": "Analytical Engines LLC",
  "doingBusinessAs": "Analytical Engines",
  "legalEntityType": "LLC",
  "isTaxExempt": false,
  "taxId": "987654321",
  "taxIdType": "EIN",
  "businessDescription": "Design and manufacture of calculating machinery",
  "businessWebsite": "https://engines.example.com",
  "formationState": "DE",
  "industryClassificationCodeId": 5411,
  "businessNameOnCard": "ANALYTICAL ENGINES",
  "emailAddress": "treasury@engines.example.com",
  "tag": "biz-2077",
  "addresses": [
    { "addressType": "PrimaryBusiness", "addressLine1": "400 Potomac Avenue", "addressLine2": "Suite 400",
      "city": "Washington", "state": "DC", "postalCode": "20001", "country": "US", "isActive": true },
    { "addressType": "Business", "addressLine1": "12 Boxwood Lane", "city": "Ames", "state": "IA",
      "postalCode": "50010", "country": "US", "isActive": true },
    { "addressType": "Registered", "addressLine1": "1209 Orange Street", "city": "Wilmington",
      "state": "DE", "postalCode": "19801", "country": "US", "isActive": true },
    { "addressType": "TaxFormMailing", "addressLine1": "PO Box 77", "city": "Ames", "state": "IA",
      "postalCode": "50010", "country": "US", "isActive": true },
    { "addressType": "Mailing", "addressLine1": "1 Post Office Square", "city": "Boston", "state": "MA",
      "postalCode": "02109", "country": "US", "isActive": true }
  ],
  "phones": [
    { "phoneType": "Office", "number": "2025550100", "isActive": true },
    { "phoneType": "Mobile", "number": "2025550101", "isActive": true },
    { "phoneType": "Home", "number": "2025550102", "isActive": false }
  ]
}"#;
