//! Config and rule files as the CLI loads them: a keyhound config, a rule
//! file, and a gitleaks config imported (detected by shape, and forced).
#![no_main]

use std::path::PathBuf;
use std::sync::LazyLock;

use keyhound::settings::{ConfigFormat, LoadedConfig, Trust};
use libfuzzer_sys::fuzz_target;

/// One scratch directory per fuzzing process; the input is written to a
/// file in it because configs are loaded from paths (an `[extend] path`
/// resolves next to it).
static DIR: LazyLock<tempfile::TempDir> =
    LazyLock::new(|| tempfile::tempdir().expect("temp dir"));

fn config_path() -> PathBuf {
    DIR.path().join("keyhound.toml")
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = keyhound::rules::parse_rule_file("fuzz.toml", text);
    let path = config_path();
    std::fs::write(&path, data).expect("scratch file written");
    for format in [ConfigFormat::Auto, ConfigFormat::Gitleaks] {
        if let Ok(loaded) = LoadedConfig::load_as(&path, Trust::User, format) {
            let _ = loaded.check_trust(false);
            let _ = loaded.rules(true);
        }
    }
});
