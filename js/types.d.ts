// Types shared by the Node entry (index.d.ts) and the browser entry (web.d.ts).

/** `YYYY-MM-DD`, a calendar day. */
export type PlainDate = string;

/**
 * A property of the body: the wire value, or `null` for "no change". The engine reads bodies
 * leniently: a value of the wrong JSON type is reported as a violation (59900, 59952, 59953),
 * never thrown.
 */
type Wire<T> = T | null;

/** The body of `POST /customer/update`, individual and business properties alike. */
export interface CustomerPatch {
  customerId?: Wire<number>;
  firstName?: Wire<string>;
  middleName?: Wire<string>;
  lastName?: Wire<string>;
  suffix?: Wire<string>;
  /** An ISO-8601 date or date-time, such as `1976-07-04T00:00:00.000+00:00`. */
  birthDate?: Wire<string>;
  /** `M`, `F` or `U`. */
  gender?: Wire<string>;
  /** `en-US` or `es-US`. */
  culture?: Wire<string>;
  /** Digits only. */
  taxId?: Wire<string>;
  driversLicenseNumber?: Wire<string>;
  driversLicenseState?: Wire<string>;
  driversLicenseIssueDate?: Wire<string>;
  driversLicenseExpireDate?: Wire<string>;
  passportNumber?: Wire<string>;
  passportCountry?: Wire<string>;
  passportIssueDate?: Wire<string>;
  passportExpireDate?: Wire<string>;
  emailAddress?: Wire<string>;
  /** Unique within the program (see `Context.tagOwners`). */
  tag?: Wire<string>;
  customField1?: Wire<string>;
  customField2?: Wire<string>;
  customField3?: Wire<string>;
  customField4?: Wire<string>;
  customField5?: Wire<string>;
  isSubjectToBackupWithholding?: Wire<boolean>;
  isOptedInToBankCommunication?: Wire<boolean>;
  isDocumentsAccepted?: Wire<boolean>;
  /** At most 21 characters; needs `ProgramSettings.preferredNameEnabled`. */
  preferredName?: Wire<string>;
  usePreferredNameOnCard?: Wire<boolean>;
  /** One of `ProgramSettings.foreignDocumentTypes`; needs `allowForeignDocuments`. */
  foreignDocumentType?: Wire<string>;
  foreignDocumentNumber?: Wire<string>;
  foreignDocumentCountryCode?: Wire<string>;
  foreignDocumentExpirationDate?: Wire<string>;
  /** Business customers. */
  businessLegalName?: Wire<string>;
  /** Business customers: Helix's "dba". */
  doingBusinessAs?: Wire<string>;
  legalEntityType?: Wire<string>;
  isTaxExempt?: Wire<boolean>;
  taxIdType?: Wire<string>;
  businessDescription?: Wire<string>;
  businessWebsite?: Wire<string>;
  formationState?: Wire<string>;
  industryClassificationCodeId?: Wire<number>;
  /** Business customers: the name printed on cards (at most 26 characters). */
  businessNameOnCard?: Wire<string>;
  /** Business customers: who attests the business's information (at most 50). */
  attesterName?: Wire<string>;
  /** Business customers: the attester's title (at most 50). */
  attesterTitle?: Wire<string>;
  /** Business customers: when the attestation was made (a date or date-time). */
  attestationDate?: Wire<string>;
  /** At most one per type. */
  addresses?: Wire<Address[]>;
  /** At most one per type. */
  phones?: Wire<Phone[]>;
  /** Properties Helix does not define are carried along. */
  [property: string]: unknown;
}

/** One entry of `addresses`. */
export interface Address {
  /**
   * `Residence`, `Mailing`, `Prior` (individuals) or `PrimaryBusiness`, `Business`,
   * `Registered`, `TaxFormMailing`, `Mailing` (businesses); any case.
   */
  addressType?: Wire<string>;
  addressLine1?: Wire<string>;
  addressLine2?: Wire<string>;
  addressLine3?: Wire<string>;
  addressLine4?: Wire<string>;
  city?: Wire<string>;
  /** Two-letter US code. */
  state?: Wire<string>;
  /** ZIP or ZIP+4 without hyphen. */
  postalCode?: Wire<string>;
  /** `US`. */
  country?: Wire<string>;
  isActive?: Wire<boolean>;
  [property: string]: unknown;
}

/** One entry of `phones`. */
export interface Phone {
  /** `Home`, `Mobile` or `Office`; any case. */
  phoneType?: Wire<string>;
  /** Digits only. */
  number?: Wire<string>;
  isActive?: Wire<boolean>;
  [property: string]: unknown;
}

/**
 * A program's policy as configured at Helix. Every key is optional; the defaults are those of a
 * program without restrictions. An unknown key throws: a misspelled switch must never silently
 * allow an update.
 */
export interface ProgramSettings {
  /** Customers are verified with Helix KYC/Fraud/OFAC: identity properties are frozen (60450). Default `false`. */
  usesHelixKyc?: boolean;
  /** `firstName` / `lastName` may be updated (60306). Default `true`. */
  allowNameUpdate?: boolean;
  /** `emailAddress` may be updated (60307). Default `true`. */
  allowEmailUpdate?: boolean;
  /** Residence addresses may be updated (60308). Default `true`. */
  allowResidenceAddressUpdate?: boolean;
  /** A Visa DPS card program: address lines are limited to 76 characters (66908). Default `false`. */
  dpsClient?: boolean;
  /** The program's industry classification ids (60305). Absent: not checked. */
  industryClassificationCodeIds?: number[] | null;
  /** `businessLegalName` may be updated (194102). Default `true`. */
  allowBusinessLegalNameUpdate?: boolean;
  /** `doingBusinessAs` may be updated (194103). Default `true`. */
  allowDbaUpdate?: boolean;
  /** `legalEntityType` may be updated (194104). Default `true`. */
  allowLegalEntityTypeUpdate?: boolean;
  /** `isTaxExempt` may be updated (194105). Default `true`. */
  allowIsTaxExemptUpdate?: boolean;
  /** A business's `taxId` may be updated (194106). Default `true`. */
  allowTaxIdUpdate?: boolean;
  /** `taxIdType` may be updated (194107). Default `true`. */
  allowTaxIdTypeUpdate?: boolean;
  /** PrimaryBusiness addresses may be updated (194108). Default `true`. */
  allowPrimaryBusinessAddressUpdate?: boolean;
  /** A business's Mailing addresses may be updated (194109). Default `true`. */
  allowMailingAddressUpdate?: boolean;
  /** The program has preferred names: `preferredName` may be updated and `usePreferredNameOnCard` turned on (60265). Default `true`. */
  preferredNameEnabled?: boolean;
  /** The program takes foreign identity documents: the four `foreignDocument*` properties may be updated (60353). Default `true`. */
  allowForeignDocuments?: boolean;
  /** The program's foreign document types (60352), matched in any case; an empty list allows none. Absent: any non-blank type. */
  foreignDocumentTypes?: string[] | null;
}

/** What the rules need beyond the body and the policy. */
export interface Context {
  /** The evaluation day. Absent: `ValidateOptions.today`, else the host's local day. */
  today?: PlainDate;
  /** Decides which address types and messages apply. Default `"individual"`. */
  customerKind?: 'individual' | 'business';
  /** The customer as Helix has it now: a property equal to it is not an update. */
  current?: CustomerPatch;
  /** Who holds which tag in the program: `{ "<tag>": customerId }` (60303). */
  tagOwners?: Record<string, number>;
}

interface DocumentBase {
  settings?: ProgramSettings;
  context?: Context;
  /**
   * Codes to switch off, e.g. a crate warning (58xxx) the program accepts. A code the crate does
   * not report throws: a misspelled code must never silently switch nothing off.
   */
  ignore?: number[];
}

/**
 * The request document shared by the command line, this package and the conformance files:
 * the body as JSON (`patch`) or as raw text (`patchText`, for bodies that are not JSON at all).
 */
export type RequestDocument =
  | (DocumentBase & { patch: CustomerPatch; patchText?: undefined })
  | (DocumentBase & { patchText: string; patch?: undefined });

/** `validate()`'s second argument. */
export interface ValidateOptions {
  /** The day used when the document has no `context.today`. Default: the host's local day. */
  today?: PlainDate;
}

/** One reason Helix would reject the update (in `violations`), or a warning (in `warnings`). */
export interface Violation {
  /** Helix's error code; in `warnings`, the crate's own 58xxx code for a limit Helix documents without one. */
  code: number;
  /** RFC 6901 JSON Pointer into the body, such as `/addresses/1/postalCode`. */
  path: string;
  /** Helix's en-US message, placeholders filled. */
  message: string;
}

/** The result, exactly as the command line prints it. */
export interface ValidationResult {
  /** `true` when there is no violation (warnings do not count). */
  valid: boolean;
  /** Helix's codes: what Helix would answer. Ordered by code, then by path; no duplicate (code, path). */
  violations: Violation[];
  /**
   * The crate's own 58xxx codes: limits Helix documents but gives no code for, which it may or may
   * not enforce. They never decide `valid`. Same order; always present, often empty.
   */
  warnings: Violation[];
}

/** One rule of the catalogue (frozen: `rules()` returns the same array every call). */
export interface RuleInfo {
  readonly code: number;
  /** The bad state it detects, such as `PoBoxResidenceAddress`. */
  readonly name: string;
  /** Its family's title, such as `Addresses` or `Program policy`. */
  readonly family: string;
  /** `error`: a Helix code, reported in `violations`; `warning`: a crate code, in `warnings`. */
  readonly severity: 'error' | 'warning';
  /** Where the code and its wording come from, such as `update-page` or `server-response`. */
  readonly source: string;
  /** The crate version that added it. */
  readonly since: string;
  /** The en-US message template, exactly as Helix words it. */
  readonly message: string;
  /** Helix's wording for business customers, where it differs. */
  readonly businessMessage: string | null;
  /** The wire names of the properties it reads (`addresses[].city` for list entries). */
  readonly properties: readonly string[];
  /** The `ProgramSettings` keys that switch it. */
  readonly settings: readonly (keyof ProgramSettings)[];
  /** Its documentation (Markdown): what it checks, semantics, examples. */
  readonly docs: string;
}
