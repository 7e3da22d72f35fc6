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

fn small() -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/small.json"),
    )
    .unwrap()
}

/// Hostile shapes (tests/fixtures/hostile covers hostile text): a 10 MB string and JSON nested
/// far deeper than any bundle are refused with a specific message, without a panic or a stack
/// overflow.
#[test]
fn ten_megabyte_strings_and_deep_nesting_are_refused_by_name() {
    let huge = "碳".repeat(10 * 1024 * 1024 / 3);
    let text = small().replace("正文第一段。", &huge);
    let err = parse_bundle(&text).unwrap_err();
    assert_eq!(
        err.problems(),
        [format!(
            "articles[0].body[0].text: is {} characters long; a text field holds at most 100000 (split a long body into paragraphs)",
            huge.chars().count()
        )]
    );
    // The same rule for bundles built in code (the content builder's path).
    let mut bundle = parse_bundle(&small()).unwrap();
    bundle.articles[1].title = "a".repeat(100_001);
    let err = parkreader_core::validate(&bundle).unwrap_err();
    assert_eq!(
        err.problems(),
        ["articles[1].title: is 100001 characters long; a text field holds at most 100000 (split a long body into paragraphs)"]
    );
    // Characters, not bytes, count: 100,000 of 3 bytes each are allowed, one more is not,
    // whatever JSON escapes they take (quotes and backslashes).
    bundle.articles[1].title = "碳".repeat(100_000);
    assert_eq!(parkreader_core::validate(&bundle), Ok(()));
    bundle.articles[1].title = format!("{}碳", "\"\\".repeat(50_000));
    let err = parkreader_core::validate(&bundle).unwrap_err();
    assert_eq!(
        err.problems(),
        ["articles[1].title: is 100001 characters long; a text field holds at most 100000 (split a long body into paragraphs)"]
    );
    bundle.articles[1].title = "碳".into();
    bundle.projects[0].summary = "\\".repeat(100_002);
    let err = parkreader_core::validate(&bundle).unwrap_err();
    assert_eq!(
        err.problems(),
        ["projects[0].summary: is 100002 characters long; a text field holds at most 100000 (split a long body into paragraphs)"]
    );
    for depth in [200, 100_000] {
        let nested = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let err = parse_bundle(&nested).unwrap_err().to_string();
        assert_eq!(
            err,
            "the bundle is not valid JSON (line 1, column 128): nested more than 128 levels deep (a bundle needs about 6)"
        );
    }
}

/// `site.base_url` names the folder every page, link and data file goes under: a query, a
/// fragment, an empty or dotted step, or a file name there would break every one of them.
#[test]
fn a_base_url_must_name_a_folder() {
    let small = small();
    let with = |url: &str| small.replacen("https://test.example.org/", url, 1);
    for good in [
        "https://test.example.org/",
        "https://test.example.org",
        "https://example.org/reader/",
        "https://example.org/reader",
        "https://example.org/v1.2/",
        "https://example.org/%E6%8B%9B%E5%95%86/",
    ] {
        assert!(parse_bundle(&with(good)).is_ok(), "{good}");
    }
    // A path in Chinese as typed: every page of the site came out the
    // not-found page. The address to write instead is given.
    for (bad, encoded) in [
        (
            "https://example.org/招商/",
            "https://example.org/%E6%8B%9B%E5%95%86/",
        ),
        (
            "https://example.org/园区/投资促进/",
            "https://example.org/%E5%9B%AD%E5%8C%BA/%E6%8A%95%E8%B5%84%E4%BF%83%E8%BF%9B/",
        ),
    ] {
        let problems = parse_bundle(&with(bad)).unwrap_err().problems();
        assert_eq!(
            problems,
            [format!(
                "site.base_url: {bad:?} has characters in its path that an address carries percent-encoded, and the site's pages and the app would not find each other under it; write it as {encoded:?}"
            )],
            "{bad}"
        );
    }
    for (bad, reason) in [
        ("https://example.org/r/?a=1", "has a query or fragment"),
        ("https://example.org/r/#top", "has a query or fragment"),
        (
            "https://example.org//x/",
            "has an empty step (`//`) in its path",
        ),
        (
            "https://example.org/a/../r/",
            "has a `.` or `..` step in its path",
        ),
        (
            "https://example.org/reader/index.html",
            "names a file, not a folder",
        ),
    ] {
        let problems = parse_bundle(&with(bad)).unwrap_err().problems();
        assert_eq!(
            problems,
            [format!(
                "site.base_url: {bad:?} {reason}; give the folder the site is served from, such as https://invest.example.org/ or https://example.org/reader/"
            )],
            "{bad}"
        );
    }
}

/// `site.locale` goes into every page's Open Graph tags as a language tag: anything else is
/// refused by name.
#[test]
fn the_site_locale_is_a_language_tag() {
    let small = small();
    let with = |locale: &str| {
        let mut value: serde_json::Value = serde_json::from_str(&small).unwrap();
        value["site"]["locale"] = locale.into();
        value.to_string()
    };
    for good in ["zh-CN", "en", "zh-Hans-CN", "en-GB"] {
        assert!(parse_bundle(&with(good)).is_ok(), "{good}");
    }
    for bad in [
        "",
        "zh\"><script>alert(1)</script>",
        "中文",
        "zh_CN",
        "z",
        "zh-",
        "zh-CN-toolongpart",
    ] {
        let problems = parse_bundle(&with(bad)).unwrap_err().problems();
        assert_eq!(
            problems,
            [format!(
                "site.locale: {bad:?} is not a language tag; write one such as \"zh-CN\" or \"en\""
            )],
            "{bad}"
        );
    }
}
