//! The interface's words in both languages: zh-CN (the default) and English.
//!
//! Every fixed string of the interface is one field of [`Ui`], written once with its Chinese and
//! its English side by side, so a string cannot exist in one language only: a missing side is a
//! compile error. Strings that carry numbers or names are methods on [`Lang`]. Content (titles,
//! bodies, names) stays as published; taxonomy names use the bundle's `name_en` where given.

use crate::{group_thousands, Lang};

macro_rules! ui_text {
    ($( $(#[$doc:meta])* $key:ident: $zh:expr, $en:expr; )*) => {
        /// The fixed strings of the interface in one language; see [`Lang::ui`].
        #[derive(Debug)]
        pub struct Ui {
            $( $(#[$doc])* pub $key: &'static str, )*
        }

        /// Simplified Chinese.
        pub static ZH: Ui = Ui { $( $key: $zh, )* };

        /// English.
        pub static EN: Ui = Ui { $( $key: $en, )* };

        impl Ui {
            /// Every string with its field name, in declaration order (for tests and checks).
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![ $( (stringify!($key), self.$key), )* ]
            }
        }
    };
}

ui_text! {
    /// The default page title before the bundle names the site.
    app_title: "招商资讯", "Investment news";
    /// Skip link at the top of every page.
    skip_to_content: "跳到正文", "Skip to content";
    /// Skip link before a list's filters (dozens of checkboxes to tab through).
    skip_to_results: "跳到结果", "Skip to results";
    home: "首页", "Home";
    articles: "文章", "Articles";
    projects: "项目", "Projects";
    saved: "收藏", "Saved";
    main_nav: "主导航", "Main";
    breadcrumb: "面包屑导航", "Breadcrumb";
    footer_note: "看过的内容断网后仍可阅读。", "Pages you have read stay readable offline.";
    /// The language switch names the other language in that language.
    other_language: "English", "中文";
    /// Its tooltip, like its text in the language it switches to.
    switch_language: "Switch to English", "切换到中文";
    /// `lang` of the switch's text, which is in the other language.
    other_language_code: "en", "zh-CN";

    loading: "正在加载…", "Loading…";
    retry: "重试", "Retry";
    technical_details: "技术细节（供网站管理员参考）", "Technical details (for the site's publisher)";
    stale_failed: "更新内容失败，正在显示上次成功加载的内容。", "Could not update the content; showing what loaded last.";
    static_kept: "下面是本页保存的内容。", "Below is this page as it was saved.";
    static_whole_list: "下面是本页保存的全部列表，未按链接中的条件筛选。", "Below is this page's whole list as it was saved, not filtered as the link asks.";
    not_found_title: "页面不存在", "Page not found";
    not_found_page: "您访问的页面不存在", "This page does not exist";
    not_found_article: "找不到这篇文章", "This article could not be found";
    not_found_project: "找不到这个项目", "This project could not be found";
    not_found_category: "找不到这个分类", "This category could not be found";
    did_you_mean: "您要找的是不是：", "Did you mean: ";
    back_home: "返回首页", "Back to the home page";
    browse_articles: "浏览全部文章", "Browse all articles";
    browse_projects: "浏览全部项目", "Browse all projects";

    error_network_title: "无法连接网络", "No connection";
    error_network: "网络连接失败，无法下载内容数据。请检查网络后重试。", "The content could not be downloaded. Check your connection and try again.";
    error_missing_title: "找不到内容数据", "Content not found";
    error_server_title: "服务器出错", "Server error";
    error_invalid_title: "内容数据有误", "The content is damaged";
    error_invalid: "内容数据已下载，但格式有误，无法显示。", "The content was downloaded but is not in a form that can be shown.";
    body_failed: "正文加载失败：", "The article text did not load: ";
    body_gone: "网站内容已更新，这篇文章的正文已不在原处（它可能已修改或撤下）。刷新页面即可看到网站现在的内容。", "The site has been updated since this page opened, and this article's text has moved (it may have been edited or taken down). Reload to see the site as it is now.";
    reload_page: "刷新页面", "Reload";
    searching_bodies: "正在搜索正文…", "Searching article texts…";
    body_search_failed: "正文搜索索引未能下载，下面的结果不含只在正文中出现的匹配。", "The search index of article texts did not download; the results below leave out matches found only in an article's text.";
    body_search_gone: "网站内容已更新，正文搜索索引已不在原处。刷新页面即可搜索网站现在的内容。", "The site has been updated since this page opened, and the search index of article texts has moved. Reload to search the site as it is now.";

    latest: "最新动态", "Latest news";
    all_articles_more: "全部文章 →", "All articles →";
    most_read: "阅读排行", "Most read";
    featured_projects: "重点项目", "Featured projects";
    latest_projects: "最新项目", "Latest projects";
    all_projects_more: "全部项目 →", "All projects →";

    all_articles: "全部文章", "All articles";
    opening_view: "正在按链接中的条件筛选…", "Opening the view in the link…";
    whole_list: "查看全部", "Show all";
    investment_projects: "投资项目", "Investment projects";
    search_articles: "搜索文章", "Search articles";
    search_articles_hint: "搜索标题、正文", "Search articles";
    search_projects: "搜索项目", "Search projects";
    search_projects_hint: "搜索项目、投资方、产品", "Search projects";
    filters: "筛选", "Filters";
    show_results: "查看结果", "Show results";
    /// Under the investment size facet: how amounts in other currencies are sized.
    project_year: "按签约年份；未签约的按开工年份，再按计划投产年份", "The year signed; if not signed yet, the year started, else the year due";
    size_rates: "外币按约 1美元=7.1元、1欧元=7.7元、1港元=0.91元折算", "Other currencies at about CNY 7.1 per USD, 7.7 per EUR, 0.91 per HKD";
    article_list: "文章列表", "Article list";
    project_list: "项目列表", "Project list";
    active_filters: "已选条件", "Active filters";
    clear_all: "清除全部", "Clear all";
    sort: "排序", "Sort";
    pagination: "分页", "Pages";
    previous_page: "上一页", "Previous";
    next_page: "下一页", "Next";
    no_results: "没有找到符合条件的结果。", "Nothing matches.";
    try_instead: "可以试试：", "Try:";
    nothing_published: "这里还没有发布内容。", "Nothing has been published here yet.";
    categories_nav: "文章分类", "Categories";
    all_categories: "全部", "All";
    category_empty: "本分类暂无文章。", "No articles in this category yet.";
    search_in_category: "本分类全部文章：搜索和筛选 →", "Every article in this category: search and filter →";

    article_here: "正文", "Article";
    source: "来源：", "Source: ";
    same_category: "同类文章", "More in this category";
    previous_article: "上一篇", "Previous";
    next_article: "下一篇", "Next";
    related_projects: "相关项目", "Related projects";
    related_articles: "相关文章", "Related articles";

    capacity: "产能", "Capacity";
    timeline: "项目进度", "Milestones";
    about_project: "项目介绍", "About the project";
    project_news: "项目动态", "News about this project";
    fact_investment: "总投资", "Investment";
    fact_industry: "产业", "Industry";
    fact_district: "所在区", "District";
    fact_park: "园区", "Park";
    fact_investor: "投资方", "Investor";
    fact_partners: "合作方", "Partners";
    fact_land: "用地", "Land";
    milestone_signed: "签约", "Signed";
    milestone_started: "开工", "Construction started";
    milestone_planned: "计划竣工", "Completion planned";
    milestone_completed: "竣工投产", "In production";

    contact: "投资咨询", "Investment enquiries";
    hotline: "热线", "Hotline";
    wechat: "微信", "WeChat";
    copy_wechat: "复制微信号", "Copy WeChat ID";
    copied: "已复制", "Copied";
    copy_wechat_failed: "复制失败，请长按微信号手动复制", "Could not copy; press and hold the ID to copy it";
    email: "邮箱", "E-mail";
    inquiry_intro: "咨询时请说明：", "When you get in touch, please tell us:";

    share: "分享", "Share";
    share_system: "通过系统分享", "Share via…";
    wechat_hint: "点击右上角「···」，发送给朋友或分享到朋友圈", "Tap ··· at the top right to send this to a friend or to Moments";
    share_heading: "分享给朋友", "Share with a friend";
    link: "链接", "Link";
    copy_link: "复制链接", "Copy link";
    link_copied: "链接已复制", "Link copied";
    copy_link_failed: "无法自动复制，请长按上面的链接手动复制", "Could not copy; press and hold the link above to copy it";
    qr_label: "本页链接的二维码", "QR code of this page's link";
    qr_caption: "扫描二维码，在手机上打开本页", "Scan to open this page on a phone";
    close: "关闭", "Close";

    bookmark: "收藏", "Save";
    bookmarked: "已收藏", "Saved";
    offline: "离线", "Offline";
    update_ready: "有更新，点击刷新", "An update is ready: tap to reload";
    kind_article: "文章", "Article";
    remove_entry: "移除", "Remove";
    no_longer_published: "已下线", "No longer published";
    kind_project: "项目", "Project";

    text_size: "字号", "Text size";
    size_normal: "标准", "Normal";
    size_large: "大", "Large";
    size_larger: "特大", "Larger";

    saved_title: "收藏与离线", "Saved and offline";
    not_offline_yet: "本机尚未保存离线内容；联网浏览一次后即可离线阅读。", "Nothing is saved for offline reading yet; browse once while online and it will be.";
    my_bookmarks: "我的收藏", "My saved items";
    no_bookmarks: "还没有收藏。在文章或项目页点「☆ 收藏」即可加入。", "Nothing saved yet. Tap “☆ Save” on an article or project.";
    recent: "最近阅读", "Recently read";
    no_history: "还没有阅读记录。", "Nothing read yet.";
    clear_history: "清空阅读记录", "Clear reading history";
    undo: "撤销", "Undo";
    history_restored: "已恢复阅读记录。", "Reading history restored.";
    transfer: "导出与导入", "Export and import";
    transfer_note: "收藏和阅读记录只保存在本机浏览器中。可导出为文件，在其他设备或浏览器中导入。", "Saved items and history stay in this browser only. Export them to a file to import on another device or browser.";
    export: "导出收藏文件", "Export saved items";
    import: "导入收藏文件", "Import saved items";
    exported: "已导出收藏与阅读记录。", "Saved items and history exported.";
    file_unreadable: "无法读取所选文件。", "The chosen file could not be read.";
    export_file_name: "parkreader-收藏.json", "parkreader-saved.json";
}

impl Lang {
    /// The fixed strings in this language.
    pub fn ui(self) -> &'static Ui {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    /// The language tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The short code kept in storage: `zh` or `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// Reads [`Lang::code`] back; anything else is `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The other language (what the switch offers).
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// `label: value` with the language's own colon.
    pub fn labelled(self, label: &str, value: &str) -> String {
        match self {
            Lang::Zh => format!("{label}：{value}"),
            Lang::En => format!("{label}: {value}"),
        }
    }

    /// A search box's placeholder: `hint` with an `example` from the site's own terms (a tag,
    /// an industry), so that it suggests what this site has: `搜索标题、正文，如：碳纤维`.
    ///
    /// ```
    /// use parkreader_core::Lang;
    /// assert_eq!(Lang::Zh.search_hint("搜索标题、正文", Some("碳纤维")), "搜索标题、正文，如：碳纤维");
    /// assert_eq!(Lang::En.search_hint("Search articles", Some("drones")), "Search articles, e.g. drones");
    /// assert_eq!(Lang::Zh.search_hint("搜索标题、正文", None), "搜索标题、正文");
    /// ```
    pub fn search_hint(self, hint: &str, example: Option<&str>) -> String {
        match (example.filter(|e| !e.trim().is_empty()), self) {
            (Some(e), Lang::Zh) => format!("{hint}，如：{e}"),
            (Some(e), Lang::En) => format!("{hint}, e.g. {e}"),
            (None, _) => hint.to_string(),
        }
    }

    /// A list of names joined the way the language writes lists.
    pub fn join(self, items: &[String]) -> String {
        items.join(match self {
            Lang::Zh => "、",
            Lang::En => ", ",
        })
    }

    /// How often an article was read: `阅读 1,234` / `1,234 views`.
    pub fn views(self, n: u64) -> String {
        let n = group_thousands(n);
        match self {
            Lang::Zh => format!("阅读 {n}"),
            Lang::En => format!("{n} views"),
        }
    }

    /// A result count of articles: `共 12 篇` / `12 articles`.
    pub fn article_count(self, n: usize) -> String {
        match (self, n) {
            (Lang::Zh, _) => format!("共 {n} 篇"),
            (Lang::En, 1) => "1 article".to_string(),
            (Lang::En, _) => format!("{n} articles"),
        }
    }

    /// The order a list is in, after its count, for a screen reader (the count alone, the
    /// same after a new order, said nothing): `，按最多阅读排序` / `, sorted: Most read` (the name
    /// as the menu has it: lowering its case took Unicode's case tables into the wasm, 2 KB).
    pub fn in_order(self, order: &str) -> String {
        match self {
            Lang::Zh => format!("，按{order}排序"),
            Lang::En => format!(", sorted: {order}"),
        }
    }

    /// A result count of projects: `共 3 个项目` / `3 projects`.
    pub fn project_count(self, n: usize) -> String {
        match (self, n) {
            (Lang::Zh, _) => format!("共 {n} 个项目"),
            (Lang::En, 1) => "1 project".to_string(),
            (Lang::En, _) => format!("{n} projects"),
        }
    }

    /// Where the pager is: `第 2 / 5 页` / `Page 2 of 5`.
    pub fn page_of(self, page: u32, pages: u32) -> String {
        match self {
            Lang::Zh => format!("第 {page} / {pages} 页"),
            Lang::En => format!("Page {page} of {pages}"),
        }
    }

    /// Search words quoted: `“锂电”` / `"lithium"`.
    pub fn quoted(self, q: &str) -> String {
        match self {
            Lang::Zh => format!("“{q}”"),
            Lang::En => format!("\"{q}\""),
        }
    }

    /// The chip of the search words.
    pub fn search_chip(self, q: &str) -> String {
        match self {
            Lang::Zh => format!("关键词：{q}"),
            // Not "Search": its chip's button read "Remove Search: 碳纤维".
            Lang::En => format!("Keyword: {q}"),
        }
    }

    /// Filters in a link that the list does not have (`产业：bogus`), left out of the view.
    pub fn dropped_filters(self, what: &str) -> String {
        match self {
            Lang::Zh => format!("链接中的筛选条件在本站已不存在，已略去：{what}"),
            Lang::En => format!(
                "This link asks for filters this site does not have; they were left out: {what}"
            ),
        }
    }

    /// The accessible name of a chip's remove button.
    pub fn remove(self, what: &str) -> String {
        match self {
            Lang::Zh => format!("移除 {what}"),
            Lang::En => format!("Remove {what}"),
        }
    }

    /// `n results` for an offer to relax a search.
    fn results(self, n: usize) -> String {
        match (self, n) {
            (Lang::Zh, _) => format!("{n} 个结果"),
            (Lang::En, 1) => "1 result".to_string(),
            (Lang::En, _) => format!("{n} results"),
        }
    }

    /// The offer to drop one facet when nothing matches.
    pub fn drop_facet(self, facet: &str, n: usize) -> String {
        let results = self.results(n);
        match self {
            Lang::Zh => format!("去掉「{facet}」筛选（{results}）"),
            Lang::En => format!("Remove the “{facet}” filter ({results})"),
        }
    }

    /// What a list says when the search text as typed (`typed`) found nothing and it shows the
    /// text parted in two (`parted`) instead.
    pub fn parted_instead(self, typed: &str, parted: &str) -> String {
        match self {
            Lang::Zh => format!("没有找到「{typed}」，下面是分开搜索「{parted}」的结果。"),
            Lang::En => format!("Nothing matches “{typed}”: these are the results for “{parted}”, as separate words."),
        }
    }

    /// The offer to drop the search words when nothing matches.
    pub fn drop_query(self, n: usize) -> String {
        let results = self.results(n);
        match self {
            Lang::Zh => format!("不限关键词（{results}）"),
            Lang::En => format!("Without the search words ({results})"),
        }
    }

    /// A not-found page's explanation after what was not found.
    pub fn not_found_reason(self, what: &str) -> String {
        match self {
            Lang::Zh => format!("{what}，可能已被删除或链接有误。"),
            Lang::En => format!("{what}. It may have been removed, or the link may be wrong."),
        }
    }

    /// A not-found page's explanation while the device is offline: what it has is the site as
    /// of its last visit, so the page may be newer than that.
    pub fn not_found_offline(self, what: &str) -> String {
        match self {
            Lang::Zh => format!("{what}。现在没有网络：它可能是本机上次联网之后才发布的，联网后再试。"),
            Lang::En => format!("{what}. You are offline: it may have been published since this device was last online. Try again with a network."),
        }
    }

    /// The server answered a bundle request with an error status.
    pub fn error_http(self, status: u16) -> String {
        match self {
            Lang::Zh => format!("服务器没有返回内容数据（HTTP {status}）。请稍后重试。"),
            Lang::En => {
                format!("The server did not return the content (HTTP {status}). Try again later.")
            }
        }
    }

    /// A local date and time, as when a copy was saved: `2026年11月28日 14:05`.
    pub fn date_time(self, year: i32, month: u32, day: u32, hour: u32, minute: u32) -> String {
        match self {
            Lang::Zh => format!("{year}年{month}月{day}日 {hour:02}:{minute:02}"),
            Lang::En => format!(
                "{day} {} {year}, {hour:02}:{minute:02}",
                crate::date::month_abbrev(month)
            ),
        }
    }

    /// The first load failed and the copy saved on this device is shown.
    pub fn showing_saved_copy(self, saved_at: &str) -> String {
        match self {
            Lang::Zh => format!("无法获取最新内容，正在显示本机于 {saved_at} 保存的内容。"),
            Lang::En => format!(
                "Could not get the latest content; showing the copy saved on this device on {saved_at}."
            ),
        }
    }

    /// The saved page's line when the whole site reads offline.
    /// `all_texts`: every article's text came with the data (a small site), rather than some
    /// only when read (`body_url`), which offline opens only if read before.
    pub fn offline_ready(self, articles: usize, projects: usize, all_texts: bool) -> String {
        match (self, all_texts) {
            (Lang::Zh, true) => format!("本机已保存全部 {articles} 篇文章和 {projects} 个项目，没有网络时也能浏览、搜索和筛选。读过的正文和图片也会保存。"),
            (Lang::Zh, false) => format!("本机已保存全部 {articles} 篇文章的标题和摘要与 {projects} 个项目，没有网络时也能浏览、筛选，并搜索标题和摘要。读过的正文和图片也会保存；其余正文需联网阅读。"),
            (Lang::En, true) => format!("All {articles} articles and {projects} projects are saved on this device: they list, search and filter without a network. Article text and pictures you read are saved too."),
            (Lang::En, false) => format!("The titles and summaries of all {articles} articles and all {projects} projects are saved on this device: they list, filter and search without a network. Article text and pictures you read are saved too; other article text needs a network."),
        }
    }

    /// After an import, with the entries of the file that could not be read (`skipped`).
    pub fn imported(self, bookmarks: usize, history: usize, skipped: usize) -> String {
        match (self, skipped) {
            // The same file again, or one from a device that has nothing this one lacks.
            (Lang::Zh, 0) if bookmarks + history == 0 => "文件里的收藏和阅读记录，本机都已经有了，没有新增。".into(),
            (Lang::En, 0) if bookmarks + history == 0 => "Everything in the file is already on this device; nothing was added.".into(),
            (Lang::Zh, 0) => format!("已导入 {bookmarks} 条收藏、{history} 条阅读记录。"),
            (Lang::Zh, _) => format!("已导入 {bookmarks} 条收藏、{history} 条阅读记录；另有 {skipped} 条无法读取，已跳过。"),
            (Lang::En, 0) => format!("Imported {bookmarks} saved items and {history} history entries."),
            (Lang::En, _) => format!("Imported {bookmarks} saved items and {history} history entries; {skipped} entries could not be read and were left out."),
        }
    }

    /// After the reading history was cleared, with how many entries it had.
    pub fn history_cleared(self, entries: usize) -> String {
        match self {
            Lang::Zh => format!("已清空 {entries} 条阅读记录。"),
            Lang::En => format!("Cleared {entries} entries from your reading history."),
        }
    }

    /// An import that failed, with why.
    pub fn import_failed(self, why: &str) -> String {
        match self {
            Lang::Zh => format!("导入失败：{why}"),
            Lang::En => format!("Import failed: {why}"),
        }
    }

    /// Land area in mu (亩).
    pub fn land_mu(self, quantity: f64) -> String {
        let q = crate::format_quantity(quantity, self);
        match self {
            Lang::Zh => format!("{q}亩"),
            Lang::En => format!("{q} mu"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_chip_names_the_words_as_a_condition() {
        assert_eq!(Lang::Zh.search_chip("碳纤维"), "关键词：碳纤维");
        assert_eq!(Lang::En.search_chip("碳纤维"), "Keyword: 碳纤维");
    }
    use std::collections::HashSet;

    fn has_cjk(s: &str) -> bool {
        s.chars().any(|c| {
            matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3000}'..='\u{303f}' | '\u{ff00}'..='\u{ffef}')
        })
    }

    /// Fields whose English side may hold Chinese: the switch to the other language, and search
    /// examples that show Chinese input on purpose.
    const CHINESE_IN_ENGLISH: [&str; 5] = [
        "other_language",
        "switch_language",
        "search_articles_hint",
        "search_projects_hint",
        "export_file_name",
    ];

    #[test]
    fn english_strings_are_english() {
        for (key, text) in EN.entries() {
            assert!(!text.trim().is_empty(), "{key} is empty in English");
            if !CHINESE_IN_ENGLISH.contains(&key) {
                assert!(!has_cjk(text), "{key} has Chinese in English: {text}");
            }
        }
    }

    #[test]
    fn chinese_strings_are_present_and_differ_from_english() {
        let english: Vec<_> = EN.entries();
        for ((key, zh), (_, en)) in ZH.entries().into_iter().zip(english) {
            assert!(!zh.trim().is_empty(), "{key} is empty in Chinese");
            // A string left untranslated reads the same in both.
            assert_ne!(zh, en, "{key} is the same in both languages");
        }
    }

    #[test]
    fn the_switch_names_the_other_language_in_itself() {
        assert_eq!(ZH.other_language, "English");
        assert_eq!(EN.other_language, "中文");
        assert_eq!(ZH.other_language_code, Lang::En.tag());
        assert_eq!(EN.other_language_code, Lang::Zh.tag());
    }

    #[test]
    fn codes_round_trip_and_unknown_codes_are_none() {
        for lang in [Lang::Zh, Lang::En] {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            assert_eq!(lang.other().other(), lang);
        }
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::from_code(""), None);
    }

    #[test]
    fn field_names_are_unique() {
        let keys: HashSet<_> = ZH.entries().into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys.len(), ZH.entries().len());
    }

    #[test]
    fn counts_and_formats() {
        assert_eq!(Lang::Zh.article_count(12), "共 12 篇");
        assert_eq!(Lang::En.article_count(1), "1 article");
        assert_eq!(Lang::En.article_count(12), "12 articles");
        assert_eq!(Lang::En.project_count(0), "0 projects");
        assert_eq!(Lang::Zh.views(12345), "阅读 12,345");
        assert_eq!(Lang::En.views(12345), "12,345 views");
        assert_eq!(Lang::Zh.page_of(2, 5), "第 2 / 5 页");
        // A site whose texts come only when read does not promise them offline.
        assert!(Lang::Zh
            .offline_ready(3000, 300, false)
            .contains("3000 篇文章的标题和摘要"));
        assert!(Lang::Zh
            .offline_ready(3000, 300, false)
            .ends_with("其余正文需联网阅读。"));
        assert!(!Lang::Zh.offline_ready(19, 11, true).contains("联网"));
        assert_eq!(Lang::En.page_of(2, 5), "Page 2 of 5");
        assert_eq!(
            Lang::Zh.drop_facet("状态", 3),
            "去掉「状态」筛选（3 个结果）"
        );
        assert_eq!(
            Lang::En.drop_facet("Status", 1),
            "Remove the “Status” filter (1 result)"
        );
        assert_eq!(
            Lang::En.drop_query(4),
            "Without the search words (4 results)"
        );
        assert_eq!(Lang::Zh.date_time(2026, 11, 8, 9, 5), "2026年11月8日 09:05");
        assert_eq!(Lang::En.date_time(2026, 11, 8, 9, 5), "8 Nov 2026, 09:05");
        assert_eq!(Lang::Zh.join(&["甲".into(), "乙".into()]), "甲、乙");
        assert_eq!(Lang::En.join(&["A".into(), "B".into()]), "A, B");
        assert_eq!(Lang::Zh.labelled("分类", "政策"), "分类：政策");
        assert_eq!(Lang::En.labelled("Category", "政策"), "Category: 政策");
        assert_eq!(Lang::Zh.land_mu(120.0), "120亩");
        assert_eq!(Lang::En.land_mu(120.0), "120 mu");
    }
}
