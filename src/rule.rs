//! The rule framework: what a rule is ([`RuleInfo`], declared with `declare_rule!`), how its
//! logic is called ([`Check`]) and how it reports ([`Emitter`]). Rules build on it; the
//! registry lists them.

use std::borrow::Cow;
use std::marker::PhantomData;

use crate::input::Input;
use crate::model::lenient::ParseReport;
use crate::violation::{render, Code, Path, Severity, Violation};

/// The family a rule belongs to: where it lives in `rules/` and in `rules.md`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    /// The body itself could not be read as Helix reads it (599xx).
    Payload,
    /// Properties of the person: birth date, gender, tag, email.
    Identity,
    /// What the program's settings allow to be updated.
    Policy,
    /// `addresses[]`.
    Address,
    /// `phones[]`.
    Phone,
    /// Business customers' properties.
    Business,
    /// The crate's own warnings (58xxx): limits Helix documents without a code.
    Limits,
}

impl Family {
    /// The family's title in `rules.md`.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Family::Payload => "Payload",
            Family::Identity => "Identity",
            Family::Policy => "Program policy",
            Family::Address => "Addresses",
            Family::Phone => "Phones",
            Family::Business => "Business customers",
            Family::Limits => "The crate's warnings: limits Helix documents without a code",
        }
    }
}

/// Where a rule's code and message come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Source {
    /// Helix's `POST /customer/update` page, the version this crate started from.
    UpdatePage,
    /// A later version of that page, with codes the first one did not list.
    CurrentUpdatePage,
    /// Helix's common error codes (the 599xx codes of its JSON reader).
    CommonErrorCodes,
    /// A recorded Helix server response, whose text differs from the page's and wins.
    ServerResponse,
    /// The crate's own code (58000-58999) for a limit Helix's object docs state without a code.
    DocumentedLimit,
}

impl Source {
    /// A short key for catalogues (`"update-page"`, ...).
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Source::UpdatePage => "update-page",
            Source::CurrentUpdatePage => "current-update-page",
            Source::CommonErrorCodes => "common-error-codes",
            Source::ServerResponse => "server-response",
            Source::DocumentedLimit => "documented-limit",
        }
    }

    /// What it means, in a sentence for a compliance reader.
    #[must_use]
    pub fn describe(self) -> &'static str {
        match self {
            Source::UpdatePage => "Helix's code, from its customer update page",
            Source::CurrentUpdatePage => {
                "Helix's code, from the current version of its customer update page"
            }
            Source::CommonErrorCodes => "Helix's code, from its common error codes",
            Source::ServerResponse => {
                "Helix's code, worded as Helix's server sends it (a recorded response)"
            }
            Source::DocumentedLimit => {
                "the crate's own code for a limit Helix documents without a code (a warning)"
            }
        }
    }
}

/// What a rule judges: every value the patch sends, or only updates.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Judges {
    /// The form of every value sent, changed or not.
    Values,
    /// Updates only (policy rules): a value equal to `context.current` is let through.
    Updates,
}

/// A rule's metadata: its code, message, the properties it reads and its documentation.
///
/// The fields are data for catalogues and tooling. The check is the rule struct's `impl
/// Check`, which emits only through an [`Emitter`] holding this `INFO`, so a rule reports only
/// its own code.
#[non_exhaustive]
pub struct RuleInfo {
    /// The rule's name: the bad state it detects, such as `PoBoxResidenceAddress`.
    pub name: &'static str,
    /// The Helix code it reports.
    pub code: Code,
    /// Where it lives.
    pub family: Family,
    /// Whether Helix rejects the request for it, or the crate only warns.
    pub severity: Severity,
    /// Where its code and message come from.
    pub source: Source,
    /// The crate version that first reported it.
    pub since: &'static str,
    /// Whether it judges every value sent or updates only.
    pub judges: Judges,
    /// The en-US message template, exactly as Helix words it.
    pub message: &'static str,
    /// Helix's wording for business customers, where it differs.
    pub business_message: Option<&'static str>,
    /// The wire names of the properties it reads.
    pub properties: &'static [&'static str],
    /// The `ProgramSettings` keys that switch it.
    pub settings: &'static [&'static str],
    /// Its documentation (Markdown): what it checks, semantics, examples.
    pub docs: &'static str,
}

impl std::fmt::Debug for RuleInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleInfo")
            .field("name", &self.name)
            .field("code", &self.code)
            .finish_non_exhaustive()
    }
}

/// Declares one rule's metadata: a unit struct named after the bad state, whose doc comment is
/// its catalogue entry, and whose `INFO` carries its code, message and sources as data. The
/// check is a plain `impl Check` beside it, which rustfmt formats and tools can see.
///
/// `judges: Updates` marks a policy rule, which reports updates only; the default is `Values`.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident;
        code: $code:literal,
        family: $family:ident,
        source: $source:ident,
        since: $since:literal,
        $(judges: $judges:ident,)?
        properties: [$($prop:literal),* $(,)?],
        settings: [$($setting:literal),* $(,)?],
        message: $message:literal,
        $(business_message: $bmessage:literal,)?
    ) => {
        $(#[doc = $doc])*
        #[derive(Clone, Copy, Debug, Default)]
        pub(crate) struct $name;

        impl $name {
            /// This rule's metadata.
            pub(crate) const INFO: $crate::rule::RuleInfo = $crate::rule::RuleInfo {
                name: stringify!($name),
                code: $crate::violation::Code($code),
                family: $crate::rule::Family::$family,
                severity: $crate::violation::Code($code).severity(),
                source: $crate::rule::Source::$source,
                since: $since,
                judges: declare_rule!(@judges $($judges)?),
                message: $message,
                business_message: declare_rule!(@opt $($bmessage)?),
                properties: &[$($prop),*],
                settings: &[$($setting),*],
                docs: concat!($($doc, "\n"),*),
            };
        }

        impl $crate::rule::Described for $name {
            const RULE: &'static $crate::rule::RuleInfo = &$name::INFO;
        }
    };
    (@opt) => { None };
    (@opt $m:literal) => { Some($m) };
    (@judges) => { $crate::rule::Judges::Values };
    (@judges $j:ident) => { $crate::rule::Judges::$j };
}
pub(crate) use declare_rule;

/// A rule's metadata, asked of its type: what lets an emitter write that rule's code.
pub(crate) trait Described {
    /// The rule's [`RuleInfo`].
    const RULE: &'static RuleInfo;
}

/// A rule's logic: called directly by the registry's evaluation sequence, so it can be inlined.
pub(crate) trait Check: Described + Sized {
    /// Reports, through `out`, every place `input` breaks the rule.
    fn check(input: &Input<'_>, out: Emitter<'_, '_, Self>);
}

/// Where the rules' violations go, shared by the whole sequence.
pub(crate) struct Sink<'o> {
    report: &'o ParseReport,
    out: &'o mut Vec<Violation>,
}

impl<'o> Sink<'o> {
    /// A sink writing into `out`, for `input` (whose parse report decides what is dropped).
    #[inline]
    pub(crate) fn new(input: &'o Input<'_>, out: &'o mut Vec<Violation>) -> Sink<'o> {
        Sink {
            report: input.report,
            out,
        }
    }

    fn push(&mut self, info: &'static RuleInfo, path: Path, message: Cow<'static, str>) {
        if info.family != Family::Payload && self.report.is_broken_within(path) {
            return;
        }
        // Nothing is allocated for a valid patch; an invalid one usually has several
        // violations, so start with room for a few instead of growing from one.
        if self.out.capacity() == 0 {
            self.out.reserve(8);
        }
        self.out.push(Violation::new(info.code, path, message));
    }
}

/// Collects one rule's violations; it can only write that rule's code (`R`'s). A violation at
/// a path whose value could not be read is dropped, for every rule but the payload rules
/// (59900, 59952, 59953), which are the ones that report there: an unreadable value counts as
/// absent. One pointer, passed by value: the rule is in its type, so the many rules with
/// nothing to report store nothing for it.
pub(crate) struct Emitter<'s, 'o, R> {
    sink: &'s mut Sink<'o>,
    rule: PhantomData<R>,
}

impl<'s, 'o, R: Described> Emitter<'s, 'o, R> {
    /// An emitter for the rule `R`, writing into `sink`.
    #[inline]
    pub(crate) fn new(sink: &'s mut Sink<'o>) -> Self {
        Emitter {
            sink,
            rule: PhantomData,
        }
    }

    /// A violation at `path` with the rule's message as is.
    #[inline]
    pub(crate) fn at(&mut self, path: Path) {
        self.sink
            .push(R::RULE, path, Cow::Borrowed(R::RULE.message));
    }

    /// A violation at `path` with the message's placeholders filled.
    #[inline]
    pub(crate) fn at_with(&mut self, path: Path, args: &[&str]) {
        self.sink.push(R::RULE, path, render(R::RULE.message, args));
    }

    /// A violation in Helix's business wording (falls back to the default message).
    #[inline]
    pub(crate) fn at_business(&mut self, path: Path, args: &[&str]) {
        let template = R::RULE.business_message.unwrap_or(R::RULE.message);
        self.sink.push(R::RULE, path, render(template, args));
    }
}
