//! The investment contact card: hotline, WeChat ID to copy, e-mail, and what to tell us.

use leptos::prelude::*;
use parkreader_core::links::{is_email, tel_href};
use parkreader_core::Contact;

use crate::browser;
use crate::i18n::ui;

/// The site's contact, from the bundle.
#[component]
pub fn ContactCard(contact: Contact) -> impl IntoView {
    let copied = RwSignal::new(None::<bool>);
    let t = ui();
    let hotline = contact.hotline.clone();
    let tel = tel_href(&contact.hotline);
    let wechat = contact.wechat_id.clone().map(|id| {
        let to_copy = id.clone();
        let copy = move |_| {
            let text = to_copy.clone();
            leptos::task::spawn_local(async move {
                copied.set(Some(browser::copy_text(&text).await));
            });
        };
        view! {
            <li>
                <span class="contact-label">{t.wechat}</span>
                <span class="contact-value wechat-id">{id}</span>
                <button type="button" class="button small" on:click=copy>{t.copy_wechat}</button>
                <span class="copy-status" role="status">
                    {move || match copied.get() {
                        Some(true) => t.copied,
                        Some(false) => t.copy_wechat_failed,
                        None => "",
                    }}
                </span>
            </li>
        }
    });
    let email = contact.email.filter(|e| is_email(e)).map(|e| {
        let href = format!("mailto:{e}");
        view! {
            <li>
                <span class="contact-label">{t.email}</span>
                <a class="contact-value" href=href>{e}</a>
            </li>
        }
    });
    let checklist = (!contact.inquiry_checklist.is_empty()).then(|| {
        view! {
            <p class="checklist-intro">{t.inquiry_intro}</p>
            <ul class="checklist" lang="zh-CN">
                {contact.inquiry_checklist.into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}
            </ul>
        }
    });
    view! {
        <aside class="contact-card" aria-labelledby="contact-heading">
            <h2 id="contact-heading">{t.contact}</h2>
            <ul class="contact-lines">
                <li>
                    <span class="contact-label">{t.hotline}</span>
                    {match tel {
                        Some(href) => view! { <a class="contact-value hotline" href=href>{hotline}</a> }.into_any(),
                        None => view! { <span class="contact-value">{hotline}</span> }.into_any(),
                    }}
                </li>
                {wechat}
                {email}
            </ul>
            {checklist}
        </aside>
    }
}
