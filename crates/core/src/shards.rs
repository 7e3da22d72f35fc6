//! Search shards: the text of article bodies published as separate files (`body_url`), indexed
//! when the site is built and split into files that the list page fetches per query, so those
//! bodies are searched exactly without downloading them.
//!
//! A shard holds, for the characters and character pairs that hash to it, the articles whose
//! body contains each one; pairs also keep every position where they occur. A term of one
//! character is answered by its postings. A longer term `t` is answered by the pairs at offsets
//! 0, 2, 4, … and `len − 2`: a body contains `t` at position `p` exactly when each of those pairs
//! occurs at `p` plus its offset, since together they cover every character of `t` in order.
//! White space is indexed like any other character, so a pair may hold a space; typed terms
//! never do, and the Latin phrase `carbon fiber` of the ranking bonus is matched with its space.
//! Positions count characters of the folded body text ([`crate::text::fold`] of
//! [`crate::browse::blocks_text`]), the same text the in-memory index searches for inline bodies.
//!
//! The file format (all integers LEB128 varints, lists ascending and delta-coded):
//!
//! ```text
//! "PRS1"
//! unigram count, then per unigram: key, byte length, [doc count, doc deltas…]
//! pair count,    then per pair:    key, byte length, [doc count, per doc: doc delta,
//!                                                      position count, position deltas…]
//! ```
//!
//! Keys are the `char` values (a pair: first `<< 21 | second`); the shard of a key is
//! [`shard_of`]. Documents are article positions in the site's bundle.

use std::collections::{BTreeMap, BTreeSet};

use crate::search::FastMap;

/// The first bytes of every shard file.
pub const MAGIC: &[u8; 4] = b"PRS1";

/// The shard of an n-gram key among `count` (a power of two).
pub fn shard_of(key: u64, count: u32) -> u32 {
    // splitmix64's finaliser: every key bit reaches the low bits.
    let mut z = key.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z & u64::from(count.max(1) - 1)) as u32
}

fn unigram(c: char) -> u64 {
    u64::from(c as u32)
}

fn pair(a: char, b: char) -> u64 {
    (u64::from(a as u32) << 21) | u64::from(b as u32)
}

/// The pairs of a term of two or more characters that prove it: (offset, key).
fn cover(chars: &[char]) -> Vec<(usize, u64)> {
    let last = chars.len() - 2;
    let mut offsets: Vec<usize> = (0..=last).step_by(2).collect();
    if last % 2 == 1 {
        offsets.push(last);
    }
    offsets
        .into_iter()
        .map(|i| (i, pair(chars[i], chars[i + 1])))
        .collect()
}

/// The keys a term is answered by: the character itself, or its covering pairs.
fn term_keys(term: &str) -> Vec<u64> {
    let chars: Vec<char> = term.chars().collect();
    match chars.len() {
        0 => Vec::new(),
        1 => vec![unigram(chars[0])],
        _ => cover(&chars).into_iter().map(|(_, k)| k).collect(),
    }
}

fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// Reads a varint at `*at`, advancing it; `None` past the end or on an overlong number.
fn get_varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut n = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        n |= u64::from(b & 0x7F) << shift;
        if b & 0x80 == 0 {
            return Some(n);
        }
    }
    None
}

/// Builds the shards of a site's separately published bodies, one document at a time.
#[derive(Default)]
pub struct ShardBuilder {
    /// Per unigram: encoded postings so far, the last document, the document count.
    unigrams: FastMap<u64, (Vec<u8>, u32, u32)>,
    /// Per pair likewise, with positions.
    pairs: FastMap<u64, (Vec<u8>, u32, u32)>,
    /// Scratch for one document, kept between calls: its unigrams, its (pair, position)s.
    seen: Vec<u64>,
    positions: Vec<(u64, u32)>,
}

impl ShardBuilder {
    /// Adds the folded body text of document `doc`. Documents must come in ascending order.
    pub fn add(&mut self, doc: u32, folded: &str) {
        self.seen.clear();
        self.positions.clear();
        let mut chars = folded.chars().peekable();
        let mut i = 0u32;
        while let Some(c) = chars.next() {
            if !c.is_whitespace() {
                self.seen.push(unigram(c));
            }
            if let Some(&next) = chars.peek() {
                self.positions.push((pair(c, next), i));
            }
            i += 1;
        }
        // In key order, each key's positions ascending (they were pushed ascending).
        self.seen.sort_unstable();
        self.seen.dedup();
        self.positions.sort_unstable();
        for &key in &self.seen {
            let (bytes, last, count) = self.unigrams.entry(key).or_default();
            put_varint(bytes, u64::from(doc - *last));
            *last = doc;
            *count += 1;
        }
        for run in self.positions.chunk_by(|a, b| a.0 == b.0) {
            let (bytes, last, count) = self.pairs.entry(run[0].0).or_default();
            put_varint(bytes, u64::from(doc - *last));
            *last = doc;
            *count += 1;
            put_varint(bytes, run.len() as u64);
            let mut prev = 0;
            for &(_, p) in run {
                put_varint(bytes, u64::from(p - prev));
                prev = p;
            }
        }
    }

    /// True when no text was added.
    pub fn is_empty(&self) -> bool {
        self.unigrams.is_empty()
    }

    /// The shard files, as many (a power of two) as keep each near `target_bytes`, in order.
    pub fn finish(self, target_bytes: usize) -> Vec<Vec<u8>> {
        let total: usize = self
            .unigrams
            .values()
            .chain(self.pairs.values())
            .map(|(b, _, _)| b.len() + 8)
            .sum();
        let count = (total / target_bytes.max(1))
            .max(1)
            .next_power_of_two()
            .min(1 << 16) as u32;
        let mut shards: Vec<[BTreeMap<u64, Vec<u8>>; 2]> =
            (0..count).map(|_| Default::default()).collect();
        for (kind, map) in [self.unigrams, self.pairs].into_iter().enumerate() {
            for (key, (bytes, _, docs)) in map {
                let mut postings = Vec::with_capacity(bytes.len() + 4);
                put_varint(&mut postings, u64::from(docs));
                postings.extend_from_slice(&bytes);
                shards[shard_of(key, count) as usize][kind].insert(key, postings);
            }
        }
        shards
            .into_iter()
            .map(|sections| {
                let mut out = MAGIC.to_vec();
                for section in sections {
                    put_varint(&mut out, section.len() as u64);
                    for (key, postings) in section {
                        put_varint(&mut out, key);
                        put_varint(&mut out, postings.len() as u64);
                        out.extend_from_slice(&postings);
                    }
                }
                out
            })
            .collect()
    }
}

/// What is wrong with a shard file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ShardError {
    /// It does not start with [`MAGIC`].
    #[error("not a parkreader search shard (it does not start with \"PRS1\")")]
    NotAShard,
    /// It ends before its last entry does.
    #[error("the search shard is cut short at byte {0}")]
    Truncated(usize),
}

/// The documents holding one pair, ascending, and where in each the pair starts.
#[derive(Clone, Debug, Default)]
struct PairList {
    docs: Vec<u32>,
    /// Positions of `docs[i]` are `positions[ends[i - 1]..ends[i]]` (from 0 for the first).
    ends: Vec<u32>,
    positions: Vec<u32>,
}

impl PairList {
    fn positions_of(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.positions[start..self.ends[i] as usize]
    }
}

/// One shard file, read and decoded.
#[derive(Clone, Debug, Default)]
pub struct Shard {
    unigrams: FastMap<u64, Vec<u32>>,
    pairs: FastMap<u64, PairList>,
}

impl Shard {
    /// Reads a shard file.
    pub fn parse(bytes: Vec<u8>) -> Result<Shard, ShardError> {
        if !bytes.starts_with(MAGIC) {
            return Err(ShardError::NotAShard);
        }
        let mut at = MAGIC.len();
        let mut shard = Shard::default();
        for section in 0..2 {
            let n = get_varint(&bytes, &mut at).ok_or(ShardError::Truncated(at))?;
            for _ in 0..n {
                let key = get_varint(&bytes, &mut at).ok_or(ShardError::Truncated(at))?;
                let len = get_varint(&bytes, &mut at).ok_or(ShardError::Truncated(at))?;
                let end = at
                    .checked_add(usize::try_from(len).unwrap_or(usize::MAX))
                    .filter(|&end| end <= bytes.len())
                    .ok_or(ShardError::Truncated(bytes.len()))?;
                let postings = &bytes[at..end];
                if section == 0 {
                    shard.unigrams.insert(
                        key,
                        decode_docs(postings).ok_or(ShardError::Truncated(end))?,
                    );
                } else {
                    shard.pairs.insert(
                        key,
                        decode_pairs(postings).ok_or(ShardError::Truncated(end))?,
                    );
                }
                at = end;
            }
        }
        Ok(shard)
    }
}

/// A unigram's documents.
fn decode_docs(bytes: &[u8]) -> Option<Vec<u32>> {
    let mut at = 0;
    let n = get_varint(bytes, &mut at)?;
    let mut docs = Vec::with_capacity(n.min(1 << 20) as usize);
    let mut doc = 0u64;
    for _ in 0..n {
        doc += get_varint(bytes, &mut at)?;
        docs.push(u32::try_from(doc).ok()?);
    }
    Some(docs)
}

/// A pair's documents and positions.
fn decode_pairs(bytes: &[u8]) -> Option<PairList> {
    let mut at = 0;
    let n = get_varint(bytes, &mut at)?;
    let mut list = PairList::default();
    let mut doc = 0u64;
    for _ in 0..n {
        doc += get_varint(bytes, &mut at)?;
        list.docs.push(u32::try_from(doc).ok()?);
        let count = get_varint(bytes, &mut at)?;
        let mut p = 0u64;
        for _ in 0..count {
            p += get_varint(bytes, &mut at)?;
            list.positions.push(u32::try_from(p).ok()?);
        }
        list.ends.push(u32::try_from(list.positions.len()).ok()?);
    }
    Some(list)
}

/// The first index at or after `from` whose document is not below `doc` (`docs` ascending).
/// Gallops from `from` before searching: a common pair's list is dense, so the answer is
/// usually a step or two away, where a search over the whole rest would miss the cache at
/// every probe.
fn seek(docs: &[u32], from: usize, doc: u32) -> usize {
    let rest = &docs[from.min(docs.len())..];
    let mut bound = 1;
    while bound < rest.len() && rest[bound - 1] < doc {
        bound *= 2;
    }
    let low = bound / 2;
    from + low + rest[low..bound.min(rest.len())].partition_point(|&d| d < doc)
}

/// The search shards of one site, as far as they have been fetched, and those that failed to
/// download (offline, most often) until they are asked for again.
#[derive(Clone, Debug, Default)]
pub struct BodyShards {
    count: u32,
    loaded: FastMap<u32, Shard>,
    failed: BTreeSet<u32>,
}

impl BodyShards {
    /// No shards yet of a set of `count`.
    pub fn new(count: u32) -> BodyShards {
        BodyShards {
            count,
            loaded: FastMap::default(),
            failed: BTreeSet::new(),
        }
    }

    /// Notes that shard `n` failed to download.
    pub fn fail(&mut self, n: u32) {
        self.failed.insert(n);
    }

    /// True when shard `n` failed to download and has not been asked for again.
    pub fn failed(&self, n: u32) -> bool {
        self.failed.contains(&n)
    }

    /// Forgets which shards failed, so they are asked for again.
    pub fn retry(&mut self) {
        self.failed.clear();
    }

    /// The shards `terms` needs that are neither here nor failed: shards still to come.
    pub fn awaited(&self, terms: &[String]) -> Vec<u32> {
        let mut missing = self.missing(terms);
        missing.retain(|n| !self.failed(*n));
        missing
    }

    /// The shards that answering `terms` (folded, see [`crate::text::terms`]) reads, with the
    /// ranking's phrase forms, ascending.
    pub fn needed(&self, terms: &[String]) -> Vec<u32> {
        let mut needed = BTreeSet::new();
        for term in terms
            .iter()
            .cloned()
            .chain(crate::search::phrase_forms(terms))
        {
            for key in term_keys(&term) {
                needed.insert(shard_of(key, self.count));
            }
        }
        needed.into_iter().collect()
    }

    /// The shards `terms` needs that are not here yet.
    pub fn missing(&self, terms: &[String]) -> Vec<u32> {
        self.needed(terms)
            .into_iter()
            .filter(|n| !self.loaded.contains_key(n))
            .collect()
    }

    /// Keeps shard `n`.
    pub fn insert(&mut self, n: u32, shard: Shard) {
        self.loaded.insert(n, shard);
    }

    /// Documents whose body contains `term` (folded, no white space, or a phrase form),
    /// ascending; `None` when a shard it needs is not here.
    pub fn matches(&self, term: &str) -> Option<Vec<u32>> {
        let chars: Vec<char> = term.chars().collect();
        let shard = |key: u64| self.loaded.get(&shard_of(key, self.count));
        match chars.len() {
            0 => Some(Vec::new()),
            1 => {
                let key = unigram(chars[0]);
                Some(shard(key)?.unigrams.get(&key).cloned().unwrap_or_default())
            }
            2 => {
                let key = pair(chars[0], chars[1]);
                Some(
                    shard(key)?
                        .pairs
                        .get(&key)
                        .map(|l| l.docs.clone())
                        .unwrap_or_default(),
                )
            }
            _ => {
                let empty = PairList::default();
                let mut lists: Vec<(u32, &PairList)> = Vec::new();
                for (offset, key) in cover(&chars) {
                    lists.push((offset as u32, shard(key)?.pairs.get(&key).unwrap_or(&empty)));
                }
                lists.sort_by_key(|(_, l)| l.docs.len());
                let (first_offset, first) = lists[0];
                // A cursor per other list: documents come in ascending order.
                let mut cursors = vec![0usize; lists.len()];
                let mut found = Vec::new();
                let mut starts: Vec<u32> = Vec::new();
                'docs: for (i, &doc) in first.docs.iter().enumerate() {
                    starts.clear();
                    starts.extend(
                        first
                            .positions_of(i)
                            .iter()
                            .filter_map(|&p| p.checked_sub(first_offset)),
                    );
                    for (k, &(offset, list)) in lists.iter().enumerate().skip(1) {
                        let j = &mut cursors[k];
                        *j = seek(&list.docs, *j, doc);
                        if list.docs.get(*j) != Some(&doc) {
                            continue 'docs;
                        }
                        let at = list.positions_of(*j);
                        starts.retain(|&s| at.binary_search(&(s + offset)).is_ok());
                        if starts.is_empty() {
                            continue 'docs;
                        }
                    }
                    found.push(doc);
                }
                Some(found)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seek_finds_the_first_document_not_below() {
        let docs = [2, 3, 5, 8, 13, 21, 34, 55, 89];
        for from in 0..=docs.len() {
            for doc in 0..100 {
                let expected = from + docs[from..].partition_point(|&d| d < doc);
                assert_eq!(seek(&docs, from, doc), expected, "from {from}, doc {doc}");
            }
        }
        assert_eq!(seek(&[], 0, 7), 0);
    }

    fn shards_of(docs: &[&str], target: usize) -> BodyShards {
        let mut builder = ShardBuilder::default();
        for (i, text) in docs.iter().enumerate() {
            builder.add(i as u32, text);
        }
        let files = builder.finish(target);
        let mut shards = BodyShards::new(files.len() as u32);
        for (n, bytes) in files.into_iter().enumerate() {
            shards.insert(n as u32, Shard::parse(bytes).unwrap());
        }
        shards
    }

    #[test]
    fn finds_exactly_the_bodies_holding_a_term() {
        let shards = shards_of(
            &[
                "合作共赢 新局面",
                "合作，共赢",
                "大丝束碳纤维",
                "carbon fiber plant",
            ],
            16,
        );
        assert!(shards.count > 1);
        assert_eq!(shards.matches("合作共赢"), Some(vec![0]));
        assert_eq!(shards.matches("合作"), Some(vec![0, 1]));
        assert_eq!(shards.matches("束"), Some(vec![2]));
        assert_eq!(shards.matches("丝束碳纤"), Some(vec![2]));
        assert_eq!(shards.matches("赢新"), Some(vec![]));
        assert_eq!(shards.matches("carbon fiber"), Some(vec![3]));
        assert_eq!(shards.matches("不在"), Some(vec![]));
    }

    #[test]
    fn a_missing_shard_is_reported_and_bad_files_are_refused() {
        let mut builder = ShardBuilder::default();
        builder.add(0, "碳纤维");
        let files = builder.finish(1);
        let shards = BodyShards::new(files.len() as u32);
        assert_eq!(shards.matches("碳纤维"), None);
        assert_eq!(
            shards.missing(&["碳纤维".into()]),
            shards.needed(&["碳纤维".into()])
        );
        assert_eq!(
            Shard::parse(b"PK\x03\x04".to_vec()).unwrap_err(),
            ShardError::NotAShard
        );
        let whole = files.into_iter().max_by_key(Vec::len).unwrap();
        assert!(matches!(
            Shard::parse(whole[..whole.len() - 1].to_vec()),
            Err(ShardError::Truncated(_))
        ));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]

        /// Over a tiny alphabet pairs recur at many positions, so every offset of the cover
        /// is exercised; shards are small so terms span several of them.
        #[test]
        fn matches_are_exactly_the_bodies_containing_the_term(
            docs in proptest::collection::vec("[甲乙丙a ]{0,40}", 1..12),
            term in "[甲乙丙a]{1,7}( [甲乙丙a]{1,3})?",
        ) {
            let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
            let shards = shards_of(&refs, 24);
            let expected: Vec<u32> = docs
                .iter()
                .enumerate()
                .filter(|(_, d)| d.contains(&term))
                .map(|(i, _)| i as u32)
                .collect();
            proptest::prop_assert_eq!(shards.matches(&term), Some(expected));
        }
    }
}
