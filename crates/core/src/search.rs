//! Full-text search for Chinese without a dictionary: a character bigram index narrows the
//! candidates, then each candidate is checked against its text, so a document is found exactly
//! when it contains every typed term as a contiguous substring: no more, no fewer.
//!
//! Every document has four fields, weighted for ranking as title 8, tags 4, summary 2, body 1
//! (see docs/search.md).

use std::collections::HashMap;

use crate::text::fold;

/// The fields of a searchable document, in ranking order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// Title or project name.
    Title = 0,
    /// Tag, category, industry and place names.
    Tags = 1,
    /// Summary, investor, partners.
    Summary = 2,
    /// Body text, capacity lines.
    Body = 3,
}

impl Field {
    /// All fields, strongest first.
    pub const ALL: [Field; 4] = [Field::Title, Field::Tags, Field::Summary, Field::Body];

    /// Ranking weight of a match in this field.
    pub fn weight(self) -> u32 {
        match self {
            Field::Title => 8,
            Field::Tags => 4,
            Field::Summary => 2,
            Field::Body => 1,
        }
    }
}

/// The raw text of one document's four fields, in [`Field`] order.
pub type DocFields = [String; 4];

/// A search index over documents numbered 0..n in the order they were given.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    /// Folded field texts per document.
    docs: Vec<DocFields>,
    /// Documents containing each character.
    unigrams: HashMap<char, Vec<u32>>,
    /// Documents containing each pair of adjacent characters (within one field).
    bigrams: HashMap<u64, Vec<u32>>,
}

/// A matching document and its relevance score (higher is better).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Document number.
    pub doc: u32,
    /// Relevance: see [`SearchIndex::search`].
    pub score: u32,
}

fn pair(a: char, b: char) -> u64 {
    (u64::from(a as u32) << 32) | u64::from(b as u32)
}

fn add(postings: &mut Vec<u32>, doc: u32) {
    if postings.last() != Some(&doc) {
        postings.push(doc);
    }
}

impl SearchIndex {
    /// Indexes documents; document `i` is the `i`-th item.
    pub fn build(documents: impl IntoIterator<Item = DocFields>) -> SearchIndex {
        let mut index = SearchIndex::default();
        for (doc, fields) in documents.into_iter().enumerate() {
            let doc = doc as u32;
            let folded: DocFields = fields.map(|f| fold(&f));
            for field in &folded {
                let mut prev: Option<char> = None;
                for c in field.chars() {
                    if c.is_whitespace() {
                        prev = None;
                        continue;
                    }
                    add(index.unigrams.entry(c).or_default(), doc);
                    if let Some(p) = prev {
                        add(index.bigrams.entry(pair(p, c)).or_default(), doc);
                    }
                    prev = Some(c);
                }
            }
            index.docs.push(folded);
        }
        index
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// True when there are no documents.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Documents containing every term (already folded, see [`crate::text::terms`]), unordered.
    ///
    /// A term's score is the weight of the strongest field containing it; a document scores the
    /// sum over terms, plus ten times the weight of the strongest field where all terms appear
    /// next to each other in the order typed, so contiguous matches rank above scattered ones.
    pub fn search(&self, terms: &[String]) -> Vec<Hit> {
        if terms.is_empty() {
            return Vec::new();
        }
        let mut candidates: Option<Vec<u32>> = None;
        // Narrow with the rarest terms first.
        let mut narrowed: Vec<(&String, Vec<u32>)> =
            terms.iter().map(|t| (t, self.candidates(t))).collect();
        narrowed.sort_by_key(|(_, c)| c.len());
        for (_, list) in narrowed {
            candidates = Some(match candidates {
                None => list,
                Some(current) => intersect(&current, &list),
            });
            if candidates.as_ref().is_some_and(Vec::is_empty) {
                return Vec::new();
            }
        }
        let candidates = candidates.unwrap_or_default();
        let phrases = phrase_forms(terms);
        candidates
            .into_iter()
            .filter_map(|doc| {
                let fields = &self.docs[doc as usize];
                let mut score = 0;
                for term in terms {
                    let best = Field::ALL
                        .into_iter()
                        .find(|f| fields[*f as usize].contains(term.as_str()))?;
                    score += best.weight();
                }
                if let Some(best) = Field::ALL.into_iter().find(|f| {
                    phrases
                        .iter()
                        .any(|p| fields[*f as usize].contains(p.as_str()))
                }) {
                    score += best.weight() * 10;
                }
                Some(Hit { doc, score })
            })
            .collect()
    }

    /// Documents that may contain `term`: exact for one character, a superset otherwise.
    fn candidates(&self, term: &str) -> Vec<u32> {
        let chars: Vec<char> = term.chars().collect();
        match chars.as_slice() {
            [] => Vec::new(),
            [c] => self.unigrams.get(c).cloned().unwrap_or_default(),
            _ => {
                let mut lists: Vec<&Vec<u32>> = Vec::with_capacity(chars.len() - 1);
                for w in chars.windows(2) {
                    match self.bigrams.get(&pair(w[0], w[1])) {
                        Some(list) => lists.push(list),
                        None => return Vec::new(),
                    }
                }
                lists.sort_by_key(|l| l.len());
                let mut result = lists[0].clone();
                for list in &lists[1..] {
                    result = intersect(&result, list);
                    if result.is_empty() {
                        break;
                    }
                }
                result
            }
        }
    }
}

/// The ways several terms count as contiguous: joined directly or by one space. None for one term.
fn phrase_forms(terms: &[String]) -> Vec<String> {
    if terms.len() < 2 {
        return Vec::new();
    }
    vec![terms.concat(), terms.join(" ")]
}

/// Intersection of two ascending lists.
fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(a[i]);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::terms;

    fn doc(title: &str, body: &str) -> DocFields {
        [title.into(), String::new(), String::new(), body.into()]
    }

    fn found(index: &SearchIndex, query: &str) -> Vec<u32> {
        let mut docs: Vec<u32> = index
            .search(&terms(query))
            .into_iter()
            .map(|h| h.doc)
            .collect();
        docs.sort();
        docs
    }

    #[test]
    fn finds_exactly_the_documents_containing_the_phrase() {
        let index = SearchIndex::build([
            doc("合作共赢", ""),
            doc("", "合作，共赢"),
            doc("", "共赢合作"),
            doc("", "大丝束碳纤维"),
            doc("", "碳纤维丝束"),
        ]);
        assert_eq!(found(&index, "合作共赢"), [0]);
        assert_eq!(found(&index, "丝束碳"), [3]);
        assert_eq!(found(&index, "束"), [3, 4]);
        assert_eq!(found(&index, "纤维"), [3, 4]);
        assert_eq!(found(&index, "不存在"), Vec::<u32>::new());
    }

    #[test]
    fn all_terms_must_match_and_latin_is_case_and_width_insensitive() {
        let index = SearchIndex::build([
            doc("48K大丝束碳纤维", "5G光缆"),
            doc("CH2000无人机", "年产约300架"),
            doc("ｃｈ２０００", ""),
        ]);
        assert_eq!(found(&index, "48k"), [0]);
        assert_eq!(found(&index, "４８Ｋ 光缆"), [0]);
        assert_eq!(found(&index, "ch2000"), [1, 2]);
        assert_eq!(found(&index, "CH2000 300"), [1]);
        assert_eq!(found(&index, "5g 无人机"), Vec::<u32>::new());
    }

    #[test]
    fn matches_never_span_fields_or_spaces() {
        let index = SearchIndex::build([[
            String::from("金山"),
            String::from("区"),
            String::new(),
            String::new(),
        ]]);
        assert_eq!(found(&index, "山区"), Vec::<u32>::new());
        assert_eq!(found(&index, "金山"), [0]);
    }

    #[test]
    fn title_outranks_body_and_contiguous_outranks_scattered() {
        let index = SearchIndex::build([
            doc("", "金山碳纤维"),
            doc("碳纤维", ""),
            doc("金山", "碳纤维"),
            doc("", "碳纤维金山"),
        ]);
        let score = |q: &str, d: u32| {
            index
                .search(&terms(q))
                .into_iter()
                .find(|h| h.doc == d)
                .unwrap()
                .score
        };
        assert!(score("碳纤维", 1) > score("碳纤维", 0));
        // "金山 碳纤维": doc 0 has the terms side by side, doc 3 has them in the other order.
        assert!(score("金山 碳纤维", 0) > score("金山 碳纤维", 3));
        // Side by side in the body beats one term in the title and the other in the body.
        assert!(score("金山 碳纤维", 0) > score("金山 碳纤维", 2));
    }
}
