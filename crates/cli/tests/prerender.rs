//! `parkreader prerender` writes a real page per route, with the text escaped and the head filled.

use std::fs;
use std::path::Path;
use std::process::Command;

mod common;

const SHELL: &str = "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n  <head>\n    <meta charset=\"utf-8\" />\n    <meta name=\"parkreader-bundle\" content=\"/data/bundle.json\" />\n    <meta name=\"parkreader-base\" content=\"/\" />\n    <title>招商资讯</title>\n  </head>\n  <body>\n    <div id=\"app\">\n      <p>正在加载内容…</p>\n    </div>\n  </body>\n</html>\n";

fn site(dir: &Path, bundle: &str) {
    fs::create_dir_all(dir.join("data")).unwrap();
    fs::write(dir.join("404.html"), SHELL).unwrap();
    fs::write(dir.join("data/bundle.json"), bundle).unwrap();
}

fn prerender(dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_parkreader"))
        .arg("prerender")
        .arg(dir)
        .output()
        .unwrap()
}

#[test]
fn writes_every_route_with_escaped_content() {
    let dir = std::env::temp_dir().join(format!("parkreader-prerender-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    let small = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/small.json"
    ))
    .unwrap();
    let hostile = small.replace(
        "大丝束碳纤维项目签约",
        "</title><script>window.pwned=1</script>大丝束碳纤维项目签约",
    );
    site(&dir, &hostile);
    let out = prerender(&dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("prerendered 10 pages"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    let page = fs::read_to_string(dir.join("articles/carbon-fibre-signing/index.html")).unwrap();
    assert!(page.contains("<div id=\"app\" data-prerendered>"));
    assert!(
        page.contains(
            "&lt;/title&gt;&lt;script&gt;window.pwned=1&lt;/script&gt;大丝束碳纤维项目签约</h1>"
        ),
        "title escaped in the body"
    );
    assert!(
        !page.contains("<script>window.pwned"),
        "no live script from content"
    );
    assert!(page.contains("<title>&lt;/title&gt;&lt;script&gt;window.pwned=1&lt;/script&gt;大丝束碳纤维项目签约 - 测试招商站</title>"));
    assert_eq!(page.matches("<title>").count(), 1);
    assert!(page.contains("正文第一段。"));
    assert!(
        !page.contains("正在加载内容"),
        "the boot placeholder is replaced"
    );

    // The data is renamed after its content, and every page points at the new name.
    assert!(!dir.join("data/bundle.json").exists());
    let hashed: Vec<_> = fs::read_dir(dir.join("data"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| !name.ends_with(".br") && !name.ends_with(".gz"))
        .filter(|name| !name.starts_with("projects-"))
        .collect();
    assert_eq!(hashed.len(), 1, "{hashed:?}");
    assert!(hashed[0].starts_with("bundle-") && hashed[0].ends_with(".json"));
    let meta = format!(
        "<meta name=\"parkreader-bundle\" content=\"/data/{}\"",
        hashed[0]
    );
    assert!(page.contains(&meta));
    let shell = fs::read_to_string(dir.join("404.html")).unwrap();
    assert!(shell.contains(&meta));
    assert!(
        shell.contains("<title>测试招商站</title>"),
        "the shell names the site"
    );
    let served = fs::read_to_string(dir.join("data").join(&hashed[0])).unwrap();
    assert_eq!(
        parkreader_core::parse_bundle(&served)
            .unwrap()
            .articles
            .len(),
        2
    );

    let home = fs::read_to_string(dir.join("index.html")).unwrap();
    assert!(home.contains("<h1>测试招商站</h1>"));
    for route in [
        "articles",
        "projects",
        "categories/signing",
        "categories/policy",
        "articles/drone-project",
        "projects/carbon-fibre-48k",
        "projects/ch2000-drone",
    ] {
        assert!(dir.join(route).join("index.html").is_file(), "{route}");
    }
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn refuses_an_invalid_bundle_and_writes_nothing() {
    let dir = std::env::temp_dir().join(format!("parkreader-prerender-bad-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    site(
        &dir,
        &fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../tests/fixtures/broken/dangling-references.json"
        ))
        .unwrap(),
    );
    let out = prerender(&dir);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("articles[0].category: \"news\" is not a category"));
    assert!(!dir.join("articles").exists());
    fs::remove_dir_all(&dir).unwrap();
}

/// The worker's precache list is read off the built files, and its version follows them.
#[test]
fn writes_a_service_worker_and_manifest_from_the_built_files() {
    let dir = std::env::temp_dir().join(format!("parkreader-sw-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    let small = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/small.json"
    ))
    .unwrap();
    site(&dir, &small);
    fs::write(dir.join("app-0123abcd_bg.wasm"), b"\0asm").unwrap();
    fs::write(dir.join("app-0123abcd.js"), "export default 1;").unwrap();
    fs::create_dir_all(dir.join("icons")).unwrap();
    fs::write(dir.join("icons/icon-192.png"), b"png").unwrap();
    // Data an earlier build left in the folder is not this build's: never precached.
    fs::create_dir_all(dir.join("data/search/00000000000000aa")).unwrap();
    fs::write(dir.join("data/search/00000000000000aa/0.bin"), b"PRS1").unwrap();
    fs::write(dir.join("data/bundle-00000000000000aa.json"), "{}").unwrap();
    assert!(prerender(&dir).status.success());

    let worker = fs::read_to_string(dir.join("sw.js")).unwrap();
    let list_line = worker
        .lines()
        .find(|l| l.starts_with("const PRECACHE = "))
        .unwrap();
    let list: Vec<String> = serde_json::from_str(
        list_line
            .trim_start_matches("const PRECACHE = ")
            .trim_end_matches(';'),
    )
    .unwrap();
    let bundle = fs::read_dir(dir.join("data"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .find(|n| n.starts_with("bundle-") && n.ends_with(".json") && !n.contains("00aa"))
        .unwrap();
    for wanted in [
        "/".to_string(),
        "/404.html".to_string(),
        "/articles/".to_string(),
        "/projects/".to_string(),
        "/app-0123abcd_bg.wasm".to_string(),
        "/app-0123abcd.js".to_string(),
        "/icons/icon-192.png".to_string(),
        "/manifest.webmanifest".to_string(),
        format!("/data/{bundle}"),
    ] {
        assert!(list.contains(&wanted), "{wanted} precached: {list:?}");
    }
    assert!(
        !list.iter().any(|u| u.ends_with("sw.js")
            || (u.contains("/articles/") && u != "/articles/")
            || u.contains("00aa")),
        "{list:?}"
    );
    assert!(!worker.contains("__VERSION__") && !worker.contains("__BASE__"));
    let version = |w: &str| {
        w.lines()
            .find(|l| l.starts_with("const VERSION"))
            .unwrap()
            .to_string()
    };

    // Discovery files, with canonical addresses.
    let sitemap = fs::read_to_string(dir.join("sitemap.xml")).unwrap();
    assert!(
        sitemap.contains("<url><loc>https://test.example.org/articles/carbon-fibre-signing/</loc><lastmod>2023-01-31</lastmod></url>"),
        "{sitemap}"
    );
    assert!(sitemap.contains("<loc>https://test.example.org/projects/</loc>"));
    let feed = fs::read_to_string(dir.join("feed.xml")).unwrap();
    assert!(feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\""));
    assert!(
        feed.contains("<title>大丝束碳纤维项目签约</title>"),
        "{feed}"
    );
    assert!(
        feed.contains("<updated>2023-01-31T00:00:00+08:00</updated>"),
        "{feed}"
    );
    assert_eq!(
        fs::read_to_string(dir.join("robots.txt")).unwrap(),
        "User-agent: *\nAllow: /\n\nSitemap: https://test.example.org/sitemap.xml\n"
    );
    // Every text file has pre-compressed copies, and they decompress to the very file: pages,
    // the home page, data, bodies and search shards alike.
    let checked = common::text_files_with_their_copies(&dir);
    for expected in [
        "index.html",
        "articles/carbon-fibre-signing/index.html",
        "sitemap.xml",
    ] {
        assert!(
            checked.iter().any(|c| c == expected),
            "{expected}: {checked:?}"
        );
    }
    assert!(
        checked.iter().any(|c| c.starts_with("data/bundle-")),
        "{checked:?}"
    );
    assert!(dir.join("sw.js.br").is_file() && dir.join("app-0123abcd_bg.wasm.gz").is_file());
    assert!(
        !list
            .iter()
            .any(|u| u.ends_with(".br") || u.ends_with(".gz")),
        "{list:?}"
    );

    // A new deploy with other content is a new worker.
    let manifest: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(dir.join("manifest.webmanifest")).unwrap())
            .unwrap();
    assert_eq!(manifest["start_url"], "/");
    assert_eq!(manifest["display"], "standalone");
    site(
        &dir,
        &small.replace("大丝束碳纤维项目签约", "大丝束碳纤维项目正式签约"),
    );
    assert!(prerender(&dir).status.success());
    let next = fs::read_to_string(dir.join("sw.js")).unwrap();
    assert_ne!(version(&worker), version(&next));
    fs::remove_dir_all(&dir).unwrap();
}
