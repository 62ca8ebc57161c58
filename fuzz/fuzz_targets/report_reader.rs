//! The JSON report reader of `keyhound rotate --report FILE`: any JSON
//! document must give leaks or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // `rotate --report` parses the file into the report contract's type
    // first; only a document of that shape reaches the reader.
    let Ok(doc) = serde_json::from_slice::<keyhound::report::contract::JsonReport>(data) else {
        return;
    };
    let _ = keyhound::rotate::leak::from_report(&doc, None);
    let _ = keyhound::rotate::leak::from_report(&doc, Some("owner/repo"));
});
