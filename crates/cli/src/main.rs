//! `parkreader`: the native command line beside the reader.
//!
//! - `check FILE` validates a bundle and lists every problem with its JSON path.
//! - `schema` prints the bundle's JSON Schema (the source of docs/bundle.schema.json).
//! - `serve DIR` serves a built site on 127.0.0.1 for previews and end-to-end tests.
//! - `generate` writes a deterministic corpus of any size; `bench-search` measures search on it.

mod bench;
mod generate;
mod offline;
mod prerender;
mod serve;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "parkreader",
    version,
    about = "Tools for parkreader sites: check bundles, print the schema, preview a build"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate a bundle file and report every problem with its JSON path.
    Check {
        /// The bundle, e.g. public/data/bundle.json.
        file: PathBuf,
    },
    /// Print the JSON Schema of bundle format v1.
    Schema,
    /// Serve a built site (dist/) over HTTP on the loopback address.
    Serve {
        /// The folder to serve.
        #[arg(default_value = "dist")]
        dir: PathBuf,
        /// Port to listen on; 0 picks a free one (printed on start).
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Address to bind.
        #[arg(long, default_value = "127.0.0.1")]
        address: String,
        /// Answer unknown paths without a file extension with the app shell (404.html, else
        /// index.html) and status 200, like hosts with a single-page-app rewrite. A prerendered
        /// build does not need it: unknown paths then get 404.html with status 404.
        #[arg(long)]
        spa: bool,
        /// Serve the site under this path, as a host would for https://example.org/reader/.
        #[arg(long, default_value = "/")]
        base: String,
    },
    /// Write a static page for every route of a built site (dist/), with the real content.
    Prerender {
        /// The built site; its 404.html is the template and data/bundle.json the content.
        #[arg(default_value = "dist")]
        dist: PathBuf,
    },
    /// Print the path a bundle's site is published under (from site.base_url), e.g. `/reader/`.
    BasePath {
        /// The bundle.
        file: PathBuf,
    },
    /// Write a generated bundle of realistic Chinese articles and projects (same seed, same bundle).
    Generate {
        /// Number of articles; projects are one per ten articles.
        #[arg(long, default_value_t = 1000)]
        articles: usize,
        /// Random seed.
        #[arg(long, default_value_t = 42)]
        seed: u64,
        /// Where to write the bundle JSON.
        #[arg(long)]
        out: PathBuf,
    },
    /// Measure index build time, memory and query+filter latency (p50/p95) on generated corpora.
    BenchSearch {
        /// Corpus sizes in articles, comma-separated.
        #[arg(long, value_delimiter = ',', default_value = "1000,10000,100000")]
        sizes: Vec<usize>,
        /// Random seed.
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Check { file } => check(&file),
        Command::Schema => {
            println!("{}", schema_json());
            ExitCode::SUCCESS
        }
        Command::Generate {
            articles,
            seed,
            out,
        } => {
            let bundle = generate::corpus(articles, seed);
            let json = serde_json::to_string(&bundle).expect("a bundle serialises");
            match std::fs::write(&out, json) {
                Ok(()) => {
                    println!(
                        "wrote {} ({} articles, {} projects)",
                        out.display(),
                        bundle.articles.len(),
                        bundle.projects.len()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: cannot write {}: {e}", out.display());
                    ExitCode::FAILURE
                }
            }
        }
        Command::Prerender { dist } => match prerender::prerender(&dist) {
            Ok(n) => {
                println!("prerendered {n} pages into {}", dist.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
        Command::BasePath { file } => {
            let bundle = std::fs::read_to_string(&file)
                .map_err(|e| e.to_string())
                .and_then(|t| parkreader_core::parse_bundle(&t).map_err(|e| e.to_string()));
            match bundle {
                Ok(b) => {
                    println!(
                        "{}/",
                        parkreader::state::BasePath::from_base_url(&b.site.base_url).0
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{}: {e}", file.display());
                    ExitCode::FAILURE
                }
            }
        }
        Command::BenchSearch { sizes, seed } => {
            bench::run(&sizes, seed);
            ExitCode::SUCCESS
        }
        Command::Serve {
            dir,
            port,
            address,
            spa,
            base,
        } => match serve::serve(&dir, &address, port, spa, &base) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::FAILURE
            }
        },
    }
}

fn check(file: &std::path::Path) -> ExitCode {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", file.display());
            return ExitCode::FAILURE;
        }
    };
    match parkreader_core::parse_bundle(&text) {
        Ok(b) => {
            println!(
                "{}: ok — {} articles, {} projects",
                file.display(),
                b.articles.len(),
                b.projects.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {e}", file.display());
            ExitCode::FAILURE
        }
    }
}

/// The bundle's JSON Schema, pretty-printed.
fn schema_json() -> String {
    let schema = schemars::schema_for!(parkreader_core::Bundle);
    serde_json::to_string_pretty(&schema).expect("a schema serialises")
}
