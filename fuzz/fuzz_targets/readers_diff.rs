//! The crate's own JSON reader against the serde reader: on every body the fast reader reads,
//! the same properties and the same recorded issues; on the rest it gives up, and the serde
//! reader decides. This is what proves the native and the WebAssembly builds, which read with
//! either, give the same answers.
#![no_main]

use helix_customer_rules::__private::readers_agree;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(what) = readers_agree(data) {
        panic!("the readers disagree: {what}");
    }
});
