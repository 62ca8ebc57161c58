//! The built-in rules on arbitrary bytes, through the path stdin takes
//! (encoding detection, matcher, filter, findings).
#![no_main]

use std::sync::LazyLock;

use keyhound::engine::Engine;
use keyhound::filter::{Filter, FilterSpec};
use keyhound::matcher::Matcher;
use libfuzzer_sys::fuzz_target;

static ENGINE: LazyLock<Engine> = LazyLock::new(|| {
    let rules = keyhound::rules::builtin().expect("built-in rules load");
    let filter = Filter::new(FilterSpec {
        rules: &rules,
        inline: true,
        ..Default::default()
    })
    .expect("an empty filter builds");
    Engine::new(Matcher::new(rules).expect("prefilter builds"), filter)
});

fuzz_target!(|data: &[u8]| {
    let out = keyhound::source::stdin::scan_reader(&*ENGINE, data, 1 << 20);
    for f in &out.findings {
        // Positions must lie inside the input (1-based).
        assert!(f.line >= 1 && f.column >= 1, "{f:?}");
    }
});
