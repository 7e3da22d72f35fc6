//! Every broken fixture bundle is rejected with exactly the problems its `.expected` file lists,
//! one per line, each with its JSON path.

use std::fs;
use std::path::Path;

use parkreader_core::parse_bundle;

#[test]
fn each_broken_bundle_reports_its_exact_problems() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/broken");
    let mut checked = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        let expected = fs::read_to_string(path.with_extension("expected"))
            .unwrap_or_else(|_| panic!("{} has no .expected file", path.display()));
        let expected: Vec<&str> = expected.lines().filter(|l| !l.is_empty()).collect();
        let error = match parse_bundle(&text) {
            Ok(_) => panic!("{} was accepted", path.display()),
            Err(e) => e,
        };
        assert_eq!(error.problems(), expected, "{}", path.display());
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} broken fixtures found");
}

#[test]
fn the_small_fixture_is_valid_and_every_problem_counts() {
    let small = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/small.json"),
    )
    .unwrap();
    let bundle = parse_bundle(&small).unwrap();
    assert_eq!((bundle.articles.len(), bundle.projects.len()), (2, 2));
    // The summary line counts problems in words.
    let err = parse_bundle(
        &small
            .replace("\"2023-01-31\"", "\"2023-02-30\"")
            .replace("\"views\": 800", "\"views\": -1"),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("the bundle has 2 problems:\n- articles[0].published"),
        "{err}"
    );
}

#[test]
fn validate_checks_bundles_built_in_code() {
    let small = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/small.json"),
    )
    .unwrap();
    let mut bundle = parse_bundle(&small).unwrap();
    assert_eq!(parkreader_core::validate(&bundle), Ok(()));
    bundle.projects[1].related_articles.push("nowhere".into());
    bundle.format = 3;
    let err = parkreader_core::validate(&bundle).unwrap_err();
    assert_eq!(
        err.problems(),
        [
            "format: version 3 is not supported; this reader understands format 1",
            "projects[1].related_articles[0]: \"nowhere\" is not an article id in articles"
        ]
    );
}
