//! `/projects/:id`: a project's facts, timeline and the news about it.

use std::sync::Arc;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use parkreader_core::part::RELATED_PROJECTS;
use parkreader_core::{format_quantity, unit_name, Bundle, Date, Lang, Project};

use crate::i18n::{lang, ui, written_lang};

use crate::components::blocks::{BodyBlocks, Picture};
use crate::components::cards::{ArticleLinks, ProjectCard};
use crate::components::contact::ContactCard;
use crate::components::library::BookmarkButton;
use crate::components::meta::{Breadcrumb, Crumb, DateText, PageHead, PageInfo, StatusBadge};
use crate::components::reading::TextSize;
use crate::components::share::ShareButton;
use crate::components::states::{closest_item, meant_id, with_bundle, NotFound};
use crate::state::use_today;
use parkreader_core::library::ItemKind;

/// A project; not-found for an unknown id.
#[component]
pub fn ProjectPage() -> impl IntoView {
    let params = use_params_map();
    with_bundle(move |bundle| {
        let id = meant_id(
            &params.read(),
            "projects",
            &|id| bundle.project(id).is_some(),
            Some(&bundle.moved.projects),
        );
        match bundle.project(&id).cloned() {
            Some(project) => view! { <ProjectView project bundle /> }.into_any(),
            None => {
                let items = bundle
                    .projects
                    .iter()
                    .map(|x| (x.id.as_str(), x.name.as_str()))
                    .collect();
                let meant = closest_item(&id, "projects", items);
                view! { <NotFound what=ui().not_found_project meant /> }.into_any()
            }
        }
    })
}

#[component]
fn ProjectView(project: Project, bundle: Arc<Bundle>) -> impl IntoView {
    let lang = lang();
    let t = lang.ui();
    let facts = key_facts(&project, &bundle, lang);
    let timeline = timeline(&project, lang);
    let today = use_today();
    let articles: Vec<_> = bundle
        .articles_for_project(&project)
        .into_iter()
        .cloned()
        .collect();
    let related: Vec<_> = bundle
        .related_projects(&project, RELATED_PROJECTS)
        .into_iter()
        .cloned()
        .collect();
    let b = bundle.clone();
    view! {
        <PageHead
            info=PageInfo {
                title: project.name.clone(),
                description: project.summary.clone(),
                path: format!("/projects/{}", project.id),
                image: project.cover.as_ref().map(|c| c.src.clone()),
                kind: "article",
            }
            bundle=bundle.clone()
        />
        <Breadcrumb crumbs=vec![Crumb::link(t.home, "/"), Crumb::link(t.investment_projects, "/projects"), Crumb::here(project.name.clone())] />
        <article class="project">
            <header class="project-header">
                <StatusBadge project=project.clone() bundle=bundle.clone() />
                <h1 lang=written_lang(&project.name)>{project.name.clone()}</h1>
                <div class="item-actions">
                    <BookmarkButton kind=ItemKind::Project id=project.id.clone() title=project.name.clone() />
                    <ShareButton path=format!("/projects/{}", project.id) title=project.name.clone() />
                    <TextSize />
                </div>
                <p class="lead" lang=written_lang(&project.summary)>{project.summary.clone()}</p>
            </header>
            <dl class="facts">
                {facts
                    .into_iter()
                    .map(|(label, value, title)| {
                        // Names as published (an investor, a park without an English name).
                        let lang = crate::i18n::text_lang(&value);
                        let exact = title.clone();
                        view! {
                            <div class="fact">
                                <dt>{label}</dt>
                                // The amount's exact figure shows under it: a tooltip only,
                                // a phone or a keyboard never reached it.
                                <dd title=title lang=lang><span>{value}</span>{exact.map(|exact| view! { <small>{exact}</small> })}</dd>
                            </div>
                        }
                    })
                    .collect_view()}
            </dl>
            // The facts first, the cover after: a tall photo put the amount and status below a
            // phone's first screen.
            {project.cover.clone().map(|image| view! { <Picture image eager=true /> })}
            {(!project.capacity.is_empty()).then(|| view! {
                <section aria-labelledby="capacity-heading">
                    <h2 id="capacity-heading">{t.capacity}</h2>
                    <ul class="capacity">
                        {project.capacity.iter().map(|c| {
                            // 300架/年; 300 aircraft/yr.
                            let unit = unit_name(&c.unit, lang);
                            let unit_lang = written_lang(&unit);
                            let space = if lang == Lang::En { " " } else { "" };
                            let amount = format!("{}{space}{unit}", format_quantity(c.quantity, lang));
                            view! {
                                <li><span lang="zh-CN">{c.product.clone()}</span><strong lang=unit_lang>{amount}</strong></li>
                            }
                        }).collect_view()}
                    </ul>
                </section>
            })}
            {(!timeline.is_empty()).then(|| view! {
                <section aria-labelledby="timeline-heading">
                    <h2 id="timeline-heading">{t.timeline}</h2>
                    <ol class="timeline">
                        {timeline.into_iter().map(|(label, date)| {
                            let done = today.as_ref().is_some_and(|t| date <= *t);
                            view! {
                                <li class:done=done>
                                    <span class="timeline-label">{label}</span>
                                    <DateText date />
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                </section>
            })}
            {(!project.description.is_empty()).then(|| view! {
                <section aria-labelledby="about-heading">
                    <h2 id="about-heading">{t.about_project}</h2>
                    <BodyBlocks blocks=project.description.clone() under_heading=true />
                </section>
            })}
        </article>
        {(!articles.is_empty()).then(|| view! {
            <section class="related" aria-labelledby="project-news-heading">
                <h2 id="project-news-heading">{t.project_news}</h2>
                <ArticleLinks articles with_summary=true />
            </section>
        })}
        <ContactCard contact=bundle.site.contact.clone() />
        {(!related.is_empty()).then(|| view! {
            <section class="related" aria-labelledby="related-projects-heading">
                <h2 id="related-projects-heading">{t.related_projects}</h2>
                <div class="card-grid">
                    {related.into_iter().map(|p| view! { <ProjectCard project=p bundle=b.clone() /> }).collect_view()}
                </div>
            </section>
        })}
    }
}

/// Label, value and tooltip of each known fact, in reading order.
fn key_facts(
    project: &Project,
    bundle: &Bundle,
    lang: Lang,
) -> Vec<(&'static str, String, Option<String>)> {
    let t = lang.ui();
    let mut facts = Vec::new();
    if let Some(i) = project.investment {
        facts.push((
            t.fact_investment,
            i.format(lang),
            Some(i.format_exact(lang)),
        ));
    }
    if let Some(term) = bundle.industry(&project.industry) {
        facts.push((t.fact_industry, term.label(lang).to_string(), None));
    }
    if let Some(term) = bundle.district(&project.district) {
        facts.push((t.fact_district, term.label(lang).to_string(), None));
    }
    if let Some(p) = project.park.as_deref().and_then(|p| bundle.park(p)) {
        facts.push((t.fact_park, p.label(lang).to_string(), None));
    }
    facts.push((t.fact_investor, project.investor.clone(), None));
    if !project.partners.is_empty() {
        facts.push((t.fact_partners, lang.join(&project.partners), None));
    }
    if let Some(mu) = project.land_mu {
        facts.push((t.fact_land, lang.land_mu(mu), None));
    }
    facts
}

/// The milestones that have dates, in order.
fn timeline(project: &Project, lang: Lang) -> Vec<(&'static str, Date)> {
    let d = &project.dates;
    let t = lang.ui();
    [
        (t.milestone_signed, &d.signed),
        (t.milestone_started, &d.started),
        (t.milestone_planned, &d.completion_planned),
        (t.milestone_completed, &d.completion_actual),
    ]
    .into_iter()
    .filter_map(|(label, date)| date.clone().map(|date| (label, date)))
    .collect()
}
