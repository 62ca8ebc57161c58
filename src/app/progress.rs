//! The history scan's progress display (indicatif, on stderr when it is a
//! terminal): the app's implementation of `source::Progress`.
//!
//! One line per phase, as git prints its own: the running phase shows a
//! bar, its count against its total, the percentage and an ETA (a spinner
//! and a count while the total is unknown); a finished phase stays as a
//! line with its final count and duration, so the counts a person saw can
//! be checked against the summary. Nothing is drawn on a non-terminal.

use std::sync::RwLock;
use std::time::{Duration, Instant};

use indicatif::{HumanCount, ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::source::{Progress, Unit};

/// The progress display of a history scan, on stderr.
pub struct Bar {
    enabled: bool,
    /// The bar of the running phase (a fresh one per phase, so no frame
    /// ever shows one phase's name with another's counts).
    current: RwLock<Option<(ProgressBar, Phase)>>,
}

/// The phase on display.
struct Phase {
    name: String,
    unit: Unit,
    started: Instant,
}

impl Bar {
    /// A display when `enabled` (stderr is a terminal); otherwise it draws
    /// nothing.
    pub fn new(enabled: bool) -> Self {
        Bar {
            enabled,
            current: RwLock::new(None),
        }
    }

    fn style(unit: Unit, known: bool) -> ProgressStyle {
        let template = if known {
            format!(
                "{{spinner}} {{prefix}} [{{bar:30}}] {{human_pos}}/{{human_len}} {} {{percent}}% ETA {{eta}}",
                unit.name()
            )
        } else {
            format!("{{spinner}} {{prefix}}: {{human_pos}} {}", unit.name())
        };
        ProgressStyle::with_template(&template)
            .expect("valid template")
            .progress_chars("=> ")
    }

    /// Leaves the finished phase on its own line with its final count.
    fn close(bar: &ProgressBar, phase: &Phase) {
        let done = bar.position();
        let total = bar.length().map_or(String::new(), |t| {
            if t == done {
                String::new()
            } else {
                format!("/{}", HumanCount(t))
            }
        });
        bar.println(format!(
            "  {}: {}{total} {}, done in {:.1} s",
            phase.name,
            HumanCount(done),
            phase.unit.name(),
            phase.started.elapsed().as_secs_f64()
        ));
        bar.finish_and_clear();
    }
}

impl Progress for Bar {
    fn phase(&self, name: &str, unit: Unit, total: Option<u64>) {
        if !self.enabled {
            return;
        }
        let mut current = self.current.write().expect("no panics while locked");
        if let Some((bar, prev)) = current.take() {
            Self::close(&bar, &prev);
        }
        let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::stderr())
            .with_style(Self::style(unit, total.is_some()))
            .with_prefix(name.to_string());
        bar.enable_steady_tick(Duration::from_millis(120));
        let phase = Phase {
            name: name.to_string(),
            unit,
            started: Instant::now(),
        };
        *current = Some((bar, phase));
    }

    fn set_total(&self, total: u64) {
        let current = self.current.read().expect("no panics while locked");
        if let Some((bar, phase)) = current.as_ref() {
            bar.set_style(Self::style(phase.unit, true));
            bar.set_length(total);
        }
    }

    fn advance(&self, n: u64) {
        if !self.enabled {
            return;
        }
        if let Some((bar, _)) = self
            .current
            .read()
            .expect("no panics while locked")
            .as_ref()
        {
            bar.inc(n);
        }
    }

    fn finish(&self) {
        if let Some((bar, prev)) = self.current.write().expect("no panics while locked").take() {
            Self::close(&bar, &prev);
        }
    }
}
