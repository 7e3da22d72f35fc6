//! `parkreader build`: content and app in, a whole site out, and the previous site untouched
//! when anything is wrong.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

const SHELL: &str = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n  <head>\n    <meta charset=\"utf-8\" />\n    <meta name=\"parkreader-bundle\" content=\"/data/bundle.json\" />\n    <meta name=\"parkreader-base\" content=\"/\" />\n    <title>招商资讯</title>\n    <link rel=\"stylesheet\" href=\"/main-0123456789abcdef.css\" integrity=\"sha384-x\"/>\n  </head>\n  <body>\n    <div id=\"app\">\n      <p>正在加载内容…</p>\n    </div>\n  </body>\n</html>\n";
const WASM: &[u8] = b"\0asm\x01\0\0\0 pretend app";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `parkreader build CONTENT --app APP --out OUT`.
fn build(content: &Path, app: &Path, out: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parkreader"))
        .arg("build")
        .arg(content)
        .arg("--app")
        .arg(app)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

/// The names of what is in `dir`: the site, and any copy of it left beside.
fn names_in(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("parkreader-build-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// An app folder as Trunk writes one: the shell, hashed files, and the sample data it copied.
fn app(dir: &Path) -> PathBuf {
    let app = dir.join("app");
    fs::create_dir_all(app.join("data")).unwrap();
    fs::write(app.join("index.html"), SHELL).unwrap();
    fs::write(app.join("parkreader-app-0123456789abcdef_bg.wasm"), WASM).unwrap();
    let mut css: String = (0..60)
        .map(|i| format!(".c{i} {{ margin: {i}px; color: #0b5cab; }}\n"))
        .collect();
    css.push_str("/*list-only{*/\n.facet { color: red; }\n/*}list-only*/\n");
    fs::write(app.join("main-0123456789abcdef.css"), css).unwrap();
    fs::write(app.join("data/bundle.json"), "{\"stale\": true}").unwrap();
    app
}

/// A temporary folder `name` with an app (see [`app`]) and, as `content`, a copy of the content
/// folder at `from` (relative to the repository): the folder, the app, the content.
fn app_and_content(name: &str, from: &str) -> (PathBuf, PathBuf, PathBuf) {
    let dir = temp(name);
    let app = app(&dir);
    let content = dir.join("content");
    copy_dir(&root().join(from), &content);
    (dir, app, content)
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()));
        } else {
            fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

#[test]
fn builds_the_whole_site_from_content_and_the_app() {
    let dir = temp("whole");
    let app = app(&dir);
    let out = dir.join("site");
    let result = build(&root().join("content"), &app, &out);
    let stdout = String::from_utf8_lossy(&result.stdout);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(
        stdout.contains("ready for /: 19 articles, 11 projects, 39 pages"),
        "{stdout}"
    );
    let all = common::files(&out);
    for expected in [
        "index.html",
        "404.html",
        "articles/index.html",
        "saved/index.html",
        "sitemap.xml",
        "feed.xml",
        "robots.txt",
        "sw.js",
        "manifest.webmanifest",
        "index.html.br",
        "index.html.gz",
        "parkreader-app-0123456789abcdef_bg.wasm.br",
        "parkreader-app-0123456789abcdef_bg.wasm.gz",
    ] {
        assert!(all.iter().any(|f| f == expected), "{expected} in {all:?}");
    }
    // An article's old address (its `aliases`) is a page that leads on to the article's own,
    // with its compressed copies, and is in no sitemap.
    let old = fs::read_to_string(out.join("art/2023/2/16/art_1234_56789.html")).unwrap();
    assert!(
        old.contains(r#"<meta http-equiv="refresh" content="0; url=/articles/baling-thermoplastic-elastomer-project/">"#),
        "{old}"
    );
    assert!(old.contains("<title>总投资32.7亿元！"), "{old}");
    assert!(out.join("art/2023/2/16/art_1234_56789.html.br").is_file());
    // The saved page has a page of its own, but it lists a device's own things: not in the
    // sitemap.
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("/articles/</loc>")
            && !sitemap.contains("/saved")
            && !sitemap.contains("/art/"),
        "{sitemap}"
    );
    // The content's data and images replace the app's sample copy.
    assert!(!out.join("data/bundle.json").exists());
    let bundles: Vec<&String> = all
        .iter()
        .filter(|f| f.starts_with("data/bundle-") && f.ends_with(".json"))
        .collect();
    assert_eq!(bundles.len(), 1, "{all:?}");
    let bundle = fs::read_to_string(out.join(bundles[0])).unwrap();
    assert!(bundle.contains("大丝束碳纤维"));
    // The project list names its own part, every project and no article, and the service
    // worker keeps it for offline reading; every other page names the index.
    let projects: Vec<&String> = all
        .iter()
        .filter(|f| f.starts_with("data/projects-") && f.ends_with(".json"))
        .collect();
    assert_eq!(projects.len(), 1, "{all:?}");
    let part =
        parkreader_core::parse_bundle(&fs::read_to_string(out.join(projects[0])).unwrap()).unwrap();
    let whole = parkreader_core::parse_bundle(&bundle).unwrap();
    assert!(part.articles.is_empty());
    assert_eq!(part.projects.len(), whole.projects.len());
    let list = fs::read_to_string(out.join("projects/index.html")).unwrap();
    assert!(
        list.contains(&format!(
            "<meta name=\"parkreader-bundle-part\" content=\"projects\" />\n    <meta name=\"parkreader-bundle\" content=\"/{}\" />",
            projects[0]
        )),
        "{list}"
    );
    for page in ["index.html", "articles/index.html", "404.html"] {
        let html = fs::read_to_string(out.join(page)).unwrap();
        assert!(!html.contains("parkreader-bundle-part"), "{page}");
        assert!(
            html.contains(&format!("content=\"/{}\"", bundles[0])),
            "{page}"
        );
    }
    // The pages whose app downloads that file as it starts ask for it with the page; those that
    // carry their part (the home page, an article) or may lead elsewhere (404.html) do not.
    let preload = |file: &str| {
        format!("<link rel=\"preload\" href=\"/{file}\" as=\"fetch\" crossorigin=\"anonymous\" />")
    };
    for (page, file) in [
        ("articles/index.html", bundles[0]),
        ("saved/index.html", bundles[0]),
        ("projects/index.html", projects[0]),
    ] {
        let html = fs::read_to_string(out.join(page)).unwrap();
        assert_eq!(html.matches(&preload(file)).count(), 1, "{page}: {html}");
    }
    let article = all
        .iter()
        .find(|f| {
            f.starts_with("articles/") && f.ends_with("/index.html") && *f != "articles/index.html"
        })
        .unwrap();
    for page in ["index.html", "404.html", article.as_str()] {
        let html = fs::read_to_string(out.join(page)).unwrap();
        assert!(!html.contains("rel=\"preload\""), "{page}: {html}");
    }
    let worker = fs::read_to_string(out.join("sw.js")).unwrap();
    assert!(
        worker.contains(&format!("\"/{}\"", projects[0])),
        "{worker}"
    );
    // Every text file has .br and .gz copies of exactly its bytes, those written as the
    // pages, bodies and search shards were (the sample publishes long bodies separately) and
    // those made at the end alike.
    let texts = common::text_files_with_their_copies(&out);
    for kind in ["data/articles/", "data/search/", "articles/", "projects/"] {
        assert!(
            texts.iter().any(|f| f.starts_with(kind)),
            "{kind} in {texts:?}"
        );
    }
    assert!(all
        .iter()
        .any(|f| f.starts_with("media/") && f.ends_with(".svg")));
    // Pages carry the stylesheet, allowed by its hash, and link none.
    let article = all
        .iter()
        .find(|f| f.starts_with("articles/") && f.ends_with("/index.html"))
        .unwrap();
    let html = fs::read_to_string(out.join(article)).unwrap();
    assert!(html.contains("<style>.c0{margin:0px"), "{html}");
    assert!(!html.contains("rel=\"stylesheet\""), "{html}");
    assert!(html.contains("style-src 'self' 'sha256-"), "{html}");
    // A detail page's leaves out the lists' rules, which the article list keeps; the policy
    // of each allows its own by hash.
    let list = fs::read_to_string(out.join("articles/index.html")).unwrap();
    let style = |html: &str| {
        let start = html.find("<style>").unwrap() + "<style>".len();
        html[start..start + html[start..].find("</style>").unwrap()].to_string()
    };
    assert!(!style(&html).contains(".facet"), "{html}");
    assert!(style(&list).ends_with(".facet{color:red}"), "{list}");
    for page in [&html, &list] {
        use base64::Engine as _;
        use sha2::Digest as _;
        let hash = base64::engine::general_purpose::STANDARD
            .encode(sha2::Sha256::digest(style(page).as_bytes()));
        assert!(page.contains(&format!("'sha256-{hash}'")), "{page}");
    }
    // Their compressed copies begin alike: the start every page shares is compressed once
    // (`offline::SharedStart`), and each page only its own rest.
    let project = all
        .iter()
        .find(|f| f.starts_with("projects/") && f.ends_with("/index.html"))
        .unwrap();
    for suffix in [".br", ".gz"] {
        let a = fs::read(out.join(format!("{article}{suffix}"))).unwrap();
        let b = fs::read(out.join(format!("{project}{suffix}"))).unwrap();
        let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
        assert!(
            common > 200,
            "{article}{suffix} and {project}{suffix}: {common} bytes alike"
        );
    }
    // The app's compressed copies are kept for the next build, under the digest of the bytes.
    let wasm_br = |out: &Path| {
        let mut decoded = Vec::new();
        brotli::BrotliDecompress(
            &mut fs::File::open(out.join("parkreader-app-0123456789abcdef_bg.wasm.br")).unwrap(),
            &mut decoded,
        )
        .unwrap();
        decoded
    };
    let cache = dir.join("app.compressed");
    let cached = |cache: &Path| {
        fs::read_dir(cache)
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .path()
                    .join("parkreader-app-0123456789abcdef_bg.wasm.br")
                    .is_file()
            })
            .count()
    };
    assert_eq!(cached(&cache), 1);
    assert_eq!(wasm_br(&out), WASM);
    // The same name with other bytes (Trunk hashes before wasm-opt): the copies follow the
    // bytes, never the name.
    let other = b"\0asm\x01\0\0\0 the same app, optimised otherwise";
    fs::write(app.join("parkreader-app-0123456789abcdef_bg.wasm"), other).unwrap();
    let again = build(&root().join("content"), &app, &out);
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    assert_eq!(wasm_br(&out), other);
    assert_eq!(cached(&cache), 2);
    // A rebuild after one article's body changed: every page's start names the new bundle, most
    // pages' rests are as before and take their compressed rests from the site replaced, and
    // every copy still decodes to exactly its file.
    let edited = dir.join("edited");
    copy_dir(&root().join("content"), &edited);
    let article = edited.join("articles/baling-thermoplastic-elastomer-project.md");
    let text = fs::read_to_string(&article).unwrap();
    fs::write(
        &article,
        text.replacen("项目正在加快建设。", "项目已于本月建成投产。", 1),
    )
    .unwrap();
    let rebuilt = build(&edited, &app, &out);
    assert!(
        rebuilt.status.success(),
        "{}",
        String::from_utf8_lossy(&rebuilt.stderr)
    );
    let page =
        fs::read_to_string(out.join("articles/baling-thermoplastic-elastomer-project/index.html"))
            .unwrap();
    assert!(page.contains("项目已于本月建成投产。"), "{page}");
    assert_eq!(
        common::text_files_with_their_copies(&out).len(),
        texts.len(),
        "the same text files"
    );
    // What it took from the site it replaced is what a build from nothing makes, to the byte.
    let fresh = dir.join("fresh");
    let result = build(&edited, &app, &fresh);
    assert!(result.status.success());
    let files = common::files(&out);
    assert_eq!(files, common::files(&fresh));
    for file in &files {
        assert!(
            fs::read(out.join(file)).unwrap() == fs::read(fresh.join(file)).unwrap(),
            "{file}"
        );
    }
    // No staging folder is left behind.
    let left = names_in(&dir);
    assert!(
        left.iter()
            .all(|n| !n.contains(".building-") && !n.contains(".old-")),
        "{left:?}"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_site_as_it_was() {
    let dir = temp("failed");
    let app = app(&dir);
    let out = dir.join("site");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("index.html"), "the site as published yesterday").unwrap();
    let before = common::files(&out);

    // A content file with a mistake: every problem reported, nothing written.
    let content = dir.join("content");
    copy_dir(&root().join("content"), &content);
    let article = content.join("articles/baling-thermoplastic-elastomer-project.md");
    let text = fs::read_to_string(&article).unwrap();
    fs::write(&article, text.replacen("category = ", "categroy = ", 1)).unwrap();
    let result = build(&content, &app, &out);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(!result.status.success());
    assert!(
        stderr.contains("baling-thermoplastic-elastomer-project.md:")
            && stderr.contains("categroy"),
        "{stderr}"
    );
    assert_eq!(common::files(&out), before);

    // An app folder without its shell: a clear error, the site untouched, no staging left.
    fs::remove_file(app.join("index.html")).unwrap();
    let result = build(&root().join("content"), &app, &out);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(!result.status.success());
    assert!(
        stderr.contains("no index.html; build the app first"),
        "{stderr}"
    );
    assert_eq!(common::files(&out), before);
    // The content folder given as the app, too: said as that.
    let result = build(&root().join("content"), &root().join("content"), &out);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(!result.status.success());
    assert!(
        stderr.contains("this is a content folder (it has site.toml), not the app"),
        "{stderr}"
    );
    assert_eq!(common::files(&out), before);
    assert_eq!(
        fs::read_to_string(out.join("index.html")).unwrap(),
        "the site as published yesterday"
    );
    let left = names_in(&dir);
    assert!(left.iter().all(|n| !n.contains(".building-")), "{left:?}");
}

/// A build over a site it built takes the files that did not change as hard links to the old
/// site's (the same file, its time kept), and writes anew only what changed; the old site's
/// deletion afterwards leaves the shared files whole.
#[cfg(unix)]
#[test]
fn a_rebuild_links_the_unchanged_files_of_the_site_it_replaces() {
    use std::os::unix::fs::MetadataExt;
    let dir = temp("links");
    let app = app(&dir);
    let out = dir.join("site");
    let content = dir.join("content");
    copy_dir(&root().join("content"), &content);
    assert!(build(&content, &app, &out).status.success());
    let inode = |path: &Path| fs::metadata(path).unwrap().ino();
    let bodies = |site: &Path| -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = fs::read_dir(site.join("data/articles"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files
    };
    let page = out.join("articles/jinshan-sinopec-strategic-agreement/index.html");
    let before: Vec<(PathBuf, u64, Vec<u8>)> = bodies(&out)
        .into_iter()
        .chain([page.clone(), out.join("index.html.br")])
        .map(|p| (p.clone(), inode(&p), fs::read(&p).unwrap()))
        .collect();
    assert!(before.len() > 3);
    // Every file besides the pages and data: the app, icons, images, attachments, 404.html,
    // the feed, sitemap, manifest, worker, old addresses' pages, and their copies.
    let others = |site: &Path| -> Vec<PathBuf> {
        let mut files = Vec::new();
        let mut stack = vec![site.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                let name = path
                    .strip_prefix(site)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                if ["articles", "projects", "categories", "data"].contains(&name.as_str()) {
                    continue;
                }
                if path.is_dir() {
                    stack.push(path);
                } else {
                    files.push(path);
                }
            }
        }
        files.sort();
        files
    };
    let other_files: Vec<(PathBuf, u64)> = others(&out)
        .into_iter()
        .map(|p| (p.clone(), inode(&p)))
        .collect();
    let named = |part: &str| {
        other_files
            .iter()
            .filter(|(p, _)| p.to_string_lossy().contains(part))
            .count()
    };
    assert!(
        named(".wasm") == 3 && named("media/") > 3 && named("files/") > 0 && named("feed.xml") == 3,
        "{other_files:?}"
    );

    // Nothing changed: every body, page and copy is the old file.
    let result = build(&content, &app, &out);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    for (path, ino, bytes) in &before {
        assert_eq!(inode(path), *ino, "{} was written again", path.display());
        assert_eq!(&fs::read(path).unwrap(), bytes, "{}", path.display());
    }
    let written_again: Vec<&PathBuf> = other_files
        .iter()
        .filter(|(path, ino)| inode(path) != *ino)
        .map(|(path, _)| path)
        .collect();
    assert!(written_again.is_empty(), "written again: {written_again:?}");

    // One article edited: its body is a new file; the other bodies stay linked; the pages,
    // which name the new bundle, are written anew and the old ones are gone with the old site.
    let article = content.join("articles/jinshan-sinopec-strategic-agreement.md");
    let text = fs::read_to_string(&article).unwrap();
    fs::write(
        &article,
        format!("{text}\n新增一句：项目已于本月全面投产。\n"),
    )
    .unwrap();
    let result = build(&content, &app, &out);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let after = bodies(&out);
    let kept: Vec<&PathBuf> = after
        .iter()
        .filter(|p| {
            before
                .iter()
                .any(|(old, ino, _)| old == *p && inode(p) == *ino)
        })
        .collect();
    assert_eq!(kept.len(), after.len() - 3, "{after:?}");
    assert_ne!(inode(&page), before[before.len() - 2].1);
    assert!(fs::read_to_string(&page)
        .unwrap()
        .contains("项目已于本月全面投产"));
    for (path, _, bytes) in &before[..before.len() - 2] {
        if after.contains(path) {
            assert_eq!(&fs::read(path).unwrap(), bytes, "{}", path.display());
        }
    }
    // The app, images and attachments did not change: still the first build's files.
    for (path, ino) in other_files.iter().filter(|(p, _)| {
        let p = p.to_string_lossy();
        p.contains(".wasm") || p.contains("/media/") || p.contains("/files/")
    }) {
        assert_eq!(inode(path), *ino, "{} was written again", path.display());
    }
    let left = names_in(&dir);
    assert!(left.iter().all(|n| !n.contains(".old-")), "{left:?}");
}

/// The related articles a build computes for all pages at once are those each page would
/// compute for itself, on a generated corpus with many ties, and on the same corpus with most
/// articles stripped of tags and projects, so that many lists are filled by the category alone.
#[test]
fn related_articles_computed_together_match_one_by_one() {
    let corpus = parkreader_cli::generate::corpus(1500, 3);
    let mut sparse = corpus.clone();
    for article in sparse.articles.iter_mut().filter(|a| !a.id.ends_with('0')) {
        article.tags.clear();
        article.related_projects.clear();
    }
    for bundle in [corpus, sparse] {
        let together = parkreader_core::catalog::RelatedArticles::compute(&bundle, 8);
        for article in &bundle.articles {
            let ids = |list: Vec<&parkreader_core::Article>| -> Vec<String> {
                list.into_iter().map(|a| a.id.clone()).collect()
            };
            assert_eq!(
                together.get(&bundle, article, 8).map(ids),
                Some(ids(bundle.related_articles(article, 8))),
                "{}",
                article.id
            );
        }
    }
}

/// The sample site's bundle (public/data/bundle.json), read.
fn sample_bundle() -> parkreader_core::Bundle {
    let text = fs::read_to_string(root().join("public/data/bundle.json")).unwrap();
    parkreader_core::parse_bundle(&text).unwrap()
}

/// A project's description sits under its page's 项目介绍 heading: its own headings are a level
/// below it (`##` an `<h3>`), so that the page's outline reads as written.
#[test]
fn a_project_descriptions_headings_sit_under_its_section_heading() {
    use parkreader_core::Block;
    use std::sync::Arc;

    let mut bundle = sample_bundle();
    let project = &mut bundle.projects[0];
    project.description = vec![
        Block::Heading {
            level: 2,
            text: "投资亮点".into(),
        },
        Block::Heading {
            level: 4,
            text: "区位".into(),
        },
    ];
    let route = format!("/projects/{}", project.id);
    let html = parkreader::prerender::render_page(SHELL, Arc::new(bundle), &route).unwrap();
    let about = html
        .find("项目介绍</h2>")
        .unwrap_or_else(|| panic!("{html}"));
    let rest = &html[about..];
    // (Each with its id, for links to it: `links::heading_ids`.)
    assert!(rest.contains("<h3 id=\"投资亮点\">投资亮点</h3>"), "{rest}");
    assert!(rest.contains("<h5 id=\"区位\">区位</h5>"), "{rest}");
}

/// A category page's chip for itself says it is the current page, once: the router's link marked
/// it too, and the attribute came out twice, which is no valid HTML.
#[test]
fn a_category_pages_own_chip_is_marked_current_once() {
    use std::sync::Arc;

    let bundle = sample_bundle();
    let id = bundle.taxonomies.categories[0].id.clone();
    let html =
        parkreader::prerender::render_page(SHELL, Arc::new(bundle), &format!("/categories/{id}"))
            .unwrap();
    let chip = html
        .split('<')
        .find(|tag| {
            tag.starts_with(&format!("a href=\"/categories/{id}/\"")) && tag.contains("chip")
        })
        .unwrap_or_else(|| panic!("{html}"));
    assert_eq!(chip.matches("aria-current").count(), 1, "{chip}");
    let all = html
        .split('<')
        .find(|tag| tag.starts_with("a href=\"/articles/\"") && tag.contains("chip"))
        .unwrap_or_else(|| panic!("{html}"));
    assert!(!all.contains("aria-current"), "{all}");
}

/// Every detail page renders the same from the part of the bundle it carries as from the whole
/// bundle, on a generated corpus with many ties: the app taking over a page from its part shows
/// what the page showed.
#[test]
fn every_page_renders_the_same_from_its_part() {
    use parkreader_core::part::{page_part, Page};
    use std::sync::Arc;

    let bundle = Arc::new(parkreader_cli::generate::corpus(300, 5));
    let plan = parkreader_core::part::SitePlan::compute(&bundle);
    let mut pages = 0;
    for route in parkreader_cli::prerender::routes(&bundle) {
        let Some(page) = Page::from_path(&route) else {
            continue;
        };
        let part = page_part(&bundle, &page, Some(&plan)).unwrap();
        // As the app reads it: through JSON and validation.
        let part = parkreader_core::parse_bundle(&serde_json::to_string(&part).unwrap())
            .unwrap_or_else(|e| panic!("{route}: {e}"));
        assert!(part.articles.len() < 40, "{route}: {}", part.articles.len());
        let whole = parkreader::prerender::render_page(SHELL, bundle.clone(), &route).unwrap();
        let from_part = parkreader::prerender::render_page(SHELL, Arc::new(part), &route).unwrap();
        assert_eq!(from_part, whole, "{route}");
        pages += 1;
    }
    assert!(pages > 300, "{pages}");
}

/// The plan a build makes of every page lists what each page would find for itself, on a
/// generated corpus with many ties.
#[test]
fn the_site_plan_matches_each_page_asked_alone() {
    use parkreader_core::part::{SitePlan, ARTICLE_PROJECTS, RELATED_PROJECTS};
    let bundle = parkreader_cli::generate::corpus(1500, 11);
    let plan = SitePlan::compute(&bundle);
    let aids = |list: Vec<&parkreader_core::Article>| -> Vec<String> {
        list.into_iter().map(|a| a.id.clone()).collect()
    };
    let pids = |list: Vec<&parkreader_core::Project>| -> Vec<String> {
        list.into_iter().map(|p| p.id.clone()).collect()
    };
    let mut linked = 0;
    for a in &bundle.articles {
        let (o, n) = plan.neighbours(&bundle, a);
        let (o2, n2) = bundle.neighbours_in_category(a);
        assert_eq!(
            (o.map(|x| &x.id), n.map(|x| &x.id)),
            (o2.map(|x| &x.id), n2.map(|x| &x.id)),
            "{}",
            a.id
        );
        let expected = pids(bundle.projects_for_article(a, ARTICLE_PROJECTS));
        linked += usize::from(!expected.is_empty());
        assert_eq!(
            pids(plan.projects_for_article(&bundle, a)),
            expected,
            "{}",
            a.id
        );
    }
    for p in &bundle.projects {
        assert_eq!(
            aids(plan.articles_for_project(&bundle, p)),
            aids(bundle.articles_for_project(p)),
            "{}",
            p.id
        );
        assert_eq!(
            pids(plan.related_projects(&bundle, p)),
            pids(bundle.related_projects(p, RELATED_PROJECTS)),
            "{}",
            p.id
        );
    }
    assert!(linked > 100, "{linked}");
}

/// A bundle file's content is the file and the `data/`, `media/` and `files/` its site paths name: the
/// folder above `data/` for `site/data/bundle.json`, else the bundle's own folder. An output
/// beside them (`dist`) is built; one that holds or lies in them is refused. Before, a bundle
/// written to `./b.json` had the folder above as its content, and `--out dist` was refused.
#[test]
fn a_bundle_file_guards_what_it_reads_and_builds_beside_it() {
    let dir = temp("bundle-out");
    let app = app(&dir);
    let loose = dir.join("loose");
    let bundle = loose.join("b.json");
    let generated = Command::new(env!("CARGO_BIN_EXE_parkreader"))
        .args(["generate", "--articles", "30", "--out"])
        .arg(&bundle)
        .output()
        .unwrap();
    assert!(generated.status.success(), "{generated:?}");
    let result = build(&bundle, &app, &loose.join("dist"));
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    let site = dir.join("site");
    fs::create_dir_all(site.join("data")).unwrap();
    fs::copy(&bundle, site.join("data/bundle.json")).unwrap();
    let placed = site.join("data/bundle.json");
    for (source, out, says) in [
        (&bundle, loose.clone(), "holds the content"),
        (&placed, site.clone(), "holds the content"),
        (&placed, site.join("data/out"), "lies inside the content"),
        (&placed, site.join("media/x"), "lies inside the content"),
    ] {
        let result = build(source, &app, &out);
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert!(
            !result.status.success() && stderr.contains(says),
            "{} → {}: {stderr}",
            source.display(),
            out.display()
        );
    }
    // Beside it, its images and attachments are published; a desktop's hidden file is left
    // alone, and a file that is no document refused.
    fs::create_dir_all(site.join("files")).unwrap();
    fs::write(site.join("files/办法.pdf"), "%PDF-1.4").unwrap();
    fs::write(site.join("files/.DS_Store"), "x").unwrap();
    let result = build(&placed, &app, &site.join("dist"));
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert!(site.join("dist/files/办法.pdf").is_file());
    assert!(!site.join("dist/files/.DS_Store").exists());
    fs::write(site.join("files/page.html"), "<script>").unwrap();
    let result = build(&placed, &app, &site.join("dist"));
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        !result.status.success() && stderr.contains("page.html: not a file the site publishes"),
        "{stderr}"
    );
    fs::remove_dir_all(&dir).unwrap();
}

/// The build replaces its output folder whole, so it refuses one that holds the content, a
/// file, or a folder of someone else's files, and keeps what a host or Git put at the top of
/// a site it built (`.git`, `.nojekyll`). Folders that stopped builds left beside it go.
#[test]
fn the_build_replaces_only_a_site_it_built_and_keeps_its_dot_files() {
    let (dir, app, content) = app_and_content("out", "content");
    let before = common::files(&content);
    for (out, says) in [
        (content.clone(), "holds the content"),
        (dir.clone(), "holds the content"),
        (app.join("site"), "lies inside the app"),
        (content.join("media"), "lies inside the content"),
        (dir.join("nosuch/../content"), "holds the content"),
    ] {
        let result = build(&content, &app, &out);
        let stderr = String::from_utf8_lossy(&result.stderr);
        assert!(
            !result.status.success() && stderr.contains(says),
            "{stderr}"
        );
        assert_eq!(common::files(&content), before);
    }
    let file = dir.join("notes.txt");
    fs::write(&file, "mine").unwrap();
    let result = build(&content, &app, &file);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        !result.status.success() && stderr.contains("is a file"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), "mine");
    let theirs = dir.join("theirs");
    fs::create_dir_all(&theirs).unwrap();
    fs::write(theirs.join("index.html"), "<p>another site</p>").unwrap();
    let result = build(&content, &app, &theirs);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(
        !result.status.success() && stderr.contains("is not a site parkreader built"),
        "{stderr}"
    );
    assert_eq!(
        fs::read_to_string(theirs.join("index.html")).unwrap(),
        "<p>another site</p>"
    );

    // A site it built, published with Git; and what a killed build left beside it.
    let out = dir.join("site");
    assert!(build(&content, &app, &out).status.success());
    fs::create_dir_all(out.join(".git")).unwrap();
    fs::write(out.join(".git/HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
    fs::write(out.join(".nojekyll"), "").unwrap();
    fs::write(out.join("CNAME"), "invest.example.org\n").unwrap();
    // A killed build's staging folder, idle for two hours, and one of another namespace's
    // build that may still be running; an old site a build kept on purpose.
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    let stale = dir.join("site.building-999999999");
    let running = dir.join("site.building-999999998");
    let kept = dir.join("site.old-999999997");
    for folder in [&stale, &running, &kept] {
        fs::create_dir_all(folder).unwrap();
    }
    for folder in [&stale, &kept] {
        fs::File::open(folder)
            .unwrap()
            .set_modified(two_hours_ago)
            .unwrap();
    }
    let result = build(&content, &app, &out);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    assert_eq!(
        fs::read_to_string(out.join(".git/HEAD")).unwrap(),
        "ref: refs/heads/gh-pages\n"
    );
    assert!(out.join(".nojekyll").is_file() && out.join("index.html").is_file());
    assert_eq!(
        fs::read_to_string(out.join("CNAME")).unwrap(),
        "invest.example.org\n"
    );
    assert!(!stale.exists(), "a stopped build's folder is removed");
    assert!(running.exists() && kept.exists());
    fs::remove_dir_all(&dir).unwrap();
}

/// An app Trunk built for one path cannot serve a site under another: its pages would load
/// the app from where it is not.
#[test]
fn an_app_built_for_another_path_is_refused() {
    let (dir, app, content) = app_and_content("app-path", "content");
    let site = fs::read_to_string(content.join("site.toml")).unwrap();
    let base = site
        .lines()
        .find(|l| l.starts_with("base_url"))
        .unwrap()
        .to_string();
    fs::write(
        content.join("site.toml"),
        site.replacen(&base, "base_url = \"https://example.org/reader/\"", 1),
    )
    .unwrap();
    let out = dir.join("site");
    let result = build(&content, &app, &out);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(!result.status.success());
    assert!(
        stderr.contains(
            "the app was built for the path /, but site.base_url puts the site under /reader/"
        ),
        "{stderr}"
    );
    assert!(!out.exists());
    fs::remove_dir_all(&dir).unwrap();
}

/// A rebuild that no longer publishes a page the last build did (its file renamed or deleted)
/// says so, with the `aliases` line that keeps links to it working; once that line is added,
/// the old address is a page again and nothing is told.
#[test]
fn a_rebuild_tells_which_pages_of_the_last_build_it_no_longer_publishes() {
    let (dir, app, content) = app_and_content("gone", "tests/fixtures/content");
    let out = dir.join("site");
    let stderr = |result: Output| {
        assert!(
            result.status.success(),
            "{}",
            String::from_utf8_lossy(&result.stderr)
        );
        String::from_utf8_lossy(&result.stderr).into_owned()
    };
    assert!(!stderr(build(&content, &app, &out)).contains("the last build published"));
    let (old, new) = (
        content.join("articles/policy-notes.md"),
        content.join("articles/policy-notes-2024.md"),
    );
    fs::rename(&old, &new).unwrap();
    let told = stderr(build(&content, &app, &out));
    assert!(
        told.contains("articles/policy-notes: warning: the last build published /articles/policy-notes/, and this one does not: links to it will find the not-found page\n  = help: if its file was renamed or given another id, add `aliases = [\"/articles/policy-notes/\"]` to its front matter"),
        "{told}"
    );
    assert!(!told.contains("carbon-fibre"), "{told}");
    // Built back once more, then renamed with the line the build gave.
    fs::rename(&new, &old).unwrap();
    stderr(build(&content, &app, &out));
    let text = fs::read_to_string(&old).unwrap();
    fs::write(
        &new,
        text.replacen("+++\n", "+++\naliases = [\"/articles/policy-notes/\"]\n", 1),
    )
    .unwrap();
    fs::remove_file(&old).unwrap();
    let told = stderr(build(&content, &app, &out));
    assert!(!told.contains("the last build published"), "{told}");
    assert!(out.join("articles/policy-notes/index.html").is_file());
    // The bundle knows the old id, for the entries readers saved under it.
    let index = fs::read_dir(out.join("data"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("bundle-") && name.ends_with(".json")
        })
        .unwrap();
    let bundle = parkreader_core::parse_bundle(&fs::read_to_string(&index).unwrap()).unwrap();
    assert_eq!(
        bundle
            .moved
            .articles
            .get("policy-notes")
            .map(String::as_str),
        Some("policy-notes-2024")
    );
    assert!(bundle.moved.projects.is_empty());
    // A bundle of the content keeps it, a site built from that bundle has the old page, and
    // content imported from it has the line again.
    let run = |args: &[&str]| {
        let result = Command::new(env!("CARGO_BIN_EXE_parkreader"))
            .args(args)
            .output()
            .unwrap();
        assert!(
            result.status.success(),
            "{}",
            String::from_utf8_lossy(&result.stderr)
        );
        String::from_utf8_lossy(&result.stderr).into_owned()
    };
    let exported = dir.join("export/data/bundle.json");
    let told = run(&[
        "bundle",
        content.to_str().unwrap(),
        "-o",
        exported.to_str().unwrap(),
    ]);
    assert!(!told.contains("leaves out the old addresses"), "{told}");
    let from_bundle = dir.join("from-bundle");
    stderr(build(&exported, &app, &from_bundle));
    let old_page =
        fs::read_to_string(from_bundle.join("articles/policy-notes/index.html")).unwrap();
    assert!(
        old_page.contains("url=/articles/policy-notes-2024/"),
        "{old_page}"
    );
    let imported = dir.join("imported");
    run(&[
        "import",
        exported.to_str().unwrap(),
        "--out",
        imported.to_str().unwrap(),
    ]);
    let file = fs::read_to_string(imported.join("articles/policy-notes-2024.md")).unwrap();
    assert!(
        file.starts_with("+++\naliases = [\"/articles/policy-notes/\"]\n"),
        "{file}"
    );
    fs::remove_dir_all(&dir).unwrap();
}

/// The content folder's `static/` is published as it is, at the site's root: the files WeChat
/// and Baidu ask a site to serve to prove it is theirs (a build into the same folder deleted
/// any put there by hand), and `.well-known/`. None may take a file of the site's place, or be
/// a link.
#[test]
fn the_static_folder_is_published_as_it_is_and_takes_no_file_of_the_site() {
    let (dir, app, content) = app_and_content("static", "tests/fixtures/content");
    fs::create_dir_all(content.join("static/.well-known")).unwrap();
    fs::write(content.join("static/MP_verify_AbC123.txt"), "AbC123").unwrap();
    fs::write(
        content.join("static/.well-known/security.txt"),
        "Contact: mailto:a@b.cn\n",
    )
    .unwrap();
    let out = dir.join("site");
    for _ in 0..2 {
        let result = build(&content, &app, &out);
        assert!(
            result.status.success(),
            "{}",
            String::from_utf8_lossy(&result.stderr)
        );
        assert_eq!(
            fs::read_to_string(out.join("MP_verify_AbC123.txt")).unwrap(),
            "AbC123"
        );
        assert_eq!(
            fs::read_to_string(out.join(".well-known/security.txt")).unwrap(),
            "Contact: mailto:a@b.cn\n"
        );
    }
    let site = names_in(&out);
    fs::write(content.join("static/404.html"), "mine").unwrap();
    let stderr = String::from_utf8_lossy(&build(&content, &app, &out).stderr).into_owned();
    assert!(
        stderr.contains("static/404.html: error: the site has its own file at this address (the page a host sends for an address without a file)"),
        "{stderr}"
    );
    fs::remove_file(content.join("static/404.html")).unwrap();
    // `check` says so too (it said `ok` for a folder the build refused), for each name every
    // build writes, and for a copy of one; a file the app brings (its icon) only the build
    // can tell.
    fs::write(content.join("static/sw.js"), "mine").unwrap();
    fs::write(content.join("static/feed.xml.gz"), "mine").unwrap();
    let checked = Command::new(env!("CARGO_BIN_EXE_parkreader"))
        .arg("check")
        .arg(&content)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&checked.stderr).into_owned();
    assert!(!checked.status.success(), "{stderr}");
    assert!(
        stderr.contains("static/feed.xml.gz: error: the site has its own file at this address (the Atom feed)\n  = help: rename or remove this one: the build writes it"),
        "{stderr}"
    );
    assert!(
        stderr.contains("static/sw.js: error: the site has its own file at this address (the service worker, which keeps the site offline)"),
        "{stderr}"
    );
    fs::remove_file(content.join("static/sw.js")).unwrap();
    fs::remove_file(content.join("static/feed.xml.gz")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink("/etc/hostname", content.join("static/host.txt")).unwrap();
        let stderr = String::from_utf8_lossy(&build(&content, &app, &out).stderr).into_owned();
        assert!(
            stderr.contains("static/host.txt: a link; put the file itself in static/"),
            "{stderr}"
        );
    }
    assert_eq!(names_in(&out), site);
    assert_ne!(fs::read_to_string(out.join("404.html")).unwrap(), "mine");
    fs::remove_dir_all(&dir).unwrap();
}

/// An app folder that lacks a file its shell loads, or whose wasm a copy cut short, is refused
/// before anything is written, naming the file: such a site said it was ready and showed every
/// reader that its functions did not load.
#[test]
fn an_app_missing_a_file_or_with_its_wasm_cut_short_is_refused() {
    let dir = temp("app-broken");
    let app = app(&dir);
    let wasm = "parkreader-app-0123456789abcdef_bg.wasm";
    fs::write(
        app.join("index.html"),
        SHELL.replace(
            "</head>",
            &format!("<script type=\"module\">import init from '/parkreader-app-0123456789abcdef.js'; init({{ module_or_path: '/{wasm}' }});</script></head>"),
        ),
    )
    .unwrap();
    fs::write(
        app.join("parkreader-app-0123456789abcdef.js"),
        "export default () => {};",
    )
    .unwrap();
    // A module with one custom section named `abc`: whole, then cut short by a byte.
    let module = b"\0asm\x01\0\0\0\0\x04\x03abc";
    fs::write(app.join(wasm), module).unwrap();
    let content = root().join("tests/fixtures/content");
    let out = dir.join("site");
    assert!(build(&content, &app, &out).status.success());
    let old_site = names_in(&out);
    fs::write(app.join(wasm), &module[..module.len() - 1]).unwrap();
    let result = build(&content, &app, &out);
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert!(!result.status.success());
    assert!(
        stderr.contains(&format!("{wasm} is 13 bytes, and its last section ends at byte 14: it was cut short; build the app again")),
        "{stderr}"
    );
    fs::write(app.join(wasm), b"<html>not found</html>").unwrap();
    let stderr = String::from_utf8_lossy(&build(&content, &app, &out).stderr).into_owned();
    assert!(
        stderr.contains(&format!("{wasm} is not a WebAssembly module")),
        "{stderr}"
    );
    fs::write(app.join(wasm), module).unwrap();
    fs::remove_file(app.join("main-0123456789abcdef.css")).unwrap();
    let stderr = String::from_utf8_lossy(&build(&content, &app, &out).stderr).into_owned();
    assert!(
        stderr.contains("index.html loads main-0123456789abcdef.css, which is not in the folder"),
        "{stderr}"
    );
    assert_eq!(names_in(&out), old_site);
    fs::remove_dir_all(&dir).unwrap();
}

/// Ctrl-C while a build writes its copy of the site: the copy is removed at once (not an hour
/// later by another build), the site stays as it was, and the build says so, with the exit
/// status of a stop by Ctrl-C.
#[cfg(unix)]
#[test]
fn a_build_stopped_by_ctrl_c_leaves_the_site_as_it_was_and_nothing_beside_it() {
    use std::time::{Duration, Instant};

    let dir = temp("stopped");
    let app = app(&dir);
    let out = dir.join("site");
    assert!(build(&root().join("content"), &app, &out).status.success());
    let before = common::files(&out);
    let home = fs::read(out.join("index.html")).unwrap();
    let bundle = dir.join("bundle.json");
    let corpus = parkreader_cli::generate::corpus(3000, 7);
    fs::write(&bundle, serde_json::to_string(&corpus).unwrap()).unwrap();
    let copies = || -> Vec<String> {
        names_in(&dir)
            .into_iter()
            .filter(|n| n.starts_with("site."))
            .collect()
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_parkreader"))
        .arg("build")
        .arg(&bundle)
        .arg("--app")
        .arg(&app)
        .arg("--out")
        .arg(&out)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while copies().is_empty() {
        if child.try_wait().unwrap().is_some() {
            let ended = child.wait_with_output().unwrap();
            panic!(
                "the build ended before it was stopped: {}",
                String::from_utf8_lossy(&ended.stderr)
            );
        }
        assert!(started.elapsed() < Duration::from_secs(120));
        std::thread::sleep(Duration::from_millis(5));
    }
    // Well into writing its copy: pages, bodies and their compressed copies.
    std::thread::sleep(Duration::from_millis(300));
    assert!(child.try_wait().unwrap().is_none());
    let kill = Command::new("sh")
        .arg("-c")
        .arg(format!("kill -INT {}", child.id()))
        .status()
        .unwrap();
    assert!(kill.success());
    let stopped = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&stopped.stderr);
    assert_eq!(stopped.status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "error: the build was stopped; {} was not changed",
            out.display()
        )),
        "{stderr}"
    );
    assert_eq!(common::files(&out), before);
    assert_eq!(fs::read(out.join("index.html")).unwrap(), home);
    assert_eq!(copies(), Vec::<String>::new());
    let _ = fs::remove_dir_all(&dir);
}
