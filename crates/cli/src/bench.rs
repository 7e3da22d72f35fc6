//! `parkreader bench-search`: index build time, memory, and query+filter latency on generated
//! corpora, measured natively. Prints figures; asserts nothing.

use std::time::Instant;

use parkreader_core::browse::{ListIndex, PAGE_SIZE};
use parkreader_core::query::{ListKind, ListQuery};

use crate::generate::corpus;

/// What a reader types and ticks, keystroke by keystroke, clearing the box after each.
const TYPED: [&str; 6] = [
    "碳纤维复合材料",
    "合作共赢",
    "丝束碳",
    "金山区 新材料",
    "产业链",
    "光伏组件",
];
const FILTERS: [&str; 4] = [
    "",
    "category=policy",
    "tag=tag-3,tag-5&year=2021",
    "category=signings,park-news&year=2020,2022,2024",
];

/// Runs the benchmark for each corpus size and prints a table.
pub fn run(sizes: &[usize], seed: u64) {
    println!("| articles | index build | index memory (RSS delta) | queries | p50 | p95 | max |");
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for &size in sizes {
        let bundle = corpus(size, seed);
        let rss_before = rss_kib();
        let started = Instant::now();
        let index = ListIndex::articles(&bundle);
        let build = started.elapsed();
        let rss_after = rss_kib();
        let mut times = Vec::new();
        for _round in 0..3 {
            for typed in TYPED {
                let chars: Vec<char> = typed.chars().collect();
                for filters in FILTERS {
                    // Each prefix as typed, then the box cleared, as in the browser benchmark.
                    for end in (1..=chars.len()).chain([0]) {
                        let q: String = chars[..end].iter().collect();
                        let query = ListQuery::parse(ListKind::Articles, filters).with_q(&q);
                        let started = Instant::now();
                        let listing = index.run(&query, PAGE_SIZE);
                        let ms = started.elapsed().as_secs_f64() * 1000.0;
                        times.push(ms);
                        if std::env::var_os("BENCH_VERBOSE").is_some() && ms > 2.0 {
                            eprintln!(
                                "{ms:.2} ms  q={q:?} {filters:?} → {} results",
                                listing.total
                            );
                        }
                        std::hint::black_box(listing);
                    }
                }
            }
        }
        times.sort_by(f64::total_cmp);
        let pct = |p: f64| times[((times.len() - 1) as f64 * p).round() as usize];
        println!(
            "| {size} | {:.0} ms | {} | {} | {:.3} ms | {:.3} ms | {:.3} ms |",
            build.as_secs_f64() * 1000.0,
            match (rss_before, rss_after) {
                (Some(b), Some(a)) => format!("{:.1} MiB", a.saturating_sub(b) as f64 / 1024.0),
                _ => "n/a".into(),
            },
            times.len(),
            pct(0.5),
            pct(0.95),
            times.last().copied().unwrap_or(0.0)
        );
    }
}

/// Resident memory of this process in KiB, from /proc (Linux only).
fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}
