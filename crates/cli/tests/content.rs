//! The builder's content folder: front matter and Markdown into the bundle, and every kind of
//! mistake reported at its file, line and column, all in one run, with nothing written.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/content");

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parkreader"))
        .args(args)
        .output()
        .unwrap()
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// `parkreader ARGS`, which must succeed.
fn run_ok(args: &[&str]) -> Output {
    let output = run(args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// `parkreader bundle CONTENT -o OUT`, which must succeed: the bundle's text.
fn bundled(content: &Path, out: &Path) -> String {
    run_ok(&[
        "bundle",
        content.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    fs::read_to_string(out).unwrap()
}

/// The article `id` of the bundle `text`.
fn article_in(text: &str, id: &str) -> serde_json::Value {
    let bundle: serde_json::Value = serde_json::from_str(text).unwrap();
    bundle["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .unwrap()
        .clone()
}

/// Writes the file at `path` again, as `change` makes its text.
fn edit(path: &Path, change: impl FnOnce(String) -> String) {
    let text = fs::read_to_string(path).unwrap();
    fs::write(path, change(text)).unwrap();
}

/// Asserts that `stderr` (what a run printed) holds each of `lines`.
fn assert_told(stderr: &str, lines: &[&str]) {
    for line in lines {
        assert!(stderr.contains(line), "missing {line:?} in:\n{stderr}");
    }
}

/// `parkreader check CONTENT`, which must fail: what it printed, the folder written `CONTENT`.
fn check_fails(content: &Path) -> String {
    let output = run(&["check", content.to_str().unwrap()]);
    assert!(!output.status.success());
    String::from_utf8_lossy(&output.stderr).replace(content.to_str().unwrap(), "CONTENT")
}

/// `parkreader check CONTENT`, which must succeed: the warnings it printed, the folder written
/// `CONTENT`.
fn check_warns(content: &Path) -> String {
    let output = run_ok(&["check", content.to_str().unwrap()]);
    String::from_utf8_lossy(&output.stderr).replace(content.to_str().unwrap(), "CONTENT")
}

/// An image named from an article and from a project (`../media/weave.svg` from each folder)
/// is one file of the site, and `check` counts it once.
#[test]
fn one_image_named_from_two_folders_is_one_file() {
    let content = fixture_copy("one-image");
    let project = content.join("projects/carbon-fibre-48k.md");
    let text = fs::read_to_string(&project).unwrap();
    fs::write(&project, format!("{text}\n![织物](../media/weave.svg)\n")).unwrap();
    let check = run(&["check", content.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(
        said.contains("1 project, 1 image or attachment file"),
        "{said}"
    );
    fs::remove_dir_all(&content).unwrap();
}

/// `base-path` prints the path a site is served under, and none for a `base_url` that `check`
/// refuses (it printed `/reader/index.html/` for a file's address).
#[test]
fn base_path_prints_only_the_path_of_a_base_url_check_takes() {
    let content = fixture_copy("base-path");
    let site = content.join("site.toml");
    let text = fs::read_to_string(&site).unwrap();
    let at = |base_url: &str| {
        let line = text.lines().find(|l| l.starts_with("base_url")).unwrap();
        fs::write(
            &site,
            text.replace(line, &format!("base_url = \"{base_url}\"")),
        )
        .unwrap();
        run(&["base-path", content.to_str().unwrap()])
    };
    let good = at("https://example.org/reader/");
    assert!(good.status.success());
    assert_eq!(String::from_utf8_lossy(&good.stdout), "/reader/\n");
    for (base_url, why) in [
        (
            "https://example.org/reader/index.html",
            "names a file, not a folder",
        ),
        (
            "invest.example.org/reader",
            "must be an absolute http(s) URL",
        ),
    ] {
        let bad = at(base_url);
        assert!(!bad.status.success(), "{base_url}");
        assert!(bad.stdout.is_empty(), "{base_url}");
        let said = String::from_utf8_lossy(&bad.stderr);
        assert!(
            said.contains(&format!("site.base_url: \"{base_url}\" {why}")),
            "{said}"
        );
    }
    fs::remove_dir_all(&content).unwrap();
}

/// A copy of the fixture content folder to spoil, named after the test.
fn fixture_copy(name: &str) -> PathBuf {
    let content = temp(name);
    copy_dir(Path::new(FIXTURE), &content);
    content
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("parkreader-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    dir
}

/// A bundle written outside a `data/` folder has its files beside it, whether its path is
/// written relative or whole (relative, they went beside the bundle; whole, a folder above it,
/// outside the folder asked for), and `import` reads it back with them.
#[test]
fn a_bundle_has_its_files_beside_it_however_its_path_is_written() {
    let work = temp("bundle-out");
    let (relative, whole) = (work.join("relative"), work.join("whole"));
    for dir in [&relative, &whole] {
        fs::create_dir_all(dir).unwrap();
    }
    let output = Command::new(env!("CARGO_BIN_EXE_parkreader"))
        .args(["bundle", FIXTURE, "-o", "bundle.json"])
        .current_dir(&relative)
        .output()
        .unwrap();
    assert!(output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("its files are under ./"),
        "{}",
        String::from_utf8_lossy(&output.stdout)
    );
    let out = whole.join("bundle.json");
    let output = run_ok(&["bundle", FIXTURE, "-o", out.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&output.stdout)
        .contains(&format!("its files are under {}/", whole.display())));
    let media = |dir: &Path| {
        let mut names: Vec<String> = fs::read_dir(dir.join("media"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert!(!media(&relative).is_empty());
    assert_eq!(media(&relative), media(&whole));
    assert!(
        !work.join("media").exists(),
        "nothing above the bundle's folder"
    );
    let content = work.join("content");
    run_ok(&[
        "import",
        out.to_str().unwrap(),
        "--out",
        content.to_str().unwrap(),
    ]);
    assert_eq!(media(&content), media(&whole), "import finds the images");
    let _ = fs::remove_dir_all(&work);
}

#[test]
fn markdown_and_front_matter_become_the_bundle() {
    let site = temp("content-ok");
    let out = site.join("data/bundle.json");
    let output = run(&["bundle", FIXTURE, "-o", out.to_str().unwrap()]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let bundle: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    let article = &bundle["articles"][0];
    assert_eq!(
        article["id"], "carbon-fibre-signing",
        "the id is the file name"
    );
    assert_eq!(
        article["published"], "2024-05-20T10:30:00+08:00",
        "TOML dates are read"
    );
    let body = article["body"].as_array().unwrap();
    // Emphasis becomes text; a line break inside Chinese adds no space.
    assert_eq!(
        body[0]["text"],
        "项目总投资32.7亿元，规划原丝产能2.4万吨/年。"
    );
    assert_eq!(
        body[1],
        serde_json::json!({"type": "heading", "level": 2, "text": "项目亮点"})
    );
    assert_eq!(body[2]["type"], "figure");
    assert_eq!(body[2]["caption"], "图说：碳纤维织物。");
    assert_eq!(body[2]["image"]["alt"], "碳纤维织物的编织纹理");
    assert_eq!(body[2]["image"]["width"], 640, "an SVG's size is read");
    let src = body[2]["image"]["src"].as_str().unwrap();
    assert!(
        src.starts_with("/media/weave-") && src.ends_with(".svg"),
        "{src}"
    );
    assert!(
        site.join(src.trim_start_matches('/')).is_file(),
        "the image is copied"
    );
    assert_eq!(
        article["cover"]["src"], src,
        "covers resolve like body images"
    );
    assert_eq!(
        body[3],
        serde_json::json!({"type": "list", "ordered": true, "items": ["产业链完整", "应用广泛"]})
    );
    assert_eq!(
        body[4],
        serde_json::json!({"type": "quote", "text": "碳纤维是新材料产业的关键。", "cite": "园区负责人"})
    );
    let project = &bundle["projects"][0];
    assert_eq!(project["investment"]["amount"], 3_270_000_000_u64);
    assert_eq!(project["dates"]["signed"], "2024-05-20");
    assert_eq!(project["description"][0]["type"], "paragraph");
    // The result is a valid bundle for the app.
    let check = run(&["check", out.to_str().unwrap()]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    fs::remove_dir_all(&site).unwrap();
}

#[test]
fn every_mistake_is_reported_at_its_line_in_one_run_and_nothing_is_written() {
    let content = fixture_copy("content-bad");
    let articles = content.join("articles");
    // A typo in a field name (line 3 of the file).
    let signing = fs::read_to_string(articles.join("carbon-fibre-signing.md")).unwrap();
    fs::write(
        articles.join("carbon-fibre-signing.md"),
        signing.replace("summary = ", "sumary = "),
    )
    .unwrap();
    // A category the site does not have (line 4), an image that is not there (body line 9),
    // and raw HTML (body line 11).
    fs::write(
        articles.join("policy-notes.md"),
        "+++\ntitle = \"招商政策要点\"\nsummary = \"三条要点。\"\ncategory = \"news\"\nauthor = \"政策研究室\"\npublished = \"2023-01-05\"\n+++\n\n![图](../media/missing.png)\n\n<script>alert(1)</script>\n",
    )
    .unwrap();
    // Broken TOML: an unclosed string on line 2.
    fs::write(
        content.join("projects/broken.md"),
        "+++\nname = \"未闭合\nsummary = \"x\"\n+++\n",
    )
    .unwrap();
    // No front matter at all.
    fs::write(articles.join("plain.md"), "只有正文。\n").unwrap();
    // Front matter in YAML, as Hugo also reads it; a file left empty (a BOM and a blank line).
    fs::write(
        articles.join("yaml.md"),
        "---\ntitle: 标题\n---\n\n正文。\n",
    )
    .unwrap();
    fs::write(articles.join("empty.md"), "\u{feff}\n").unwrap();

    let out = content.join("site/data/bundle.json");
    let output = run(&[
        "bundle",
        content.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    assert!(!out.exists(), "nothing is written when anything is wrong");
    let stderr =
        String::from_utf8_lossy(&output.stderr).replace(content.to_str().unwrap(), "CONTENT");
    let expected = [
        "CONTENT/articles/carbon-fibre-signing.md:3:1: error: unknown field `sumary`",
        "= help: did you mean `summary`? (docs/content.md lists every field)",
        "CONTENT/articles/plain.md:1:1: error: the file does not start with front matter between `+++` lines",
        "CONTENT/articles/yaml.md:1:1: error: the front matter is YAML, between `---` lines; parkreader reads TOML, between `+++` lines",
        "= help: write `+++` for both `---` lines, and each field as TOML: `title: 标题` as `title = \"标题\"`",
        "CONTENT/articles/empty.md:1:1: error: the file is empty",
        "= help: begin the file with `+++`, the fields as TOML, then `+++` on a line of its own, and the text below; `parkreader new` writes a file to start from",
        "CONTENT/articles/policy-notes.md:9:1: error: image `../media/missing.png` not found",
        "CONTENT/articles/policy-notes.md:11:1: error: raw HTML in Markdown",
        "CONTENT/projects/broken.md:2:",
        "CONTENT/articles/policy-notes.md:4:1: error: category: \"news\" is not a category in taxonomies.categories",
    ];
    for line in expected {
        assert!(stderr.contains(line), "missing {line:?} in:\n{stderr}");
    }
    // One cause, one error: the field misspelt is not also said to be missing.
    assert!(
        !stderr.contains("missing field `summary`"),
        "the misspelt field is reported twice:\n{stderr}"
    );
    // One cause, one error: the image not found is not also said to be no image address.
    assert!(
        !stderr.contains("is not an image address"),
        "the missing image is reported twice:\n{stderr}"
    );
    assert!(
        stderr.contains("problems found; nothing was written"),
        "{stderr}"
    );
    let check = run(&["check", content.to_str().unwrap()]);
    assert!(!check.status.success());
    // `check` writes nothing, and does not say it did not.
    let said = String::from_utf8_lossy(&check.stderr);
    assert!(
        said.contains("problems found\n") && !said.contains("nothing was written"),
        "{said}"
    );
    fs::remove_dir_all(&content).unwrap();
}

#[test]
fn new_writes_a_file_that_checks_once_filled_in() {
    let content = fixture_copy("content-new");
    let dir = content.to_str().unwrap();
    let output = run(&["new", "article", "fresh-news", "--content", dir]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // As written, the new file is a draft: left out, so its 「标题」 is not published, and
    // `check` says so. Its image example is a comment, since the file it names is not there.
    let path = content.join("articles/fresh-news.md");
    let text = fs::read_to_string(&path).unwrap();
    assert!(String::from_utf8_lossy(&output.stdout).contains("as a draft"));
    assert!(text.contains("\ndraft = true "), "{text}");
    assert!(
        text.contains("#   ![图片说明](../media/photo.jpg"),
        "{text}"
    );
    let check = run(&["check", dir]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(String::from_utf8_lossy(&check.stdout).contains("1 draft left out"));
    // A file of the folder named instead of the folder: told which to name.
    let check = run(&["check", path.to_str().unwrap()]);
    assert!(!check.status.success());
    assert!(
        String::from_utf8_lossy(&check.stderr).contains(&format!(
            "is a file of a content folder; check reads the whole folder, as build does: `parkreader check {dir}`"
        )),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    // With the line deleted, as written, it passes: it is published.
    fs::write(&path, text.replace("\ndraft = true ", "\n# ")).unwrap();
    let check = run(&["check", dir]);
    assert!(
        check.status.success() && !String::from_utf8_lossy(&check.stdout).contains("draft"),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    assert!(
        !run(&["new", "article", "fresh-news", "--content", dir])
            .status
            .success(),
        "no overwrite"
    );
    assert!(!run(&["new", "project", "Bad Id", "--content", dir])
        .status
        .success());
    // Only into a content folder: one with a site.toml.
    let elsewhere = content.join("nothing-here");
    let output = run(&[
        "new",
        "article",
        "x",
        "--content",
        elsewhere.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("has no site.toml"));
    assert!(!elsewhere.exists());
    // Ids are at most 80 characters, as in the bundle.
    let long = "a".repeat(81);
    let output = run(&["new", "project", &long, "--content", dir]);
    assert!(!output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("at most 80"));
    fs::remove_dir_all(&content).unwrap();
}

/// `new site` starts a whole content folder that passes `check` and builds into a bundle as
/// it is, and will not overwrite one.
#[test]
fn new_site_writes_a_folder_that_checks_and_builds() {
    let dir = temp("content-new-site");
    let path = dir.join("content");
    let output = run_ok(&["new", "site", path.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&output.stdout).contains("edit site.toml"));
    let output = run_ok(&["check", path.to_str().unwrap()]);
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("ok — 1 article, 1 project"),
        "{output:?}"
    );
    // What the templates left to fill in is told where it is, and the build goes on.
    let stderr = String::from_utf8_lossy(&output.stderr).replace(path.to_str().unwrap(), "CONTENT");
    for told in [
        "CONTENT/site.toml:5:1: warning: site.name: \"某某园区招商\" is the template's placeholder, shown to readers as it is",
        "CONTENT/site.toml:8:1: warning: site.base_url: https://invest.example.org/ is the example address `new site` wrote;",
        "CONTENT/site.toml:13:1: warning: site.contact.hotline: \"400-000-0000\" is the template's placeholder",
        "CONTENT/articles/first-article.md:3:1: warning: title: \"标题\" is the template's placeholder",
        "CONTENT/projects/first-project.md:3:1: warning: name: \"项目名称\" is the template's placeholder",
        "CONTENT/projects/first-project.md:8:1: warning: investor: \"投资方全称\" is the template's placeholder",
    ] {
        assert!(stderr.contains(told), "{told}\n{stderr}");
    }
    let text = bundled(&path, &dir.join("site/data/bundle.json"));
    assert!(text.contains("first-article") && text.contains("first-project"));
    // The project is signed, as its signing date says; not 洽谈中 with a signing date.
    assert!(fs::read_to_string(path.join("projects/first-project.md"))
        .unwrap()
        .contains("status = \"signed\""),);
    // Filled in, nothing is told.
    let site = fs::read_to_string(path.join("site.toml")).unwrap();
    fs::write(
        path.join("site.toml"),
        site.replace("某某园区招商", "滨江园区招商")
            .replace(
                "https://invest.example.org/",
                "https://invest.binjiang.gov.cn/",
            )
            .replace("400-000-0000", "0571-8765 0000"),
    )
    .unwrap();
    for file in ["articles/first-article.md", "projects/first-project.md"] {
        let text = fs::read_to_string(path.join(file)).unwrap();
        let filled = text
            .replace("\"标题\"", "\"滨江签约\"")
            .replace("一两句话的摘要，显示在列表和分享卡片中。", "签约三个项目。")
            .replace("\"项目名称\"", "\"碳纤维项目\"")
            .replace("一两句话的项目简介。", "年产一万吨。")
            .replace("投资方全称", "某某新材料有限公司");
        fs::write(path.join(file), filled).unwrap();
    }
    let output = run_ok(&["check", path.to_str().unwrap()]);
    assert!(
        !String::from_utf8_lossy(&output.stderr).contains("warning"),
        "{output:?}"
    );
    let again = run(&["new", "site", path.to_str().unwrap()]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    fs::remove_dir_all(&dir).unwrap();
}

/// A problem of site.toml's own lists is told at the line of its entry, written as a table
/// (`[[taxonomies.tags]]`) or inline (`tags = [{ … }, { … }]`), without the help for a
/// reference to a missing entry.
#[test]
fn a_wrong_taxonomy_entry_is_told_at_its_own_line() {
    let dir = temp("content-taxonomy-lines");
    let path = dir.join("content");
    run_ok(&["new", "site", path.to_str().unwrap()]);
    let site = path.join("site.toml");
    let text =
        fs::read_to_string(&site)
            .unwrap()
            .replacen("id = \"park-news\"", "id = \"园区\"", 1);
    fs::write(
        &site,
        format!("{text}\n[[taxonomies.tags]]\nid = \"major-projects\"\nname = \"重复\"\n"),
    )
    .unwrap();
    let line_of =
        |text: &str, needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let written = fs::read_to_string(&site).unwrap();
    let stderr = check_fails(&path);
    let (bad, twice) = (line_of(&written, "\"园区\""), line_of(&written, "重复") - 1);
    for line in [
        format!("CONTENT/site.toml:{bad}:1: error: taxonomies.categories[2].id: \"园区\" is not a valid id"),
        format!("CONTENT/site.toml:{twice}:1: error: taxonomies.tags[1].id: \"major-projects\" is already the id of taxonomies.tags[0]"),
    ] {
        assert!(stderr.contains(&line), "missing {line:?} in:\n{stderr}");
    }
    assert!(!stderr.contains("use one of"), "{stderr}");

    // Inline, in the fixture's site.toml.
    let content = fixture_copy("content-taxonomy-inline");
    let site = content.join("site.toml");
    let text = fs::read_to_string(&site).unwrap().replace(
        "tags = [{ id = \"carbon-fibre\", name = \"碳纤维\" }]",
        "tags = [\n  { id = \"carbon-fibre\", name = \"碳纤维\" },\n  { id = \"carbon-fibre\", name = \"重复\" },\n]",
    );
    fs::write(&site, &text).unwrap();
    let stderr = check_fails(&content);
    let line = format!(
        "CONTENT/site.toml:{}:1: error: taxonomies.tags[1].id",
        line_of(&text, "重复")
    );
    assert!(stderr.contains(&line), "missing {line:?} in:\n{stderr}");
    fs::remove_dir_all(&dir).unwrap();
    fs::remove_dir_all(&content).unwrap();
}

/// A site to be served over plain http is built, with a warning at its `base_url`: browsers
/// give such a page no service worker. The writer's own computer is no such host.
#[test]
fn an_http_base_url_is_a_warning_at_its_line() {
    let content = fixture_copy("content-http");
    let site = content.join("site.toml");
    edit(&site, |text| {
        text.replace(
            "https://test.example.org/",
            "http://test.example.org/reader/",
        )
    });
    let stderr = check_warns(&content);
    assert_told(
        &stderr,
        &["CONTENT/site.toml:5:1: warning: site.base_url: http://test.example.org/reader/ is an http:// address: on it, readers' browsers keep no copy for reading offline, and copying a share link may fail\n  = help: serve the site over https and write `base_url = \"https://test.example.org/reader/\"`"],
    );
    edit(&site, |text| {
        text.replace("http://test.example.org/reader/", "http://localhost:8080/")
    });
    assert!(!check_warns(&content).contains("http:// address"));
    fs::remove_dir_all(&content).unwrap();
}

/// An entry written by its name where its id goes (`category = "政策解读"`, a tag by its
/// English name) is told with the id to write.
#[test]
fn a_taxonomy_entry_named_for_its_id_is_told_the_id() {
    let content = fixture_copy("content-taxonomy-name");
    edit(&content.join("articles/policy-notes.md"), |text| {
        text.replace("category = \"policy\"", "category = \"政策解读\"")
    });
    edit(&content.join("site.toml"), |text| {
        text.replace(
            "name = \"碳纤维\" }",
            "name = \"碳纤维\", name_en = \"Carbon fibre\" }",
        )
    });
    edit(&content.join("projects/carbon-fibre-48k.md"), |text| {
        text.replace("tags = [\"carbon-fibre\"]", "tags = [\"carbon Fibre\"]")
    });
    let stderr = check_fails(&content);
    assert_told(
        &stderr,
        &[
            "error: category: \"政策解读\" is not a category in taxonomies.categories\n  = help: \"政策解读\" is the name of `policy` in site.toml's categories: write its id, \"policy\"",
            "= help: \"carbon Fibre\" is the name of `carbon-fibre` in site.toml's tags: write its id, \"carbon-fibre\"",
        ],
    );
    fs::remove_dir_all(&content).unwrap();
}

/// Entries of site.toml's lists that do not read (a misspelt field, a stage that is none) are
/// each told in one run, and the articles and projects are still checked against the rest,
/// without a second problem for what names an entry already told.
#[test]
fn every_unreadable_taxonomy_entry_is_told_in_one_run() {
    let dir = temp("content-taxonomy-entries");
    let path = dir.join("content");
    run_ok(&["new", "site", path.to_str().unwrap()]);
    let site = path.join("site.toml");
    edit(&site, |text| {
        text.replacen(
            "id = \"new-materials\"\nname",
            "id = \"new-materials\"\nnmae",
            1,
        )
        .replacen("stage = \"signed\"", "stage = \"signing\"", 1)
        // A key the contact table does not have, and a hotline that is no number: both told,
        // where the unknown key hid the other until it was fixed.
        .replacen(
            "hotline = \"400-000-0000\"",
            "hotline = \"请拨打热线\"\nwechat = \"qingxi\"",
            1,
        )
    });
    edit(&path.join("articles/first-article.md"), |text| {
        text.replacen("category = \"signings\"", "category = \"news\"", 1)
    });
    let written = fs::read_to_string(&site).unwrap();
    let line_of = |needle: &str| written.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let stderr = check_fails(&path);
    assert_told(
        &stderr,
        &[
            &format!("CONTENT/site.toml:{}:1: error: unknown field `nmae`, expected one of `id`, `name`, `name_en`", line_of("nmae")),
            &format!("CONTENT/site.toml:{}:9: error: unknown variant `signing`", line_of("\"signing\"")),
            "CONTENT/articles/first-article.md:5:1: error: category: \"news\" is not a category in taxonomies.categories",
            &format!("CONTENT/site.toml:{}:1: error: unknown field `wechat`, expected one of `hotline`, `wechat_id`", line_of("wechat =")),
            &format!("CONTENT/site.toml:{}:1: error: site.contact.hotline: \"请拨打热线\" is not a phone number", line_of("请拨打热线")),
            "error: 5 problems found",
        ],
    );
    // The project's industry and status are the entries told above (its template text is
    // told, as a warning).
    assert!(
        !stderr
            .lines()
            .any(|l| l.contains("first-project") && l.contains(": error: ")),
        "{stderr}"
    );
    fs::remove_dir_all(&dir).unwrap();
}

/// Blocks with image and attachment addresses reduced to their file name (the builder adds a
/// content hash).
fn normalized(value: &serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::String(s) if s.starts_with("/media/") || s.starts_with("/files/") => {
            let (folder, name) = s[1..].split_once('/').unwrap();
            let (name, fragment) = name.split_once('#').unwrap_or((name, ""));
            let (stem, ext) = name.rsplit_once('.').unwrap();
            let stem = stem
                .rsplit_once('-')
                .map_or(stem, |(s, hash)| if hash.len() == 16 { s } else { stem });
            serde_json::Value::String(format!("{folder}/{stem}.{ext}#{fragment}"))
        }
        serde_json::Value::Array(a) => a.iter().map(normalized).collect(),
        serde_json::Value::Object(o) => o.iter().map(|(k, v)| (k.clone(), normalized(v))).collect(),
        other => other.clone(),
    }
}

#[test]
fn a_bundle_imported_as_content_builds_back_to_the_same_bundle() {
    let root = temp("content-roundtrip");
    let sample = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/small.json"
    );
    let site = root.join("site");
    fs::create_dir_all(site.join("data")).unwrap();
    fs::copy(sample, site.join("data/bundle.json")).unwrap();
    let content = root.join("content");
    run_ok(&[
        "import",
        site.join("data/bundle.json").to_str().unwrap(),
        "--out",
        content.to_str().unwrap(),
    ]);
    let rebuilt = bundled(&content, &root.join("rebuilt/data/bundle.json"));
    // Compared as bundles, so that defaults written out or left out make no difference.
    let read =
        |text: &str| serde_json::to_value(parkreader_core::parse_bundle(text).unwrap()).unwrap();
    let before = read(&fs::read_to_string(sample).unwrap());
    let after = read(&rebuilt);
    for key in ["site", "taxonomies", "articles", "projects"] {
        assert_eq!(
            normalized(&after[key]),
            normalized(&before[key]),
            "{key} survives the round trip"
        );
    }
    fs::remove_dir_all(&root).unwrap();
}

/// An import writes a whole content folder: into one that holds files it would overwrite
/// them (site.toml with its comments, an edited article) and mix its content with theirs, so
/// it is refused, and nothing there changes.
#[test]
fn an_import_into_a_folder_that_holds_files_is_refused() {
    let root = temp("import-into-content");
    let site = root.join("site");
    fs::create_dir_all(site.join("data")).unwrap();
    let sample = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/small.json"
    );
    fs::copy(sample, site.join("data/bundle.json")).unwrap();
    let content = root.join("content");
    fs::create_dir_all(&content).unwrap();
    fs::write(content.join("site.toml"), "# 我的注释\n").unwrap();
    let output = run(&[
        "import",
        site.join("data/bundle.json").to_str().unwrap(),
        "--out",
        content.to_str().unwrap(),
    ]);
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("is not empty: an import writes a whole content folder"),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(content.join("site.toml")).unwrap(),
        "# 我的注释\n"
    );
    assert!(!content.join("articles").exists());
    // An empty folder is taken.
    fs::remove_file(content.join("site.toml")).unwrap();
    run_ok(&[
        "import",
        site.join("data/bundle.json").to_str().unwrap(),
        "--out",
        content.to_str().unwrap(),
    ]);
    assert!(content.join("site.toml").exists());
    fs::remove_dir_all(&root).unwrap();
}

/// The sample content, built, imported and built again, is the same: its links in paragraphs
/// and lists, its attachments (whose link text the build labels each time) and its images.
#[test]
fn the_sample_content_survives_import() {
    let root = temp("content-sample-roundtrip");
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let first = bundled(&sample, &root.join("first/data/bundle.json"));
    let content = root.join("content");
    run_ok(&[
        "import",
        root.join("first/data/bundle.json").to_str().unwrap(),
        "--out",
        content.to_str().unwrap(),
    ]);
    let second = bundled(&content, &root.join("second/data/bundle.json"));
    let read = |text: &str, site: &str| {
        let mut bundle = parkreader_core::parse_bundle(text).unwrap();
        for article in &mut bundle.articles {
            if let Some(url) = article.body_url.take() {
                let body = fs::read_to_string(root.join(site).join(url.trim_start_matches('/')));
                article.body = Some(parkreader_core::parse_body(&body.unwrap()).unwrap());
            }
        }
        normalized(&serde_json::to_value(bundle).unwrap())
    };
    let (first, second) = (read(&first, "first"), read(&second, "second"));
    assert!(
        first.to_string().contains("（PDF，"),
        "the sample has an attachment"
    );
    for key in ["site", "taxonomies", "articles", "projects"] {
        assert_eq!(second[key], first[key], "{key} survives import");
    }
    fs::remove_dir_all(&root).unwrap();
}

/// Bold and links over line breaks, bold next to spaces and punctuation, and an attachment
/// whose name has its own brackets read back as they were written.
#[test]
fn bold_links_and_breaks_survive_import() {
    let root = temp("content-marks-roundtrip");
    let content = fixture_copy("content-marks");
    fs::create_dir_all(content.join("files")).unwrap();
    fs::write(content.join("files/办法.pdf"), "%PDF-1.4").unwrap();
    fs::write(
        content.join("articles/marks.md"),
        "+++\ntitle = \"标记\"\nsummary = \"标记。\"\ncategory = \"policy\"\nauthor = \"某\"\npublished = \"2024-01-01\"\n+++\n\n**一、申报条件**\\\n企业须[按时\\\n申报](https://a.cn/)\\\n**二、申报材料**\n\n**详见 [通知](https://a.cn/)** 与“**重点**”。\n\n- 见[《办法（试行）》](../files/办法.pdf)\n",
    )
    .unwrap();
    let first = bundled(&content, &root.join("first/data/bundle.json"));
    let again = root.join("again");
    run_ok(&[
        "import",
        root.join("first/data/bundle.json").to_str().unwrap(),
        "--out",
        again.to_str().unwrap(),
    ]);
    let second = bundled(&again, &root.join("second/data/bundle.json"));
    let marks = |text: &str| {
        let article = article_in(text, "marks");
        normalized(&article["body"])
    };
    let (before, mut after) = (marks(&first), marks(&second));
    // The space inside `**详见 [通知](…)**` comes back outside the bold, which looks the same.
    assert_eq!(
        after[1]["strong"],
        serde_json::json!([{"start": 0, "end": 2}, {"start": 3, "end": 5}, {"start": 8, "end": 10}])
    );
    after[1]["strong"] = before[1]["strong"].clone();
    assert_eq!(after, before);
    assert_eq!(
        before[0]["text"],
        "一、申报条件\n企业须按时\n申报\n二、申报材料"
    );
    assert_eq!(before[2]["items"][0], "见《办法（试行）》（PDF，1 KB）");
    fs::remove_dir_all(&root).unwrap();
    fs::remove_dir_all(&content).unwrap();
}

/// The sample site's bundle is generated from content/: the committed copy never drifts.
#[test]
fn the_committed_sample_bundle_is_what_content_builds() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let site = temp("content-sample");
    let out = site.join("data/bundle.json");
    let output = run(&[
        "bundle",
        root.join("content").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // The sample's old address (an article's `aliases`) has no place in a bundle: said so.
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .contains("warning: the bundle leaves out the old addresses in `aliases` (1 in all)"),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for file in ["data/bundle.json"]
        .into_iter()
        .map(String::from)
        .chain(
            fs::read_dir(site.join("data/articles"))
                .unwrap()
                .map(|e| format!("data/articles/{}", e.unwrap().file_name().to_string_lossy())),
        )
        .chain(
            fs::read_dir(site.join("media"))
                .unwrap()
                .map(|e| format!("media/{}", e.unwrap().file_name().to_string_lossy())),
        )
    {
        let built = fs::read(site.join(&file)).unwrap();
        let committed = fs::read(root.join("public").join(&file)).unwrap_or_else(|_| {
            panic!("public/{file} is committed (run: cargo run -p parkreader-cli -- bundle)")
        });
        assert!(built == committed, "public/{file} differs from what content/ builds; run: cargo run -p parkreader-cli -- bundle");
    }
    fs::remove_dir_all(&site).unwrap();
}

/// Markdown the reader has no block for is refused at its line instead of losing text, a list
/// item's second paragraph stays in the item, and images the build would publish must lie in
/// the content folder and carry no script.
#[test]
fn markdown_that_would_lose_text_or_publish_too_much_is_refused_at_its_line() {
    let content = fixture_copy("content-shapes");
    let front = "+++\ntitle = \"要点\"\nsummary = \"要点。\"\ncategory = \"signing\"\nauthor = \"园区\"\npublished = \"2024-01-05\"\n+++\n\n";
    let article = |name: &str, body: &str| {
        fs::write(
            content.join("articles").join(name),
            format!("{front}{body}"),
        )
        .unwrap();
    };
    // Body lines start at line 9.
    article("headinlist.md", "- 甲\n\n  ## 乙\n");
    article("quoteinlist.md", "- 甲\n\n  > 乙\n");
    article("tableinquote.md", "> | a | b |\n> |---|---|\n> | 1 | 2 |\n");
    // Each of these came out of its quote or list, before it, or was lost.
    article("listinquote.md", "> 甲\n>\n> - 乙\n> - 丙\n");
    article("headinquote.md", "> ## 甲\n>\n> 乙\n");
    article("imageinquote.md", "> ![图](../media/weave.svg)\n");
    article("imageinlist.md", "- ![图](../media/weave.svg)\n- 乙\n");
    // Empty blocks: they failed the build with no line, or showed a bare bullet.
    // A list's view with filter values the site does not have; and one with values it has
    // (in other capitals, as the list reads them too).
    article(
        "listlinks.md",
        "见[项目](/projects?industry=nope&size=huge&district=JINSHAN)。\n\n[标签](/articles/?tag=bad&year=20x4&category=policy)\n",
    );
    article("mailcc.md", "[写信](mailto:a@b.cn?cc=c@d.cn)给我们。\n");
    article("empty.md", "正文。\n\n##\n\n>\n\n- 甲\n-\n\n```\n```\n");
    article(
        "imageintable.md",
        "| a | b |\n|---|---|\n| ![图](../media/weave.svg) | 2 |\n",
    );
    article("page.md", "![页](../media/page.html)\n");
    fs::write(content.join("media/page.html"), "<script>alert(1)</script>").unwrap();
    // Script in an SVG, however it is written.
    for (name, svg) in [
        ("prefixed", "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:s=\"http://www.w3.org/2000/svg\"><s:script>alert(1)</s:script></svg>"),
        ("entity", "<svg xmlns=\"http://www.w3.org/2000/svg\"><a href=\"java&#9;script&#58;alert(1)\"><text>x</text></a></svg>"),
        ("declared", "<!DOCTYPE svg [<!ENTITY x \"alert(1)\">]><svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"),
        // A file that names itself its XSLT stylesheet, which writes a script element.
        ("transformed", "<?xml-stylesheet type=\"text/xsl\" href=\"?x\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" xsl:version=\"1.0\"><xsl:element name=\"{concat('scr','ipt')}\">alert(1)</xsl:element></svg>"),
        // HTML's refresh, which leaves the site, and an element SVG does not have.
        ("refresh", "<svg xmlns=\"http://www.w3.org/2000/svg\"><h:meta xmlns:h=\"http://www.w3.org/1999/xhtml\" http-equiv=\"refresh\" content=\"0;url=https://evil.example/\"/></svg>"),
        ("unknown", "<svg xmlns=\"http://www.w3.org/2000/svg\"><meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\"/></svg>"),
        // A picture that tells another site who opened it.
        ("tracking", "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><image xlink:href=\"https://evil.example/t.png\" width=\"1\" height=\"1\"/></svg>"),
        // An event attribute set by an animation, and an SVG inside a data: address.
        ("animated", "<svg xmlns=\"http://www.w3.org/2000/svg\"><set attributeName=\"onload\" to=\"alert(1)\"/></svg>"),
        ("inner", "<svg xmlns=\"http://www.w3.org/2000/svg\"><use href=\"data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=#x\"/></svg>"),
    ] {
        fs::write(content.join(format!("media/{name}.svg")), svg).unwrap();
        article(&format!("svg-{name}.md"), &format!("![图](../media/{name}.svg)\n"));
    }
    article(
        "tablelist.md",
        "- 甲\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n- 乙\n",
    );
    article("footnote.md", "正文[^1]。\n\n[^1]: 注释。\n");
    article("outside.md", "![主机](../../../../../../../etc/hostname)\n");
    // A link (symlink) in media/ to a file outside: said as a link, not as a path that reads
    // as inside the folder.
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc/hostname", content.join("media/linked.png")).unwrap();
    #[cfg(unix)]
    article("symlinked.md", "![主机](../media/linked.png)\n");
    fs::write(
        content.join("media/evil.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"></svg>",
    )
    .unwrap();
    article("evil.md", "![图](../media/evil.svg)\n");
    // An address the app would refuse, with the whole index: said here, at its line; and a
    // link that hides its host behind a user name.
    article(
        "quoted.md",
        "![图](https://img.example/a.png?x=\"y)\n\n见[政府网站](https://www.gov.cn@evil.example/)。\n",
    );
    // Links the reader cannot follow: a script, an attachment that is not there, a file that
    // is no document, one outside the folder, a site file that is no page.
    fs::write(content.join("media/tool.exe"), "MZ").unwrap();
    let outside = content.with_extension("outside.pdf");
    fs::write(&outside, "%PDF-1.4").unwrap();
    let outside_name = outside.file_name().unwrap().to_str().unwrap();
    article(
        "badlinks.md",
        &format!("点[这里](javascript:alert(1))。\n\n见[附件](../media/a.pdf)。\n\n空[](https://a.cn/)链接。\n\n见[无](../projects/nope.md)。\n\n见[项目](/projects/nope)与[分类](/categories/nope)。\n\n请**务必阅读[指南](https://a.cn/)**后提交。\n\n- 下载[工具](../media/tool.exe)\n- [外](../../{outside_name})与[订阅](/feed.xml)\n\n见[办法](/files/办法.pdf)。\n\n见[旧页](carbon-fibre-signing.html)。\n"),
    );
    // An image written from the site's root is looked for from the content folder: found, it
    // is published as any other; missing, it is an error (it was left as written, a broken
    // image on the page).
    article(
        "rootpath.md",
        "![图](/media/weave.svg)\n\n![缺](/media/nope.png)\n\n![带站点路径](/zhaoshang/media/weave.svg)\n",
    );
    // Markup Markdown leaves as text: an image or link whose path has a space, struck text.
    article(
        "leftover.md",
        "![航拍](../media/江宁 航拍.jpg)\n\n- 见[附件](附件 1.pdf)\n\n已~~废止~~。\n\n| 条件 |\n|---|\n| **申报条件：**企业 |\n\n## 第**“一”**条\n\n按注册资本的**10%**给予奖励，最高不超过**1000万元**。\n\n<../media/厂房 外景.jpg>\n\n占比<5%，增长>3%。\n\n详见[招商政策]（policy-2024.md）。\n\n另见[招商政策] (../projects/robot-base.md)。\n\n见［办法］(https://a.cn/b.pdf)。\n\n[注]（见下文）不是链接。\n\n[x](policy-2024.md）\n\n见[办法](https://a.cn/x.pdf)（2024年）。\n\n请“**临江英才**”计划入选者注意，补贴按**10%**发放。\n\n见[办法](https://a.cn/x\ty.html)。\n",
    );
    // An image over http, which pages served over https do not load; an image as a link.
    article(
        "remote.md",
        "![远程](http://img.example.cn/b.jpg)\n\n[![图](https://img.example.cn/a.png)](https://example.cn/)\n\n![上](/../../etc/a.png)\n\n![主机](//img.example.cn/c.png)\n",
    );
    // Images on the writer's computer, as Typora or Word export them, and of a scheme pages
    // load none from.
    article(
        "computer.md",
        "![本机](file:///C:/x.png)\n\n![盘](D:/photos/park.png)\n\n![反斜](C:\\Users\\a\\park.png)\n\n![旧](ftp://a.cn/x.png)\n",
    );
    let stderr = check_fails(&content);
    assert_told(
        &stderr,
        &[
        "CONTENT/articles/computer.md:9:1: error: image `file:///C:/x.png` is a file on the writer's computer, which no reader can load",
        "CONTENT/articles/computer.md:11:1: error: image `D:/photos/park.png` is a file on the writer's computer",
        "CONTENT/articles/computer.md:13:1: error: image `C:\\Users\\a\\park.png` is a file on the writer's computer",
        "CONTENT/articles/computer.md:15:1: error: image `ftp://a.cn/x.png` has a `ftp:` address, which the site's pages load no image from",
        ],
    );
    // Each told once, at its line.
    assert_eq!(stderr.matches("computer.md:").count(), 4, "{stderr}");
    assert_eq!(
        stderr.matches("http://img.example.cn/b.jpg").count(),
        1,
        "{stderr}"
    );
    // Each told once, at its line.
    assert_eq!(stderr.matches("remote.md:").count(), 4, "{stderr}");
    assert_eq!(stderr.matches("`/../../etc/a.png`").count(), 1, "{stderr}");
    assert!(
        stderr.contains(
            "remote.md:15:1: error: //img.example.cn/c.png is an address without its scheme"
        ),
        "{stderr}"
    );
    assert_told(
        &stderr,
        &[
        "CONTENT/articles/remote.md:9:1: error: http://img.example.cn/b.jpg is an http:// image: the site's pages load images only over https",
        "CONTENT/articles/remote.md:11:1: error: an image inside a link",
        "CONTENT/articles/leftover.md:9:1: error: a link or image that Markdown did not read, which readers would see as it is",
        "CONTENT/articles/leftover.md:11:4: error: a link or image that Markdown did not read",
        "CONTENT/articles/leftover.md:13:2: error: struck-through text (`~~…~~`)",
        "CONTENT/articles/leftover.md:17:3: error: `**` that Markdown does not take for bold",
        "CONTENT/articles/leftover.md:19:5: error: `**` that Markdown does not take for bold",
        "CONTENT/articles/leftover.md:21:12: error: bold inside bold: Markdown paired these `**` otherwise than they were meant",
        "CONTENT/articles/leftover.md:23:1: error: a path in angle brackets that Markdown did not read, which readers would see as it is",
        "CONTENT/articles/leftover.md:27:3: error: a link or image that Markdown did not read, which readers would see as it is: its brackets are full-width, or a space stands between them",
        "CONTENT/articles/leftover.md:29:3: error: a link or image that Markdown did not read, which readers would see as it is: its brackets are full-width",
        "CONTENT/articles/leftover.md:31:2: error: a link or image that Markdown did not read, which readers would see as it is: its brackets are full-width",
        "CONTENT/articles/leftover.md:35:1: error: a link or image that Markdown did not read, which readers would see as it is: its brackets are full-width",
        // The `**` left as text, not the bold Markdown took before it on the line.
        "CONTENT/articles/leftover.md:39:23: error: `**` that Markdown does not take for bold",
        // A tab typed into an address.
        "CONTENT/articles/leftover.md:41:2: error: a link or image that Markdown did not read, which readers would see as it is\n  = help: an address has no spaces or tabs: remove one typed into it;",
        "CONTENT/articles/tablelist.md:11:3: error: a table inside a list item",
        "CONTENT/articles/headinlist.md:11:3: error: a heading inside a list item",
        "CONTENT/articles/quoteinlist.md:11:3: error: a quote inside a list item",
        "CONTENT/articles/tableinquote.md:9:3: error: a table inside a quote",
        "CONTENT/articles/listinquote.md:11:3: error: a list inside a quote",
        "CONTENT/articles/headinquote.md:9:3: error: a heading inside a quote",
        "CONTENT/articles/imageinquote.md:9:3: error: an image inside a quote",
        "CONTENT/articles/imageinlist.md:9:3: error: an image inside a list item",
        "CONTENT/articles/mailcc.md:9:1: error: a link to `mailto:a@b.cn?cc=c@d.cn`, a mail link with more than a subject and a body\n  = help: a `mailto:` link may carry only `?subject=` and `&body=`",
        "CONTENT/articles/listlinks.md:9:2: error: a link in the text: \"nope\" is not an industry in taxonomies.industries",
        "CONTENT/articles/listlinks.md:9:2: error: a link in the text: \"huge\" is not a size of the project list; the sizes are under-100m, 100m-1b, 1b-5b, over-5b",
        "CONTENT/articles/listlinks.md:11:1: error: a link in the text: \"bad\" is not a tag in taxonomies.tags",
        "CONTENT/articles/listlinks.md:11:1: error: a link in the text: \"20x4\" is not a year",
        "CONTENT/articles/empty.md:11:1: error: an empty heading",
        "CONTENT/articles/empty.md:13:1: error: an empty quote",
        "CONTENT/articles/empty.md:16:1: error: an empty list item",
        "CONTENT/articles/imageintable.md:11:3: error: an image inside a table",
        "CONTENT/articles/page.md:9:1: error: image `../media/page.html` is not an image the site publishes",
        "CONTENT/articles/svg-prefixed.md:9:1: error: image `../media/prefixed.svg` is an SVG with a <script> element",
        "CONTENT/articles/svg-entity.md:9:1: error: image `../media/entity.svg` is an SVG with a script address (javascript:)",
        "CONTENT/articles/svg-declared.md:9:1: error: image `../media/declared.svg` is an SVG with an entity declaration",
        "CONTENT/articles/svg-transformed.md:9:1: error: image `../media/transformed.svg` is an SVG with a processing instruction (<?xml-stylesheet?>)",
        "CONTENT/articles/svg-refresh.md:9:1: error: image `../media/refresh.svg` is an SVG with HTML, XSLT or MathML elements",
        "CONTENT/articles/svg-unknown.md:9:1: error: image `../media/unknown.svg` is an SVG with an element SVG does not have (such as HTML's <meta>)",
        "CONTENT/articles/svg-tracking.md:9:1: error: image `../media/tracking.svg` is an SVG with an image, stylesheet or font fetched from another site",
        "CONTENT/articles/svg-animated.md:9:1: error: image `../media/animated.svg` is an SVG with an on… event attribute",
        "CONTENT/articles/svg-inner.md:9:1: error: image `../media/inner.svg` is an SVG with a document inside a data: address",
        "CONTENT/articles/footnote.md:9:3: error: a footnote",
        "CONTENT/articles/footnote.md:11:1: error: a footnote",
        "CONTENT/articles/outside.md:9:1: error: image `../../../../../../../etc/hostname` lies outside the content folder",
        "CONTENT/articles/evil.md:9:1: error: image `../media/evil.svg` is an SVG with an on… event attribute",
        "CONTENT/articles/quoted.md:9:1: error: image `https://img.example/a.png?x=\"y` is no address a page can load",
        "CONTENT/articles/quoted.md:11:2: error: a link to `https://www.gov.cn@evil.example/`, which the reader cannot follow",
        "CONTENT/articles/badlinks.md:9:2: error: a link to `javascript:alert(1)`, which the reader cannot follow",
        "CONTENT/articles/badlinks.md:11:2: error: a link to `../media/a.pdf`: no such file (looked for CONTENT/articles/../media/a.pdf)",
        "CONTENT/articles/badlinks.md:21:5: error: a link to `../media/tool.exe`, a file the site does not publish (.exe)",
        "CONTENT/articles/badlinks.md:26:2: error: a link to `carbon-fibre-signing.html`, a page of the old site",
        format!("CONTENT/articles/badlinks.md:22:3: error: a link to `../../{outside_name}`, which lies outside the content folder").as_str(),
        format!("CONTENT/articles/badlinks.md:22:{}: error: a link to `/feed.xml`, which the reader cannot follow", 15 + outside_name.chars().count()).as_str(),
        "CONTENT/articles/badlinks.md:13:2: error: a link with no text",
        "CONTENT/articles/badlinks.md:15:2: error: a link to `../projects/nope.md`: no content file of this folder is there",
        "CONTENT/articles/badlinks.md:17:2: error: a link in the text: \"nope\" is not a project id in projects",
        "CONTENT/articles/badlinks.md:17:23: error: a link in the text: \"nope\" is not a category in taxonomies.categories",
        "CONTENT/articles/badlinks.md:19:2: error: `**` that Markdown does not take for bold",
        "CONTENT/articles/rootpath.md:11:1: error: image `/media/nope.png` not found (looked for CONTENT/media/nope.png)",
        "CONTENT/articles/rootpath.md:13:1: error: image `/zhaoshang/media/weave.svg` not found (looked for CONTENT/zhaoshang/media/weave.svg)",
        ],
    );
    assert_eq!(stderr.matches("listlinks.md:").count(), 4, "{stderr}");
    #[cfg(unix)]
    assert!(
        stderr.contains("CONTENT/articles/symlinked.md:9:1: error: image `../media/linked.png` is a symbolic link to /etc/hostname, outside the content folder\n  = help: the build publishes only files inside the content folder: copy the file itself in place of the link"),
        "{stderr}"
    );
    // A `<` and `>` of comparisons are no path.
    assert!(!stderr.contains("leftover.md:25:"), "{stderr}");
    // Nor is prose in full-width brackets that names no address.
    assert!(!stderr.contains("leftover.md:33:"), "{stderr}");
    // Nor a link followed by brackets of the text.
    assert!(!stderr.contains("leftover.md:37:"), "{stderr}");
    // In the order of the lines, though the missing pages (line 17) are found after the
    // Markdown is read (lines 19 to 22).
    assert!(
        stderr.contains("CONTENT/articles/badlinks.md:24:2: error: a link to `/files/办法.pdf`, a file this folder does not name"),
        "{stderr}"
    );
    let place = |at: &str| stderr.find(&format!("badlinks.md:{at}: error")).unwrap();
    assert!(
        place("17:2") < place("19:2") && place("19:2") < place("22:3"),
        "{stderr}"
    );
    for name in [
        "tablelist",
        "headinlist",
        "quoteinlist",
        "tableinquote",
        "listinquote",
        "headinquote",
        "imageinquote",
        "imageinlist",
        "empty",
        "mailcc",
        "listlinks",
        "imageintable",
        "page",
        "svg-prefixed",
        "svg-entity",
        "svg-declared",
        "svg-transformed",
        "svg-refresh",
        "svg-unknown",
        "svg-tracking",
        "svg-animated",
        "svg-inner",
        "footnote",
        "outside",
        #[cfg(unix)]
        "symlinked",
        "evil",
        "quoted",
        "badlinks",
        "leftover",
        "rootpath",
        "remote",
        "computer",
    ] {
        fs::remove_file(content.join("articles").join(format!("{name}.md"))).unwrap();
    }
    fs::remove_file(&outside).unwrap();

    // A table reads as a list: each row an item, each cell after its column's heading, and a
    // link in a cell stays a link on that cell's text.
    article(
        "table.md",
        "| 项目 | 投资 | 备注 |\n|---|---|---|\n| 碳纤维 | 32.7亿元 | |\n| 无人机 | `5亿元` | [在谈](../projects/carbon-fibre-48k.md) |\n",
    );
    // A loose list keeps every paragraph of an item, each on a line of its own; an image
    // named with a space is found as written in Markdown (`%20` or `<…>`) and published
    // under a plain name; a code block keeps its lines, and a quote its paragraphs.
    article("loose.md", "1. 一\n2. 二\n\n   续段\n3. 三\n\n   ```\n   代码\n   ```\n\n![空格](<../media/a b.svg>)\n\n![百分号](../media/a%20b.svg)\n\n```toml\n[project]\n    name = \"先进封装\"\n```\n\n> 一段\n> 续行\n>\n> 二段\n> —— 某人\n\n![照片](../media/photo.png)\n\n详见[《办法》](https://www.example.gov.cn/a.html)，咨询<invest@example.org>或看[项目](../projects/carbon-fibre-48k.md)与[上一篇](table.md#top)。\n行末硬换行\\\n下一行\n");
    // A file whose id is not its name, linked by its name; after a figure, a link in a list
    // item stays a link, in a tight list and in a loose one; a heading is one line; a code block in an item, then a paragraph.
    article("renamed.md", "正文。\n");
    let renamed = content.join("articles/renamed.md");
    let text = fs::read_to_string(&renamed).unwrap();
    fs::write(
        &renamed,
        text.replacen(
            "+++\n",
            "+++\nid = \"the-real-id\"\nslug = \"the-real-id\"\n",
            1,
        ),
    )
    .unwrap();
    article(
        "more.md",
        "见[改名的文章](renamed.md)。\n\n![图](../media/weave.svg)\n\n- 附[件](https://a.cn/)\n- 无链接\n- [电话](tel:021-1234)与<x@a.cn>\n\n## 第一行第二行\n\n1. 项\n\n   ```\n   代码\n   ```\n\n   说明\n2. 见\n\n   [表](table.md)\n\n3. 无\n",
    );
    // Attachments: a document beside the Markdown is published under its content's hash, and
    // its link says its kind and size.
    fs::create_dir_all(content.join("files")).unwrap();
    fs::write(content.join("files/申报 指南.pdf"), vec![b'%'; 1536]).unwrap();
    fs::write(content.join("files/list.xlsx"), vec![b'x'; 3 << 20]).unwrap();
    article(
        "attached.md",
        "附件：[申报指南](<../files/申报 指南.pdf>)，见第2页：[第2页](../files/申报%20指南.pdf#page=2)。\n\n1. [项目清单](../files/list.xlsx)\n\n![现场](<../media/签约 现场1.png>)\n\n[办法（PDF）](<../files/申报 指南.pdf>)\n",
    );
    // A web address written out is a link, up to the Chinese or the closing punctuation after
    // it; one that is a link already is not linked twice.
    article(
        "bare.md",
        "详见https://www.example.gov.cn/zc/1.html。或(http://a.cn/x)，[https://b.cn](https://b.cn/)。\n\n- 网址：https://c.cn/a?b=1\n",
    );
    // Bold stays bold in a paragraph (in a link too), a list item and a table cell; in a
    // heading or a quote its text is kept.
    article(
        "bold.md",
        "请“**紫金山英才**”计划的**申报单位**注意[**截止**日期](https://a.cn/)。\n\n代码`a**b`与`[a](b c)`及\\*\\*。\n\n- **须**盖章\n\n| 项目 | 状态 |\n|---|---|\n| 碳纤维 | **在建** |\n\n## 标题**重点**\n\n> 引用**重点**\n",
    );
    // A list inside a list item goes on in the item's text, its items on lines of their own,
    // indented and marked or numbered as written.
    article(
        "nested.md",
        "1. 一、总则\n   1. 第一条\n   2. **第二条**\n\n      - 细则\n2. 二、附则\n\n   3. 第三条\n",
    );
    // A checklist's boxes are box characters, not brackets.
    article("tasks.md", "- [x] 已签约\n- [ ] 待开工\n");
    // A scheme in capitals, as some editors write it, is the same link, written in lower case.
    article(
        "caps.md",
        "[写信](MAILTO:a@example.com)或[致电](Tel:0571-88886600)，[网站](HTTPS://a.cn/X)。\n",
    );
    // A quote inside a quote runs on in it, in its place; a code block in a quote is its
    // text; an empty code block shows nothing.
    article(
        "quotes.md",
        "> 外层引用。\n>\n> > 内层引用\n>\n> 外层结尾。\n>\n> ```\n> 代码\n> ```\n\n```\n```\n\n段落。\n",
    );
    // A numbered list keeps its first number; one from 1 has none.
    article(
        "clauses.md",
        "第二条见上。\n\n3. 第三条\n4. 第四条\n\n段落。\n\n1. 一\n",
    );
    // Numbered points pasted from Word, a line each: they stay lines, and so does the text after
    // a point's heading; a line broken in the middle of a sentence, where a printed page wrapped
    // it, runs on.
    article(
        "points.md",
        "总体要求：\n1、加强要素保障；\n2．强化服务意识。\n（一）土地保障\n(二) 资金保障方面，对新落户的先进制造业企业按其\n实际投资额给予补助\n第三条 其他\n一、概述\n① 附则\n2024年起施行。\n**二、申报条件**\n企业应当在本区依法注册。\n三、申报材料：\n申报表。\n\n在签约仪式上，区长\n表示：欢迎。\n来源：临江生物医药谷\n编辑：小李　审核：老王\n**项目联系人**：张先生\n联系电话: 0571-87650000\n",
    );
    // A PNG's header: 640 × 360.
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend(640u32.to_be_bytes());
    png.extend(360u32.to_be_bytes());
    png.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
    fs::write(content.join("media/签约 现场1.png"), &png).unwrap();
    fs::write(content.join("media/photo.png"), png).unwrap();
    fs::copy(
        content.join("media/weave.svg"),
        content.join("media/a b.svg"),
    )
    .unwrap();
    let text = bundled(&content, &content.join("site/data/bundle.json"));
    let bundle: serde_json::Value = serde_json::from_str(&text).unwrap();
    let article = |id: &str| {
        let found = bundle["articles"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["id"] == id);
        found.unwrap().clone()
    };
    assert_eq!(
        article("points")["body"][0]["text"],
        "总体要求：\n1、加强要素保障；\n2．强化服务意识。\n（一）土地保障\n(二) 资金保障方面，对新落户的先进制造业企业按其实际投资额给予补助\n第三条 其他\n一、概述\n① 附则\n2024年起施行。\n二、申报条件\n企业应当在本区依法注册。\n三、申报材料：申报表。"
    );
    // The by-lines and contact details that end a notice, a line each, stay lines; a
    // sentence wrapped before its colon runs on.
    assert_eq!(
        article("points")["body"][1]["text"],
        "在签约仪式上，区长表示：欢迎。\n来源：临江生物医药谷\n编辑：小李　审核：老王\n项目联系人：张先生\n联系电话: 0571-87650000"
    );
    let loose = article("loose");
    assert_eq!(
        loose["body"][0]["items"],
        serde_json::json!(["一", "二\n续段", "三\n代码"])
    );
    assert_eq!(
        loose["body"][3],
        serde_json::json!({"type": "paragraph", "text": "[project]\nname = \"先进封装\""})
    );
    // A raster image gets its size from its file, as an SVG does: Markdown cannot state one.
    assert_eq!(loose["body"][5]["image"]["width"], 640);
    assert_eq!(loose["body"][5]["image"]["height"], 360);
    // A paragraph's links stay links: the web, mail, and other content files as their pages.
    // A soft break after Chinese runs on; a hard break is a line break.
    assert_eq!(
        loose["body"][6],
        serde_json::json!({"type": "paragraph", "text": "详见《办法》，咨询invest@example.org或看项目与上一篇。行末硬换行\n下一行", "links": [
            {"start": 2, "end": 6, "href": "https://www.example.gov.cn/a.html"},
            {"start": 9, "end": 27, "href": "mailto:invest@example.org"},
            {"start": 29, "end": 31, "href": "/projects/carbon-fibre-48k"},
            {"start": 32, "end": 35, "href": "/articles/table#top"},
        ]})
    );
    assert_eq!(
        article("caps")["body"][0]["links"],
        serde_json::json!([
            {"start": 0, "end": 2, "href": "mailto:a@example.com"},
            {"start": 3, "end": 5, "href": "tel:0571-88886600"},
            {"start": 6, "end": 8, "href": "https://a.cn/X"},
        ])
    );
    let more = article("more");
    assert_eq!(
        more["body"][0]["links"],
        serde_json::json!([{"start": 1, "end": 6, "href": "/articles/the-real-id"}])
    );
    assert_eq!(
        more["body"][2],
        serde_json::json!({"type": "list", "ordered": false, "items": ["附件", "无链接", "电话与x@a.cn"], "links": [
            [{"start": 1, "end": 2, "href": "https://a.cn/"}],
            [],
            [{"start": 0, "end": 2, "href": "tel:021-1234"}, {"start": 3, "end": 9, "href": "mailto:x@a.cn"}],
        ]})
    );
    assert_eq!(more["body"][3]["text"], "第一行第二行");
    assert_eq!(
        more["body"][4],
        serde_json::json!({"type": "list", "ordered": true, "items": ["项\n代码\n说明", "见\n表", "无"], "links": [
            [],
            [{"start": 2, "end": 3, "href": "/articles/table"}],
        ]})
    );
    assert_eq!(
        article("tasks")["body"][0]["items"],
        serde_json::json!(["☑ 已签约", "☐ 待开工"])
    );
    assert_eq!(
        article("quotes")["body"],
        serde_json::json!([
            {"type": "quote", "text": "外层引用。\n内层引用\n外层结尾。\n代码"},
            {"type": "paragraph", "text": "段落。"},
        ])
    );
    // A quote's lines run on, and its paragraphs stay apart.
    assert_eq!(
        loose["body"][4],
        serde_json::json!({"type": "quote", "text": "一段续行\n二段", "cite": "某人"})
    );
    assert_eq!(
        article("table")["body"],
        serde_json::json!([{"type": "list", "ordered": false, "items": ["项目：碳纤维；投资：32.7亿元", "项目：无人机；投资：5亿元；备注：在谈"], "links": [
            [],
            [{"start": 17, "end": 19, "href": "/projects/carbon-fibre-48k"}],
        ]}])
    );
    let bare = article("bare");
    assert_eq!(
        bare["body"][0]["links"],
        serde_json::json!([
            {"start": 2, "end": 38, "href": "https://www.example.gov.cn/zc/1.html"},
            {"start": 41, "end": 54, "href": "http://a.cn/x"},
            {"start": 56, "end": 68, "href": "https://b.cn/"},
        ])
    );
    assert_eq!(
        bare["body"][1]["links"],
        serde_json::json!([[{"start": 3, "end": 21, "href": "https://c.cn/a?b=1"}]])
    );
    let bold = article("bold");
    assert_eq!(
        bold["body"][0],
        serde_json::json!({"type": "paragraph", "text": "请“紫金山英才”计划的申报单位注意截止日期。",
            "links": [{"start": 17, "end": 21, "href": "https://a.cn/"}],
            "strong": [{"start": 2, "end": 7}, {"start": 11, "end": 15}, {"start": 17, "end": 19}]})
    );
    // Stars and brackets in code or escaped are text, not markup left over.
    assert_eq!(bold["body"][1]["text"], "代码a**b与[a](b c)及**。");
    assert_eq!(
        bold["body"][2]["strong"],
        serde_json::json!([[{"start": 0, "end": 1}]])
    );
    assert_eq!(
        bold["body"][3]["strong"],
        serde_json::json!([[{"start": 10, "end": 12}]])
    );
    assert_eq!(bold["body"][4]["text"], "标题重点");
    assert_eq!(bold["body"][5]["text"], "引用重点");
    assert!(bold["body"][5].get("strong").is_none());
    let nested = article("nested");
    assert_eq!(
        nested["body"][0]["items"],
        serde_json::json!([
            "一、总则\n\u{3000}1. 第一条\n\u{3000}2. 第二条\n\u{3000}\u{3000}· 细则",
            "二、附则\n\u{3000}3. 第三条"
        ])
    );
    assert_eq!(
        nested["body"][0]["strong"],
        serde_json::json!([[{"start": 17, "end": 20}]])
    );
    let clauses = article("clauses");
    assert_eq!(
        clauses["body"][1],
        serde_json::json!({"type": "list", "ordered": true, "start": 3, "items": ["第三条", "第四条"]})
    );
    assert_eq!(
        clauses["body"][3],
        serde_json::json!({"type": "list", "ordered": true, "items": ["一"]})
    );
    let attached = article("attached");
    let pdf = attached["body"][0]["links"][0]["href"].as_str().unwrap();
    assert!(
        pdf.starts_with("/files/申报-指南-") && pdf.ends_with(".pdf"),
        "{pdf}"
    );
    assert_eq!(
        attached["body"][0],
        serde_json::json!({"type": "paragraph", "text": "附件：申报指南（PDF，2 KB），见第2页：第2页（PDF，2 KB）。", "links": [
            {"start": 3, "end": 17, "href": pdf},
            {"start": 23, "end": 36, "href": format!("{pdf}#page=2")},
        ]})
    );
    assert_eq!(attached["body"][1]["items"][0], "项目清单（XLSX，3.0 MB）");
    // A text that names the kind already gets the size alone.
    assert_eq!(attached["body"][3]["text"], "办法（PDF）（2 KB）");
    // An image's name keeps only ASCII: its address goes into share cards.
    let photo = attached["body"][2]["image"]["src"].as_str().unwrap();
    assert!(
        photo.starts_with("/media/1-") && photo.ends_with(".png"),
        "{photo}"
    );
    let xlsx = attached["body"][1]["links"][0][0]["href"].as_str().unwrap();
    assert!(xlsx.starts_with("/files/list-"), "{xlsx}");
    // The files themselves, beside the bundle's folder.
    let site = content.join("site");
    assert_eq!(
        fs::read(site.join(pdf.trim_start_matches('/')))
            .unwrap()
            .len(),
        1536
    );
    assert!(site.join(xlsx.trim_start_matches('/')).is_file());
    for figure in [&loose["body"][1], &loose["body"][2]] {
        let src = figure["image"]["src"].as_str().unwrap();
        assert!(
            src.starts_with("/media/a-b-") && src.ends_with(".svg"),
            "{src}"
        );
    }
    fs::remove_dir_all(&content).unwrap();
}

/// Problems are told in the terms of the content folder: other files by name, the body as the
/// text below the front matter, the ids a taxonomy has, the key written twice, and what to do
/// about a file that is not UTF-8 or whose front matter never closes.
#[test]
fn every_wrong_field_of_a_file_is_reported_and_nothing_follows_from_it() {
    let content = fixture_copy("content-fields");
    let path = content.join("articles/carbon-fibre-signing.md");
    let text = fs::read_to_string(&path).unwrap();
    // Three wrong fields (lines 2, 6 and 8) and a wrong body line (18): all four are reported,
    // not only the first. The project that names this article is not blamed for it.
    let text = text
        .replace("title = \"大丝束碳纤维项目签约\"", "title = 5")
        .replace("author = \"园区新闻中心\"", "author = [\"园区\"]")
        .replace("views = 1200", "viewz = 1200")
        .replace(
            "![碳纤维织物的编织纹理](../media/weave.svg",
            "![图](../media/gone.svg",
        );
    fs::write(&path, text).unwrap();
    let stderr = check_fails(&content);
    let file = "CONTENT/articles/carbon-fibre-signing.md";
    let expected = [
        format!("{file}:2:9: error: invalid type: integer `5`, expected a string"),
        format!("{file}:6:10: error: invalid type: sequence, expected a string"),
        format!("{file}:8:1: error: unknown field `viewz`"),
        format!("{file}:18:1: error: image `../media/gone.svg` not found"),
    ];
    let mut at = 0;
    for line in &expected {
        let found = stderr[at..].find(line.as_str());
        assert!(
            found.is_some(),
            "missing {line:?}, in this order, in:\n{stderr}"
        );
        at += found.unwrap();
    }
    assert!(
        !stderr.contains("is not an article id"),
        "the project's reference to the unread article is not a problem of its own:\n{stderr}"
    );
    assert!(stderr.contains("4 problems found"), "{stderr}");

    // In tables too (`[dates]`, `[[capacity]]`, an inline `cover`), and a field really missing
    // after one set aside: five problems, each once.
    fs::write(
        &path,
        fs::read_to_string(Path::new(FIXTURE).join("articles/carbon-fibre-signing.md")).unwrap(),
    )
    .unwrap();
    let file = "CONTENT/projects/tables.md";
    told_once(
        &content,
        &[("projects/tables.md", "+++\nname = 5\nsummary = \"x\"\nindustry = \"materials\"\ndistrict = \"jinshan\"\nstatus = \"building\"\ncover = { src = \"../media/weave.svg\" }\n\n[dates]\nsigned = \"soon\"\n\n[[capacity]]\nproduct = \"x\"\nquantity = \"lots\"\nunit = \"吨\"\n+++\n\n正文。\n".into())],
        &[
            format!("{file}:2:1: error: missing field `investor`"),
            format!("{file}:2:8: error: invalid type: integer `5`, expected a string"),
            format!("{file}:7:9: error: missing field `alt`"),
            format!("{file}:10:10: error: \"soon\" is not a date"),
            format!("{file}:14:12: error: invalid type: string \"lots\", expected a number"),
        ],
    );

    // Two wrong fields of one table are told in one run, not one per run, and the fields set
    // aside are not then reported missing.
    fs::remove_file(content.join("projects/tables.md")).unwrap();
    let file = "CONTENT/projects/amounts.md";
    let stderr = told_once(
        &content,
        &[("projects/amounts.md", "+++\nname = \"x\"\nsummary = \"x\"\ninvestor = \"x\"\nindustry = \"materials\"\ndistrict = \"jinshan\"\nstatus = \"building\"\ninvestment = { amount = \"32.7亿元\", currency = \"RMB\" }\n\n[dates]\nsigned = \"soon\"\nstarted = \"later\"\n+++\n\n正文。\n".into())],
        &[
            format!("{file}:8:25: error: invalid type: string \"32.7亿元\", expected a whole number"),
            format!("{file}:8:46: error: unknown variant `RMB`"),
            format!("{file}:11:10: error: \"soon\" is not a date"),
            format!("{file}:12:11: error: \"later\" is not a date"),
        ],
    );
    assert!(!stderr.contains("missing field"), "{stderr}");
    // Currencies, and nothing else: the front matter's own fields were offered too.
    assert!(
        stderr.contains("unknown variant `RMB`, expected one of `CNY`, `USD`, `EUR`, `HKD`\n"),
        "{stderr}"
    );

    // The same under a `[investment]` header, whose table begins a character before its key;
    // and a field really missing from such a table is told once.
    fs::remove_file(content.join("projects/amounts.md")).unwrap();
    let head = "+++\nname = \"x\"\nsummary = \"x\"\ninvestor = \"x\"\nindustry = \"materials\"\ndistrict = \"jinshan\"\nstatus = \"building\"\n\n[investment]\n";
    told_once(
        &content,
        &[
            ("projects/header.md", format!("{head}amount = \"32.7亿元\"\ncurrency = \"RMB\"\n+++\n\n正文。\n")),
            ("projects/missing.md", format!("{head}currency = \"CNY\"\n+++\n\n正文。\n")),
        ],
        &[
            "CONTENT/projects/header.md:10:10: error: invalid type: string \"32.7亿元\", expected a whole number".into(),
            "CONTENT/projects/header.md:11:12: error: unknown variant `RMB`".into(),
            "CONTENT/projects/missing.md:9:1: error: missing field `amount`".into(),
        ],
    );

    // Every field missing is told in one run; a file with wrong fields is still checked
    // against the folder (its category, tags, status), and the stand-ins read in place of
    // its wrong fields bring no problems of their own.
    fs::remove_file(content.join("projects/header.md")).unwrap();
    fs::remove_file(content.join("projects/missing.md")).unwrap();
    let (bare, typo, project) = (
        "CONTENT/articles/bare.md",
        "CONTENT/articles/typo.md",
        "CONTENT/projects/status.md",
    );
    told_once(
        &content,
        &[
            ("articles/bare.md", "+++\ntitle = \"x\"\n+++\n\n正文。\n".into()),
            ("articles/typo.md", "+++\ntitle = \"x\"\nsummary = 5\ncategory = \"newz\"\nauthor = \"x\"\npublished = \"2024/03/01\"\ntags = [\"nope\"]\n+++\n\n正文。\n".into()),
            ("projects/status.md", "+++\nname = \"x\"\nsummary = \"x\"\ninvestor = \"x\"\nindustry = \"materials\"\ndistrict = \"jinshan\"\nstatus = \"nope\"\n\n[dates]\nsigned = \"soon\"\ncompletion_planned = 2020-01-01\n+++\n\n正文。\n".into()),
        ],
        &[
            format!("{bare}:2:1: error: missing field `summary`"),
            format!("{bare}:2:1: error: missing field `category`"),
            format!("{bare}:2:1: error: missing field `author`"),
            format!("{bare}:2:1: error: missing field `published`"),
            format!("{typo}:3:11: error: invalid type: integer `5`, expected a string"),
            format!("{typo}:4:1: error: category: \"newz\" is not a category"),
            format!("{typo}:6:13: error: \"2024/03/01\" is not a date"),
            format!("{typo}:7:1: error: tags[0]: \"nope\" is not a tag"),
            format!("{project}:7:1: error: status: \"nope\" is not a status"),
            format!("{project}:10:10: error: \"soon\" is not a date"),
        ],
    );
    fs::remove_dir_all(&content).unwrap();
}

/// Writes `files` into `content`, checks it, and asserts that each of `lines` is told once
/// and that they are all the problems found. Returns what `check` said.
fn told_once(content: &Path, files: &[(&str, String)], lines: &[String]) -> String {
    for (name, text) in files {
        fs::write(content.join(name), text).unwrap();
    }
    let stderr = check_fails(content);
    for line in lines {
        assert_eq!(
            stderr.matches(line.as_str()).count(),
            1,
            "{line:?} once in:\n{stderr}"
        );
    }
    let total = format!("{} problems found", lines.len());
    assert!(stderr.contains(&total), "{stderr}");
    stderr
}

#[test]
fn problems_name_files_keys_and_the_ids_to_use() {
    let content = fixture_copy("content-words");
    let articles = content.join("articles");
    let front =
        "title = \"要点\"\nsummary = \"要点。\"\nauthor = \"园区\"\npublished = \"2024-01-05\"\n";
    let write = |name: &str, text: String| fs::write(articles.join(name), text).unwrap();
    write(
        "twice.md",
        format!("+++\nid = \"policy-notes\"\ncategory = \"signing\"\n{front}+++\n\n正文。\n"),
    );
    write(
        "nope.md",
        format!("+++\ncategory = \"nope\"\n{front}+++\n\n正文。\n"),
    );
    write(
        "empty.md",
        format!("+++\ncategory = \"signing\"\n{front}+++\n"),
    );
    write(
        "dupkey.md",
        format!("+++\ncategory = \"signing\"\n{front}title = \"又一个\"\n+++\n\n正文。\n"),
    );
    write(
        "open.md",
        format!("+++\ncategory = \"signing\"\n{front}\n正文。\n"),
    );
    fs::write(articles.join("gbk.md"), b"+++\ntitle = \"\xb9\xfa\"\n+++\n").unwrap();
    // A link to that file is not told as a link to nothing: the file is there.
    write(
        "linker.md",
        format!("+++\ncategory = \"signing\"\n{front}+++\n\n见[国](gbk.md)。\n"),
    );
    let stderr = check_fails(&content);
    assert_told(
        &stderr,
        &[
        "CONTENT/articles/twice.md:2:1: error: id: \"policy-notes\" is already the id of policy-notes.md",
        "CONTENT/articles/nope.md:2:1: error: category: \"nope\" is not a category in taxonomies.categories",
        "= help: use one of site.toml's categories: signing",
        "CONTENT/articles/empty.md: error: body: no text below the front matter; write the article's text after the closing `+++`",
        "CONTENT/articles/dupkey.md:7:1: error: duplicate key `title`",
        "CONTENT/articles/open.md:1:1: error: the front matter has no closing `+++` line",
        "CONTENT/articles/gbk.md: error: cannot read the file",
        "= help: the file is not UTF-8 (perhaps GBK): save it as UTF-8",
        "CONTENT/articles/linker.md:9:2: error: a link to `gbk.md`, a file the build cannot read (its own problem is told with its name)",
        ],
    );
    fs::remove_dir_all(&content).unwrap();
}

/// The text below the front matter is an article's body and a project's description: set in
/// the front matter, each is told so at its line (it was read as the bundle's blocks: "write
/// a list in brackets", then "expected internally tagged enum Block"); a misspelt field is
/// offered the fields the front matter has.
#[test]
fn the_body_or_description_set_in_front_matter_is_told_where_it_goes() {
    let content = fixture_copy("content-text-keys");
    edit(&content.join("projects/carbon-fibre-48k.md"), |text| {
        text.replacen("+++\n", "+++\ndescription = \"项目描述\"\n", 1)
    });
    edit(&content.join("articles/carbon-fibre-signing.md"), |text| {
        text.replacen(
            "+++\n",
            "+++\nbody_url = \"/data/articles/x.json\"\nalias = [\"/old.html\"]\n",
            1,
        )
    });
    let stderr = check_fails(&content);
    assert_told(
        &stderr,
        &[
        "CONTENT/projects/carbon-fibre-48k.md:2:1: error: `description` is not set in the front matter: a project's description is the Markdown below its closing `+++`",
        "CONTENT/articles/carbon-fibre-signing.md:2:1: error: `body_url` is not set in the front matter: an article's text is the Markdown below its closing `+++`",
        "= help: delete this line and write the text after the front matter",
        "CONTENT/articles/carbon-fibre-signing.md:3:1: error: unknown field `alias`, expected one of",
        ],
    );
    let offered = stderr
        .lines()
        .find(|l| l.contains("unknown field `alias`"))
        .unwrap();
    assert!(
        offered.contains("`aliases`") && offered.contains("`draft`") && offered.contains("`title`"),
        "{offered}"
    );
    assert!(
        !offered.contains("`body") && !offered.contains("`description`"),
        "{offered}"
    );
    for wrong in ["not both", "internally tagged", "in brackets"] {
        assert!(!stderr.contains(wrong), "{wrong:?} in:\n{stderr}");
    }
    fs::remove_dir_all(&content).unwrap();
}

/// A site.toml saved in GBK is there: the help is to save it as UTF-8, not to write one.
#[test]
fn a_site_file_not_in_utf8_is_told_to_be_saved_as_utf8() {
    let content = fixture_copy("content-gbk-site");
    let mut site = fs::read(content.join("site.toml")).unwrap();
    site.extend_from_slice(b"# \xb9\xfa\n");
    fs::write(content.join("site.toml"), site).unwrap();
    let stderr = check_fails(&content);
    assert!(
        stderr.contains("CONTENT/site.toml: error: cannot read the site file")
            && stderr.contains("= help: the file is not UTF-8 (perhaps GBK): save it as UTF-8"),
        "{stderr}"
    );
    assert!(!stderr.contains("needs a site.toml"), "{stderr}");
    fs::remove_dir_all(&content).unwrap();
}

#[test]
fn a_completion_before_the_signing_or_start_is_reported_at_its_line() {
    let content = fixture_copy("content-dates");
    let file = content.join("projects/carbon-fibre-48k.md");
    let text = fs::read_to_string(&file).unwrap();
    let text = text.replace(
        "signed = 2024-05-20\n",
        "signed = 2024-05-20T10:00:00+08:00\nstarted = 2024-09-01\ncompletion_planned = 2023-12-31\ncompletion_actual = 2024-06-30\n",
    );
    fs::write(&file, text).unwrap();
    let stderr = check_fails(&content);
    // By the day: done on the day it was signed (a time written for one only) is not before.
    let same_day = fs::read_to_string(&file)
        .unwrap()
        .replace("started = 2024-09-01", "started = 2024-05-20")
        .replace(
            "completion_planned = 2023-12-31",
            "completion_planned = 2024-05-20",
        )
        .replace(
            "completion_actual = 2024-06-30",
            "completion_actual = 2024-05-20",
        );
    assert_told(
        &stderr,
        &[
        "CONTENT/projects/carbon-fibre-48k.md:17:1: error: dates.completion_planned: 2023-12-31 is before the project was signed (2024-05-20T10:00:00+08:00); check the year and month",
        "CONTENT/projects/carbon-fibre-48k.md:18:1: error: dates.completion_actual: 2024-06-30 is before the project was started (2024-09-01); check the year and month",
        ],
    );
    fs::write(&file, same_day).unwrap();
    run_ok(&["check", content.to_str().unwrap()]);
    fs::remove_dir_all(&content).unwrap();
}

#[test]
fn old_addresses_that_cannot_lead_on_are_reported_at_their_line() {
    let content = fixture_copy("content-aliases");
    let file = content.join("projects/carbon-fibre-48k.md");
    let text = fs::read_to_string(&file).unwrap();
    // Lines 13 to 17, above the `[dates]` table, whose lines are still counted as written.
    let text = text.replace(
        "\n[dates]\n",
        "aliases = [\n  \"/ZSXM/48K.html\",\n  \"/zsxm/48k.php\",\n  \"/articles/48k.html\",\n]\n\n[dates]\ncompletion_planned = 2020-01-01\n",
    );
    fs::write(&file, text).unwrap();
    let article = content.join("articles/carbon-fibre-signing.md");
    let text = fs::read_to_string(&article).unwrap();
    fs::write(
        &article,
        text.replacen(
            "+++\n",
            "+++\naliases = [\"/zsxm/48k.html\", \"/Articles/Policy-Notes\", \"/articles/old-signing\"]\n",
            1,
        ),
    )
    .unwrap();
    // A date TOML refuses beside aliases: reported, and the key not taken for an unknown field.
    let dated = content.join("articles/dated.md");
    let text = fs::read_to_string(&article).unwrap();
    fs::write(
        &dated,
        text.replace(
            "aliases = [\"/zsxm/48k.html\", \"/Articles/Policy-Notes\", \"/articles/old-signing\"]",
            "aliases = [\"/old/dated.html\"]",
        )
        .replace(
            "published = 2024-05-20T10:30:00+08:00",
            "published = 2024-13-05",
        ),
    )
    .unwrap();
    let stderr = check_fails(&content);
    assert!(!stderr.contains("old-signing"), "{stderr}");
    assert!(
        stderr.contains("CONTENT/articles/dated.md:8:13: error: \"2024-13-05\" is not a date"),
        "{stderr}"
    );
    assert!(!stderr.contains("unknown field"), "{stderr}");
    assert_told(
        &stderr,
        &[
        "CONTENT/projects/carbon-fibre-48k.md:15:1: error: aliases: \"/zsxm/48k.php\" ends in \".php\", which a static host sends as a file, not as a page",
        "CONTENT/projects/carbon-fibre-48k.md:16:1: error: aliases: \"/articles/48k.html\" lies where the site writes its own pages or files (/articles)",
        "CONTENT/projects/carbon-fibre-48k.md:14:1: error: aliases: \"/ZSXM/48K.html\" is already an old address of carbon-fibre-signing.md",
        // A renamed article's old page is free; another article's is not, in any case (a
        // host on Windows takes both for one file).
        "CONTENT/articles/carbon-fibre-signing.md:2:1: error: aliases: \"/Articles/Policy-Notes\" is the page of an item the site has",
        // The lines of the key do not move the table's: a date's line is still its own.
        "CONTENT/projects/carbon-fibre-48k.md:20:1: error: dates.completion_planned: 2020-01-01 is before the project was signed (2024-05-20)",
        ],
    );
    fs::remove_dir_all(&content).unwrap();
}

#[test]
fn files_named_in_capitals_are_published_with_their_kind_in_lower_case() {
    let content = fixture_copy("content-capitals");
    fs::copy(
        content.join("media/weave.svg"),
        content.join("media/WEAVE.SVG"),
    )
    .unwrap();
    fs::create_dir_all(content.join("files")).unwrap();
    fs::write(content.join("files/GUIDE.PDF"), b"%PDF-1.4 guide").unwrap();
    let article = content.join("articles/policy-notes.md");
    let text = fs::read_to_string(&article).unwrap();
    fs::write(
        &article,
        format!("{text}\n![织物](../media/WEAVE.SVG)\n\n[指南](../files/GUIDE.PDF)\n"),
    )
    .unwrap();
    let text = bundled(&content, &content.join("site/data/bundle.json"));
    let bundle: serde_json::Value = serde_json::from_str(&text).unwrap();
    let body = bundle["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "policy-notes")
        .unwrap()["body"]
        .as_array()
        .unwrap()
        .clone();
    let figure = body.iter().find(|b| b["type"] == "figure").unwrap();
    let src = figure["image"]["src"].as_str().unwrap();
    assert!(
        src.starts_with("/media/WEAVE-") && src.ends_with(".svg"),
        "{src}"
    );
    // Its size is read as for any SVG, so the page reserves its space.
    assert!(figure["image"]["width"].is_number(), "{figure}");
    let link = body.last().unwrap()["links"][0]["href"].as_str().unwrap();
    assert!(
        link.starts_with("/files/GUIDE-") && link.ends_with(".pdf"),
        "{link}"
    );
    fs::remove_dir_all(&content).unwrap();
}

/// A document whose name has a `#` (`3#楼.pdf`, as a building is numbered) is linked as
/// Markdown writes it, in angle brackets or with `%23`; a `#` after a name that is a file
/// still starts a fragment (`#page=2`). Written in angle brackets, the name was cut at the `#`:
/// 「a link to `../files/3`, which the reader cannot follow」.
#[test]
fn a_document_named_with_a_hash_is_linked_as_markdown_writes_it() {
    let content = fixture_copy("content-hash-name");
    fs::create_dir_all(content.join("files")).unwrap();
    fs::write(content.join("files/3#楼.pdf"), b"%PDF-1.4 floor plan").unwrap();
    let article = content.join("articles/policy-notes.md");
    edit(&article, |text| {
        format!("{text}\n[平面图](<../files/3#楼.pdf>)、[第2页](../files/3%23楼.pdf#page=2)\n")
    });
    let text = bundled(&content, &content.join("site/data/bundle.json"));
    let body = article_in(&text, "policy-notes")["body"].clone();
    let links = body.as_array().unwrap().last().unwrap()["links"].clone();
    let hrefs: Vec<&str> = links
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["href"].as_str().unwrap())
        .collect();
    assert_eq!(hrefs.len(), 2, "{links}");
    assert!(
        hrefs[0].starts_with("/files/3-楼-") && hrefs[0].ends_with(".pdf"),
        "{hrefs:?}"
    );
    assert_eq!(hrefs[1], format!("{}#page=2", hrefs[0]));
    assert!(content.join("site").join(&hrefs[0][1..]).is_file());
    fs::remove_dir_all(&content).unwrap();
}

#[test]
fn characters_that_show_nothing_are_left_out_of_the_text() {
    let content = fixture_copy("content-invisible");
    let article = content.join("articles/policy-notes.md");
    let text = fs::read_to_string(&article).unwrap().replacen(
        "title = \"",
        "title = \"\u{3000}碳\u{200b}纤维：",
        1,
    );
    fs::write(
        &article,
        format!("{text}\n碳\u{200b}纤\u{ad}维项目，见[碳\u{feff}谷](https://a.cn/)。\n"),
    )
    .unwrap();
    let text = bundled(&content, &content.join("site/data/bundle.json"));
    let bundle: serde_json::Value = serde_json::from_str(&text).unwrap();
    let body = &bundle["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "policy-notes")
        .unwrap()["body"];
    let last = body.as_array().unwrap().last().unwrap();
    assert_eq!(last["text"], "碳纤维项目，见碳谷。");
    let title = bundle["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "policy-notes")
        .unwrap()["title"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(title.starts_with("碳纤维："), "{title}");
    // The link still covers 碳谷, counted without the character left out.
    assert_eq!(
        last["links"],
        serde_json::json!([{"start": 7, "end": 9, "href": "https://a.cn/"}])
    );
    fs::remove_dir_all(&content).unwrap();
}

/// `news.MD` and `news.markdown` are read as `news.md` is (they were skipped unseen), and a
/// folder inside `articles/`, whose files the build does not read, is told.
#[test]
fn markdown_files_of_every_spelling_are_read_and_a_folder_inside_is_told() {
    let content = fixture_copy("content-spellings");
    let articles = content.join("articles");
    let notes = fs::read_to_string(articles.join("policy-notes.md")).unwrap();
    fs::write(articles.join("upper.MD"), &notes).unwrap();
    fs::write(articles.join("long.markdown"), &notes).unwrap();
    fs::write(articles.join(".notes.md.swp"), "x").unwrap();
    let text = bundled(&content, &content.join("site/data/bundle.json"));
    for id in ["upper", "long", "policy-notes"] {
        assert_eq!(article_in(&text, id)["id"], id);
    }
    fs::create_dir_all(articles.join("2024")).unwrap();
    fs::write(articles.join("2024/old.md"), &notes).unwrap();
    let stderr = check_fails(&content);
    assert!(
        stderr.contains(
            "CONTENT/articles/2024: error: a folder inside this one: its files are not read"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("1 problem found"), "{stderr}");
    fs::remove_dir_all(&content).unwrap();
}

#[test]
fn an_id_taken_from_the_file_name_is_reported_against_the_file() {
    let content = fixture_copy("id-from-name");
    let articles = content.join("articles");
    let notes = fs::read_to_string(articles.join("policy-notes.md")).unwrap();
    // A file name an id cannot be (a space): the file is what to change, once, not its title
    // line for the id and again for the slug.
    fs::write(articles.join("Policy Notes 2.md"), &notes).unwrap();
    // An id set in one file that is another file's name.
    fs::write(
        articles.join("a-first.md"),
        notes.replacen(
            "+++\n",
            "+++\nid = \"policy-notes\"\nslug = \"a-first\"\n",
            1,
        ),
    )
    .unwrap();
    // Two files of one name in other spellings: the name is fine, one of them is to change.
    fs::write(articles.join("twin.md"), &notes).unwrap();
    fs::write(articles.join("twin.markdown"), &notes).unwrap();
    let stderr = check_fails(&content);
    let expected = [
        "error: id (the file's name): \"twin\" is already the id of twin.",
        "= help: two files have this name: rename one (its name is also its address), or set `id = \"…\"` in its front matter",
        "CONTENT/articles/Policy Notes 2.md:1:1: error: id (the file's name): \"Policy Notes 2\" is not a valid id",
        "= help: rename the file with lowercase letters, digits and `-` (its name is also its address), or set `id = \"…\"` in its front matter",
        // Told on the file that set it, at its line: the other did nothing wrong.
        "CONTENT/articles/a-first.md:2:1: error: id: \"policy-notes\" is already the id of policy-notes.md",
    ];
    for line in expected {
        assert!(stderr.contains(line), "missing {line:?} in:\n{stderr}");
    }
    assert!(!stderr.contains("slug"), "{stderr}");
    assert!(stderr.contains("3 problems found"), "{stderr}");
    fs::remove_dir_all(&content).unwrap();
}

/// A draft is left out of the site, unread: its half-written fields are no problem; a draft
/// flag that is neither true nor false is one, at its line.
#[test]
fn a_draft_is_left_out_until_it_is_ready() {
    let content = fixture_copy("drafts");
    fs::write(
        content.join("articles/half-written.md"),
        "+++\ndraft = true\ntitle = 5\n+++\n\n<div>未完成</div>\n",
    )
    .unwrap();
    let notes = content.join("articles/policy-notes.md");
    let text = fs::read_to_string(&notes).unwrap();
    fs::write(&notes, text.replacen("+++\n", "+++\ndraft = false\n", 1)).unwrap();
    let output = run_ok(&["check", content.to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("ok — 2 articles, 1 project") && stdout.contains("; 1 draft left out"),
        "{stdout}"
    );
    let bundle = bundled(&content, &content.join("site/data/bundle.json"));
    assert!(!bundle.contains("half-written") && bundle.contains("policy-notes"));
    // A published file's link to a draft is a link to nothing: said at the link.
    fs::write(&notes, format!("{text}\n见[草稿](half-written.md)。\n")).unwrap();
    let stderr = check_fails(&content);
    assert!(
        stderr.contains("CONTENT/articles/policy-notes.md:12:2: error: a link to `half-written.md`, a draft (`draft = true`), which the site does not publish"),
        "{stderr}"
    );
    fs::write(&notes, text.replacen("+++\n", "+++\ndraft = \"yes\"\n", 1)).unwrap();
    let stderr = check_fails(&content);
    assert!(
        stderr
            .contains("CONTENT/articles/policy-notes.md:2:1: error: `draft` is `true` or `false`"),
        "{stderr}"
    );
    fs::remove_dir_all(&content).unwrap();
}

#[test]
fn numbers_lists_and_amounts_written_wrong_are_said_in_a_publishers_words() {
    let content = fixture_copy("decimal-amount");
    let spoil = |name: &str, from: &str, to: &str| {
        let file = content.join(name);
        let text = fs::read_to_string(&file).unwrap();
        assert!(text.contains(from), "{name}: {from}");
        fs::write(&file, text.replacen(from, to, 1)).unwrap();
    };
    spoil(
        "projects/carbon-fibre-48k.md",
        "amount = 3270000000",
        "amount = 32.7e8",
    );
    spoil(
        "articles/carbon-fibre-signing.md",
        "views = 1200",
        "views = -5",
    );
    spoil(
        "articles/policy-notes.md",
        "+++\n",
        "+++\ntags = \"carbon-fibre\"\n",
    );
    let stderr = check_fails(&content);
    assert_told(
        &stderr,
        &[
        "CONTENT/projects/carbon-fibre-48k.md:10:25: error: invalid type: decimal number `3270000000.0`, expected a whole number",
        "= help: an amount is a whole number in yuan (or the currency's unit) with its currency: 32.7亿元 is `investment = { amount = 3270000000, currency = \"CNY\" }`",
        "CONTENT/articles/carbon-fibre-signing.md:8:9: error: invalid value: integer `-5`, expected a whole number",
        "= help: write `views` as a whole number, without a sign, a decimal point or an exponent",
        "CONTENT/articles/policy-notes.md:2:8: error: invalid type: string \"carbon-fibre\", expected a sequence",
        "= help: write a list in brackets, even of one: `tags = [\"…\"]`",
        ],
    );
    assert!(!stderr.contains("u64"), "{stderr}");
    // A whole amount written as Chinese text.
    spoil(
        "projects/carbon-fibre-48k.md",
        "investment = { amount = 32.7e8, currency = \"CNY\" }",
        "investment = \"32.7亿元\"",
    );
    let stderr = check_fails(&content);
    assert_told(
        &stderr,
        &[
        "CONTENT/projects/carbon-fibre-48k.md:10:14: error: invalid type: string \"32.7亿元\", expected a table (`{ … }`)",
        "32.7亿元 is `investment = { amount = 3270000000, currency = \"CNY\" }`",
        ],
    );
    fs::remove_dir_all(&content).unwrap();
}

/// Mistakes of text pasted from Word or WeChat into the front matter get help in their terms.
#[test]
fn pasted_front_matter_mistakes_get_help_in_their_terms() {
    let content = fixture_copy("content-pasted");
    let article = fs::read_to_string(content.join("articles/carbon-fibre-signing.md")).unwrap();
    let title = article.lines().find(|l| l.starts_with("title = ")).unwrap();
    let published = article
        .lines()
        .find(|l| l.starts_with("published = "))
        .unwrap();
    for (name, from, to) in [
        (
            "inner-quotes",
            title,
            "title = \"关于印发\"滨江英才\"计划的通知\"",
        ),
        ("curly-quotes", title, "title = “全角引号标题”"),
        ("spaced-time", published, "published = 2024-05-08 09:00:00"),
        // An input method's `＝`, a colon as in YAML, a date as Chinese text writes one.
        ("wide-equals", title, "title ＝ \"全角等号\""),
        ("colon", title, "title：\"冒号\""),
        ("chinese-date", published, "published = 2024年3月5日"),
        ("slashed-date", published, "published = \"2024/3/5\""),
        // Its help repeated the date: the day is what is wrong.
        ("missing-day", published, "published = 2026-02-30"),
        // A day and month swapped, and a month alone: they had no help at all.
        ("no-such-month", published, "published = 2025-13-05"),
        ("month-alone", published, "published = \"2025-12\""),
        // Curly quotes too: the help's line must be one that works.
        ("wide-equals-curly", title, "title ＝ “全角”"),
        // An input method's brackets, comma and digits.
        ("wide-brackets", title, "title = \"甲\"\ntags = ［\"ic\"］"),
        (
            "wide-comma",
            title,
            "title = \"甲，乙\"\ntags = [\"a\"，\"b\"]",
        ),
        ("wide-digits", title, "title = \"甲\"\nviews = １４８"),
        // A number as Chinese text writes it: with separators, or a time where a date goes.
        ("separators", title, "title = \"甲\"\nviews = 1,532"),
        ("time-alone", published, "published = 09:30:00"),
    ] {
        fs::write(
            content.join(format!("articles/{name}.md")),
            article.replace(from, to),
        )
        .unwrap();
    }
    let project = content.join("projects/carbon-fibre-48k.md");
    let text = fs::read_to_string(&project).unwrap();
    fs::write(
        &project,
        text.replace("currency = \"CNY\"", "currency = \"RMB\"")
            // A field written below `[dates]`, which TOML reads as one of its own.
            .replace(
                "signed = 2024-05-20\n",
                "signed = 2024-05-20\nland_mu = 320\n",
            )
            // An area written with its unit.
            .replace(
                "status = \"building\"\n",
                "status = \"building\"\nland_mu = \"120亩\"\n",
            ),
    )
    .unwrap();
    // Numbers with their units, at the top and inside an inline table.
    fs::write(
        content.join("projects/with-units.md"),
        text.replace("quantity = 24000", "quantity = 2.4万"),
    )
    .unwrap();
    fs::write(
        content.join("projects/area-with-unit.md"),
        text.replace(
            "status = \"building\"\n",
            "status = \"building\"\nland_mu = 95亩\n",
        ),
    )
    .unwrap();
    let stderr = check_fails(&content);
    assert_told(
        &stderr,
        &[
        "  = help: every key after a `[dates]` line belongs to that table: move `land_mu = …` above it",
        "  = help: write the number alone, without quotes or a unit: `land_mu = 120`",
        "  = help: a `\"` inside the text ends it: write the quotation marks in the text as “…” or 「…」, or as `\\\"`",
        "  = help: put text in straight double quotes, `title = \"…\"`: “…” and 「…」 are characters of the text, not quotes",
        "  = help: write a time after a `T`, with its offset: `published = 2024-05-08T09:00:00+08:00`",
        "  = help: 人民币 is `CNY`; the currencies are CNY, USD, EUR and HKD",
        "  = help: a key is set with a half-width `=`: `title = \"全角等号\"`",
        "  = help: a key is set with a half-width `=`: `title = \"冒号\"`",
        "  = help: write a date as year-month-day, with `-` and two digits for the month and the day: `published = 2024-03-05`",
        "  = help: 2026年2月 has 28 days: check the day of `published`",
        "  = help: there is no month 13: a date is year-month-day, the month second (`published = 2025-03-05`)",
        "  = help: a date needs its day as well: `published = 2025-12-01` (a month alone is not a date)",
        "  = help: a key is set with a half-width `=`: `title = \"全角\"`",
        "  = help: `［` is a full-width character, which TOML reads as text: write `[`, `]`, `,` and digits half-width (the input method's 英文 or 半角 mode)",
        "  = help: `，` is a full-width character",
        "  = help: `１` is a full-width character",
        "  = help: write a number without separators between its thousands: `views = 1532`",
        "  = help: write the number alone, without a unit: `quantity = 24000` (the unit goes in `unit`)",
        "  = help: write the number alone, without a unit: `land_mu = 95`",
        "  = help: `published` is a date, not a time of day: `published = 2024-03-05`, or with its time, `published = 2024-03-05T09:30:00+08:00`",
        ],
    );
    assert_eq!(
        stderr.matches("`published = 2024-03-05`").count(),
        2,
        "{stderr}"
    );
    for name in [
        "inner-quotes",
        "curly-quotes",
        "spaced-time",
        "wide-equals",
        "colon",
        "chinese-date",
        "slashed-date",
        "missing-day",
        "wide-equals-curly",
        "wide-brackets",
        "wide-comma",
        "wide-digits",
    ] {
        assert!(
            stderr.contains(&format!("CONTENT/articles/{name}.md:")),
            "{stderr}"
        );
    }
    fs::remove_dir_all(&content).unwrap();
}

/// A camera's photo (4000 × 3000 at its best quality, here noise so that it stays heavy) is
/// published 1280 wide and a fraction of its bytes, as body figure and cover alike, sized
/// for the page; the second build takes the copy from the cache.
#[test]
fn a_camera_photo_is_published_sized_for_phones() {
    use image::ImageEncoder;
    let content = fixture_copy("photo");
    let (width, height) = (4000, 3000);
    let mut seed = 7_u32;
    let pixels: Vec<u8> = (0..width * height * 3)
        .map(|i| {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            ((seed >> 24) as u8 & 0x1f).wrapping_add((i / 3 % width / 16) as u8)
        })
        .collect();
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 98)
        .write_image(&pixels, width, height, image::ExtendedColorType::Rgb8)
        .unwrap();
    fs::write(content.join("media/签约 现场.jpg"), &jpeg).unwrap();
    fs::write(
        content.join("articles/photo.md"),
        "+++\ntitle = \"签约现场\"\nsummary = \"一张照片。\"\ncategory = \"policy\"\nauthor = \"办公室\"\npublished = \"2024-06-01\"\ncover = { src = \"<../media/签约 现场.jpg>\", alt = \"签约现场\" }\n+++\n\n![签约现场](<../media/签约 现场.jpg> \"图说：签约仪式。\")\n",
    )
    .unwrap();
    let site = temp("photo-site");
    let out = site.join("data/bundle.json");
    let cache = temp("photo-cache");
    let bundle = |out: &Path| {
        let output = Command::new(env!("CARGO_BIN_EXE_parkreader"))
            .args([
                "bundle",
                content.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ])
            .env("PARKREADER_CACHE", &cache)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        (
            article_in(&fs::read_to_string(out).unwrap(), "photo"),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    };
    let (article, said) = bundle(&out);
    // The cover's copy is counted too (it is made after the body's: the count was told
    // before it).
    assert!(
        said.contains("photos       1 made for phones, 1 from the cache"),
        "{said}"
    );
    let figure = &article["body"][0]["image"];
    assert_eq!(
        (figure["width"].as_u64(), figure["height"].as_u64()),
        (Some(1280), Some(960))
    );
    let src = figure["src"].as_str().unwrap();
    assert!(src.starts_with("/media/") && src.ends_with(".jpg"), "{src}");
    assert_eq!(article["cover"]["src"], src, "the cover is the same copy");
    let published = fs::read(site.join(src.trim_start_matches('/'))).unwrap();
    assert!(
        published.len() * 4 < jpeg.len(),
        "{} bytes published of {}",
        published.len(),
        jpeg.len()
    );
    let size = imagesize::blob_size(&published).unwrap();
    assert_eq!((size.width, size.height), (1280, 960));
    assert_eq!(
        fs::read_dir(&cache).unwrap().count(),
        1,
        "one copy is cached"
    );
    // Again, into another folder: the same copy, from the cache.
    let again = temp("photo-site-again");
    let (article, _) = bundle(&again.join("data/bundle.json"));
    assert_eq!(article["body"][0]["image"]["src"], src);
    assert_eq!(
        fs::read(again.join(src.trim_start_matches('/'))).unwrap(),
        published
    );
    for dir in [content, site, again, cache] {
        fs::remove_dir_all(dir).unwrap();
    }
}

/// A photo the build cannot read to make its copy for phones fails the build at its line,
/// rather than being published for browsers to show as a broken image.
#[test]
fn an_image_that_is_not_what_its_name_says_fails_at_its_line() {
    let content = fixture_copy("not-a-photo");
    fs::write(content.join("media/scan.jpg"), "%PDF-1.4 saved as .jpg").unwrap();
    fs::write(
        content.join("articles/scan.md"),
        "+++\ntitle = \"扫描件\"\nsummary = \"一张扫描件。\"\ncategory = \"policy\"\nauthor = \"办公室\"\npublished = \"2024-06-01\"\n+++\n\n![扫描件](../media/scan.jpg)\n",
    )
    .unwrap();
    let printed = check_fails(&content);
    assert!(
        printed.contains(
            "CONTENT/articles/scan.md:9:1: error: image `../media/scan.jpg` is not a JPEG image, as its name says: the file holds something else\n  = help: open it in an image editor and save it again as JPEG or PNG"
        ),
        "{printed}"
    );
    fs::remove_dir_all(content).unwrap();
}

/// An image with no alt text, in a body or as a cover, is built, and the build says so at its
/// line and column; one with alt text is no warning. It passed without a word, and the page
/// had an `<img alt="">` no screen reader tells of.
#[test]
fn an_image_without_alt_text_is_told_as_a_warning_at_its_line() {
    let content = fixture_copy("no-alt");
    edit(&content.join("articles/policy-notes.md"), |text| {
        format!("{text}\n![织物](../media/weave.svg)\n\n段落。\n\n  ![ ](../media/weave.svg \"说明\")\n")
    });
    let lines = fs::read_to_string(content.join("articles/policy-notes.md"))
        .unwrap()
        .lines()
        .count();
    edit(&content.join("projects/carbon-fibre-48k.md"), |text| {
        text.replace(
            "related_articles",
            "cover = { src = \"../media/weave.svg\", alt = \"\" }\nrelated_articles",
        )
    });
    let stderr = check_warns(&content);
    assert_told(
        &stderr,
        &[
            &format!("CONTENT/articles/policy-notes.md:{lines}:3: warning: an image without alt text (`![](…)`): a screen reader says nothing of it"),
            "CONTENT/projects/carbon-fibre-48k.md:12:1: warning: cover.alt: the cover has no alt text",
            "  = help: write what the picture shows, e.g. `![签约仪式现场](…)`",
        ],
    );
    assert_eq!(
        stderr.matches("warning: an image without alt").count(),
        1,
        "{stderr}"
    );
    fs::remove_dir_all(content).unwrap();
}

/// A project whose status is a stage its own dates have passed (在建 with its completion done)
/// is built, and the build says so at the status's line, naming the statuses to use; a date
/// still to come is no warning.
#[test]
fn a_status_behind_the_projects_own_dates_is_told_as_a_warning() {
    let content = fixture_copy("stage-behind");
    edit(&content.join("site.toml"), |text| {
        text.replace(
            "statuses = [{ id = \"building\", name = \"在建\", stage = \"construction\" }]",
            "statuses = [{ id = \"building\", name = \"在建\", stage = \"construction\" }, { id = \"operating\", name = \"已投产\", stage = \"operating\" }]",
        )
    });
    let project = content.join("projects/carbon-fibre-48k.md");
    edit(&project, |text| {
        text.replace(
            "signed = 2024-05-20\n",
            "signed = 2024-05-20\ncompletion_actual = 2025-03-01\n",
        )
    });
    let stderr = check_warns(&content);
    assert!(
        stderr.contains("CONTENT/projects/carbon-fibre-48k.md:9:1: warning: status: \"building\" (在建) is a project not completed yet, but `dates.completion_actual` is 2025-03-01, which has passed: the page shows 「在建」 beside a timeline with that step done\n  = help: set `status` to the stage the project has reached (`operating`), or correct the date"),
        "{stderr}"
    );
    edit(&project, |text| {
        text.replace(
            "completion_actual = 2025-03-01",
            "completion_planned = 2999-03-01",
        )
    });
    assert!(!check_warns(&content).contains("warning: status"));
    fs::remove_dir_all(content).unwrap();
}

/// A copy of the fixture whose policy-notes.md is dated 2999-01-05: the folder, that file, and
/// the file's text as it was.
fn with_a_future_date(name: &str) -> (PathBuf, PathBuf, String) {
    let content = fixture_copy(name);
    let notes = content.join("articles/policy-notes.md");
    let text = fs::read_to_string(&notes).unwrap();
    fs::write(
        &notes,
        text.replace("published = \"2023-01-05\"", "published = \"2999-01-05\""),
    )
    .unwrap();
    (content, notes, text)
}

/// An article dated after today (a mistyped year, most often) is built, and the build says so
/// at the line of its date, as a warning; yesterday's date is no warning.
#[test]
fn a_date_after_today_is_told_as_a_warning_at_its_line() {
    let (content, notes, text) = with_a_future_date("future-date");
    let output = run_ok(&["check", content.to_str().unwrap()]);
    let stderr =
        String::from_utf8_lossy(&output.stderr).replace(content.to_str().unwrap(), "CONTENT");
    assert!(
        stderr.contains("CONTENT/articles/policy-notes.md:6:1: warning: published: 2999-01-05 is ")
            && stderr.contains(" days after today; the article heads the lists as the newest until then\n  = help: if the year or month is mistyped, correct it;"),
        "{stderr}"
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("ok — 2 articles"));
    let bundle = bundled(&content, &content.join("site/data/bundle.json"));
    assert_eq!(
        article_in(&bundle, "policy-notes")["published"],
        "2999-01-05"
    );

    let yesterday = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        / 86_400
        - 1;
    fs::write(
        &notes,
        text.replace(
            "published = \"2023-01-05\"",
            &format!("published = \"{}\"", civil(yesterday as i64)),
        ),
    )
    .unwrap();
    let output = run_ok(&["check", content.to_str().unwrap()]);
    // (The fixture's hotline is the template's 400-000-0000, a warning of its own.)
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("warning: published"), "{stderr}");
    // A document pasted whole, in paragraphs: more text than a page should carry.
    fs::write(
        &notes,
        format!("{text}\n{}\n", "第一段内容。\n\n".repeat(40_000)),
    )
    .unwrap();
    let stderr = check_warns(&content);
    assert_told(
        &stderr,
        &[
            "CONTENT/articles/policy-notes.md:2:1: warning: the article's text is ",
            " characters long; a reader's phone loads its page whole\n  = help: put a document this long in the content folder and link it as an attachment",
        ],
    );
    // A year short of its digits.
    fs::write(
        &notes,
        text.replace("published = \"2023-01-05\"", "published = 0202-03-05"),
    )
    .unwrap();
    let stderr = check_warns(&content);
    assert_told(
        &stderr,
        &["CONTENT/articles/policy-notes.md:6:1: warning: published: 0202-03-05 is before 1900; the article would show that date, and sit last in the lists\n  = help: if the year is mistyped, correct it: a year has four digits, `2024-03-05`"],
    );
    fs::remove_dir_all(&content).unwrap();
}

/// A file with many problems has the first 30 printed, and how many more it has; the count
/// of all of them ends the run.
#[test]
fn a_file_with_many_problems_has_the_first_thirty_printed() {
    let content = fixture_copy("many-problems");
    let notes = content.join("articles/policy-notes.md");
    let text = fs::read_to_string(&notes).unwrap();
    fs::write(&notes, format!("{text}\n{}", "已~~废止~~。\n\n".repeat(40))).unwrap();
    let stderr = check_fails(&content);
    assert_eq!(
        stderr.matches("error: struck-through text").count(),
        30,
        "{stderr}"
    );
    assert_told(
        &stderr,
        &[
            "CONTENT/articles/policy-notes.md: … and 10 more problems in this file, not shown; fix those above and check again",
            "error: 40 problems found",
        ],
    );
    fs::remove_dir_all(&content).unwrap();
}

/// `check content/articles`, a folder inside the content folder, names the folder to check.
#[test]
fn checking_a_folder_inside_the_content_folder_names_the_content_folder() {
    let content = fixture_copy("inside");
    let output = run(&["check", content.join("articles").to_str().unwrap()]);
    assert!(!output.status.success());
    let stderr =
        String::from_utf8_lossy(&output.stderr).replace(content.to_str().unwrap(), "CONTENT");
    assert_told(
        &stderr,
        &["CONTENT/articles/site.toml: error: cannot read the site file: No such file or directory (os error 2)\n  = help: this is a folder inside the content folder: give the folder with site.toml, `CONTENT`"],
    );
    fs::remove_dir_all(&content).unwrap();
}

/// A warning is told in the run that finds a problem too, before the problems: fixing the
/// problem first used to hide it until the next run.
#[test]
fn warnings_are_told_with_the_problems() {
    let (content, ..) = with_a_future_date("warn-with-error");
    let project = content.join("projects/carbon-fibre-48k.md");
    let text = fs::read_to_string(&project).unwrap();
    fs::write(
        &project,
        text.replace("currency = \"CNY\"", "currency = \"RMB\""),
    )
    .unwrap();
    let stderr = check_fails(&content);
    let warning = stderr
        .find("CONTENT/articles/policy-notes.md:6:1: warning: published: 2999-01-05 is ")
        .unwrap_or_else(|| panic!("{stderr}"));
    let error = stderr
        .find("CONTENT/projects/carbon-fibre-48k.md:")
        .unwrap_or_else(|| panic!("{stderr}"));
    assert!(warning < error, "{stderr}");
    assert!(
        stderr.trim_end().ends_with("error: 1 problem found"),
        "{stderr}"
    );
    fs::remove_dir_all(&content).unwrap();
}

/// Content saved under another name than `.md` (Windows Notepad's `.md.txt`, a `.txt`) is not
/// read, and the run says so; a `.txt` an article links to as an attachment is no such file.
#[test]
fn content_files_saved_under_another_name_are_told() {
    let content = fixture_copy("stray-files");
    let notes = fs::read_to_string(content.join("articles/policy-notes.md")).unwrap();
    fs::write(content.join("articles/new-policy.md.txt"), &notes).unwrap();
    fs::write(content.join("projects/wafer-test.txt"), &notes).unwrap();
    fs::write(content.join("articles/rules.txt"), "附件全文。").unwrap();
    fs::write(
        content.join("articles/policy-notes.md"),
        format!("{notes}\n[附件：细则](rules.txt)\n"),
    )
    .unwrap();
    let stderr = check_warns(&content);
    assert_told(
        &stderr,
        &[
            "CONTENT/articles/new-policy.md.txt: warning: not read: only files whose names end in `.md` are articles and projects\n  = help: rename it to end in `.md`",
            "CONTENT/projects/wafer-test.txt: warning: not read",
        ],
    );
    assert!(!stderr.contains("rules.txt"), "{stderr}");
    fs::remove_dir_all(&content).unwrap();
}

/// The date `days` after 1970-01-01, as `YYYY-MM-DD`.
fn civil(days: i64) -> String {
    parkreader_core::Date::from_days_since_epoch(days)
        .unwrap()
        .iso_day()
}

/// A block the bundle's check refuses (a paragraph, a list item or a table row, its cells joined,
/// past the longest text a field holds) is told at the line the block starts on, in words: the writer has the
/// file, not the bundle's `body[2].text`. An article's text and a project's description alike.
#[test]
fn a_block_too_long_is_told_at_its_line_in_words() {
    let content = fixture_copy("block-too-long");
    let long = "长".repeat(100_001);
    edit(&content.join("articles/policy-notes.md"), |text| {
        format!("{text}\n## 小节\n\n{long}\n\n- 第一项\n- {long}\n")
    });
    edit(&content.join("projects/carbon-fibre-48k.md"), |text| {
        format!("{text}\n| 产品 | 说明 |\n|---|---|\n| 原丝 | {long} |\n")
    });
    let stderr = check_fails(&content);
    let lines = |file: &str| {
        fs::read_to_string(content.join(file))
            .unwrap()
            .lines()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let article = lines("articles/policy-notes.md");
    let at = |lines: &[String], start: &str| {
        1 + lines.iter().position(|l| l.starts_with(start)).unwrap()
    };
    let too_long = "is 100001 characters long; a text field holds at most 100000";
    assert_told(
        &stderr,
        &[
            &format!("CONTENT/articles/policy-notes.md:{}:1: error: the text {too_long}", at(&article, "长长")),
            &format!("CONTENT/articles/policy-notes.md:{}:1: error: item 2 of the list {too_long}", at(&article, "- 第一项")),
            &format!(
                "CONTENT/projects/carbon-fibre-48k.md:{}:1: error: row 1 of the table is 100010 characters long",
                at(&lines("projects/carbon-fibre-48k.md"), "| 产品")
            ),
        ],
    );
    assert!(!stderr.contains("body["), "{stderr}");
    assert!(!stderr.contains("description["), "{stderr}");
    fs::remove_dir_all(&content).unwrap();
}

/// A notice pasted from a government site's page, as it comes: single `*` that mean stars
/// (Markdown's italics, which the reader does not have, dropped them), paragraphs each on a
/// line indented with full-width or no-break spaces (they ran into one paragraph with gaps), and
/// points numbered `1.` or `⑴` without a space (they ran together). Each stays as written.
#[test]
fn a_pasted_notice_keeps_its_stars_paragraphs_and_points() {
    let content = fixture_copy("pasted-notice");
    edit(&content.join("articles/policy-notes.md"), |text| {
        format!(
            "{text}\n注：带*号为必填项，带*的材料需提供原件；单价*2，_下划_。\n\n\
             \u{3000}\u{3000}各有关单位：\n\
             \u{3000}\u{3000}为进一步优化营商环境，特制定**本办法**。\n\
             \u{a0}\u{a0}本办法自[发布](https://example.org/a)之日起施行。\n\
             \u{3000}\u{3000}二、支持方式\n\
             \u{3000}\u{3000}（一）设备补贴。\n\n\
             附件：1.申报表\n2)汇总表\n⑴丙\n⒉丁\n3.5亿元的项目另行报批。\n"
        )
    });
    let bundle = bundled(&content, &content.join("site/data/bundle.json"));
    let body = article_in(&bundle, "policy-notes")["body"].clone();
    let blocks = body.as_array().unwrap();
    let last: Vec<&serde_json::Value> = blocks[blocks.len() - 7..].iter().collect();
    assert_eq!(
        last[0]["text"],
        "注：带*号为必填项，带*的材料需提供原件；单价*2，_下划_。"
    );
    assert_eq!(last[1]["text"], "各有关单位：");
    assert_eq!(last[2]["text"], "为进一步优化营商环境，特制定本办法。");
    assert_eq!(
        last[2]["strong"],
        serde_json::json!([{"start": 14, "end": 17}])
    );
    assert_eq!(last[3]["text"], "本办法自发布之日起施行。");
    assert_eq!(last[3]["links"][0]["start"], 4);
    assert_eq!(last[3]["links"][0]["end"], 6);
    // An indented line is a paragraph of its own, numbered (`（一）`) or not.
    assert_eq!(last[4]["text"], "二、支持方式");
    assert_eq!(last[5]["text"], "（一）设备补贴。");
    assert_eq!(
        last[6]["text"],
        "附件：1.申报表\n2)汇总表\n⑴丙\n⒉丁\n3.5亿元的项目另行报批。"
    );
    fs::remove_dir_all(&content).unwrap();
}

/// Lines pasted from a notice that Markdown would read as something else are refused at their
/// line, with what to write instead: a `---` under a line (a heading, no `#` written), a `>`
/// meaning "more than" (a quote, the `>` lost), a table row with more cells than its heading
/// row (the rest dropped), and a table without its line of `|---|` (shown with its `|`).
#[test]
fn pasted_lines_markdown_would_reshape_are_refused_at_their_line() {
    let content = fixture_copy("reshaped");
    let notes = content.join("articles/policy-notes.md");
    let text = fs::read_to_string(&notes).unwrap();
    let first = text.lines().count() + 2;
    fs::write(
        &notes,
        format!(
            "{text}\n联系人：张三\n---\n\n>50亩的项目单独报批。\n\n> 引用\n\n附表说明\n===\n\n\
             | 序号 | 企业 | 金额 |\n|---|---|---|\n| 1 | 甲 | 100 | 备注：首次申报 |\n| 2 | 乙 \\| 丙 | 50 |\n\n\
             | 企业 | 金额 |\n| 丙公司 | 50 |\n"
        ),
    )
    .unwrap();
    let stderr = check_fails(&content);
    let at = |n: usize| format!("CONTENT/articles/policy-notes.md:{}:1: error: ", first + n);
    assert_told(
        &stderr,
        &[
            &format!("{}a line of `---` or `===` under this text makes it a heading\n  = help: for a heading, write `## 标题` on one line", at(0)),
            &format!("{}a `>` at the start of a line begins a quote, and is not shown\n  = help: for \"more than\", write `\\>` or the full-width `＞`", at(3)),
            &format!("{}a line of `---` or `===` under this text makes it a heading", at(7)),
            &format!("{}this row has 4 cells and the heading row 3: its last cell would not be shown\n  = help: add a heading for each extra column, or join the cells; a `|` inside a cell is written `\\|`", at(12)),
            &format!("{}lines written as a table's rows, with no line of `|---|` under the first", at(15)),
        ],
    );
    assert!(stderr.contains("error: 5 problems found"), "{stderr}");
    fs::remove_dir_all(&content).unwrap();
}

/// A link to a heading of another file (`other.md#项目亮点`) leads to that heading of its page;
/// one to a heading the file does not have is refused at the link, with the headings it has
/// (it led to the page's top without a word).
#[test]
fn a_link_to_a_heading_of_another_file_must_name_one_it_has() {
    let content = fixture_copy("heading-links");
    let notes = content.join("articles/policy-notes.md");
    let text = fs::read_to_string(&notes).unwrap();
    let line = text.lines().count() + 2;
    fs::write(
        &notes,
        format!("{text}\n详见[亮点](carbon-fibre-signing.md#项目亮点)，[编码](carbon-fibre-signing.md#%E9%A1%B9%E7%9B%AE%E4%BA%AE%E7%82%B9)。\n"),
    )
    .unwrap();
    let bundle = bundled(&content, &content.join("site/data/bundle.json"));
    let body = article_in(&bundle, "policy-notes")["body"].clone();
    let links = &body.as_array().unwrap().last().unwrap()["links"];
    assert_eq!(links[0]["href"], "/articles/carbon-fibre-signing#项目亮点");
    assert_eq!(
        links[1]["href"],
        "/articles/carbon-fibre-signing#%E9%A1%B9%E7%9B%AE%E4%BA%AE%E7%82%B9"
    );
    fs::write(
        &notes,
        format!("{text}\n见[申报](carbon-fibre-signing.md#申报条件)。\n"),
    )
    .unwrap();
    let stderr = check_fails(&content);
    assert_told(
        &stderr,
        &[&format!("CONTENT/articles/policy-notes.md:{line}:2: error: a link to `carbon-fibre-signing.md#申报条件`: that file has no heading `申报条件`\n  = help: after `#` write one of its headings, its spaces as `-`: 项目亮点; or link to its page without `#…`")],
    );
    fs::remove_dir_all(&content).unwrap();
}

/// Marks of writing direction and control characters in what pages show are left out,
/// written as they are or as TOML's escapes: a `\u202E` in a category's name turned the rest
/// of a tab's title backwards (the site's name with it), and a `\u0007` stayed in a heading.
#[test]
fn direction_marks_and_control_characters_are_left_out_of_shown_text() {
    let content = fixture_copy("unseen");
    edit(&content.join("site.toml"), |text| {
        text.replace("name = \"测试招商站\"", "name = \"测试\\u202E招商站\"")
            .replace("name = \"政策解读\"", "name = \"政策\u{202e}解读\"")
            .replace(
                "copyright = \"转载请注明来源。\"",
                "copyright = \"转载\\u0007请注明来源。\"",
            )
    });
    edit(&content.join("articles/policy-notes.md"), |text| {
        text.replace(
            "title = \"招商政策要点\"",
            "title = \"招商\\u001b[31m政策\\u007f要点\"",
        )
    });
    let bundle = bundled(&content, &content.join("site/data/bundle.json"));
    let value: serde_json::Value = serde_json::from_str(&bundle).unwrap();
    assert_eq!(value["site"]["name"], "测试招商站");
    assert_eq!(value["site"]["copyright"], "转载请注明来源。");
    assert_eq!(value["taxonomies"]["categories"][1]["name"], "政策解读");
    assert_eq!(
        article_in(&bundle, "policy-notes")["title"],
        "招商[31m政策要点"
    );
    fs::remove_dir_all(&content).unwrap();
}
