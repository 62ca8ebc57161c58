//! The file ledger: an append-only JSONL file under an exclusive file lock
//! (one machine; the default).

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{private_append, private_dir, Entry, LedgerError, LOCK_WAIT};

/// The ledger file, opened for reading and appending.
pub struct FileLedger {
    path: PathBuf,
    pub(super) file: File,
}

impl FileLedger {
    /// Opens (creating it and its directory if needed) the ledger at `path`.
    pub fn open(path: &Path) -> Result<FileLedger, LedgerError> {
        let err = |source| LedgerError::Io {
            path: path.display().to_string(),
            source,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            private_dir(dir).map_err(err)?;
        }
        let file = private_append(path).map_err(err)?;
        Ok(FileLedger {
            path: path.to_path_buf(),
            file,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Takes the exclusive lock (waiting for another run to finish its
    /// action) and reads every entry.
    pub fn lock(&mut self) -> Result<FileLocked<'_>, LedgerError> {
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
                    std::thread::sleep(std::time::Duration::from_millis(50));
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
        Ok(FileLocked {
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

/// The ledger file while this process holds its lock.
pub struct FileLocked<'a> {
    ledger: &'a mut FileLedger,
    entries: Vec<Entry>,
    needs_newline: bool,
}

impl FileLocked<'_> {
    pub fn latest(&self, event_id: &str) -> Option<&Entry> {
        self.entries.iter().rev().find(|e| e.event_id == event_id)
    }

    pub fn latest_of(&self, event_id: &str, legacy: Option<&str>) -> Option<&Entry> {
        self.entries
            .iter()
            .rev()
            .find(|e| e.event_id == event_id || Some(e.event_id.as_str()) == legacy)
    }

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

impl Drop for FileLocked<'_> {
    fn drop(&mut self) {
        let _ = self.ledger.file.unlock();
    }
}
