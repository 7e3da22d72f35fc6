//! The frame around every page: header with the site name and navigation, and the footer.

use leptos::prelude::*;
use leptos_router::components::A;

use super::library::OfflineBadge;
use crate::state::site_href;
use crate::state::use_catalog;

/// Site name and the main sections. Fixed height, so nothing moves when the bundle arrives.
#[component]
pub fn Header() -> impl IntoView {
    let catalog = use_catalog();
    let site_name = move || {
        catalog
            .bundle()
            .map(|b| b.site.name.clone())
            .unwrap_or_default()
    };
    view! {
        <header class="site-header">
            <div class="wrap header-inner">
                // Until the bundle names the site, the link still says where it goes.
                <A href=site_href("/") attr:class="site-name" attr:aria-label=move || site_name().is_empty().then_some("首页")>{site_name}</A>
                <nav class="site-nav" aria-label="主导航">
                    <A href=site_href("/") exact=true>"首页"</A>
                    <A href=site_href("/articles")>"文章"</A>
                    <A href=site_href("/projects")>"项目"</A>
                    <A href=site_href("/saved")>"收藏"</A>
                </nav>
                <OfflineBadge />
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
                <p>{copyright}</p>
                <p class="muted">"本站为静态阅读器，内容可离线浏览。"</p>
            </div>
        </footer>
    }
}
