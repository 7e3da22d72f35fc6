//! The frame around every page: header with the site name and navigation, and the footer.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

use super::library::OfflineBadge;
use crate::i18n::{ui, LanguageSwitch};
use crate::state::site_href;
use crate::state::use_catalog;

/// Site name and the main sections. Fixed height, so nothing moves when the bundle arrives.
///
/// It also gives the document its default title, the app's name, for pages that set none (a
/// page still loading). The title set last wins, and an element mounts its children while it
/// is built: inside the header, which is built before `<main>`, the default comes before the
/// page's own title, also when the first page is built in the same pass as the frame.
#[component]
pub fn Header() -> impl IntoView {
    let catalog = use_catalog();
    let t = ui();
    let site_name = move || {
        catalog
            .bundle()
            .map(|b| b.site.name.clone())
            .unwrap_or_default()
    };
    view! {
        <header class="site-header">
            <Title text=t.app_title />
            <div class="wrap header-inner">
                // Until the bundle names the site, the link still says where it goes.
                <A href=site_href("/") exact=true attr:class="site-name" attr:lang="zh-CN" attr:aria-label=move || site_name().is_empty().then_some(t.home)>{site_name}</A>
                <nav class="site-nav" aria-label=t.main_nav>
                    <A href=site_href("/") exact=true>{t.home}</A>
                    <A href=site_href("/articles")>{t.articles}</A>
                    <A href=site_href("/projects")>{t.projects}</A>
                    <A href=site_href("/saved")>{t.saved}</A>
                </nav>
                <OfflineBadge />
                <LanguageSwitch />
            </div>
        </header>
    }
}

/// Copyright line and a note on what this is.
#[component]
pub fn Footer() -> impl IntoView {
    let catalog = use_catalog();
    let copyright = move || {
        catalog
            .bundle()
            .map(|b| b.site.copyright.clone())
            .unwrap_or_default()
    };
    view! {
        <footer class="site-footer">
            <div class="wrap">
                <p lang="zh-CN">{copyright}</p>
                <p class="muted needs-app">{ui().footer_note}</p>
            </div>
        </footer>
    }
}
