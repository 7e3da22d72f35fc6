//! parkreader's pure logic, shared by the WebAssembly reader and the native tools.
//!
//! Nothing here touches a browser: the bundle format ([`bundle`]), reading and validating it
//! ([`validate`]; lists may come as columns, [`columns`]), dates ([`date`]), money and quantities ([`money`]), which URLs may appear in
//! a page ([`links`]), lookups and related items ([`catalog`]), search ([`text`], [`search`]),
//! list views kept in the URL ([`query`]) and answered with facet counts ([`browse`]), and the
//! reader's bookmarks and history ([`library`]), and the interface's words in both languages
//! ([`i18n`]), and the part of a bundle one page shows ([`part`]).
//! All of it is tested natively.

pub mod browse;
pub mod bundle;
pub mod catalog;
pub mod columns;
pub mod date;
pub mod i18n;
pub mod library;
pub mod links;
pub mod money;
pub mod part;
pub mod query;
pub mod search;
pub mod shards;
pub mod share;
pub mod text;
pub mod validate;

pub use bundle::*;
pub use date::{Date, DateError};
pub use money::{format_quantity, group_thousands, unit_name, Currency, Investment};
pub use validate::{parse_body, parse_bundle, validate, BundleError, Problem};

/// The reader's interface languages. Content stays as published; these drive formatting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Simplified Chinese (zh-CN), the default.
    #[default]
    Zh,
    /// English.
    En,
}
