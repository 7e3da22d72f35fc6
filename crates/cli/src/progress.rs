//! Progress for long build steps, on standard error: a bar redrawn in place on a terminal, and
//! one line per step (what, how many, how long) everywhere, so logs show where time went.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// One step of a build, counted in items.
pub struct Progress {
    what: &'static str,
    total: usize,
    done: usize,
    started: Instant,
    last_draw: Option<Instant>,
    terminal: bool,
}

impl Progress {
    /// Starts a step of `total` items.
    pub fn new(what: &'static str, total: usize) -> Progress {
        Progress {
            what,
            total,
            done: 0,
            started: Instant::now(),
            last_draw: None,
            terminal: std::io::stderr().is_terminal(),
        }
    }

    /// One more item done. The bar appears once the step has run a second, and is redrawn at
    /// most ten times a second.
    pub fn tick(&mut self) {
        self.done += 1;
        if !self.terminal || self.started.elapsed() < Duration::from_secs(1) {
            return;
        }
        if self
            .last_draw
            .is_some_and(|t| t.elapsed() < Duration::from_millis(100))
        {
            return;
        }
        self.last_draw = Some(Instant::now());
        let width = 30;
        let filled = (self.done * width).checked_div(self.total).unwrap_or(width);
        eprint!(
            "\r{:<12} [{}{}] {}/{}",
            self.what,
            "#".repeat(filled),
            " ".repeat(width - filled),
            self.done,
            self.total
        );
        let _ = std::io::stderr().flush();
    }

    /// Ends the step with its summary line.
    pub fn finish(self) {
        if self.last_draw.is_some() {
            eprint!("\r\x1b[2K");
        }
        eprintln!(
            "{:<12} {} in {:.1} s",
            self.what,
            self.done,
            self.started.elapsed().as_secs_f64()
        );
    }
}
