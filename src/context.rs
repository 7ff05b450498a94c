//! [`Context`]: what a rule needs to know beyond the body and the policy.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::hash::BuildHasher;
use std::sync::Arc;

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
///
/// Implemented for maps from tag to `customerId`, for `Fn(&str) -> Option<i64>`, and for an
/// `Arc` of any lookup. A store whose lookup is `async` fetches the owner of the body's tag
/// first (read the tag with [`ParsedPatch::tag`](crate::ParsedPatch::tag)), then answers with
/// [`Context::with_tag_fn`].
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

// `Box<T>` and `&T` cannot have an impl beside the one for closures (a boxed or borrowed
// closure is a closure too); `TagSource` converts from both instead.
impl<T: TagLookup + ?Sized> TagLookup for Arc<T> {
    fn owner(&self, tag: &str) -> Option<i64> {
        (**self).owner(tag)
    }
}

/// A tag lookup as a [`Context`] holds it: borrowed (no allocation) or shared (an `Arc`, so a
/// context can own a closure or a store handle and still be cloned cheaply).
///
/// [`Context::with_tags`] takes anything that converts into one:
///
/// | argument | held as |
/// |---|---|
/// | `&L`, for any `L: TagLookup + Sync` (a map, a store, `&Arc<Store>`, `&dyn TagLookup + Sync`) | borrowed |
/// | `Arc<L>`, for `L: TagLookup + Send + Sync` | shared |
/// | `Box<L>`, for `L: TagLookup + Send + Sync` | shared (moved into an `Arc`) |
///
/// A closure written inline goes to [`Context::with_tag_fn`], which infers its argument type.
#[derive(Clone)]
pub struct TagSource<'a>(Held<'a>);

#[derive(Clone)]
enum Held<'a> {
    Borrowed(&'a (dyn TagLookup + Sync)),
    Shared(Arc<dyn TagLookup + Send + Sync + 'a>),
}

impl<'a, L: TagLookup + Sync> From<&'a L> for TagSource<'a> {
    fn from(tags: &'a L) -> Self {
        TagSource(Held::Borrowed(tags))
    }
}

impl<'a, 's: 'a> From<&'a (dyn TagLookup + Sync + 's)> for TagSource<'a> {
    fn from(tags: &'a (dyn TagLookup + Sync + 's)) -> Self {
        TagSource(Held::Borrowed(tags))
    }
}

impl<'a, L: TagLookup + Send + Sync + 'a> From<Arc<L>> for TagSource<'a> {
    fn from(tags: Arc<L>) -> Self {
        TagSource(Held::Shared(tags))
    }
}

impl<'a, 's: 'a> From<Arc<dyn TagLookup + Send + Sync + 's>> for TagSource<'a> {
    fn from(tags: Arc<dyn TagLookup + Send + Sync + 's>) -> Self {
        TagSource(Held::Shared(tags))
    }
}

impl<'a, L: TagLookup + Send + Sync + 'a> From<Box<L>> for TagSource<'a> {
    fn from(tags: Box<L>) -> Self {
        let tags: Arc<dyn TagLookup + Send + Sync + 'a> = Arc::from(tags as Box<_>);
        TagSource(Held::Shared(tags))
    }
}

impl<'a, 's: 'a> From<Box<dyn TagLookup + Send + Sync + 's>> for TagSource<'a> {
    fn from(tags: Box<dyn TagLookup + Send + Sync + 's>) -> Self {
        let tags: Arc<dyn TagLookup + Send + Sync + 's> = Arc::from(tags);
        TagSource(Held::Shared(tags))
    }
}

impl TagSource<'_> {
    fn get(&self) -> &dyn TagLookup {
        match &self.0 {
            Held::Borrowed(t) => *t,
            Held::Shared(t) => &**t,
        }
    }
}

impl fmt::Debug for TagSource<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.0 {
            Held::Borrowed(_) => "TagHeld::Borrowed",
            Held::Shared(_) => "TagHeld::Shared",
        })
    }
}

/// The evaluation context: the day, the customer kind, the current record, the tag lookup.
///
/// `Send + Sync` (a tag lookup must be `Sync`), so a handler can hold one across an `.await`
/// or share it between threads; `Clone`, cheaply (the current record is borrowed, the lookup
/// borrowed or shared). The `with_*` methods take `&self` and return a new context, so a
/// context can be derived from one behind a reference (`cx.with_current(..)` on a `&Context`)
/// even though it is not `Copy` (a context may own its tag lookup).
///
/// ```
/// use helix_customer_rules::{Context, CustomerKind};
/// use time::macros::date;
/// let cx = Context::new(date!(2026 - 11 - 23)).with_kind(CustomerKind::Business);
/// assert_eq!(cx.kind(), CustomerKind::Business);
/// ```
///
/// Beside `anyhow::Context` in a service's imports, [`ValidationContext`] is the same type.
#[derive(Clone)]
pub struct Context<'a> {
    today: Date,
    kind: CustomerKind,
    current: Option<&'a CustomerPatch>,
    tags: TagSource<'a>,
    ignored: &'a [Code],
}

/// [`Context`] under a name that does not clash with `anyhow::Context`.
pub type ValidationContext<'a> = Context<'a>;

impl Context<'static> {
    /// An individual customer, evaluated on `today`, with no current record and no tag owners.
    /// The library never reads the clock: the caller says which day it is.
    #[must_use]
    pub fn new(today: Date) -> Context<'static> {
        Context {
            today,
            kind: CustomerKind::Individual,
            current: None,
            tags: TagSource(Held::Borrowed(&NoTags)),
            ignored: &[],
        }
    }
}

impl<'a> Context<'a> {
    /// The same context for a customer of `kind`.
    #[must_use]
    pub fn with_kind(&self, kind: CustomerKind) -> Self {
        Context {
            kind,
            ..self.clone()
        }
    }

    /// The same context with the customer's current record: a property equal to it is not an
    /// update, so policy rules let it through. Equal means the same text as the record holds
    /// (dates: the same day), so give the record as Helix stores it:
    /// [`CustomerPatch::from_helix_record`] reads Helix's own `GET /customer/get` answer.
    #[must_use]
    pub fn with_current<'b>(&self, current: &'b CustomerPatch) -> Context<'b>
    where
        'a: 'b,
    {
        Context {
            current: Some(current),
            ..self.clone()
        }
    }

    /// The same context with a tag lookup: a reference to any [`TagLookup`] (no allocation),
    /// or an `Arc` or `Box` of one (see [`TagSource`]).
    ///
    /// ```
    /// use std::collections::HashMap;
    /// use std::sync::Arc;
    /// use helix_customer_rules::{Context, TagLookup};
    /// use time::macros::date;
    ///
    /// struct Store(HashMap<String, i64>);
    /// impl TagLookup for Store {
    ///     fn owner(&self, tag: &str) -> Option<i64> {
    ///         self.0.get(tag).copied()
    ///     }
    /// }
    /// let store = Arc::new(Store(HashMap::from([("vip".to_string(), 8)])));
    /// let today = date!(2026 - 11 - 23);
    /// let borrowed = Context::new(today).with_tags(&store); // &Arc<Store>
    /// let shared = Context::new(today).with_tags(Arc::clone(&store)); // Context<'static>
    /// let boxed = Context::new(today).with_tags(Box::new(Store(HashMap::new())));
    /// assert_eq!(borrowed.tags().owner("vip"), Some(8));
    /// assert_eq!(shared.tags().owner("vip"), Some(8));
    /// assert_eq!(boxed.tags().owner("vip"), None);
    /// ```
    #[must_use]
    pub fn with_tags<'b>(&self, tags: impl Into<TagSource<'b>>) -> Context<'b>
    where
        'a: 'b,
    {
        Context {
            tags: tags.into(),
            today: self.today,
            kind: self.kind,
            current: self.current,
            ignored: self.ignored,
        }
    }

    /// The same context with a closure as its tag lookup, written inline: the closure is
    /// moved into the context (one small allocation), so no temporary needs to outlive it.
    ///
    /// ```
    /// use helix_customer_rules::Context;
    /// use time::macros::date;
    /// // The owner of the body's tag, fetched before validating (an async store, say).
    /// let (tag, owner) = ("vip".to_string(), Some(8));
    /// let cx = Context::new(date!(2026 - 11 - 23)).with_tag_fn(move |t| if t == tag { owner } else { None });
    /// assert_eq!(cx.tags().owner("vip"), Some(8));
    /// ```
    #[must_use]
    pub fn with_tag_fn<'b, F>(&self, lookup: F) -> Context<'b>
    where
        'a: 'b,
        F: Fn(&str) -> Option<i64> + Send + Sync + 'b,
    {
        self.with_tags(Arc::new(lookup))
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
    pub fn with_ignored<'b>(&self, codes: &'b [Code]) -> Context<'b>
    where
        'a: 'b,
    {
        Context {
            ignored: codes,
            ..self.clone()
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
    pub fn tags(&self) -> &dyn TagLookup {
        self.tags.get()
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
