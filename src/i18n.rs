//! The interface language: zh-CN unless the reader chose English on this device.
//!
//! The choice is one signal in context ([`Locale`]) and one key in `localStorage`. Switching
//! rebuilds the app's frame under the router (see [`crate::app::App`]), so components read the
//! language once, untracked, with [`lang`] or [`ui`]; nothing else needs to follow it. The
//! words themselves live in `parkreader_core::i18n`, tested natively. Prerendered pages are
//! Chinese; a reader who chose English sees English once the app starts.

use leptos::prelude::*;
use parkreader_core::i18n::Ui;
use parkreader_core::Lang;

use crate::offline::{storage_get, storage_set};

const KEY: &str = "parkreader:lang";

/// The interface language, provided as context by the app.
#[derive(Clone, Copy)]
pub struct Locale(pub RwSignal<Lang>);

impl Locale {
    /// Provides the language this device chose before (Chinese if none) and sets `<html lang>`.
    pub fn provide() -> Locale {
        let locale = Locale(RwSignal::new(saved()));
        apply(locale.0.get_untracked());
        provide_context(locale);
        locale
    }

    /// Switches to `lang`, remembers it and sets `<html lang>`.
    pub fn set(self, lang: Lang) {
        storage_set(KEY, lang.code());
        apply(lang);
        self.0.set(lang);
    }
}

/// The language chosen on this device before, if any.
pub fn saved() -> Lang {
    storage_get(KEY)
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default()
}

/// `lang` for a piece of published text the interface shows in a list of its own words (a fact,
/// a breadcrumb): `zh-CN` when it has Chinese characters, as a name without an English form
/// does. Titles, summaries and bodies carry the language they are written in ([`Script`]).
pub fn text_lang(text: &str) -> Option<&'static str> {
    text.chars().any(is_han).then_some("zh-CN")
}

/// `lang` for a taxonomy name the interface shows among its own words (a facet's option, a card's
/// category, a category's heading): `zh-CN` in the English interface for a name without an English
/// form, so that a screen reader says it in Chinese; none in the Chinese one, which is the page's.
pub fn term_lang(lang: Lang, name: &str) -> Option<&'static str> {
    (lang == Lang::En).then(|| text_lang(name)).flatten()
}

/// A Chinese character (CJK Unified Ideographs), as [`text_lang`] and [`Script`] count them.
pub fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// What published text is written in, counted over one or more pieces: its Chinese characters
/// and its English letters, web addresses aside (`原文：https://www.jiangning.gov.cn/…` is
/// Chinese).
#[derive(Default)]
pub struct Script {
    chinese: usize,
    letters: usize,
}

impl Script {
    pub fn add(&mut self, text: &str) {
        self.chinese += text.chars().filter(|&c| is_han(c)).count();
        self.letters += text
            .split(|c: char| !c.is_ascii_graphic())
            // Addresses are no words: a Chinese paragraph giving a web or mail address stays
            // Chinese (联系邮箱：invest@binjiang.gov.cn).
            .filter(|word| {
                !word.contains("://") && !word.starts_with("www.") && !word.contains('@')
            })
            .map(|word| word.chars().filter(char::is_ascii_alphabetic).count())
            .sum::<usize>();
    }

    /// `zh-CN`, unless the text is English: fewer Chinese characters than English words (about
    /// four letters each), as in an English article naming a Chinese park. The browser then
    /// breaks, hyphenates and reads it aloud as English.
    pub fn lang(&self) -> &'static str {
        if self.chinese * 4 < self.letters {
            "en"
        } else {
            "zh-CN"
        }
    }
}

/// `lang` for a published title or summary: see [`Script::lang`].
pub fn written_lang(text: &str) -> &'static str {
    let mut script = Script::default();
    script.add(text);
    script.lang()
}

/// The current interface language; Chinese where none is provided (prerendering).
pub fn lang() -> Lang {
    use_context::<Locale>()
        .map(|l| l.0.get_untracked())
        .unwrap_or_default()
}

/// The interface's fixed strings in the current language.
pub fn ui() -> &'static Ui {
    lang().ui()
}

fn apply(lang: Lang) {
    crate::browser::set_root_attribute("lang", lang.tag());
}

/// The switch to the other language, named in that language ("English" / "中文").
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let locale = use_context::<Locale>();
    let t = ui();
    let switch = move |_| {
        if let Some(locale) = locale {
            locale.set(locale.0.get_untracked().other());
            // The app is rebuilt in the new language; keep the keyboard where it was.
            request_animation_frame(|| {
                if let Some(el) = document().get_element_by_id("lang-switch") {
                    use wasm_bindgen::JsCast;
                    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                        let _ = el.focus();
                    }
                }
            });
        }
    };
    view! {
        <button id="lang-switch" type="button" class="lang-switch" lang=t.other_language_code title=t.switch_language on:click=switch>
            {t.other_language}
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::written_lang;

    #[test]
    fn a_chinese_paragraph_with_an_address_is_chinese_and_english_text_is_english() {
        assert_eq!(
            written_lang("联系邮箱：<invest@binjiang.example.org>"),
            "zh-CN"
        );
        assert_eq!(
            written_lang("联系人：张先生，Email: zhang.san@binjiang.example.org"),
            "zh-CN"
        );
        assert_eq!(
            written_lang("详见https://www.example.gov.cn/zc/1.html。"),
            "zh-CN"
        );
        assert_eq!(
            written_lang("Write to invest@binjiang.example.org about the Jinshan park."),
            "en"
        );
    }
}
