//! Full-text search for Chinese without a dictionary: character 1-, 2- and 3-gram postings answer
//! terms of up to three characters exactly and narrow longer ones, whose candidates are then
//! checked against their text, so a document is found exactly when it contains every typed term
//! as a contiguous substring: no more, no fewer.
//!
//! Every document has four fields, weighted for ranking as title 8, tags 4, summary 2, body 1
//! (see docs/search.md).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

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
    /// Folded field texts of every document, one after another, in document order: the text
    /// a long term is checked against. Kept in one piece rather than a string per field, so
    /// that checking thousands of candidates, in ascending order, reads memory in one
    /// direction instead of hopping across the heap.
    text: String,
    /// Where each field starts in `text`: document `d`'s field `f` is
    /// `text[starts[4 * d + f]..starts[4 * d + f + 1]]`. Empty, or one more than four per
    /// document.
    starts: Vec<usize>,
    /// Documents containing each character, with the fields it is in.
    unigrams: FastMap<u64, Postings>,
    /// Documents containing each pair of adjacent characters (within one field), with the fields.
    bigrams: FastMap<u64, Postings>,
    /// Documents containing each run of three adjacent characters (within one field).
    trigrams: FastMap<u64, Postings>,
}

/// Ascending document numbers, each with a bit set per field ([`Field`] as bit index) that
/// contains the n-gram. Terms of one to three characters are answered from these alone,
/// exactly; longer terms are narrowed by them and then checked against the text.
///
/// Trigram postings also keep, per document, where the trigram first occurs in the strongest
/// field holding it (a byte offset into the folded text; [`NO_POSITION`] past 65,534). When the
/// trigrams of a longer term first occur one after another in the same field, that field
/// contains the term, which proves most matches without reading their text; otherwise the term
/// cannot start before any of its trigrams' first places, and the text is read from there.
#[derive(Clone, Debug, Default)]
struct Postings {
    docs: Vec<u32>,
    fields: Vec<u8>,
    first: Vec<u16>,
}

/// A first position too far into a field to keep.
const NO_POSITION: u16 = u16::MAX;

impl Postings {
    /// Records that field bit `field` of `doc` holds the n-gram, at character `position` when
    /// positions are kept. Documents come in ascending order, each one's fields strongest first.
    fn add(&mut self, doc: u32, field: u8, position: Option<usize>) {
        if self.docs.last() == Some(&doc) {
            if let Some(last) = self.fields.last_mut() {
                *last |= field;
            }
        } else {
            self.docs.push(doc);
            self.fields.push(field);
            if let Some(p) = position {
                self.first.push(u16::try_from(p).unwrap_or(NO_POSITION));
            }
        }
    }

    fn to_vec(&self) -> Vec<(u32, u8)> {
        self.docs
            .iter()
            .copied()
            .zip(self.fields.iter().copied())
            .collect()
    }
}

/// A multiply-rotate hasher for the index's integer keys: much faster than SipHash and safe
/// here, where keys come from the publisher's own text.
#[derive(Default)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;

/// A matching document and its relevance score (higher is better).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Document number.
    pub doc: u32,
    /// Relevance: see [`SearchIndex::search`].
    pub score: u32,
}

/// A key for one, two or three characters: 21 bits each hold any `char`.
fn gram(chars: &[char]) -> u64 {
    chars
        .iter()
        .fold(0u64, |key, &c| (key << 21) | u64::from(c as u32))
}

/// The strongest field among those whose bits are set.
#[inline]
fn strongest(mask: u8) -> Option<Field> {
    Field::ALL.into_iter().find(|f| mask & (1 << *f as u8) != 0)
}

impl SearchIndex {
    /// Indexes documents; document `i` is the `i`-th item.
    pub fn build(documents: impl IntoIterator<Item = DocFields>) -> SearchIndex {
        let mut index = SearchIndex::default();
        for fields in documents {
            index.add(fields);
        }
        index
    }

    /// Adds the next document, numbered [`SearchIndex::len`] before the call. Building one
    /// document at a time lets a browser index between frames.
    pub fn add(&mut self, fields: DocFields) {
        let doc = self.len() as u32;
        let folded: DocFields = fields.map(|f| fold(&f));
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        for text in &folded {
            self.text.push_str(text);
            self.starts.push(self.text.len());
        }
        for (f, text) in folded.iter().enumerate() {
            let bit = 1u8 << f;
            // The last three characters of the current run without whitespace, and where the
            // first of them starts.
            let mut window = ['\0'; 3];
            let mut starts = [0usize; 3];
            let mut run = 0usize;
            for (at, c) in text.char_indices() {
                if c.is_whitespace() {
                    run = 0;
                    continue;
                }
                window = [window[1], window[2], c];
                starts = [starts[1], starts[2], at];
                run += 1;
                self.unigrams
                    .entry(gram(&[c]))
                    .or_default()
                    .add(doc, bit, None);
                if run >= 2 {
                    let key = gram(&window[1..]);
                    self.bigrams.entry(key).or_default().add(doc, bit, None);
                }
                if run >= 3 {
                    self.trigrams
                        .entry(gram(&window))
                        .or_default()
                        .add(doc, bit, Some(starts[0]));
                }
            }
        }
    }

    /// Number of documents.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1) / 4
    }

    /// True when there are no documents.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Documents containing every term (already folded, see [`crate::text::terms`]), by number.
    ///
    /// A term's score is the weight of the strongest field containing it; a document scores the
    /// sum over terms, plus ten times the weight of the strongest field where all terms appear
    /// next to each other in the order typed, so contiguous matches rank above scattered ones.
    pub fn search(&self, terms: &[String]) -> Vec<Hit> {
        self.search_with(terms, &|_| Vec::new())
    }

    /// Like [`SearchIndex::search`], where `bodies(term)` lists, ascending, further documents
    /// whose body holds `term`: bodies kept out of this index, such as those answered by
    /// [`crate::shards::BodyShards`]. They count as body matches.
    pub fn search_with(&self, terms: &[String], bodies: &dyn Fn(&str) -> Vec<u32>) -> Vec<Hit> {
        let found_in = |term: &str| with_bodies(self.matches(term), &bodies(term));
        let mut per_term: Vec<Vec<(u32, u8)>> = Vec::with_capacity(terms.len());
        for term in terms {
            let found = found_in(term);
            if found.is_empty() {
                return Vec::new();
            }
            per_term.push(found);
        }
        per_term.sort_by_key(Vec::len);
        let Some((first, rest)) = per_term.split_first() else {
            return Vec::new();
        };
        let mut hits: Vec<Hit> = first
            .iter()
            .map(|&(doc, mask)| Hit {
                doc,
                score: strongest(mask).map_or(0, Field::weight),
            })
            .collect();
        for list in rest {
            let mut j = 0;
            hits.retain_mut(|hit| {
                while j < list.len() && list[j].0 < hit.doc {
                    j += 1;
                }
                match list.get(j) {
                    Some(&(doc, mask)) if doc == hit.doc => {
                        hit.score += strongest(mask).map_or(0, Field::weight);
                        true
                    }
                    _ => false,
                }
            });
        }
        // The phrase bonus, answered by the index like any term: docs holding the terms side by side.
        for phrase in phrase_forms(terms) {
            let mut j = 0;
            let found = found_in(&phrase);
            for hit in &mut hits {
                while j < found.len() && found[j].0 < hit.doc {
                    j += 1;
                }
                if let Some(&(doc, mask)) = found.get(j) {
                    if doc == hit.doc {
                        hit.score += strongest(mask).map_or(0, Field::weight) * 10;
                    }
                }
            }
        }
        hits
    }

    /// Documents containing `term`, ascending, each with field bits of which the strongest set
    /// is the strongest field containing it (weaker bits may be missing or, for short terms,
    /// present).
    fn matches(&self, term: &str) -> Vec<(u32, u8)> {
        let chars: Vec<char> = term.chars().collect();
        let spaced = chars.iter().any(|c| c.is_whitespace());
        let exact = match (chars.len(), spaced) {
            (0, _) => return Vec::new(),
            (1, _) => Some(&self.unigrams),
            (2, false) => Some(&self.bigrams),
            (3, false) => Some(&self.trigrams),
            _ => None,
        };
        if let Some(map) = exact {
            return map
                .get(&gram(&chars))
                .map(Postings::to_vec)
                .unwrap_or_default();
        }
        if !spaced {
            return self.matches_long(term, &chars);
        }
        // A Latin phrase: n-grams never span a space, so narrow by the longest n-grams of the
        // pieces between its spaces, then check the text.
        let mut lists: Vec<&Postings> = Vec::with_capacity(chars.len());
        for (n, map) in [(3, &self.trigrams), (2, &self.bigrams), (1, &self.unigrams)] {
            for w in chars
                .windows(n)
                .filter(|w| !w.iter().any(|c| c.is_whitespace()))
            {
                match map.get(&gram(w)) {
                    Some(list) => lists.push(list),
                    None => return Vec::new(),
                }
            }
            if !lists.is_empty() {
                break;
            }
        }
        if lists.is_empty() {
            return Vec::new();
        }
        lists.sort_by_key(|l| l.docs.len());
        let mut candidates = lists[0].to_vec();
        for list in &lists[1..] {
            let mut j = 0;
            candidates.retain_mut(|(doc, mask)| {
                while j < list.docs.len() && list.docs[j] < *doc {
                    j += 1;
                }
                if list.docs.get(j) == Some(doc) {
                    *mask &= list.fields[j];
                    *mask != 0
                } else {
                    false
                }
            });
            if candidates.is_empty() {
                return candidates;
            }
        }
        self.verify(
            term,
            candidates
                .into_iter()
                .map(|(doc, mask)| (doc, mask, Proof::Unknown)),
        )
    }

    /// Documents containing a term of four or more characters without spaces: those holding
    /// all its trigrams in one field, proven by their first places or else by the text.
    fn matches_long(&self, term: &str, chars: &[char]) -> Vec<(u32, u8)> {
        // Where each character starts in the term, in bytes, as trigram places are kept.
        let offsets: Vec<i32> = term.char_indices().map(|(at, _)| at as i32).collect();
        let mut lists: Vec<(usize, &Postings)> = Vec::with_capacity(chars.len() - 2);
        for (i, w) in chars.windows(3).enumerate() {
            match self.trigrams.get(&gram(w)) {
                Some(list) => lists.push((i, list)),
                None => return Vec::new(),
            }
        }
        lists.sort_by_key(|(_, l)| l.docs.len());
        let (i0, rarest) = lists[0];
        // Per candidate: document, fields holding every trigram so far, whether every trigram
        // so far first occurs at `start + offsets[i]` of the same strongest field, and the
        // earliest byte of that field where the term can start.
        struct Candidate {
            doc: u32,
            mask: u8,
            strongest: u8,
            start: i32,
            aligned: bool,
            from: i32,
        }
        let mut candidates: Vec<Candidate> = rarest
            .docs
            .iter()
            .zip(&rarest.fields)
            .zip(&rarest.first)
            .map(|((&doc, &mask), &first)| {
                let known = first != NO_POSITION;
                let start = i32::from(first) - offsets[i0];
                Candidate {
                    doc,
                    mask,
                    strongest: lowest_bit(mask),
                    start,
                    aligned: known,
                    from: if known { start } else { 0 },
                }
            })
            .collect();
        for &(i, list) in &lists[1..] {
            let mut j = 0;
            candidates.retain_mut(|c| {
                while j < list.docs.len() && list.docs[j] < c.doc {
                    j += 1;
                }
                if list.docs.get(j) != Some(&c.doc) {
                    return false;
                }
                let (fields, first) = (list.fields[j], list.first[j]);
                let here = first != NO_POSITION && lowest_bit(fields) == c.strongest;
                let start = i32::from(first) - offsets[i];
                c.mask &= fields;
                c.aligned &= here && start == c.start;
                if here {
                    c.from = c.from.max(start);
                }
                c.mask != 0
            });
            if candidates.is_empty() {
                return Vec::new();
            }
        }
        // Aligned: the term sits at `start` of the strongest field holding any of its trigrams,
        // so that is the strongest field containing it. The rest are checked against the text,
        // the strongest field from the first place the term can start.
        self.verify(
            term,
            candidates.into_iter().map(|c| {
                if c.aligned {
                    (c.doc, c.strongest, Proof::Proven)
                } else {
                    (
                        c.doc,
                        c.mask,
                        Proof::From(c.strongest, c.from.max(0) as usize),
                    )
                }
            }),
        )
    }

    /// Keeps the candidates (document, fields that may contain the term, what is known) that
    /// contain `term`, each with the bit of the strongest field containing it. Ranking needs
    /// only that field, so the check stops there.
    fn verify(
        &self,
        term: &str,
        candidates: impl Iterator<Item = (u32, u8, Proof)>,
    ) -> Vec<(u32, u8)> {
        let finder = memchr::memmem::Finder::new(term.as_bytes());
        candidates
            .filter_map(|(doc, mask, proof)| {
                let (field_bit, from) = match proof {
                    Proof::Proven => return Some((doc, mask)),
                    Proof::From(bit, from) => (bit, from),
                    Proof::Unknown => (0, 0),
                };
                let fields = &self.starts[4 * doc as usize..4 * doc as usize + 5];
                Field::ALL
                    .into_iter()
                    .find(|&f| {
                        let bit = 1 << f as u8;
                        let f = f as usize;
                        let text = &self.text.as_bytes()[fields[f]..fields[f + 1]];
                        // Bytes, not characters: a UTF-8 term only matches where one starts.
                        let skip = if bit == field_bit {
                            from.min(text.len())
                        } else {
                            0
                        };
                        // Where the term can first start, it mostly does: a direct
                        // comparison there spares the search's setup.
                        mask & bit != 0
                            && (text[skip..].starts_with(term.as_bytes())
                                || finder.find(&text[skip..]).is_some())
                    })
                    .map(|f| (doc, 1 << f as u8))
            })
            .collect()
    }
}

/// What is known of a candidate before its text is read.
#[derive(Clone, Copy)]
enum Proof {
    /// It contains the term, in the field given.
    Proven,
    /// In field bit `.0`, the term cannot start before byte `.1`.
    From(u8, usize),
    /// Nothing: every field it may be in is read whole.
    Unknown,
}

/// `found` (documents and field bits, ascending) with the body bit set for `bodies` as well.
fn with_bodies(found: Vec<(u32, u8)>, bodies: &[u32]) -> Vec<(u32, u8)> {
    if bodies.is_empty() {
        return found;
    }
    let body = 1u8 << Field::Body as u8;
    let mut out = Vec::with_capacity(found.len() + bodies.len());
    let (mut i, mut j) = (0, 0);
    loop {
        let next = match (found.get(i), bodies.get(j)) {
            (None, None) => break,
            (Some(&(doc, mask)), None) => (doc, mask, 1, 0),
            (None, Some(&other)) => (other, body, 0, 1),
            (Some(&(doc, mask)), Some(&other)) => match doc.cmp(&other) {
                std::cmp::Ordering::Less => (doc, mask, 1, 0),
                std::cmp::Ordering::Greater => (other, body, 0, 1),
                std::cmp::Ordering::Equal => (doc, mask | body, 1, 1),
            },
        };
        out.push((next.0, next.1));
        i += next.2;
        j += next.3;
    }
    out
}

/// The lowest set bit of a field mask: the strongest field in it.
#[inline]
fn lowest_bit(mask: u8) -> u8 {
    mask & mask.wrapping_neg()
}

/// The ways several terms count as contiguous: joined directly, as Chinese is written; for
/// Latin words, also joined by one space. None for a single term.
pub(crate) fn phrase_forms(terms: &[String]) -> Vec<String> {
    if terms.len() < 2 {
        return Vec::new();
    }
    let mut forms = vec![terms.concat()];
    let latin = terms.windows(2).all(|w| {
        w[0].chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            && w[1]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric())
    });
    if latin {
        forms.push(terms.join(" "));
    }
    forms
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
    fn latin_phrases_rank_side_by_side_with_a_space() {
        let index =
            SearchIndex::build([doc("", "carbon fiber plant"), doc("", "fiber and carbon")]);
        let score = |d: u32| {
            index
                .search(&terms("Carbon FIBER"))
                .into_iter()
                .find(|h| h.doc == d)
                .unwrap()
                .score
        };
        assert!(score(0) > score(1));
        assert_eq!(index.search(&["carbon fiber".to_string()]).len(), 1);
        assert_eq!(index.search(&["a b".to_string()]).len(), 0);
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

    /// The strongest field of `fields` containing `term`, found by reading the text.
    fn strongest_by_hand(fields: &DocFields, term: &str) -> Option<u8> {
        Field::ALL
            .into_iter()
            .find(|&f| fields[f as usize].contains(term))
            .map(|f| 1 << f as u8)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]

        /// Repetitive text over a tiny alphabet makes trigrams recur out of step, so the
        /// first-position proof and the text check are both exercised.
        #[test]
        fn long_terms_match_exactly_the_documents_and_fields_that_contain_them(
            docs in proptest::collection::vec(
                proptest::array::uniform4("[甲乙丙a ]{0,40}"), 1..12),
            term in "[甲乙丙a]{4,7}",
        ) {
            let index = SearchIndex::build(docs.clone());
            let expected: Vec<(u32, u8)> = docs
                .iter()
                .enumerate()
                .filter_map(|(i, d)| strongest_by_hand(d, &term).map(|bit| (i as u32, bit)))
                .collect();
            proptest::prop_assert_eq!(index.matches(&term), expected);
        }
    }
}
