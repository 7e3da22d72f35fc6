//! Text folding for matching: full-width forms to half-width, ideographic space to space,
//! letters to lowercase, traditional characters to simplified ones. One character in, one
//! character out, so a position in folded text is the same position in the original, which is
//! what highlighting needs.

use std::sync::OnceLock;

/// Folds one character.
///
/// ```
/// use parkreader_core::text::fold_char;
/// assert_eq!(fold_char('Ｋ'), 'k');
/// assert_eq!(fold_char('４'), '4');
/// assert_eq!(fold_char('碳'), '碳');
/// assert_eq!(fold_char('纖'), '纤');
/// assert_eq!(fold_char('\u{3000}'), ' ');
/// ```
pub fn fold_char(c: char) -> char {
    match c {
        // A reader who types traditional characters (Hong Kong, Taiwan, overseas) finds the
        // simplified text: 碳纖維 matches 碳纤维. Both sides are folded, so a character that two
        // simplified ones share (乾, 干) matches either.
        '\u{4E1F}'..='\u{9F9C}' => simplified(c),
        'A'..='Z' => c.to_ascii_lowercase(),
        _ if c.is_ascii() => c,
        // Full-width ASCII variants (！ to ～) map onto ASCII.
        '\u{FF01}'..='\u{FF5E}' => {
            char::from_u32(c as u32 - 0xFEE0).map_or(c, |h| h.to_ascii_lowercase())
        }
        '\u{3000}' => ' ',
        _ => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        }
    }
}

/// Traditional characters and their simplified forms, 2,737 of them, one to one
/// (`data/t2s.bin`, encoded from `data/t2s.txt` of the crate simplet2s 0.2.0, MIT, and
/// `data/t2s-extra.txt`, ours: 著, 藉 and 祇, which that list leaves out because they are also
/// simplified characters, though 意味著 and 隨著 are how Taiwan writes 意味着 and 随着): for each
/// traditional character in order, one byte, its step from the one before (from U+4E00); then
/// for each, two bytes, its simplified form's signed distance from it. 5.4 KB of brotli, where
/// the pairs as they are took 8.8 KB.
static T2S: &[u8] = include_bytes!("../data/t2s.bin");

/// The pairs of [`T2S`], decoded once.
fn t2s() -> &'static [(u32, u32)] {
    static TABLE: OnceLock<Vec<(u32, u32)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let (steps, distances) = T2S.split_at(T2S.len() / 3);
        let mut traditional = 0x4E00u32;
        steps
            .iter()
            .zip(distances.chunks_exact(2))
            .map(|(&step, d)| {
                traditional += u32::from(step);
                let distance = i32::from(i16::from_le_bytes([d[0], d[1]]));
                (traditional, traditional.saturating_add_signed(distance))
            })
            .collect()
    })
}

/// The simplified form of a traditional character, or the character itself.
fn simplified(c: char) -> char {
    let table = t2s();
    table
        .binary_search_by_key(&u32::from(c), |&(t, _)| t)
        .ok()
        .and_then(|i| char::from_u32(table[i].1))
        .unwrap_or(c)
}

/// Folds a string (see [`fold_char`]).
///
/// ```
/// assert_eq!(parkreader_core::text::fold("４８Ｋ大丝束 CH2000"), "48k大丝束 ch2000");
/// ```
pub fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// The search terms in what a reader typed: folded, split on white space and on punctuation
/// that parts words (commas, quotes, brackets, dashes, a tilde: `碳纤维，金山`, `“碳纤维”`,
/// `‘碳纤维’`, `〈碳纤维〉`, `碳纤维——`), repeats dropped. A point, `%`, `-` and `+` stay inside a
/// term (`32.7亿元`, `89.2%`, `C++`, `5G+`), except a `+` after a Chinese character or a space,
/// which many readers type for "and" (`金山+碳纤维`); an apostrophe stays only between two
/// Latin letters or digits (`China's`, `China’s`), and is a quote mark anywhere else (`'48K'`).
///
/// ```
/// assert_eq!(parkreader_core::text::terms("  碳纤维　金山 碳纤维 "), ["碳纤维", "金山"]);
/// assert_eq!(parkreader_core::text::terms("“碳纤维”，金山、32.7亿元"), ["碳纤维", "金山", "32.7亿元"]);
/// assert_eq!(parkreader_core::text::terms("China's China’s"), ["china's", "china’s"]);
/// assert_eq!(parkreader_core::text::terms("‘碳纤维’ '48K' 〈金山〉——"), ["碳纤维", "48k", "金山"]);
/// assert_eq!(parkreader_core::text::terms("金山＋碳纤维 C++"), ["金山", "碳纤维", "c++"]);
/// ```
pub fn terms(query: &str) -> Vec<String> {
    let folded: Vec<char> = fold(query).chars().filter(|&c| !is_invisible(c)).collect();
    let word = |at: Option<&char>| at.is_some_and(|c| c.is_ascii_alphanumeric());
    let parts = |i: usize| {
        let c = folded[i];
        let before = i.checked_sub(1).map(|b| folded[b]);
        c.is_whitespace()
            || ",;:!?\"()[]{}<>~、。“”「」『』《》【】〈〉〔〕〖〗«»…·—–―".contains(c)
            // (A `+` parts unless it follows a letter, a digit or another `+`.)
            || (c == '+' && !before.is_some_and(|b| b.is_ascii_alphanumeric() || b == '+'))
            || (matches!(c, '\'' | '‘' | '’') && !(word(before.as_ref()) && word(folded.get(i + 1))))
    };
    let mut out: Vec<String> = Vec::new();
    let mut term = String::new();
    for i in 0..=folded.len() {
        if i < folded.len() && !parts(i) {
            term.push(folded[i]);
            continue;
        }
        if !term.is_empty() && !out.contains(&term) {
            out.push(term.clone());
        }
        term.clear();
    }
    out
}

/// `terms` (folded terms of `query`, as [`terms`] gives them, perhaps parted) in the characters
/// `query` was typed in, joined by spaces: `5G碳纤维` parted is 「5G 碳纤维」, not 「5g 碳纤维」.
/// Each character folds to one, so each term is found in the folded query, in order, and read
/// back from the same places; a term not found there stays folded.
pub fn as_typed(query: &str, terms: &[String]) -> String {
    let typed: String = query.chars().filter(|&c| !is_invisible(c)).collect();
    let folded = fold(&typed);
    let mut from = 0;
    let mut out = String::new();
    for term in terms {
        if !out.is_empty() {
            out.push(' ');
        }
        match folded[from..].find(term.as_str()) {
            Some(i) if !term.is_empty() => {
                let start = folded[..from + i].chars().count();
                out.extend(typed.chars().skip(start).take(term.chars().count()));
                from += i + term.len();
            }
            _ => out.push_str(term),
        }
    }
    out
}

/// A character that shows nothing and that text copied from WeChat, Word or a PDF carries
/// unseen (zero-width spaces and joiners, the byte-order mark, the soft hyphen, marks and
/// embeddings of writing direction, the combining grapheme joiner, NUL): a query leaves it
/// out, or `碳纤维` pasted with one found nothing.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{0}'
            | '\u{00AD}'
            | '\u{034F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// `text` made safe to place in HTML or XML text or a quoted attribute. Control characters
/// that XML forbids (U+0001 written as `\u0001` in a TOML string) are left out: one made the
/// whole Atom feed unreadable.
///
/// ```
/// assert_eq!(parkreader_core::text::escape_html("</title><a href=\"x\">&"), "&lt;/title&gt;&lt;a href=&quot;x&quot;&gt;&amp;");
/// assert_eq!(parkreader_core::text::escape_html("摘要\u{1}\t\u{7f}\u{fffe}"), "摘要\t");
/// ```
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            '\u{0}'..='\u{1f}' | '\u{7f}' | '\u{fffe}' | '\u{ffff}' => {}
            _ => out.push(c),
        }
    }
    out
}

/// A piece of text, marked when it matched the search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// The original text of this piece.
    pub text: String,
    /// True when it is (part of) a match.
    pub hit: bool,
}

/// Splits `text` into matched and unmatched pieces for every occurrence of every term.
///
/// ```
/// use parkreader_core::text::highlight;
/// let parts = highlight("４８Ｋ碳纤维", &["48k".into()]);
/// assert_eq!(parts[0].text, "４８Ｋ");
/// assert!(parts[0].hit && !parts[1].hit);
/// ```
pub fn highlight(text: &str, terms: &[String]) -> Vec<Segment> {
    let chars: Vec<char> = text.chars().collect();
    let marks = match_marks(&chars, terms);
    segments(&chars, &marks)
}

/// Up to `width` characters of `text` around the first match, with `…` where cut, highlighted.
/// Without a match, the start of the text.
pub fn snippet(text: &str, terms: &[String], width: usize) -> Vec<Segment> {
    let chars: Vec<char> = text.chars().collect();
    let marks = match_marks(&chars, terms);
    let first = marks.iter().position(|&m| m).unwrap_or(0);
    let start = first.saturating_sub(width / 4);
    let end = (start + width).min(chars.len());
    let start = end.saturating_sub(width).min(start);
    // From the start of the match's clause when it begins near the cut: a cut inside a word
    // (「…知发布之后」 of 通知) read as a typo.
    let near = start.saturating_sub(width / 4);
    let start = match chars[near..first]
        .iter()
        .rposition(|c| "，。；：！？、,.;:!?".contains(*c))
    {
        Some(at) if start > 0 => near + at + 1,
        _ => start,
    };
    let mut out = segments(&chars[start..end], &marks[start..end]);
    if start > 0 {
        out.insert(
            0,
            Segment {
                text: "…".into(),
                hit: false,
            },
        );
    }
    if end < chars.len() {
        out.push(Segment {
            text: "…".into(),
            hit: false,
        });
    }
    out
}

fn match_marks(chars: &[char], terms: &[String]) -> Vec<bool> {
    let folded: Vec<char> = chars.iter().copied().map(fold_char).collect();
    let mut marks = vec![false; chars.len()];
    for term in terms {
        let term: Vec<char> = term.chars().collect();
        if term.is_empty() || term.len() > folded.len() {
            continue;
        }
        for start in 0..=folded.len() - term.len() {
            if folded[start..start + term.len()] == term[..] {
                marks[start..start + term.len()]
                    .iter_mut()
                    .for_each(|m| *m = true);
            }
        }
    }
    marks
}

fn segments(chars: &[char], marks: &[bool]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    for (&c, &hit) in chars.iter().zip(marks) {
        match out.last_mut() {
            Some(last) if last.hit == hit => last.text.push(c),
            _ => out.push(Segment {
                text: c.to_string(),
                hit,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    /// A parted query reads as it was typed: capitals, full-width and traditional characters
    /// kept, invisible ones and punctuation between terms not.
    #[test]
    fn parted_terms_are_read_back_as_typed() {
        let parted = |q: &str, at: usize| {
            let mut t = terms(q);
            let cut = t[0].char_indices().nth(at).unwrap().0;
            let rest = t[0][cut..].to_string();
            t[0].truncate(cut);
            t.insert(1, rest);
            as_typed(q, &t)
        };
        assert_eq!(parted("5G碳纤维", 2), "5G 碳纤维");
        assert_eq!(parted("ＣＨ2000金山", 6), "ＣＨ2000 金山");
        assert_eq!(parted("碳纖維金山區", 3), "碳纖維 金山區");
        assert_eq!(parted("碳\u{200b}纤维金山，48K", 3), "碳纤维 金山 48K");
        // A term not in the query stays as it is.
        assert_eq!(as_typed("金山", &["碳纤维".into()]), "碳纤维");
    }

    /// `data/t2s.bin` is what `data/t2s.txt` encodes to (see `T2S`). After a change of the
    /// source: `PARKREADER_WRITE_T2S=1 cargo test -p parkreader-core t2s` writes it again.
    #[test]
    fn t2s_table_is_its_source_encoded() {
        let source = [
            include_str!("../data/t2s.txt"),
            include_str!("../data/t2s-extra.txt"),
        ]
        .concat();
        let mut pairs: Vec<(u32, u32)> = source
            .lines()
            .filter_map(|l| {
                let mut chars = l
                    .split_whitespace()
                    .map(|w| w.chars().next().unwrap() as u32);
                Some((chars.next()?, chars.next()?))
            })
            .collect();
        pairs.sort_unstable();
        let mut steps = Vec::new();
        let mut distances = Vec::new();
        let mut before = 0x4E00;
        for &(t, s) in &pairs {
            steps.push(u8::try_from(t - before).expect("a step fits a byte"));
            let distance = i16::try_from(i64::from(s) - i64::from(t)).unwrap();
            distances.extend(distance.to_le_bytes());
            before = t;
        }
        steps.extend(distances);
        if std::env::var_os("PARKREADER_WRITE_T2S").is_some() {
            std::fs::write(concat!(env!("CARGO_MANIFEST_DIR"), "/data/t2s.bin"), &steps).unwrap();
        }
        assert!(
            steps == T2S,
            "data/t2s.bin is stale: run PARKREADER_WRITE_T2S=1 cargo test -p parkreader-core t2s"
        );
        assert_eq!(t2s(), pairs.as_slice());
        assert_eq!(pairs.len(), 2737);
        pairs.dedup_by_key(|p| p.0);
        assert_eq!(pairs.len(), 2737, "one simplified form for each");
    }

    #[test]
    fn traditional_text_folds_to_simplified_one_character_for_one() {
        assert_eq!(
            fold("碳纖維複合材料項目簽約 金山區"),
            "碳纤维复合材料项目签约 金山区"
        );
        // Simplified text and everything else is left as it is.
        let simplified = "碳纤维复合材料项目签约，48K大丝束，32.7亿元";
        assert_eq!(fold(simplified), fold(&fold(simplified)));
        assert_eq!(fold("碳纤维"), "碳纤维");
        for t in ["臺灣", "發展", "億元"] {
            assert_eq!(fold(t).chars().count(), t.chars().count());
            assert_eq!(
                fold(t).len(),
                t.len(),
                "the same bytes: positions in the text hold"
            );
        }
        assert_eq!(terms("碳纖維 金山"), ["碳纤维", "金山"]);
        // Taiwan's 著 for 着: both spellings meet.
        assert_eq!(fold("意味著"), fold("意味着"));
    }

    use super::*;

    #[test]
    fn folding_keeps_positions() {
        let s = "Ａｂｃ　４８Ｋ İstanbul 碳";
        assert_eq!(fold(s).chars().count(), s.chars().count());
    }

    #[test]
    fn highlight_marks_every_occurrence_and_merges_overlaps() {
        let parts = highlight(
            "碳纤维与碳纤维复合材料",
            &["碳纤维".into(), "纤维复合".into()],
        );
        let hits: Vec<&str> = parts
            .iter()
            .filter(|s| s.hit)
            .map(|s| s.text.as_str())
            .collect();
        assert_eq!(hits, ["碳纤维", "碳纤维复合"]);
        let text: String = parts.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(text, "碳纤维与碳纤维复合材料");
    }

    #[test]
    fn snippet_centres_on_the_first_match() {
        let body = format!("{}大丝束碳纤维{}", "前".repeat(50), "后".repeat(50));
        let parts = snippet(&body, &["丝束碳".into()], 20);
        assert_eq!(parts.first().unwrap().text, "…");
        assert_eq!(parts.last().unwrap().text, "…");
        assert!(parts.iter().any(|s| s.hit && s.text == "丝束碳"));
        let shown: usize = parts.iter().map(|s| s.text.chars().count()).sum();
        assert_eq!(shown, 22);
        // A clause that starts near the cut is shown from its start, not from inside a word.
        let notice = "继申报通知发布之后，2022年度生物医药产业专项资金申报指南随即公布，与通知相比更偏操作手册";
        let shown: String = snippet(notice, &["资金".into()], 40)
            .iter()
            .map(|s| s.text.as_str())
            .collect();
        assert!(shown.starts_with("…2022年度"), "{shown}");
        assert_eq!(
            snippet("短文", &["无".into()], 20),
            vec![Segment {
                text: "短文".into(),
                hit: false
            }]
        );
    }
}
