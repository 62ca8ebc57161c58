//! Embeds the built-in rule pack (`rules/*.toml`) into the binary, twice:
//! the TOML files as written (for `rules check` and `rules list`), and a
//! compact JSON array of the rules without their examples, which is what a
//! scan loads — parsing JSON without examples costs a fraction of parsing
//! the TOML, and start-up is most of a pre-commit run.
use std::{env, fs, path::Path};

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("rules/ directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    files.sort();
    let mut out = String::from(
        "/// (file name, contents) of every built-in rule file.\npub static BUILTIN_RULE_FILES: &[(&str, &str)] = &[\n",
    );
    let mut compact = Vec::new();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.file_name().unwrap().to_string_lossy();
        out.push_str(&format!(
            "    ({:?}, include_str!({:?})),\n",
            name,
            f.display().to_string()
        ));
        let text = fs::read_to_string(f).unwrap();
        // A file that does not parse is reported by `rules check` and the
        // tests with file, rule and field; here it is simply left out.
        if let Ok(table) = text.parse::<toml::Table>() {
            if let Some(toml::Value::Array(rules)) = table.get("rule") {
                for r in rules {
                    let mut r = r.clone();
                    if let Some(t) = r.as_table_mut() {
                        t.remove("examples");
                    }
                    compact.push(serde_json::to_value(&r).unwrap());
                }
            }
        }
    }
    out.push_str("];\n");
    let out_dir = env::var("OUT_DIR").unwrap();
    let dest = Path::new(&out_dir);
    fs::write(dest.join("builtin_rules.rs"), out).unwrap();
    fs::write(
        dest.join("builtin_rules.json"),
        serde_json::to_string(&compact).unwrap(),
    )
    .unwrap();
}
