//! [`ProgramSettings`]: what a program's Helix configuration allows.

use serde::{Deserialize, Serialize};

/// A program's policy, as configured at Helix. Every key is optional; the defaults are those of
/// a program without restrictions. Unknown keys are an error: a misspelled switch must never
/// silently allow an update.
///
/// ```
/// use helix_customer_rules::ProgramSettings;
/// let s: ProgramSettings = serde_json::from_str(r#"{"usesHelixKyc": true}"#).unwrap();
/// assert!(s.uses_helix_kyc && s.allow_name_update);
/// let typo = serde_json::from_str::<ProgramSettings>(r#"{"allowNameUpdates": false}"#);
/// assert!(typo.unwrap_err().to_string().contains("allowNameUpdates"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields, default)]
#[allow(clippy::struct_excessive_bools)] // one switch per Helix program setting
pub struct ProgramSettings {
    /// The program verifies customers with Helix KYC/Fraud/OFAC: identity properties are frozen
    /// (60450). Default `false`.
    pub uses_helix_kyc: bool,
    /// `firstName` / `lastName` may be updated (60306). Default `true`.
    pub allow_name_update: bool,
    /// `emailAddress` may be updated (60307). Default `true`.
    pub allow_email_update: bool,
    /// Residence addresses may be updated (60308). Default `true`.
    pub allow_residence_address_update: bool,
    /// A Visa DPS card program: address lines are limited to 76 characters (66908). Default `false`.
    pub dps_client: bool,
    /// The program's industry classification ids (60305). Absent: not checked.
    pub industry_classification_code_ids: Option<Vec<i64>>,
    /// `businessLegalName` may be updated (194102). Default `true`.
    pub allow_business_legal_name_update: bool,
    /// `doingBusinessAs` may be updated (194103). Default `true`.
    pub allow_dba_update: bool,
    /// `legalEntityType` may be updated (194104). Default `true`.
    pub allow_legal_entity_type_update: bool,
    /// `isTaxExempt` may be updated (194105). Default `true`.
    pub allow_is_tax_exempt_update: bool,
    /// A business's `taxId` may be updated (194106). Default `true`.
    pub allow_tax_id_update: bool,
    /// `taxIdType` may be updated (194107). Default `true`.
    pub allow_tax_id_type_update: bool,
    /// PrimaryBusiness addresses may be updated (194108). Default `true`.
    pub allow_primary_business_address_update: bool,
    /// A business's Mailing addresses may be updated (194109). Default `true`.
    pub allow_mailing_address_update: bool,
    /// The program has preferred names: `preferredName` may be updated and
    /// `usePreferredNameOnCard` turned on (60265). Default `true`.
    pub preferred_name_enabled: bool,
    /// The program takes foreign identity documents: the four `foreignDocument*` properties may
    /// be updated (60353). Default `true`.
    pub allow_foreign_documents: bool,
    /// The program's foreign document types (60352), matched in any case; an empty list allows
    /// none. Absent: any non-blank type.
    pub foreign_document_types: Option<Vec<String>>,
}

impl Default for ProgramSettings {
    fn default() -> Self {
        ProgramSettings {
            uses_helix_kyc: false,
            allow_name_update: true,
            allow_email_update: true,
            allow_residence_address_update: true,
            dps_client: false,
            industry_classification_code_ids: None,
            allow_business_legal_name_update: true,
            allow_dba_update: true,
            allow_legal_entity_type_update: true,
            allow_is_tax_exempt_update: true,
            allow_tax_id_update: true,
            allow_tax_id_type_update: true,
            allow_primary_business_address_update: true,
            allow_mailing_address_update: true,
            preferred_name_enabled: true,
            allow_foreign_documents: true,
            foreign_document_types: None,
        }
    }
}
