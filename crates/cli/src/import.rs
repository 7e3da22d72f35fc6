//! `parkreader import BUNDLE --out content`: a bundle file written out as a content folder
//! (docs/content.md), for publishers who start from JSON. Reading the folder back gives the
//! same articles and projects.

use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::Path;

use parkreader_core::{parse_body, parse_bundle, Block, Image};
use serde::Serialize;

#[derive(Serialize)]
struct SiteFile<'a> {
    site: &'a parkreader_core::Site,
    taxonomies: &'a parkreader_core::Taxonomies,
}

/// Writes `bundle` (a file; its `/media/…` and `/data/…` URLs are looked up beside its `data/`
/// folder) into the content folder `out`, which must not exist yet or be empty: an import
/// overwrites files of the same names and would mix its content with what was there. Returns
/// the number of content files written (site.toml, articles, projects).
pub fn import(bundle_path: &Path, out: &Path) -> io::Result<usize> {
    if fs::read_dir(out).is_ok_and(|mut entries| entries.next().is_some()) {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!(
                "{} is not empty: an import writes a whole content folder (site.toml, articles/, \
                 projects/) and would overwrite files there and mix its content with theirs; \
                 give --out a folder that does not exist yet",
                out.display()
            ),
        ));
    }
    let text = fs::read_to_string(bundle_path)?;
    let mut bundle = parse_bundle(&text)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.to_string()))?;
    let site_root = crate::build::site_root(bundle_path);
    for dir in ["articles", "projects", "media", "files"] {
        fs::create_dir_all(out.join(dir))?;
    }
    let mut written = 0;
    let site = toml::to_string(&SiteFile {
        site: &bundle.site,
        taxonomies: &bundle.taxonomies,
    })
    .map_err(io::Error::other)?;
    fs::write(out.join("site.toml"), site)?;
    written += 1;

    let copy_media = |image: &mut Image| -> io::Result<()> {
        if let Some(name) = image.src.strip_prefix("/media/") {
            fs::copy(
                site_root.join("media").join(name),
                out.join("media").join(name),
            )?;
            image.src = format!("../media/{name}");
        }
        Ok(())
    };
    for article in &mut bundle.articles {
        let mut blocks = article.body.take().unwrap_or_default();
        if let Some(url) = article.body_url.take() {
            let body = fs::read_to_string(site_root.join(url.trim_start_matches('/')))?;
            blocks = parse_body(&body)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, format!("{url}: {e}")))?;
        }
        copy_images(article.cover.as_mut(), &mut blocks, &copy_media)?;
        copy_attachments(&mut blocks, site_root, out)?;
        let aliases = old_pages(&bundle.moved.articles, "articles", &article.id);
        write_item(
            &out.join("articles"),
            &article.id,
            &*article,
            &blocks,
            &aliases,
        )?;
        written += 1;
    }
    for project in &mut bundle.projects {
        let mut blocks = std::mem::take(&mut project.description);
        copy_images(project.cover.as_mut(), &mut blocks, &copy_media)?;
        copy_attachments(&mut blocks, site_root, out)?;
        let aliases = old_pages(&bundle.moved.projects, "projects", &project.id);
        write_item(
            &out.join("projects"),
            &project.id,
            &*project,
            &blocks,
            &aliases,
        )?;
        written += 1;
    }
    Ok(written)
}

/// Attachments the blocks link to (`/files/<name>`) copied into the content folder's `files/`,
/// (which [`markdown`] links as `../files/<name>`). Their link text loses the kind and size the build
/// added at its end (`（PDF，1.2 MB）`), which the next build adds again.
fn copy_attachments(blocks: &mut [Block], site_root: &Path, out: &Path) -> io::Result<()> {
    use parkreader_core::{Span, TextLink};
    let copy =
        |text: &mut String, links: &mut [TextLink], strong: &mut Vec<Span>| -> io::Result<()> {
            let chars: Vec<char> = text.chars().collect();
            // The labels to take out, as character ranges of the text as it is.
            let mut cuts: Vec<(usize, usize)> = Vec::new();
            for link in links.iter() {
                let Some(name) = link
                    .href
                    .split('#')
                    .next()
                    .and_then(|p| p.strip_prefix("/files/"))
                else {
                    continue;
                };
                fs::copy(
                    site_root.join("files").join(name),
                    out.join("files").join(name),
                )?;
                let (start, end) = (link.start as usize, (link.end as usize).min(chars.len()));
                let linked: String = chars[start.min(end)..end].iter().collect();
                // Only the label the build wrote, `（PDF，1.2 MB）`: not a publisher's `办法（试行）`.
                let ext = name.rsplit('.').next().unwrap_or("");
                if let Some(cut) = linked
                    .rfind('（')
                    .filter(|&at| at > 0 && crate::content::is_attachment_label(&linked[at..], ext))
                {
                    cuts.push((end - linked[cut..].chars().count(), end));
                }
            }
            if cuts.is_empty() {
                return Ok(());
            }
            // Where a place in the text is once the labels are out.
            let moved = |p: u32| -> u32 {
                let p = p as usize;
                let before: usize = cuts
                    .iter()
                    .map(|&(from, to)| p.min(to).saturating_sub(from))
                    .sum();
                (p - before) as u32
            };
            *text = chars
                .iter()
                .enumerate()
                .filter(|(i, _)| !cuts.iter().any(|&(from, to)| (from..to).contains(i)))
                .map(|(_, c)| c)
                .collect();
            for link in links.iter_mut() {
                (link.start, link.end) = (moved(link.start), moved(link.end));
            }
            for span in strong.iter_mut() {
                (span.start, span.end) = (moved(span.start), moved(span.end));
            }
            strong.retain(|s| s.start < s.end);
            Ok(())
        };
    for block in blocks {
        match block {
            Block::Paragraph {
                text,
                links,
                strong,
            } => copy(text, links, strong)?,
            Block::List {
                items,
                links,
                strong,
                ..
            } => {
                for (i, item) in items.iter_mut().enumerate() {
                    let Some(links) = links.get_mut(i) else {
                        break;
                    };
                    let mut none = Vec::new();
                    copy(item, links, strong.get_mut(i).unwrap_or(&mut none))?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

fn copy_images(
    cover: Option<&mut Image>,
    blocks: &mut [Block],
    copy: &impl Fn(&mut Image) -> io::Result<()>,
) -> io::Result<()> {
    if let Some(cover) = cover {
        copy(cover)?;
    }
    for block in blocks {
        if let Block::Figure { image, .. } = block {
            copy(image)?;
        }
    }
    Ok(())
}

/// The old pages of the item `id` of `list` that was renamed (the bundle's `moved`), as the
/// front matter's `aliases` gives them.
fn old_pages(moved: &BTreeMap<String, String>, list: &str, id: &str) -> Vec<String> {
    moved
        .iter()
        .filter(|(_, now)| *now == id)
        .map(|(old, _)| format!("/{list}/{old}/"))
        .collect()
}

/// `<dir>/<id>.md`: the item's fields as front matter (its body already taken out), with its
/// old addresses (`aliases`) first, then the body.
fn write_item(
    dir: &Path,
    id: &str,
    item: &impl Serialize,
    blocks: &[Block],
    aliases: &[String],
) -> io::Result<()> {
    let mut front = toml::to_string(item).map_err(io::Error::other)?;
    if !aliases.is_empty() {
        #[derive(Serialize)]
        struct Aliases<'a> {
            aliases: &'a [String],
        }
        let line = toml::to_string(&Aliases { aliases }).map_err(io::Error::other)?;
        front.insert_str(0, &line);
    }
    fs::write(
        dir.join(format!("{id}.md")),
        format!("+++\n{front}+++\n\n{}", markdown(blocks)),
    )
}

/// Body blocks as Markdown that reads back into the same blocks.
pub fn markdown(blocks: &[Block]) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Paragraph {
                text,
                links,
                strong,
            } => out.push_str(&linked(text, links, strong, 0)),
            Block::Heading { level, text } => {
                out.push_str(&"#".repeat(usize::from(*level)));
                out.push(' ');
                out.push_str(&escape(text));
            }
            Block::Quote { text, cite } => {
                // Its paragraphs, apart within the quote.
                out.push_str("> ");
                out.push_str(
                    &text
                        .split('\n')
                        .map(escape)
                        .collect::<Vec<_>>()
                        .join("\n>\n> "),
                );
                if let Some(cite) = cite {
                    out.push_str("\n> —— ");
                    out.push_str(&escape(cite));
                }
            }
            Block::Figure { image, caption } => {
                out.push_str(&format!("![{}]({}", escape(&image.alt), image.src));
                if let Some(caption) = caption {
                    out.push_str(&format!(" \"{}\"", caption.replace('"', "\\\"")));
                }
                out.push(')');
            }
            Block::List {
                ordered,
                start,
                items,
                links,
                strong,
            } => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push('\n');
                    }
                    let marker = if *ordered {
                        format!("{}. ", start.unwrap_or(1) as usize + i)
                    } else {
                        "- ".to_string()
                    };
                    out.push_str(&marker);
                    let links = links.get(i).map_or(&[][..], Vec::as_slice);
                    let strong = strong.get(i).map_or(&[][..], Vec::as_slice);
                    out.push_str(&linked(item, links, strong, marker.len()));
                }
            }
        }
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// A paragraph's or a list item's text as Markdown: each run as it reads, a link as
/// `[text](<href>)`, a part in bold as `**text**`, a line break (`\n`) as a hard break (a `\`
/// at the end of the line), each next line indented by `indent` spaces (to stay in a list item).
fn linked(
    text: &str,
    links: &[parkreader_core::TextLink],
    strong: &[parkreader_core::Span],
    indent: usize,
) -> String {
    let mut out = String::new();
    // A break at the very end would be a `\` standing for itself; breaks between runs stay.
    let text = text.trim_end_matches('\n');
    let runs = parkreader_core::links::marked_runs(text, links, strong);
    let newline = format!("\\\n{}", " ".repeat(indent));
    // Runs of one link together, as one `[…](…)` with its bold parts inside; a bold part that
    // goes over a line break is bold on each line.
    for group in runs.chunk_by(|a, b| a.href == b.href) {
        let inner: String = group
            .iter()
            .map(|run| {
                run.text
                    .split('\n')
                    .map(|line| {
                        let line = escape(line);
                        if run.strong {
                            bold(&line)
                        } else {
                            line
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(&newline)
            })
            .collect();
        match group[0].href {
            // An attachment, copied into the content folder's `files/` by `copy_attachments`.
            Some(href) => match href.strip_prefix("/files/") {
                Some(file) => out.push_str(&format!("[{inner}](<../files/{file}>)")),
                None => out.push_str(&format!("[{inner}](<{href}>)")),
            },
            None => out.push_str(&inner),
        }
    }
    out
}

/// A line of text (written as Markdown) in bold: `**碳纤维**`. Markdown takes `**` for bold
/// only where it does not stand between a letter and punctuation or a space, so the
/// punctuation and spaces at either end stay outside: `“**紫金山英才**”`, `**详见** `.
fn bold(text: &str) -> String {
    let outside = |c: char| {
        c.is_whitespace()
            || c.is_ascii_punctuation()
            || matches!(c, '\u{2010}'..='\u{2027}' | '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF0F}' | '\u{FF1A}'..='\u{FF20}' | '\u{FF3B}'..='\u{FF40}' | '\u{FF5B}'..='\u{FF65}')
    };
    let inner = text.trim_matches(outside);
    if inner.is_empty() {
        return text.to_string();
    }
    let at = text.find(inner).unwrap_or(0);
    format!("{}**{inner}**{}", &text[..at], &text[at + inner.len()..])
}

/// Text that Markdown reads back as the same text.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        let special = matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '!' | '#' | '|'
        ) || (i == 0 && matches!(c, '-' | '+' | '=' | '~'));
        if special {
            out.push('\\');
        }
        out.push(c);
    }
    // "1. " or "1) " at the start would read as a numbered list.
    if let Some(dot) = out.find(['.', ')']) {
        let numbered = out[dot + 1..].starts_with(' ') || out.len() == dot + 1;
        if dot > 0 && numbered && out[..dot].chars().all(|c| c.is_ascii_digit()) {
            out.insert(dot, '\\');
        }
    }
    out
}
