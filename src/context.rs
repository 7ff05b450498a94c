//! [`Context`]: what a rule needs to know beyond the body and the policy.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::hash::BuildHasher;

use serde::{Deserialize, Serialize};
use time::Date;

use crate::model::CustomerPatch;
use crate::violation::Code;

/// Individual or business: the kind decides which address types and messages apply.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum CustomerKind {
    /// A person (the default).
    #[default]
    Individual,
    /// A business customer.
    Business,
}

/// Who owns a tag in the program. The caller implements it over its own store; the crate does
/// no I/O. Helix enforces uniqueness among Active, Initiated, Manual Review and Verified
/// customers in production (not in sandbox): answer accordingly.
pub trait TagLookup {
    /// The `customerId` that holds `tag`, if any.
    fn owner(&self, tag: &str) -> Option<i64>;
}

/// No tag is owned by anyone: 60303 never fires.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoTags;

impl TagLookup for NoTags {
    fn owner(&self, _: &str) -> Option<i64> {
        None
    }
}

impl<S: BuildHasher> TagLookup for HashMap<String, i64, S> {
    fn owner(&self, tag: &str) -> Option<i64> {
        self.get(tag).copied()
    }
}

impl TagLookup for BTreeMap<String, i64> {
    fn owner(&self, tag: &str) -> Option<i64> {
        self.get(tag).copied()
    }
}

impl<F: Fn(&str) -> Option<i64>> TagLookup for F {
    fn owner(&self, tag: &str) -> Option<i64> {
        self(tag)
    }
}

/// The evaluation context: the day, the customer kind, the current record, the tag lookup.
///
/// ```
/// use helix_customer_rules::{Context, CustomerKind};
/// use time::macros::date;
/// let cx = Context::new(date!(2026 - 11 - 23)).with_kind(CustomerKind::Business);
/// assert_eq!(cx.kind(), CustomerKind::Business);
/// ```
#[derive(Clone, Copy)]
pub struct Context<'a> {
    today: Date,
    kind: CustomerKind,
    current: Option<&'a CustomerPatch>,
    tags: &'a dyn TagLookup,
    ignored: &'a [Code],
}

impl Context<'static> {
    /// An individual customer, evaluated on `today`, with no current record and no tag owners.
    /// The library never reads the clock: the caller says which day it is.
    #[must_use]
    pub fn new(today: Date) -> Context<'static> {
        Context {
            today,
            kind: CustomerKind::Individual,
            current: None,
            tags: &NoTags,
            ignored: &[],
        }
    }
}

impl<'a> Context<'a> {
    /// The same context for a customer of `kind`.
    #[must_use]
    pub fn with_kind(self, kind: CustomerKind) -> Self {
        Context { kind, ..self }
    }

    /// The same context with the customer's current record: a property equal to it is not an
    /// update, so policy rules let it through.
    #[must_use]
    pub fn with_current<'b>(self, current: &'b CustomerPatch) -> Context<'b>
    where
        'a: 'b,
    {
        Context {
            current: Some(current),
            ..self
        }
    }

    /// The same context with a tag lookup.
    #[must_use]
    pub fn with_tags<'b>(self, tags: &'b dyn TagLookup) -> Context<'b>
    where
        'a: 'b,
    {
        Context { tags, ..self }
    }

    /// The same context with some codes switched off: their rules do not run, so they report
    /// nothing, and a warning a switched-off Helix code would have hidden shows (a program
    /// whose Helix configuration differs from the documented profile switches off what does not
    /// apply to it). Nothing is spent on this when the list is empty.
    ///
    /// ```
    /// use helix_customer_rules::{validate, Code, Context, CustomerPatch, ProgramSettings};
    /// use time::macros::date;
    /// let patch = CustomerPatch {
    ///     customer_id: Some(7),
    ///     gender: Some("X".into()),
    ///     ..CustomerPatch::default()
    /// };
    /// let cx = Context::new(date!(2026 - 11 - 23));
    /// assert_eq!(validate(&patch, &ProgramSettings::default(), &cx).len(), 1);
    /// let off = [Code(60302)];
    /// assert!(validate(&patch, &ProgramSettings::default(), &cx.with_ignored(&off)).is_empty());
    /// ```
    #[must_use]
    pub fn with_ignored<'b>(self, codes: &'b [Code]) -> Context<'b>
    where
        'a: 'b,
    {
        Context {
            ignored: codes,
            ..self
        }
    }

    /// The codes switched off.
    #[must_use]
    pub fn ignored(&self) -> &'a [Code] {
        self.ignored
    }

    /// The evaluation day.
    #[must_use]
    pub fn today(&self) -> Date {
        self.today
    }

    /// The customer kind.
    #[must_use]
    pub fn kind(&self) -> CustomerKind {
        self.kind
    }

    /// The current record, if given.
    #[must_use]
    pub fn current(&self) -> Option<&'a CustomerPatch> {
        self.current
    }

    /// The tag lookup.
    #[must_use]
    pub fn tags(&self) -> &'a dyn TagLookup {
        self.tags
    }
}

impl fmt::Debug for Context<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Context")
            .field("today", &self.today)
            .field("kind", &self.kind)
            .field("current", &self.current.map(|_| "<record>"))
            .field("ignored", &self.ignored)
            .finish_non_exhaustive()
    }
}
