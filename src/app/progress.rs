//! The history scan's progress bar (indicatif, on stderr when it is a
//! terminal): the app's implementation of `source::Progress`.

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::source::Progress;

/// The progress bar of a history scan, on stderr.
pub struct Bar {
    bar: Option<ProgressBar>,
    started: Instant,
    bytes: std::sync::atomic::AtomicU64,
    /// Blobs scanned ahead of the diffs.
    ahead: std::sync::atomic::AtomicU64,
}

impl Bar {
    /// A bar when `enabled` (stderr is a terminal); otherwise it draws nothing.
    pub fn new(enabled: bool) -> Self {
        let bar = enabled.then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(ProgressStyle::with_template("{spinner} {msg}").expect("valid template"));
            bar.enable_steady_tick(Duration::from_millis(120));
            bar
        });
        Bar {
            bar,
            started: Instant::now(),
            bytes: Default::default(),
            ahead: Default::default(),
        }
    }

    /// Adds scanned bytes; returns the rate so far in MB/s.
    fn add_bytes(&self, bytes: u64) -> f64 {
        use std::sync::atomic::Ordering;
        let total = self.bytes.fetch_add(bytes, Ordering::Relaxed) + bytes;
        let secs = self.started.elapsed().as_secs_f64().max(0.001);
        total as f64 / secs / 1e6
    }
}

impl Progress for Bar {
    fn set(&self, msg: String) {
        if let Some(b) = &self.bar {
            b.set_message(msg);
        }
    }

    fn start_blobs(&self, n: u64) {
        if let Some(b) = &self.bar {
            b.set_length(n);
            b.set_position(0);
            b.set_style(
                ProgressStyle::with_template(
                    "{spinner} scanning blobs [{bar:30}] {pos}/{len} {msg}",
                )
                .expect("valid template")
                .progress_chars("=> "),
            );
        }
    }

    fn blob_done(&self, bytes: u64) {
        if let Some(b) = &self.bar {
            b.inc(1);
            b.set_message(format!("{:.1} MB/s", self.add_bytes(bytes)));
        }
    }

    /// A blob scanned during the traversal that resolves the trees, before
    /// the blob bar starts (it is then counted with [`Self::blob_counted`]).
    fn scanned_ahead(&self, bytes: u64) {
        use std::sync::atomic::Ordering;
        if let Some(b) = &self.bar {
            let rate = self.add_bytes(bytes);
            let n = self.ahead.fetch_add(1, Ordering::Relaxed) + 1;
            if n.is_multiple_of(256) {
                b.set_message(format!(
                    "resolving trees, scanning blobs: {n} blobs, {rate:.1} MB/s"
                ));
            }
        }
    }

    /// A blob whose bytes [`Self::scanned_ahead`] already counted.
    fn blob_counted(&self) {
        if let Some(b) = &self.bar {
            b.inc(1);
        }
    }

    fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
