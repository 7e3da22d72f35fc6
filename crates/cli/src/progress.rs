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

    /// Ends the step, with its summary line only if it took a second or more: a step that is
    /// quick (reading the content folder, unless photos are being resized) says nothing.
    pub fn finish_if_slow(self) {
        if self.started.elapsed() >= Duration::from_secs(1) {
            self.finish();
        }
    }
}

/// Runs `work` on every item, on every core (each worker takes the next item), as the step
/// `what` with its progress. Stops at the first error, which it returns.
pub fn each_in_parallel<T: Sync>(
    what: &'static str,
    items: &[T],
    work: impl Fn(&T) -> std::io::Result<()> + Sync,
) -> std::io::Result<()> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

    let progress = std::sync::Mutex::new(Progress::new(what, items.len()));
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|scope| -> std::io::Result<()> {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| -> std::io::Result<()> {
                    while !failed.load(Ordering::Relaxed) {
                        let Some(item) = items.get(next.fetch_add(1, Ordering::Relaxed)) else {
                            return Ok(());
                        };
                        if let Err(e) = work(item) {
                            failed.store(true, Ordering::Relaxed);
                            return Err(e);
                        }
                        if let Ok(mut p) = progress.lock() {
                            p.tick();
                        }
                    }
                    Ok(())
                })
            })
            .collect();
        for worker in workers {
            worker
                .join()
                .map_err(|_| std::io::Error::other(format!("a thread panicked while {what}")))??;
        }
        Ok(())
    })?;
    if let Ok(p) = progress.into_inner() {
        p.finish();
    }
    Ok(())
}
