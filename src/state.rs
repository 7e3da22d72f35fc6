//! The loaded bundle, shared with every page through context.
//!
//! One signal holds where loading stands; pages render from it and never keep copies.
//! A failed reload keeps the last good bundle on screen and reports the failure beside it.

use std::collections::HashSet;
use std::sync::{Arc, Mutex, Weak};

use leptos::prelude::*;
use leptos::task::spawn_local;
use parkreader_core::browse::{ListIndex, Listing, PAGE_SIZE};
use parkreader_core::query::{ListKind, ListQuery};
use parkreader_core::shards::{BodyShards, Shard};
use parkreader_core::text::terms;
use parkreader_core::{parse_bundle, BodySearch, Bundle};

use crate::browser;
use crate::error::LoadError;

/// Where loading the bundle stands.
#[derive(Clone, Debug)]
pub enum Load {
    /// First download under way.
    Loading,
    /// A valid bundle.
    Ready(Arc<Bundle>),
    /// No bundle could be loaded.
    Failed(LoadError),
}

/// The app's handle on its content: the load state and a way to retry.
#[derive(Clone, Copy)]
pub struct Catalog {
    /// Current load state.
    pub load: RwSignal<Load>,
    /// Set when a reload failed while a good bundle stayed on screen.
    pub stale_error: RwSignal<Option<LoadError>>,
    /// Set (ms since 1970) when the bundle shown is the copy saved on this device, because the
    /// network failed.
    pub saved_at: RwSignal<Option<u64>>,
}

impl Catalog {
    /// Creates the catalog, provides it as context and starts the first download.
    pub fn provide() -> Catalog {
        let catalog = Catalog::with_state(Load::Loading);
        catalog.load(false);
        catalog
    }

    /// Provides a catalog that starts in `load`: a bundle fetched before mounting (taking over
    /// a prerendered page), or one handed to the prerenderer.
    pub fn with_state(load: Load) -> Catalog {
        let catalog = Catalog {
            load: RwSignal::new(load),
            stale_error: RwSignal::new(None),
            saved_at: RwSignal::new(None),
        };
        provide_context(catalog);
        catalog
    }

    /// (Re)downloads and validates the bundle. A failure replaces the screen only when there is
    /// no good bundle yet, here or saved on the device; otherwise the last good copy stays (or
    /// the saved one is shown) and the error is reported beside it.
    pub fn reload(self) {
        self.load(true);
    }

    /// Loads the bundle; `fresh` bypasses every cache (a retry).
    fn load(self, fresh: bool) {
        let has_good_copy = matches!(self.load.get_untracked(), Load::Ready(_));
        if !has_good_copy {
            self.load.set(Load::Loading);
        }
        spawn_local(async move {
            match fetch_bundle(fresh).await {
                Ok(bundle) => {
                    self.stale_error.set(None);
                    self.saved_at.set(None);
                    self.load.set(Load::Ready(Arc::new(bundle)));
                }
                Err(error) if has_good_copy => self.stale_error.set(Some(error)),
                Err(error) => match saved_copy() {
                    Some((bundle, at)) => self.show_saved(bundle, at, error),
                    None => self.load.set(Load::Failed(error)),
                },
            }
        });
    }

    /// Shows the copy saved on this device, with why the network copy is not shown.
    pub fn show_saved(self, bundle: Bundle, saved_at: u64, error: LoadError) {
        self.saved_at.set(Some(saved_at));
        self.stale_error.set(Some(error));
        self.load.set(Load::Ready(Arc::new(bundle)));
    }

    /// The bundle, if loaded.
    pub fn bundle(&self) -> Option<Arc<Bundle>> {
        match self.load.get() {
            Load::Ready(bundle) => Some(bundle),
            _ => None,
        }
    }
}

/// Downloads and validates the bundle named by the page (a copy that is no valid bundle asked
/// for once more from the host: [`browser::fetch_checked`]), and keeps it on the device for
/// when the network fails (see [`crate::offline::save_bundle`]).
pub async fn fetch_bundle(fresh: bool) -> Result<Bundle, LoadError> {
    let url = browser::bundle_url();
    let (bundle, text) = browser::fetch_checked(&url, fresh, parse_bundle).await?;
    crate::offline::save_bundle(&url, &text, browser::bundle_part().as_deref());
    Ok(bundle)
}

/// The last good bundle saved on this device for this page, if any is still valid, and when it
/// was saved: on a page whose data is a part of the bundle, the newer of that part and the
/// whole index (which holds it); on any other page, the whole index only.
pub fn saved_copy() -> Option<(Bundle, u64)> {
    let valid = |(text, at): (String, u64)| parse_bundle(&text).ok().map(|bundle| (bundle, at));
    let part = browser::bundle_part().and_then(|part| crate::offline::saved_bundle(Some(&part)));
    let index = crate::offline::saved_bundle(None);
    // Newer first; only that one is parsed, unless it is no longer valid.
    let (first, second) = match (part, index) {
        (Some(part), Some(index)) if index.1 >= part.1 => (Some(index), Some(part)),
        (part, index) => (part, index),
    };
    first.and_then(valid).or_else(|| second.and_then(valid))
}

/// The catalog provided by the app shell.
pub fn use_catalog() -> Catalog {
    expect_context::<Catalog>()
}

/// The reader's "today", for relative dates ("8个月前") and the project timeline. Absent while
/// prerendering: a static page shows absolute dates, which do not go stale.
#[derive(Clone, Debug, PartialEq)]
pub struct Today(pub parkreader_core::Date);

/// The path the site is published under, without a trailing slash: `""` at a domain's root,
/// `"/reader"` for https://example.org/reader/. Routes, images and data follow it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BasePath(pub String);

impl BasePath {
    /// The base path of a site published at `base_url` (`https://example.org/reader/` → `/reader`).
    pub fn from_base_url(base_url: &str) -> BasePath {
        let after_scheme = base_url
            .split_once("://")
            .map_or(base_url, |(_, rest)| rest);
        let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
        BasePath::normalized(path)
    }

    /// `/reader/`, `reader`, `/reader` → `/reader`; `/` and `` → ``.
    pub fn normalized(path: &str) -> BasePath {
        let trimmed = path
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .trim_matches('/');
        BasePath(if trimmed.is_empty() {
            String::new()
        } else {
            format!("/{trimmed}")
        })
    }
}

/// The site's base path (see [`BasePath`]).
pub fn use_base_path() -> String {
    use_context::<BasePath>().map(|b| b.0).unwrap_or_default()
}

/// A path on this site (`/articles/x`) as a link: under the site's base path, a page's with
/// the slash that spares a redirect (`/articles/x/`, [`parkreader_core::links::page_href`]).
pub fn site_href(path: &str) -> String {
    format!(
        "{}{}",
        use_base_path(),
        parkreader_core::links::page_href(path)
    )
}

/// Today's date, when known.
pub fn use_today() -> Option<parkreader_core::Date> {
    use_context::<Today>().map(|t| t.0)
}

/// A list's index, ready to filter and sort at once, whose text index is built in slices
/// between frames so a large bundle never blocks the page.
pub struct LiveIndex {
    bundle: Weak<Bundle>,
    index: Mutex<ListIndex>,
    /// The article list's search shards of separately published bodies, as fetched so far.
    shards: Option<(BodySearch, Mutex<ShardState>)>,
    /// Bumped when a shard arrives or fails, or a retry is asked for. It lives with the index,
    /// not with a list on screen: a list made again while a shard downloads (the one before
    /// asked for it) still hears of its arrival.
    shard_events: ArcRwSignal<u32>,
}

/// Search shards fetched, being fetched and failed.
#[derive(Default)]
struct ShardState {
    shards: BodyShards,
    asked: HashSet<u32>,
}

/// Work per slice of background indexing before the browser gets the thread back.
#[cfg(target_arch = "wasm32")]
const SLICE_MS: f64 = 8.0;

impl LiveIndex {
    /// Answers a list query; a search typed before the text index is complete completes it
    /// first, so results are always exact.
    pub fn run(&self, query: &ListQuery) -> Listing {
        let mut index = self.index.lock().unwrap_or_else(|e| e.into_inner());
        if !index.text_ready() && !terms(&query.q).is_empty() {
            if let Some(bundle) = self.bundle.upgrade() {
                browser::timed("parkreader:index", || index.index_text(&bundle, usize::MAX));
            }
        }
        let shards = self.shard_state();
        index.run_with(query, PAGE_SIZE, shards.as_ref().map(|s| &s.shards))
    }

    /// Provides the list whole for its prerendered page ([`ListIndex::early_view`]), for
    /// `components::browse::results` to draw; nothing for a list too long for that.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn provide_early_view(&self) {
        let early = self
            .index
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .early_view();
        if let Some(early) = early {
            leptos::prelude::provide_context(early);
        }
    }

    fn shard_state(&self) -> Option<std::sync::MutexGuard<'_, ShardState>> {
        self.shards
            .as_ref()
            .map(|(_, state)| state.lock().unwrap_or_else(|e| e.into_inner()))
    }

    /// Subscribes the running effect or memo to shard arrivals, failures and retries.
    pub fn track_shards(&self) {
        self.shard_events.track();
    }

    /// The shards `query` needs that are neither here nor failed: its results are not final.
    pub fn shards_pending(&self, query: &ListQuery) -> bool {
        self.shard_state()
            .is_some_and(|s| !s.shards.awaited(&terms(&query.q)).is_empty())
    }

    /// True when a shard `query` needs failed to download: its results leave out matches
    /// found only in separately published bodies.
    pub fn shards_failed(&self, query: &ListQuery) -> bool {
        self.shard_state().is_some_and(|s| {
            s.shards
                .missing(&terms(&query.q))
                .iter()
                .any(|n| s.shards.failed(*n))
        })
    }

    /// The shards (number, site path) `query` needs, and the shards `also` (those its text
    /// parted in two reads: `Listing::parted_awaits`), that nobody has asked for yet, now
    /// marked as asked.
    pub fn shards_to_fetch(&self, query: &ListQuery, also: &[u32]) -> Vec<(u32, String)> {
        let Some((search, _)) = &self.shards else {
            return Vec::new();
        };
        let Some(mut s) = self.shard_state() else {
            return Vec::new();
        };
        let mut wanted: Vec<u32> = s.shards.awaited(&terms(&query.q));
        for &n in also {
            if !(s.shards.failed(n) || wanted.contains(&n)) {
                wanted.push(n);
            }
        }
        wanted.retain(|n| !s.asked.contains(n));
        s.asked.extend(wanted.iter().copied());
        wanted
            .into_iter()
            .map(|n| (n, search.shard_path(n)))
            .collect()
    }

    /// Keeps a shard that arrived, or remembers that it failed.
    pub fn shard_arrived(&self, n: u32, shard: Option<Shard>) {
        if let Some(mut s) = self.shard_state() {
            s.asked.remove(&n);
            match shard {
                Some(shard) => s.shards.insert(n, shard),
                None => {
                    s.shards.fail(n);
                }
            }
        }
        self.shard_events.update(|n| *n += 1);
    }

    /// Forgets which shards failed, so they are asked for again.
    pub fn retry_shards(&self) {
        if let Some(mut s) = self.shard_state() {
            s.shards.retry();
        }
        self.shard_events.update(|n| *n += 1);
    }

    /// Indexes text for about [`SLICE_MS`]; true when the text index is complete.
    #[cfg(target_arch = "wasm32")]
    fn index_slice(&self) -> bool {
        let Some(bundle) = self.bundle.upgrade() else {
            return true;
        };
        let mut index = self.index.lock().unwrap_or_else(|e| e.into_inner());
        let now = || {
            web_sys::window()
                .and_then(|w| w.performance())
                .map_or(0.0, |p| p.now())
        };
        let start = now();
        browser::timed("parkreader:index", || loop {
            if index.index_text(&bundle, 16) {
                return true;
            }
            if now() - start > SLICE_MS {
                return false;
            }
        })
    }
}

/// Builds the rest of the text index a slice per task, until done or the index is dropped.
#[cfg(target_arch = "wasm32")]
fn index_in_background(live: Weak<LiveIndex>) {
    set_timeout(
        move || {
            if let Some(live) = live.upgrade() {
                if live.index_slice() {
                    browser::mark("parkreader:text-ready");
                } else {
                    index_in_background(Arc::downgrade(&live));
                }
            }
        },
        std::time::Duration::ZERO,
    );
}

/// A built index and the bundle it was built from.
type CachedIndex = (Weak<Bundle>, ListKind, Arc<LiveIndex>);

thread_local! {
    /// Search and facet indexes, built once per loaded bundle and list.
    static INDEXES: std::cell::RefCell<Vec<CachedIndex>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The list index of `kind` for this bundle, built on first use and kept while the bundle lives.
/// In the browser its text index then builds in the background.
pub fn list_index(bundle: &Arc<Bundle>, kind: ListKind) -> Arc<LiveIndex> {
    INDEXES.with(|cache| {
        let mut cache = cache.borrow_mut();
        cache.retain(|(b, _, _)| b.strong_count() > 0);
        if let Some((_, _, index)) = cache
            .iter()
            .find(|(b, k, _)| *k == kind && std::ptr::eq(b.as_ptr(), Arc::as_ptr(bundle)))
        {
            return index.clone();
        }
        let index = browser::timed("parkreader:index", || ListIndex::without_text(bundle, kind));
        let shards = match (kind, &bundle.body_search) {
            (ListKind::Articles, Some(search)) => Some((
                search.clone(),
                Mutex::new(ShardState {
                    shards: BodyShards::new(search.shards),
                    ..Default::default()
                }),
            )),
            _ => None,
        };
        let live = Arc::new(LiveIndex {
            bundle: Arc::downgrade(bundle),
            index: Mutex::new(index),
            shards,
            shard_events: ArcRwSignal::new(0),
        });
        #[cfg(target_arch = "wasm32")]
        index_in_background(Arc::downgrade(&live));
        cache.push((Arc::downgrade(bundle), kind, live.clone()));
        live
    })
}

#[cfg(test)]
mod tests {
    use super::BasePath;

    #[test]
    fn base_paths_come_from_the_base_url() {
        assert_eq!(
            BasePath::from_base_url("https://example.org/reader/").0,
            "/reader"
        );
        assert_eq!(BasePath::from_base_url("https://example.org/a/b").0, "/a/b");
        assert_eq!(BasePath::from_base_url("https://example.org/").0, "");
        assert_eq!(BasePath::from_base_url("https://example.org").0, "");
        assert_eq!(BasePath::normalized("/").0, "");
        assert_eq!(BasePath::normalized("reader/").0, "/reader");
    }
}
