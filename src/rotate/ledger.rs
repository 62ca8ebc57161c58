//! The rotation ledger: an append-only JSONL file that remembers, per event
//! id (target + key), how far a rotation got — `planned` → `in_flight` →
//! `done` (or `pending`, an asynchronous rotation not finished yet) →
//! `verified` | `still_live` | `unverifiable`, or `failed` — and which
//! outcome events were delivered (under their own ids). Every decision reads it and writes it under an
//! exclusive file lock, so two keyhound runs racing on the same leak see
//! each other's entries and the key is rotated once.
//!
//! Entries never hold a secret: the event id is a hash of the target id and
//! the key's fingerprint hash, and the fingerprint is what reports show.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// How far one rotation got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Chosen to fire; nothing sent yet.
    Planned,
    /// A request is (or was, if the process died) on the wire.
    InFlight,
    /// The provider accepted the rotation.
    Done,
    Failed,
    /// Accepted, but the provider finishes it later (AWS `RotateSecret`
    /// until the new version is `AWSCURRENT`).
    Pending,
    /// Checked after the rotation: the leaked value no longer works.
    Verified,
    /// Checked after the rotation: the leaked value still works (a failure).
    StillLive,
    /// Done, but nothing keyhound can reach tells whether the value is dead.
    Unverifiable,
}

impl State {
    pub fn as_str(self) -> &'static str {
        match self {
            State::Planned => "planned",
            State::InFlight => "in_flight",
            State::Done => "done",
            State::Failed => "failed",
            State::Pending => "pending",
            State::Verified => "verified",
            State::StillLive => "still_live",
            State::Unverifiable => "unverifiable",
        }
    }

    /// The rotation happened (or is happening at the provider): no run
    /// starts it again without `keyhound rotate --again`. `failed` and
    /// `still_live` are not: the leaked value may still work.
    pub fn settled(self) -> bool {
        matches!(
            self,
            State::Done | State::Pending | State::Verified | State::Unverifiable
        )
    }
}

/// Creates `dir` and its missing parents as `0700` (state holds who
/// rotated what: private to the user).
pub fn private_dir(dir: &Path) -> io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)
}

/// Opens `path` for appending (and reading), created `0600`.
pub fn private_append(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .read(true)
        .append(true)
        .create(true)
        .mode(0o600)
        .open(path)
}

/// One ledger line.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    /// RFC 3339, UTC.
    pub time: String,
    pub event_id: String,
    pub target: String,
    pub action: String,
    pub fingerprint: String,
    pub state: State,
    /// The event's own timestamp (reused so a re-sent event is byte-identical).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_time: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    pub pid: u32,
}

/// Errors of the ledger file (exit 3: the run cannot promise once-only).
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    #[error("rotation ledger {path}: {source}")]
    Io { path: String, source: io::Error },
    #[error("rotation ledger {path}: another keyhound run has held the lock for {secs} s")]
    LockTimeout { path: String, secs: u64 },
}

/// The ledger file, opened for reading and appending.
pub struct Ledger {
    path: PathBuf,
    file: File,
}

/// How long to wait for another run's lock: longer than any one
/// rotation's retry budget.
const LOCK_WAIT: Duration = Duration::from_secs(300);

impl Ledger {
    /// Opens (creating it and its directory if needed) the ledger at `path`.
    pub fn open(path: &Path) -> Result<Ledger, LedgerError> {
        let err = |source| LedgerError::Io {
            path: path.display().to_string(),
            source,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            private_dir(dir).map_err(err)?;
        }
        let file = private_append(path).map_err(err)?;
        Ok(Ledger {
            path: path.to_path_buf(),
            file,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Takes the exclusive lock (waiting for another run to finish its
    /// action) and reads every entry.
    pub fn lock(&mut self) -> Result<Locked<'_>, LedgerError> {
        let started = Instant::now();
        loop {
            match self.file.try_lock() {
                Ok(()) => break,
                Err(std::fs::TryLockError::WouldBlock) => {
                    if started.elapsed() > LOCK_WAIT {
                        return Err(LedgerError::LockTimeout {
                            path: self.path.display().to_string(),
                            secs: LOCK_WAIT.as_secs(),
                        });
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(self.io(e)),
            }
        }
        let mut text = String::new();
        let read = (&self.file)
            .seek(SeekFrom::Start(0))
            .and_then(|_| (&self.file).read_to_string(&mut text));
        if let Err(e) = read {
            let _ = self.file.unlock();
            return Err(self.io(e));
        }
        // A line cut short by a crash is skipped, not fatal.
        let entries = text
            .lines()
            .filter_map(|l| serde_json::from_str::<Entry>(l).ok())
            .collect();
        let needs_newline = !text.is_empty() && !text.ends_with('\n');
        Ok(Locked {
            ledger: self,
            entries,
            needs_newline,
        })
    }

    fn io(&self, source: io::Error) -> LedgerError {
        LedgerError::Io {
            path: self.path.display().to_string(),
            source,
        }
    }
}

/// The ledger while this process holds its lock.
pub struct Locked<'a> {
    ledger: &'a mut Ledger,
    entries: Vec<Entry>,
    needs_newline: bool,
}

impl Locked<'_> {
    /// The latest entry for `event_id`.
    pub fn latest(&self, event_id: &str) -> Option<&Entry> {
        self.entries.iter().rev().find(|e| e.event_id == event_id)
    }

    /// The latest entry for `event_id` or, when the ledger predates the
    /// key's current fingerprint, for its `legacy` event id.
    pub fn latest_of(&self, event_id: &str, legacy: Option<&str>) -> Option<&Entry> {
        self.entries
            .iter()
            .rev()
            .find(|e| e.event_id == event_id || Some(e.event_id.as_str()) == legacy)
    }

    /// The first event time recorded for `event_id`.
    pub fn event_time(&self, event_id: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|e| e.event_id == event_id && e.event_time.is_some())
            .and_then(|e| e.event_time.as_deref())
    }

    /// Appends one entry and syncs it to disk before returning.
    pub fn append(&mut self, entry: Entry) -> Result<(), LedgerError> {
        let mut line = String::new();
        if self.needs_newline {
            line.push('\n');
        }
        line.push_str(&serde_json::to_string(&entry).expect("ledger entry serializes"));
        line.push('\n');
        let r = (&self.ledger.file)
            .write_all(line.as_bytes())
            .and_then(|_| self.ledger.file.sync_data());
        r.map_err(|e| self.ledger.io(e))?;
        self.needs_newline = false;
        self.entries.push(entry);
        Ok(())
    }
}

impl Drop for Locked<'_> {
    fn drop(&mut self) {
        let _ = self.ledger.file.unlock();
    }
}

/// Now, RFC 3339 UTC with second precision.
pub fn now_rfc3339() -> String {
    jiff::Timestamp::now()
        .round(jiff::Unit::Second)
        .unwrap_or(jiff::Timestamp::now())
        .to_string()
}

/// Reads every entry without locking (for `keyhound rotation log`).
pub fn read_all(path: &Path) -> io::Result<Vec<Entry>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    Ok(text
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, state: State) -> Entry {
        Entry {
            time: now_rfc3339(),
            event_id: id.into(),
            target: "t".into(),
            action: "a".into(),
            fingerprint: "r:0011223344556677".into(),
            state,
            event_time: None,
            detail: None,
            pid: std::process::id(),
        }
    }

    #[test]
    fn appends_survive_reopen_and_a_torn_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("state/ledger.jsonl");
        {
            let mut l = Ledger::open(&p).unwrap();
            let mut g = l.lock().unwrap();
            g.append(entry("e1", State::Planned)).unwrap();
            g.append(entry("e1", State::Done)).unwrap();
        }
        // A crash mid-write leaves a line without its newline.
        let mut f = OpenOptions::new().append(true).open(&p).unwrap();
        f.write_all(b"{\"time\":\"2026").unwrap();
        let mut l = Ledger::open(&p).unwrap();
        let mut g = l.lock().unwrap();
        assert_eq!(g.latest("e1").unwrap().state, State::Done);
        g.append(entry("e2", State::InFlight)).unwrap();
        drop(g);
        let all = read_all(&p).unwrap();
        assert_eq!(all.len(), 3);
        assert_eq!(all[2].event_id, "e2");
    }

    #[test]
    fn a_key_rotated_under_its_legacy_event_id_is_recognised() {
        let dir = tempfile::tempdir().unwrap();
        let mut l = Ledger::open(&dir.path().join("ledger.jsonl")).unwrap();
        let mut g = l.lock().unwrap();
        g.append(entry("evt_old", State::Done)).unwrap();
        assert!(g.latest("evt_new").is_none());
        assert_eq!(
            g.latest_of("evt_new", Some("evt_old")).unwrap().state,
            State::Done
        );
        g.append(entry("evt_new", State::InFlight)).unwrap();
        assert_eq!(
            g.latest_of("evt_new", Some("evt_old")).unwrap().state,
            State::InFlight
        );
        assert!(g.latest_of("evt_other", None).is_none());
    }

    #[test]
    fn the_lock_is_exclusive_between_handles() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ledger.jsonl");
        let mut a = Ledger::open(&p).unwrap();
        let b = Ledger::open(&p).unwrap();
        let g = a.lock().unwrap();
        assert!(matches!(
            b.file.try_lock(),
            Err(std::fs::TryLockError::WouldBlock)
        ));
        drop(g);
        assert!(b.file.try_lock().is_ok());
    }
}
