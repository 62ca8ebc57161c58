//! The rotation ledger: an append-only log that remembers, per event
//! id (target + key), how far a rotation got — `planned` → `in_flight` →
//! `done` (or `pending`, an asynchronous rotation not finished yet) →
//! `verified` | `still_live` | `unverifiable`, or `failed` — and which
//! outcome events were delivered (under their own ids). Every decision reads it and writes it under an
//! exclusive lock held from the check to the outcome, so two keyhound runs
//! racing on the same leak see each other's entries and the key is rotated
//! once. Two backends: a JSONL file under a file lock (one machine, the
//! default, [`file`]) and tables in PostgreSQL under an advisory lock (any
//! number of machines, [`postgres`]).
//!
//! Entries never hold a secret: the event id is a hash of the target id and
//! the key's fingerprint hash, and the fingerprint is what reports show.

mod file;
mod postgres;

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::config::LedgerLocation;
pub use file::{FileLedger, FileLocked};
pub use postgres::{PgLedger, PgLocked};

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

/// Errors of the ledger. A file's are exit 3 (the run cannot promise
/// once-only); a database's are exit 5 (`ROTATION_FAILED`: nothing was
/// sent, and the rotation the run owed did not happen).
#[derive(Debug, thiserror::Error)]
pub enum LedgerError {
    #[error("rotation ledger {path}: {source}")]
    Io { path: String, source: io::Error },
    #[error("rotation ledger {path}: another keyhound run has held the lock for {secs} s")]
    LockTimeout { path: String, secs: u64 },
    /// `url` holds no password (checked at load); `message` is the
    /// driver's, which never quotes it.
    #[error("rotation ledger {url}: {message}")]
    Database { url: String, message: String },
}

/// How long to wait for another run's lock: longer than any one
/// rotation's retry budget.
const LOCK_WAIT: Duration = Duration::from_secs(300);

/// The ledger: a file on this machine, or tables in PostgreSQL shared by
/// many. The rotation code sees one interface: take the lock, read the
/// latest state of an event, append a state, release.
pub enum Ledger {
    File(FileLedger),
    Postgres(Box<PgLedger>),
}

impl Ledger {
    /// Opens the ledger at `location` (creating the file, or connecting
    /// to the database and migrating its tables).
    pub fn open(location: &LedgerLocation) -> Result<Ledger, LedgerError> {
        Ok(match location {
            LedgerLocation::File(p) => Ledger::File(FileLedger::open(p)?),
            LedgerLocation::Postgres(pg) => Ledger::Postgres(Box::new(PgLedger::open(pg)?)),
        })
    }

    /// Takes the exclusive lock, waiting for another run to finish its
    /// action; held until the [`Locked`] is dropped.
    pub fn lock(&mut self) -> Result<Locked<'_>, LedgerError> {
        Ok(match self {
            Ledger::File(f) => Locked::File(f.lock()?),
            Ledger::Postgres(p) => Locked::Postgres(p.lock()?),
        })
    }
}

/// The ledger while this process holds its lock.
pub enum Locked<'a> {
    File(FileLocked<'a>),
    Postgres(PgLocked<'a>),
}

impl Locked<'_> {
    /// The latest entry for `event_id`.
    pub fn latest(&mut self, event_id: &str) -> Result<Option<Entry>, LedgerError> {
        match self {
            Locked::File(f) => Ok(f.latest(event_id).cloned()),
            Locked::Postgres(p) => p.latest_of(event_id, None),
        }
    }

    /// The latest entry for `event_id` or, when the ledger predates the
    /// key's current fingerprint, for its `legacy` event id.
    pub fn latest_of(
        &mut self,
        event_id: &str,
        legacy: Option<&str>,
    ) -> Result<Option<Entry>, LedgerError> {
        match self {
            Locked::File(f) => Ok(f.latest_of(event_id, legacy).cloned()),
            Locked::Postgres(p) => p.latest_of(event_id, legacy),
        }
    }

    /// The first event time recorded for `event_id`.
    pub fn event_time(&mut self, event_id: &str) -> Result<Option<String>, LedgerError> {
        match self {
            Locked::File(f) => Ok(f.event_time(event_id).map(str::to_string)),
            Locked::Postgres(p) => p.event_time(event_id),
        }
    }

    /// Appends one entry, durable (synced, or committed) before returning.
    pub fn append(&mut self, entry: Entry) -> Result<(), LedgerError> {
        match self {
            Locked::File(f) => f.append(entry),
            Locked::Postgres(p) => p.append(&entry),
        }
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
    use std::io::Write;

    fn open(p: &Path) -> Ledger {
        Ledger::open(&LedgerLocation::File(p.to_path_buf())).unwrap()
    }

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
            let mut l = open(&p);
            let mut g = l.lock().unwrap();
            g.append(entry("e1", State::Planned)).unwrap();
            g.append(entry("e1", State::Done)).unwrap();
        }
        // A crash mid-write leaves a line without its newline.
        let mut f = OpenOptions::new().append(true).open(&p).unwrap();
        f.write_all(b"{\"time\":\"2026").unwrap();
        let mut l = open(&p);
        let mut g = l.lock().unwrap();
        assert_eq!(g.latest("e1").unwrap().unwrap().state, State::Done);
        g.append(entry("e2", State::InFlight)).unwrap();
        drop(g);
        let all = read_all(&p).unwrap();
        assert_eq!(all.len(), 3);
        assert_eq!(all[2].event_id, "e2");
    }

    #[test]
    fn a_key_rotated_under_its_legacy_event_id_is_recognised() {
        let dir = tempfile::tempdir().unwrap();
        let mut l = open(&dir.path().join("ledger.jsonl"));
        let mut g = l.lock().unwrap();
        g.append(entry("evt_old", State::Done)).unwrap();
        assert!(g.latest("evt_new").unwrap().is_none());
        assert_eq!(
            g.latest_of("evt_new", Some("evt_old"))
                .unwrap()
                .unwrap()
                .state,
            State::Done
        );
        g.append(entry("evt_new", State::InFlight)).unwrap();
        assert_eq!(
            g.latest_of("evt_new", Some("evt_old"))
                .unwrap()
                .unwrap()
                .state,
            State::InFlight
        );
        assert!(g.latest_of("evt_other", None).unwrap().is_none());
    }

    #[test]
    fn the_lock_is_exclusive_between_handles() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("ledger.jsonl");
        let mut a = FileLedger::open(&p).unwrap();
        let b = FileLedger::open(&p).unwrap();
        let g = a.lock().unwrap();
        assert!(matches!(
            b.file.try_lock(),
            Err(std::fs::TryLockError::WouldBlock)
        ));
        drop(g);
        assert!(b.file.try_lock().is_ok());
    }
}
