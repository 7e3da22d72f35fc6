//! The library behind the `parkreader` command line (`main.rs` parses the arguments): reading
//! content folders, building and prerendering sites, serving them, and the corpus generator and
//! benchmarks. A library so that the fuzz targets (`fuzz/`) reach the content parser.

pub mod bench;
pub mod build;
pub mod content;
pub mod csp;
pub mod generate;
pub mod import;
pub mod offline;
pub mod prerender;
pub mod progress;
pub mod serve;
