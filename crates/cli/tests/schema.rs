//! docs/bundle.schema.json is exactly what the Rust types generate, and the sample bundle and
//! fixtures are judged the same way by the schema and by the Rust validation.

use std::path::Path;
use std::process::Command;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn read_json(path: &str) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(root().join(path)).unwrap()).unwrap()
}

#[test]
fn committed_schema_matches_the_rust_types() {
    let out = Command::new(env!("CARGO_BIN_EXE_parkreader"))
        .arg("schema")
        .output()
        .unwrap();
    assert!(out.status.success());
    let generated: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        generated == read_json("docs/bundle.schema.json"),
        "docs/bundle.schema.json is stale: run `cargo run -p parkreader-cli -- schema > docs/bundle.schema.json`"
    );
}

#[test]
fn sample_and_small_bundles_satisfy_the_schema() {
    let schema = read_json("docs/bundle.schema.json");
    let validator = jsonschema::validator_for(&schema).unwrap();
    for path in ["public/data/bundle.json", "tests/fixtures/small.json"] {
        let bundle = read_json(path);
        let errors: Vec<String> = validator
            .iter_errors(&bundle)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{path}: {errors:#?}");
    }
}

#[test]
fn the_schema_rejects_what_the_types_reject() {
    let schema = read_json("docs/bundle.schema.json");
    let validator = jsonschema::validator_for(&schema).unwrap();
    // Structural breakage (types, dates, unknown fields, format) is caught by both; reference
    // checks (dangling ids) are beyond JSON Schema and belong to the Rust validation alone.
    for name in [
        "bad-date",
        "wrong-types",
        "missing-fields",
        "future-format",
        "missing-format",
        "body-and-unknown-field",
        "not-an-object",
    ] {
        let bundle = read_json(&format!("tests/fixtures/broken/{name}.json"));
        assert!(
            !validator.is_valid(&bundle),
            "schema accepted broken/{name}.json"
        );
    }
}

#[test]
fn check_reports_problems_and_fails() {
    let bin = env!("CARGO_BIN_EXE_parkreader");
    let ok = Command::new(bin)
        .args(["check", "public/data/bundle.json"])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let bad = Command::new(bin)
        .args(["check", "tests/fixtures/broken/dangling-references.json"])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(!bad.status.success());
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("the bundle has 4 problems"), "{stderr}");
    assert!(
        stderr.contains(
            "- projects[1].related_articles[0]: \"ghost\" is not an article id in articles"
        ),
        "{stderr}"
    );
}
