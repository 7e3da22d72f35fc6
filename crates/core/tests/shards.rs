//! Bodies published as separate files, searched through build-time shards, give exactly the
//! lists the same bodies give inline: same results, same order, same facet counts.

use std::fs;

use parkreader_core::browse::{blocks_text, ListIndex, PAGE_SIZE};
use parkreader_core::query::{ListKind, ListQuery};
use parkreader_core::shards::{BodyShards, Shard, ShardBuilder};
use parkreader_core::text::fold;
use parkreader_core::{parse_body, parse_bundle, Bundle};

const ROOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../public");

/// The sample as published (some bodies in their own files) and with every body inline.
fn sample() -> (Bundle, Bundle) {
    let separate =
        parse_bundle(&fs::read_to_string(format!("{ROOT}/data/bundle.json")).unwrap()).unwrap();
    let mut inline = separate.clone();
    for a in &mut inline.articles {
        if let Some(url) = a.body_url.take() {
            let text = fs::read_to_string(format!("{ROOT}{url}")).unwrap();
            a.body = Some(parse_body(&text).unwrap());
        }
    }
    assert!(
        separate
            .articles
            .iter()
            .filter(|a| a.body_url.is_some())
            .count()
            >= 3,
        "the sample publishes several bodies as separate files"
    );
    (separate, inline)
}

/// Shards of the separate bodies, split small so that queries read several.
fn shard_files(separate: &Bundle, inline: &Bundle) -> Vec<Vec<u8>> {
    let mut builder = ShardBuilder::default();
    for (i, (s, a)) in separate.articles.iter().zip(&inline.articles).enumerate() {
        if s.body_url.is_some() {
            builder.add(i as u32, &fold(&blocks_text(a.body.as_deref().unwrap())));
        }
    }
    builder.finish(2048)
}

fn loaded(files: &[Vec<u8>]) -> BodyShards {
    let mut shards = BodyShards::new(files.len() as u32);
    for (n, bytes) in files.iter().enumerate() {
        shards.insert(n as u32, Shard::parse(bytes.clone()).unwrap());
    }
    shards
}

/// Of the shards `files`, those a search of `q` reads, and no more.
fn loaded_for(files: &[Vec<u8>], q: &ListQuery) -> BodyShards {
    let mut shards = BodyShards::new(files.len() as u32);
    let wanted = shards.missing(&parkreader_core::text::terms(&q.q));
    load(&mut shards, files, &wanted);
    shards
}

/// Puts the shards numbered `wanted` of `files` in `shards`.
fn load(shards: &mut BodyShards, files: &[Vec<u8>], wanted: &[u32]) {
    for &n in wanted {
        shards.insert(n, Shard::parse(files[n as usize].clone()).unwrap());
    }
}

/// Queries cut from the separate bodies: single characters, mid-word runs, two terms.
fn queries(inline: &Bundle, separate: &Bundle) -> Vec<String> {
    let mut out = vec![
        "碳纤维".to_string(),
        "金山 合作".to_string(),
        "CH2000".to_string(),
    ];
    for (s, a) in separate.articles.iter().zip(&inline.articles) {
        if s.body_url.is_none() {
            continue;
        }
        let text: Vec<char> = blocks_text(a.body.as_deref().unwrap()).chars().collect();
        for (k, at) in (0..text.len()).step_by(37).enumerate() {
            let len = 1 + k % 6;
            let term: String = text[at..(at + len).min(text.len())].iter().collect();
            if term.trim().is_empty() {
                continue;
            }
            out.push(term.clone());
            if let Some(other) = text.get(at + 11..at + 13) {
                out.push(format!("{term} {}", other.iter().collect::<String>()));
            }
        }
    }
    out
}

#[test]
fn sharded_bodies_list_exactly_as_inline_bodies() {
    let (separate, inline) = sample();
    let files = shard_files(&separate, &inline);
    assert!(files.len() > 4, "{} shards", files.len());
    let shards = loaded(&files);
    let (with_shards, with_bodies) = (ListIndex::articles(&separate), ListIndex::articles(&inline));
    let queries = queries(&inline, &separate);
    assert!(queries.len() > 100);
    let mut body_only = 0;
    for q in &queries {
        let query = ListQuery::new(ListKind::Articles).with_q(q);
        let expected = with_bodies.run(&query, PAGE_SIZE);
        let got = with_shards.run_with(&query, PAGE_SIZE, Some(&shards));
        assert_eq!(got, expected, "query {q:?}");
        body_only += usize::from(with_shards.run(&query, PAGE_SIZE).total < expected.total);
    }
    // Many of these queries find bodies that only the shards answer.
    assert!(
        body_only > queries.len() / 3,
        "{body_only} of {}",
        queries.len()
    );
}

#[test]
fn without_its_shards_a_body_is_not_found_and_the_missing_ones_are_named() {
    let (separate, inline) = sample();
    let files = shard_files(&separate, &inline);
    let none = BodyShards::new(files.len() as u32);
    let q = ListQuery::new(ListKind::Articles).with_q("正式揭牌");
    let terms = parkreader_core::text::terms(&q.q);
    assert!(!none.missing(&terms).is_empty());
    let index = ListIndex::articles(&separate);
    assert_eq!(index.run_with(&q, PAGE_SIZE, Some(&none)).total, 0);
    let some = loaded_for(&files, &q);
    assert!(some.missing(&terms).is_empty());
    assert_eq!(index.run_with(&q, PAGE_SIZE, Some(&some)).total, 1);
}

/// A word typed without a space that finds nothing (`碳纤维金山`) is parted where the parts
/// find the most. Parted after an odd number of characters (「碳纤维 金山」), its parts read
/// pairs of characters the whole word did not, from shards not fetched for it: the list names
/// them and parts the word only once they are here, choosing among every parting as with
/// every body inline.
#[test]
fn a_word_parted_waits_for_the_shards_its_parts_read() {
    let (separate, inline) = sample();
    let files = shard_files(&separate, &inline);
    let index = ListIndex::articles(&separate);
    let expected = ListIndex::articles(&inline).run(
        &ListQuery::new(ListKind::Articles).with_q("碳纤维金山"),
        PAGE_SIZE,
    );
    assert_eq!(expected.query.q, "碳纤维 金山");
    assert!(expected.total > 0);
    // The shards of the word as typed, and no more.
    let q = ListQuery::new(ListKind::Articles).with_q("碳纤维金山");
    let mut shards = loaded_for(&files, &q);
    let waiting = index.run_with(&q, PAGE_SIZE, Some(&shards));
    assert_eq!((waiting.total, &waiting.parted_from), (0, &None));
    assert!(!waiting.parted_awaits.is_empty());
    load(&mut shards, &files, &waiting.parted_awaits);
    let parted = index.run_with(&q, PAGE_SIZE, Some(&shards));
    assert_eq!(parted, expected);
    assert!(parted.parted_awaits.is_empty());
    // A longer text (a sentence pasted) is parted among the shards that are here: waiting for
    // every parting's pairs fetched twice the shards of the whole.
    let long = ListQuery::new(ListKind::Articles).with_q("碳纤维金山新材料产业园区");
    let listing = index.run_with(&long, PAGE_SIZE, Some(&loaded_for(&files, &long)));
    assert_eq!(listing.total, 0);
    assert!(listing.parted_awaits.is_empty());
}
