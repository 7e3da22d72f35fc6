//! The reading-size control (字号): three sizes for the whole page, set on the root element as
//! `html[data-text-size]` (the stylesheet scales `rem` from it) and kept on this device.

use leptos::prelude::*;

use crate::i18n::ui;
use crate::offline::{storage_get, storage_set};

const KEY: &str = "parkreader:text-size";

/// Values in storage and on the root element.
const SIZES: [&str; 3] = ["normal", "large", "larger"];

fn saved() -> &'static str {
    let stored = storage_get(KEY);
    SIZES
        .iter()
        .copied()
        .find(|value| stored.as_deref() == Some(*value))
        .unwrap_or("normal")
}

fn apply(value: &str) {
    crate::browser::set_root_attribute("data-text-size", value);
}

/// Applies the size this device chose before, when the app starts.
pub fn apply_saved() {
    apply(saved());
}

/// 字号 (text size): 标准 / 大 / 特大, one pressed.
#[component]
pub fn TextSize() -> impl IntoView {
    let current = RwSignal::new(saved());
    let t = ui();
    let labels = [t.size_normal, t.size_large, t.size_larger];
    let buttons = SIZES
        .into_iter()
        .zip(labels)
        .map(|(value, label)| {
            let choose = move |_| {
                current.set(value);
                storage_set(KEY, value);
                apply(value);
            };
            view! {
                <button type="button" class="chip" aria-pressed=move || (current.get() == value).to_string() on:click=choose>
                    {label}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="text-size" role="group" aria-labelledby="text-size-label">
            <span id="text-size-label" class="text-size-label">{t.text_size}</span>
            {buttons}
        </div>
    }
}
