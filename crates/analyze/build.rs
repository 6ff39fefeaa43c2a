//! Compiles every time rules file in `rules/time/` (`<language code>.rules`) into the binary,
//! so that a language is added by adding its rules file, with no code to change.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/time");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("rules/time is readable")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            if path.extension()? != "rules" {
                return None;
            }
            println!("cargo:rerun-if-changed={}", path.display());
            let code = path.file_stem()?.to_str()?.to_owned();
            Some((code, path.display().to_string()))
        })
        .collect();
    files.sort();
    let mut out = String::from(
        "/// The shipped time rules: language code, rules file.\n\
         pub const SHIPPED: &[(&str, &str)] = &[\n",
    );
    for (code, path) in &files {
        writeln!(out, "    ({code:?}, include_str!({path:?})),").expect("a string takes writes");
    }
    out.push_str("];\n");
    let target =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("time_rules.rs");
    std::fs::write(target, out).expect("OUT_DIR is writable");
}
