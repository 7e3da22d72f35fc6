//! The reader's own library, kept in the browser and never sent anywhere: bookmarks (收藏) and
//! reading history. It is stored as versioned JSON that outlives app updates, and can be
//! exported to a file and imported again (merged, never replacing what is already there).

use serde::{Deserialize, Serialize};

/// Entries kept in the reading history; the oldest drop off.
pub const HISTORY_LIMIT: usize = 100;
/// Entries a library may hold in each list; an import with more is refused.
pub const LIST_LIMIT: usize = 10_000;

/// What an entry points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// An article (`/articles/<id>`).
    Article,
    /// A project (`/projects/<id>`).
    Project,
}

impl ItemKind {
    /// The site-relative path of an item of this kind.
    pub fn path(self, id: &str) -> String {
        match self {
            ItemKind::Article => format!("/articles/{id}"),
            ItemKind::Project => format!("/projects/{id}"),
        }
    }
}

/// One bookmarked or read item, with its title as it was, so the list reads well even when
/// the item has since left the bundle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Article or project.
    pub kind: ItemKind,
    /// Its id in the bundle.
    pub id: String,
    /// Its title when saved.
    pub title: String,
    /// When it was saved or read, in milliseconds since 1970 (UTC).
    pub at: u64,
}

/// Bookmarks and history, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Library {
    /// Format version; always 1.
    pub version: u32,
    /// Bookmarked items, newest first.
    pub bookmarks: Vec<Entry>,
    /// Items read, newest first, at most [`HISTORY_LIMIT`].
    pub history: Vec<Entry>,
}

/// Why a library file could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LibraryError {
    /// Not JSON, or not shaped like a library; with the parser's reason, which `Debug` and
    /// tests show but the reader is not told (`expected ident at line 1 column 2` says nothing
    /// to someone who picked the wrong file).
    #[error("这不是本站导出的收藏文件，请选择用「导出收藏文件」保存的 .json 文件")]
    Invalid(String),
    /// A version this reader does not know.
    #[error("收藏文件的版本 {0} 无法识别，请使用最新版本导出")]
    Version(u32),
    /// More entries than a library may hold.
    #[error("收藏文件过大（超过 {LIST_LIMIT} 条）")]
    TooLarge,
    /// Read, but the browser would not keep it (its storage full, or not allowed): the library
    /// stays as it was.
    #[error("这台设备的浏览器存储空间不足，没有保存；原有的收藏和阅读记录不变")]
    NotStored,
}

impl LibraryError {
    /// The message in `lang` (`Display` gives the Chinese).
    pub fn message(&self, lang: crate::Lang) -> String {
        match (lang, self) {
            (crate::Lang::Zh, _) => self.to_string(),
            (crate::Lang::En, LibraryError::Invalid(_)) => {
                "not a saved-items file from this site; choose the file that “Export saved items” saved".to_string()
            }
            (crate::Lang::En, LibraryError::Version(v)) => {
                format!("saved-items file version {v} is unknown; export it again with the latest version")
            }
            (crate::Lang::En, LibraryError::TooLarge) => {
                format!("the saved-items file is too large (more than {LIST_LIMIT} entries)")
            }
            (crate::Lang::En, LibraryError::NotStored) => {
                "this browser's storage on the device is full, so nothing was saved; your saved items and history are as they were".to_string()
            }
        }
    }
}

/// How many entries an import added.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Merged {
    /// New bookmarks.
    pub bookmarks: usize,
    /// New history entries.
    pub history: usize,
    /// Entries of the file that could not be read, left out.
    pub skipped: usize,
}

/// One of a library's two lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shelf {
    Bookmarks,
    History,
}

impl Default for Library {
    fn default() -> Library {
        Library {
            version: 1,
            bookmarks: Vec::new(),
            history: Vec::new(),
        }
    }
}

impl Library {
    /// An empty library.
    pub fn new() -> Library {
        Library::default()
    }

    /// Reads a stored or exported library (see [`Library::parse_skipping`]).
    pub fn parse(text: &str) -> Result<Library, LibraryError> {
        Library::parse_skipping(text).map(|(library, _)| library)
    }

    /// Reads a stored or exported library, with how many of its entries could not be read
    /// and were left out: one entry edited by hand (no title, another kind, a date as text)
    /// refused the whole file, as if it were not one of this site's. A file without a version
    /// is read as version 1, and one with no history has none. It is refused when it is not a
    /// library at all: not JSON, neither list, or entries none of which reads.
    pub fn parse_skipping(text: &str) -> Result<(Library, usize), LibraryError> {
        #[derive(Deserialize)]
        struct Loose {
            version: Option<u32>,
            bookmarks: Option<Vec<serde_json::Value>>,
            history: Option<Vec<serde_json::Value>>,
        }
        let loose: Loose =
            serde_json::from_str(text).map_err(|e| LibraryError::Invalid(e.to_string()))?;
        if loose.bookmarks.is_none() && loose.history.is_none() {
            return Err(LibraryError::Invalid(
                "neither bookmarks nor history".into(),
            ));
        }
        if let Some(version) = loose.version.filter(|v| *v != 1) {
            return Err(LibraryError::Version(version));
        }
        let (bookmarks, history) = (
            loose.bookmarks.unwrap_or_default(),
            loose.history.unwrap_or_default(),
        );
        if bookmarks.len() > LIST_LIMIT || history.len() > LIST_LIMIT {
            return Err(LibraryError::TooLarge);
        }
        let mut skipped: Vec<String> = Vec::new();
        // A title keeps no marks of writing direction nor control characters: a file's `\u202E`
        // turned the saved page's own words after it backwards.
        let mut read = |list: Vec<serde_json::Value>| -> Vec<Entry> {
            list.into_iter()
                .filter_map(|v| {
                    serde_json::from_value(v)
                        .map_err(|e| skipped.push(e.to_string()))
                        .ok()
                })
                .map(|mut entry: Entry| {
                    entry
                        .title
                        .retain(|c| !(crate::text::is_invisible(c) || c.is_control()));
                    entry
                })
                .collect()
        };
        let library = Library {
            version: 1,
            bookmarks: read(bookmarks),
            history: read(history),
        };
        match skipped.first() {
            Some(why) if library.bookmarks.is_empty() && library.history.is_empty() => {
                Err(LibraryError::Invalid(why.clone()))
            }
            _ => Ok((library, skipped.len())),
        }
    }

    /// The library as JSON, for storage and export.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Whether an item is bookmarked.
    pub fn is_bookmarked(&self, kind: ItemKind, id: &str) -> bool {
        self.bookmarks.iter().any(|e| e.kind == kind && e.id == id)
    }

    /// Bookmarks the item, or removes its bookmark; returns whether it is now bookmarked.
    pub fn toggle_bookmark(&mut self, entry: Entry) -> bool {
        if self.remove(Shelf::Bookmarks, entry.kind, &entry.id) {
            return false;
        }
        self.bookmarks.insert(0, entry);
        true
    }

    /// Takes the item off the bookmarks (`Shelf::Bookmarks`) or the history; true when it was
    /// there.
    pub fn remove(&mut self, shelf: Shelf, kind: ItemKind, id: &str) -> bool {
        let list = match shelf {
            Shelf::Bookmarks => &mut self.bookmarks,
            Shelf::History => &mut self.history,
        };
        let before = list.len();
        list.retain(|e| !(e.kind == kind && e.id == id));
        list.len() < before
    }

    /// Empties a list, giving what it had (for an undo: [`Library::restore`]).
    pub fn clear(&mut self, shelf: Shelf) -> Vec<Entry> {
        std::mem::take(match shelf {
            Shelf::Bookmarks => &mut self.bookmarks,
            Shelf::History => &mut self.history,
        })
    }

    /// Puts back `entries` taken by [`Library::clear`], beside what was added since: an item
    /// in both keeps the later time.
    pub fn restore(&mut self, shelf: Shelf, entries: Vec<Entry>) {
        match shelf {
            Shelf::Bookmarks => merge_list(&mut self.bookmarks, entries, LIST_LIMIT),
            Shelf::History => merge_list(&mut self.history, entries, HISTORY_LIMIT),
        };
    }

    /// Records that an item was read: it moves to the top of the history.
    pub fn record_visit(&mut self, entry: Entry) {
        self.remove(Shelf::History, entry.kind, &entry.id);
        self.history.insert(0, entry);
        self.history.truncate(HISTORY_LIMIT);
    }

    /// Renames the entries of items renamed since (`moved`, the bundle's old ids), so that
    /// they lead to the item and its page knows it is saved; an entry the renamed item has
    /// already under its new id is kept once, at the later time. True when anything changed.
    pub fn follow_moves(&mut self, moved: &crate::Moved) -> bool {
        let renamed = |list: &mut Vec<Entry>| {
            let mut changed = false;
            for e in list.iter_mut() {
                let now = match e.kind {
                    ItemKind::Article => moved.articles.get(&e.id),
                    ItemKind::Project => moved.projects.get(&e.id),
                };
                if let Some(now) = now {
                    e.id.clone_from(now);
                    changed = true;
                }
            }
            if changed {
                let entries = std::mem::take(list);
                merge_list(list, entries, usize::MAX);
            }
            changed
        };
        let bookmarks = renamed(&mut self.bookmarks);
        renamed(&mut self.history) || bookmarks
    }

    /// Adds what `other` has and this library lacks; an item in both keeps the later time.
    pub fn merge(&mut self, other: Library) -> Merged {
        let bookmarks = merge_list(&mut self.bookmarks, other.bookmarks, LIST_LIMIT);
        let history = merge_list(&mut self.history, other.history, HISTORY_LIMIT);
        Merged {
            bookmarks,
            history,
            skipped: 0,
        }
    }
}

fn merge_list(list: &mut Vec<Entry>, other: Vec<Entry>, limit: usize) -> usize {
    let mut added = 0;
    for entry in other {
        match list
            .iter_mut()
            .find(|e| e.kind == entry.kind && e.id == entry.id)
        {
            Some(existing) => existing.at = existing.at.max(entry.at),
            None => {
                list.push(entry);
                added += 1;
            }
        }
    }
    list.sort_by_key(|e| std::cmp::Reverse(e.at));
    list.truncate(limit);
    added
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(kind: ItemKind, id: &str, at: u64) -> Entry {
        Entry {
            kind,
            id: id.into(),
            title: format!("标题 {id}"),
            at,
        }
    }

    #[test]
    fn bookmarks_toggle_and_history_moves_to_the_top() {
        let mut lib = Library::new();
        assert!(lib.toggle_bookmark(entry(ItemKind::Article, "a", 1)));
        assert!(lib.is_bookmarked(ItemKind::Article, "a"));
        assert!(!lib.is_bookmarked(ItemKind::Project, "a"));
        assert!(!lib.toggle_bookmark(entry(ItemKind::Article, "a", 2)));
        assert!(lib.bookmarks.is_empty());

        for i in 0..(HISTORY_LIMIT as u64 + 5) {
            lib.record_visit(entry(ItemKind::Project, &i.to_string(), i));
        }
        lib.record_visit(entry(ItemKind::Project, "10", 999));
        assert_eq!(lib.history.len(), HISTORY_LIMIT);
        assert_eq!(lib.history[0].id, "10");
        assert_eq!(lib.history.iter().filter(|e| e.id == "10").count(), 1);
    }

    #[test]
    fn entries_of_renamed_items_follow_them_to_their_new_ids() {
        let mut lib = Library::new();
        lib.toggle_bookmark(entry(ItemKind::Article, "kept", 1));
        lib.toggle_bookmark(entry(ItemKind::Article, "old", 2));
        lib.toggle_bookmark(entry(ItemKind::Project, "old", 3));
        lib.record_visit(entry(ItemKind::Article, "new", 5));
        lib.record_visit(entry(ItemKind::Article, "old", 4));
        let mut moved = crate::Moved::default();
        moved.articles.insert("old".into(), "new".into());
        assert!(lib.follow_moves(&moved));
        // The article's bookmark has its new id; the project of the same old id is another item.
        assert!(lib.is_bookmarked(ItemKind::Article, "new"));
        assert!(!lib.is_bookmarked(ItemKind::Article, "old"));
        assert!(lib.is_bookmarked(ItemKind::Project, "old"));
        assert!(lib.is_bookmarked(ItemKind::Article, "kept"));
        assert_eq!(lib.bookmarks.len(), 3);
        // Read under both ids: one entry, at the later time, its title as last seen.
        assert_eq!(lib.history.len(), 1);
        assert_eq!((lib.history[0].id.as_str(), lib.history[0].at), ("new", 5));
        // Nothing left to rename.
        assert!(!lib.follow_moves(&moved));
    }

    #[test]
    fn a_cleared_history_comes_back_whole_beside_what_was_read_since() {
        let mut lib = Library::new();
        lib.toggle_bookmark(entry(ItemKind::Article, "saved", 1));
        lib.record_visit(entry(ItemKind::Article, "a", 1));
        lib.record_visit(entry(ItemKind::Project, "b", 2));
        let cleared = lib.clear(Shelf::History);
        assert_eq!(cleared.len(), 2);
        assert!(lib.history.is_empty());
        assert!(lib.is_bookmarked(ItemKind::Article, "saved"));
        lib.record_visit(entry(ItemKind::Article, "a", 3));
        lib.restore(Shelf::History, cleared);
        let ids: Vec<(&str, u64)> = lib.history.iter().map(|e| (e.id.as_str(), e.at)).collect();
        assert_eq!(ids, [("a", 3), ("b", 2)]);
    }

    #[test]
    fn an_entry_is_removed_from_its_own_list_only() {
        let mut lib = Library::new();
        lib.toggle_bookmark(entry(ItemKind::Article, "a", 1));
        lib.record_visit(entry(ItemKind::Article, "a", 1));
        lib.record_visit(entry(ItemKind::Project, "a", 2));
        assert!(lib.remove(Shelf::History, ItemKind::Article, "a"));
        assert!(!lib.remove(Shelf::History, ItemKind::Article, "a"));
        assert_eq!(lib.history.len(), 1);
        assert_eq!(lib.history[0].kind, ItemKind::Project);
        assert!(lib.is_bookmarked(ItemKind::Article, "a"));
        assert!(lib.remove(Shelf::Bookmarks, ItemKind::Article, "a"));
        assert!(lib.bookmarks.is_empty());
    }

    #[test]
    fn export_then_import_round_trips_and_merges() {
        let mut lib = Library::new();
        lib.toggle_bookmark(entry(ItemKind::Article, "a", 5));
        lib.record_visit(entry(ItemKind::Article, "a", 5));
        let file = lib.to_json();
        assert_eq!(Library::parse(&file).unwrap(), lib);

        let mut other = Library::new();
        other.toggle_bookmark(entry(ItemKind::Project, "p", 9));
        other.toggle_bookmark(entry(ItemKind::Article, "a", 7));
        let merged = lib.merge(other);
        assert_eq!(
            merged,
            Merged {
                bookmarks: 1,
                history: 0,
                skipped: 0
            }
        );
        assert_eq!(
            lib.bookmarks
                .iter()
                .map(|e| (e.id.as_str(), e.at))
                .collect::<Vec<_>>(),
            [("p", 9), ("a", 7)]
        );
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        assert!(matches!(
            Library::parse("not json"),
            Err(LibraryError::Invalid(_))
        ));
        assert_eq!(
            Library::parse(r#"{"version":2,"bookmarks":[],"history":[]}"#),
            Err(LibraryError::Version(2))
        );
        assert_eq!(
            LibraryError::Version(2).message(crate::Lang::En),
            "saved-items file version 2 is unknown; export it again with the latest version"
        );
        // Nothing in it reads.
        let wrong_kind = r#"{"version":1,"bookmarks":[{"kind":"video","id":"x","title":"t","at":1}],"history":[]}"#;
        // The reader is told which file to pick, not what the parser expected.
        for bad in ["not json", "{}", wrong_kind] {
            let error = Library::parse(bad).unwrap_err();
            assert_eq!(
                error.to_string(),
                "这不是本站导出的收藏文件，请选择用「导出收藏文件」保存的 .json 文件"
            );
            assert!(!error.message(crate::Lang::En).contains("line"));
        }
        assert!(
            matches!(Library::parse(wrong_kind), Err(LibraryError::Invalid(why)) if why.contains("video"))
        );
    }

    /// A file edited by hand: its entries that read are imported, the others counted as left
    /// out; a file without its version or its history is read as it would have been.
    #[test]
    fn entries_that_do_not_read_are_left_out_and_counted() {
        let file = r#"{"version":1,"bookmarks":[
            {"kind":"article","id":"a","title":"甲","at":5},
            {"kind":"article","id":"b","at":5},
            {"kind":"video","id":"c","title":"丙","at":5},
            {"kind":"project","id":"d","title":"丁","at":"2026-01-01"}
        ],"history":[{"kind":"project","id":"p","title":"项目","at":3}]}"#;
        let (library, skipped) = Library::parse_skipping(file).unwrap();
        assert_eq!(skipped, 3);
        assert_eq!(
            library.bookmarks,
            [entry_titled(ItemKind::Article, "a", "甲", 5)]
        );
        assert_eq!(
            library.history,
            [entry_titled(ItemKind::Project, "p", "项目", 3)]
        );
        let marked =
            r#"{"bookmarks":[{"kind":"article","id":"a","title":"T1\u202e\u0007甲","at":5}]}"#;
        assert_eq!(Library::parse(marked).unwrap().bookmarks[0].title, "T1甲");
        let bare = r#"{"bookmarks":[{"kind":"article","id":"a","title":"甲","at":5}]}"#;
        let (library, skipped) = Library::parse_skipping(bare).unwrap();
        assert_eq!(
            (library.bookmarks.len(), library.history.len(), skipped),
            (1, 0, 0)
        );
        assert_eq!(library.version, 1);
    }

    fn entry_titled(kind: ItemKind, id: &str, title: &str, at: u64) -> Entry {
        Entry {
            title: title.into(),
            ..entry(kind, id, at)
        }
    }
}
