//! Whole patches built from `arbitrary` data, with settings and context, to `validate`.
#![no_main]

use fuzz_support::invariants::check_patch_fixing;
use fuzz_support::{current_like, patch, settings, tag_owners, today};
use helix_customer_rules::{Context, CustomerKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = arbitrary::Unstructured::new(data);
    let mut run = || -> arbitrary::Result<()> {
        let p = patch(&mut u)?;
        let s = settings(&mut u)?;
        let kind = if u.arbitrary()? {
            CustomerKind::Business
        } else {
            CustomerKind::Individual
        };
        let tags = tag_owners(&mut u, &p)?;
        let current = if u.arbitrary()? {
            Some(current_like(&mut u, &p)?)
        } else {
            None
        };
        let mut cx = Context::new(today(&mut u)?)
            .with_kind(kind)
            .with_tags(&tags);
        if let Some(c) = &current {
            cx = cx.with_current(c);
        }
        // One fix per input (of all the patch allows), chosen by the input.
        let pick = u.arbitrary::<usize>()?;
        check_patch_fixing(&p, &s, &cx, Some(pick));
        Ok(())
    };
    let _ = run();
});
