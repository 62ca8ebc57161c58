//! Where a history audit spends its time, phase by phase, printed to
//! stderr when `KEYHOUND_PHASES` is set (any value but `0`). A debugging
//! and benchmarking aid (README.md, "Benchmarks", quotes its table): it
//! changes no output on stdout, no report and no exit code.
//!
//! Wall-clock phases are timed by the walk itself; the blob scans that
//! happen inside the parallel pack traversal are also summed over threads,
//! so the rest of the traversal's thread time is inflating, applying
//! deltas and parsing trees.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Phase timings of one history scan.
pub(crate) struct Phases {
    enabled: bool,
    last: Instant,
    /// (phase, wall time) in the order the phases ran.
    wall: Vec<(&'static str, Duration)>,
    /// Nanoseconds the traversal threads spent scanning blobs.
    pub scan_ns: AtomicU64,
    /// Bytes scanned during the traversal.
    pub scan_bytes: AtomicU64,
    /// Of those, bytes of blobs that reused their delta base's keyword
    /// hits (src/reuse.rs).
    pub derived_bytes: AtomicU64,
}

impl Phases {
    /// Timings on when `KEYHOUND_PHASES` asks for them.
    pub(crate) fn from_env() -> Self {
        let enabled = std::env::var_os("KEYHOUND_PHASES").is_some_and(|v| v != "0");
        Phases {
            enabled,
            last: Instant::now(),
            wall: Vec::new(),
            scan_ns: AtomicU64::new(0),
            scan_bytes: AtomicU64::new(0),
            derived_bytes: AtomicU64::new(0),
        }
    }

    pub(crate) fn enabled(&self) -> bool {
        self.enabled
    }

    /// Ends the phase that ran since the previous call.
    pub(crate) fn end(&mut self, phase: &'static str) {
        let now = Instant::now();
        self.wall.push((phase, now - self.last));
        self.last = now;
    }

    /// Times `f` into `counter` when timings are on (a clock read costs
    /// ~20 ns, nothing next to a blob scan, but only pay it when asked).
    pub(crate) fn time<T>(&self, counter: &AtomicU64, f: impl FnOnce() -> T) -> T {
        if !self.enabled {
            return f();
        }
        let t = Instant::now();
        let r = f();
        counter.fetch_add(t.elapsed().as_nanos() as u64, Ordering::Relaxed);
        r
    }

    /// The table, on stderr (written directly: a debugging aid the user
    /// asked for with the variable, not a diagnostic of the scan).
    pub(crate) fn print(&self, threads: usize) {
        use std::fmt::Write as _;
        use std::io::Write as _;
        if !self.enabled {
            return;
        }
        let ms = |d: Duration| d.as_secs_f64() * 1e3;
        let total: Duration = self.wall.iter().map(|(_, d)| *d).sum();
        let mut t = format!("keyhound history phases ({threads} threads):\n");
        for (name, d) in &self.wall {
            let _ = writeln!(t, "  {name:<32} {:>9.1} ms wall", ms(*d));
        }
        let _ = writeln!(t, "  {:<32} {:>9.1} ms wall", "total", ms(total));
        let _ = writeln!(
            t,
            "  inside the traversal: scanning {:.1} MB took {:.1} ms summed over threads",
            self.scan_bytes.load(Ordering::Relaxed) as f64 / 1e6,
            self.scan_ns.load(Ordering::Relaxed) as f64 / 1e6,
        );
        let _ = writeln!(
            t,
            "  of which {:.1} MB in blobs stored as deltas of a blob scanned before (keywords searched only around their changes)",
            self.derived_bytes.load(Ordering::Relaxed) as f64 / 1e6,
        );
        let _ = std::io::stderr().lock().write_all(t.as_bytes());
    }
}
