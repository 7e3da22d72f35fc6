//! Components rendered in headless Chromium (wasm-bindgen-test): what a reader would see in the DOM.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos_router::components::Router;
use parkreader::components::blocks::BodyBlocks;
use parkreader::components::cards::{ArticleCard, ProjectCard};
use parkreader::components::contact::ContactCard;
use parkreader_core::{parse_bundle, Block, Contact, Image, TextLink};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const SMALL: &str = include_str!("fixtures/small.json");

/// Mounts a view into a fresh element in the page and returns that element.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    leptos::mount::mount_to(host.clone(), view).forget();
    host
}

#[wasm_bindgen_test]
fn body_text_is_shown_as_text_never_as_markup() {
    let blocks = vec![
        Block::Heading {
            level: 2,
            text: "项目概况".into(),
        },
        Block::Paragraph {
            text: "<img src=x onerror=\"window.pwned=1\">碳纤维".into(),
            links: Vec::new(),
            strong: Vec::new(),
        },
        Block::Figure {
            image: Image {
                src: "media/a.svg".into(),
                alt: "厂房".into(),
                width: Some(640),
                height: Some(360),
            },
            caption: Some("图说：新厂房".into()),
        },
        // On an image host that refuses other sites' pages by their address (WeChat's).
        Block::Figure {
            image: Image {
                src: "https://mmbiz.qpic.cn/mmbiz_jpg/x/640".into(),
                alt: "签约现场".into(),
                width: None,
                height: None,
            },
            caption: None,
        },
        Block::Figure {
            image: Image {
                src: "javascript:alert(1)".into(),
                alt: "x".into(),
                width: None,
                height: None,
            },
            caption: None,
        },
        Block::List {
            ordered: true,
            start: None,
            items: vec!["第一".into(), "第二".into()],
            links: Vec::new(),
            strong: Vec::new(),
        },
    ];
    let host = mount(move || view! { <BodyBlocks blocks /> });
    assert_eq!(
        host.query_selector("h2")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "项目概况"
    );
    let p = host.query_selector("p").unwrap().unwrap();
    assert_eq!(
        p.text_content().unwrap(),
        "<img src=x onerror=\"window.pwned=1\">碳纤维"
    );
    assert_eq!(
        p.children().length(),
        0,
        "no element was created from the text"
    );
    let images = host.query_selector_all("img").unwrap();
    assert_eq!(images.length(), 2, "the javascript: image was dropped");
    let img: web_sys::Element = images.get(0).unwrap().unchecked_into();
    assert_eq!(img.get_attribute("src").as_deref(), Some("/media/a.svg"));
    assert_eq!(img.get_attribute("width").as_deref(), Some("640"));
    // Among the first three blocks, on the first screen: loaded at once; the next lazily.
    assert_eq!(img.get_attribute("loading").as_deref(), Some("eager"));
    assert_eq!(img.get_attribute("referrerpolicy"), None);
    // The remote one is asked for without this page's address.
    let remote: web_sys::Element = images.get(1).unwrap().unchecked_into();
    assert_eq!(
        remote.get_attribute("src").as_deref(),
        Some("https://mmbiz.qpic.cn/mmbiz_jpg/x/640")
    );
    assert_eq!(
        remote.get_attribute("referrerpolicy").as_deref(),
        Some("no-referrer")
    );
    assert_eq!(remote.get_attribute("loading").as_deref(), Some("lazy"));
    assert_eq!(
        host.query_selector("figcaption")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "图说：新厂房"
    );
    assert_eq!(host.query_selector_all("ol li").unwrap().length(), 2);
}

#[wasm_bindgen_test]
fn links_in_a_paragraph_lead_only_where_links_may() {
    let link = |start, end, href: &str| TextLink {
        start,
        end,
        href: href.into(),
    };
    let blocks = vec![Block::Paragraph {
        text: "详见《办法》，致电400-000-0000，看项目，别点这里。".into(),
        links: vec![
            link(2, 6, "https://www.example.gov.cn/a.html"),
            link(9, 21, "tel:400-000-0000"),
            link(23, 25, "/projects/carbon-fibre-48k"),
            link(28, 30, "javascript:alert(1)"),
        ],
        strong: Vec::new(),
    }];
    let host = mount(move || view! { <BodyBlocks blocks /> });
    let p = host.query_selector("p").unwrap().unwrap();
    // Every character is still there, in order.
    assert_eq!(
        p.text_content().unwrap(),
        "详见《办法》，致电400-000-0000，看项目，别点这里。"
    );
    let links = p.query_selector_all("a").unwrap();
    let found: Vec<(String, String, Option<String>)> = (0..links.length())
        .map(|i| {
            let a: web_sys::Element = links.get(i).unwrap().unchecked_into();
            (
                a.text_content().unwrap(),
                a.get_attribute("href").unwrap(),
                a.get_attribute("target"),
            )
        })
        .collect();
    assert_eq!(
        found,
        vec![
            (
                "《办法》".to_string(),
                "https://www.example.gov.cn/a.html".to_string(),
                Some("_blank".to_string())
            ),
            ("400-000-0000".into(), "tel:400-000-0000".into(), None),
            ("项目".into(), "/projects/carbon-fibre-48k/".into(), None),
        ],
        "the javascript: link stays text"
    );
    // A telephone number may break anywhere, as a written-out address does: kept whole, it
    // left a justified line of gaps before it. Link text in words keeps its words together.
    let breakable: Vec<bool> = (0..links.length())
        .map(|i| {
            let a: web_sys::Element = links.get(i).unwrap().unchecked_into();
            a.class_list().contains("address")
        })
        .collect();
    assert_eq!(breakable, vec![false, true, false]);
}

#[wasm_bindgen_test]
fn bold_parts_are_bold_inside_and_outside_links() {
    let blocks = vec![Block::Paragraph {
        text: "访问临港官网了解".into(),
        links: vec![TextLink {
            start: 2,
            end: 6,
            href: "https://a.cn/".into(),
        }],
        strong: vec![parkreader_core::Span { start: 4, end: 8 }],
    }];
    let host = mount(move || view! { <BodyBlocks blocks /> });
    let p = host.query_selector("p").unwrap().unwrap();
    assert_eq!(p.text_content().unwrap(), "访问临港官网了解");
    // One link, bold inside and after it (Leptos's empty comment markers aside).
    assert_eq!(
        p.inner_html().replace("<!---->", ""),
        "访问<a href=\"https://a.cn/\" rel=\"noopener noreferrer\" target=\"_blank\">临港<strong>官网</strong></a><strong>了解</strong>"
    );
}

#[wasm_bindgen_test]
fn an_english_body_is_marked_english_and_a_chinese_one_chinese() {
    let paragraph = |text: &str| Block::Paragraph {
        text: text.into(),
        links: Vec::new(),
        strong: Vec::new(),
    };
    let lang = |blocks: Vec<Block>| {
        let host = mount(move || view! { <BodyBlocks blocks /> });
        let prose = host.query_selector(".prose").unwrap().unwrap();
        prose.get_attribute("lang").unwrap()
    };
    assert_eq!(
        lang(vec![paragraph(
            "Jiangning Development Zone (江宁开发区) signed three projects worth 32.7 billion yuan."
        )]),
        "en"
    );
    assert_eq!(
        lang(vec![paragraph(
            "48K大丝束碳纤维项目规划原丝产能2.4万吨/年，总投资32.7亿元。"
        )]),
        "zh-CN"
    );
    // A paragraph in the other language than the body's says so (and is not justified).
    let mixed = {
        let blocks = vec![
            paragraph("48K大丝束碳纤维项目规划原丝产能2.4万吨/年，总投资32.7亿元，位于金山区。"),
            paragraph("The 48K large-tow carbon fibre project is being built in Jinshan."),
        ];
        mount(move || view! { <BodyBlocks blocks /> })
    };
    let paragraphs = mixed.query_selector_all(".prose p").unwrap();
    let p = |i: u32| {
        paragraphs
            .item(i)
            .unwrap()
            .unchecked_into::<web_sys::Element>()
    };
    assert_eq!(p(0).get_attribute("lang"), None);
    assert_eq!(p(1).get_attribute("lang").as_deref(), Some("en"));
    // A web address is not English words.
    assert_eq!(
        lang(vec![paragraph(
            "原文：https://www.jiangning.gov.cn/art/2024/3/15/jiangning-development-zone-policy.html"
        )]),
        "zh-CN"
    );
}

#[wasm_bindgen_test]
fn an_english_title_and_summary_are_marked_english() {
    let bundle = std::sync::Arc::new(parse_bundle(SMALL).unwrap());
    let mut article = bundle.articles[0].clone();
    assert!(article.summary.chars().any(parkreader::i18n::is_han));
    article.title = "Lingang signs a 3.27 billion yuan carbon fibre project".into();
    let card = mount(move || view! { <Router><ArticleCard article bundle /></Router> });
    let lang = |selector: &str| {
        let element = card.query_selector(selector).unwrap().unwrap();
        element.get_attribute("lang").unwrap()
    };
    assert_eq!(lang(".card-title"), "en");
    // The sample's summary is Chinese.
    assert_eq!(lang(".card-summary"), "zh-CN");
}

#[wasm_bindgen_test]
fn links_in_list_items_lead_only_where_links_may() {
    let link = |start, end, href: &str| TextLink {
        start,
        end,
        href: href.into(),
    };
    // Links for the first two items only: the third has none.
    let blocks = vec![Block::List {
        ordered: true,
        start: Some(3),
        items: vec!["见通知".into(), "别点这里".into(), "无链接".into()],
        links: vec![
            vec![link(1, 3, "/articles/notice")],
            vec![link(2, 4, "javascript:alert(1)")],
        ],
        strong: Vec::new(),
    }];
    let host = mount(move || view! { <BodyBlocks blocks /> });
    let items = host.query_selector_all("ol > li").unwrap();
    let texts: Vec<String> = (0..items.length())
        .map(|i| items.get(i).unwrap().text_content().unwrap())
        .collect();
    assert_eq!(texts, ["见通知", "别点这里", "无链接"]);
    // Numbered from 3, as the author numbered it.
    let list = host.query_selector("ol").unwrap().unwrap();
    assert_eq!(list.get_attribute("start").as_deref(), Some("3"));
    let links = host.query_selector_all("li a").unwrap();
    assert_eq!(links.length(), 1, "the javascript: link stays text");
    let a: web_sys::Element = links.get(0).unwrap().unchecked_into();
    assert_eq!(
        (a.text_content().unwrap(), a.get_attribute("href").unwrap()),
        ("通知".to_string(), "/articles/notice/".to_string())
    );
}

#[wasm_bindgen_test]
fn contact_card_links_the_hotline_and_email() {
    let contact = Contact {
        hotline: "400-000-0000".into(),
        wechat_id: Some("demo-wechat".into()),
        email: Some("invest@example.org".into()),
        inquiry_checklist: vec!["需求面积".into(), "联系方式".into()],
    };
    let host = mount(move || view! { <ContactCard contact /> });
    let tel = host.query_selector("a.hotline").unwrap().unwrap();
    assert_eq!(
        tel.get_attribute("href").as_deref(),
        Some("tel:400-000-0000")
    );
    let mail = host.query_selector("a[href^='mailto:']").unwrap().unwrap();
    assert_eq!(
        mail.get_attribute("href").as_deref(),
        Some("mailto:invest@example.org")
    );
    assert!(host.text_content().unwrap().contains("demo-wechat"));
    assert_eq!(
        host.query_selector_all(".checklist li").unwrap().length(),
        2
    );
    assert!(host
        .query_selector("button")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap()
        .contains("复制微信号"));
}

#[wasm_bindgen_test]
fn an_article_card_shows_its_views_only_when_the_site_gives_them() {
    let mut bundle = parse_bundle(SMALL).unwrap();
    let mut article = bundle.articles[0].clone();
    assert!(article.views > 0);
    let views = parkreader_core::Lang::Zh.views(article.views);
    bundle.articles[0].views = 0;
    let bundle = std::sync::Arc::new(bundle);
    let counted = article.clone();
    let b = bundle.clone();
    let host = mount(move || view! { <Router><ArticleCard article=counted bundle=b /></Router> });
    let meta = host.query_selector(".card-meta").unwrap().unwrap();
    assert!(meta.text_content().unwrap().contains(&views), "{views}");
    article.views = 0;
    let host = mount(move || view! { <Router><ArticleCard article bundle /></Router> });
    let meta = host.query_selector(".card-meta").unwrap().unwrap();
    assert!(!meta.text_content().unwrap().contains("阅读"), "no 阅读 0");
}

#[wasm_bindgen_test]
fn project_card_shows_amount_status_and_link() {
    let bundle = std::sync::Arc::new(parse_bundle(SMALL).unwrap());
    let project = bundle.project("ch2000-drone").unwrap().clone();
    let host = mount(move || view! { <Router><ProjectCard project bundle /></Router> });
    let amount = host.query_selector(".amount").unwrap().unwrap();
    assert_eq!(amount.text_content().unwrap(), "1.61亿美元");
    assert_eq!(
        amount.get_attribute("title").as_deref(),
        Some("161,000,000 美元")
    );
    assert_eq!(
        host.query_selector(".badge")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "已签约"
    );
    let link = host.query_selector("h3 a").unwrap().unwrap();
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("/projects/ch2000-drone/")
    );
    assert_eq!(link.text_content().unwrap(), "CH2000无人机项目");
}

/// The pager of a list's second page, at that list's own address: a link to each page and to
/// the previous and next, each to the list's own path with its page, and only the page shown
/// marked current (the router's `A` would mark every link to the same path).
#[wasm_bindgen_test]
fn the_pager_links_each_page_it_offers_and_marks_the_one_shown() {
    use parkreader::components::browse::Pager;
    use parkreader_core::browse::{ListIndex, PAGE_SIZE};
    use parkreader_core::query::{ListKind, ListQuery};

    let mut bundle = parse_bundle(SMALL).unwrap();
    let first = bundle.articles[0].clone();
    bundle.articles = (0..3 * PAGE_SIZE)
        .map(|i| {
            let mut a = first.clone();
            a.id = format!("a{i}");
            a
        })
        .collect();
    let window = web_sys::window().unwrap();
    window
        .history()
        .unwrap()
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/articles?page=2"))
        .unwrap();
    let index = ListIndex::articles(&bundle);
    let listing = index.run(&ListQuery::parse(ListKind::Articles, "page=2"), PAGE_SIZE);
    let host = mount(move || {
        let listing = Memo::new(move |_| listing.clone());
        view! { <Router><Pager listing path="/articles" /></Router> }
    });
    let links = host.query_selector_all(".pager a").unwrap();
    let shown: Vec<(String, String, Option<String>)> = (0..links.length())
        .map(|i| {
            let a: web_sys::Element = links.item(i).unwrap().dyn_into().unwrap();
            (
                a.text_content().unwrap(),
                a.get_attribute("href").unwrap(),
                a.get_attribute("aria-current"),
            )
        })
        .collect();
    let link = |text: &str, href: &str, current: bool| {
        (
            text.to_string(),
            href.to_string(),
            current.then(|| "page".to_string()),
        )
    };
    assert_eq!(
        shown,
        [
            link("上一页", "/articles/", false),
            link("1", "/articles/", false),
            link("2", "/articles/?page=2", true),
            link("3", "/articles/?page=3", false),
            link("下一页", "/articles/?page=3", false),
        ]
    );
    let current = host
        .query_selector(".pager [aria-current=\"page\"]")
        .unwrap()
        .unwrap();
    assert_eq!(
        current.get_attribute("aria-label").as_deref(),
        Some("第 2 / 3 页")
    );
}
