//! The shared ledger: the ledger and the audit log as tables in one
//! PostgreSQL database, for many keyhound processes on many machines.
//!
//! Once-only is enforced by the database: every decision runs under one
//! session-level advisory lock ([`LOCK_KEY`]), taken before the ledger is
//! read and released after the outcome is written — the same exclusion
//! the file lock gives on one machine. Every append is committed before
//! the next step (a request goes out only after its `in_flight` row is
//! durable). A process that dies holding the lock loses its connection,
//! and with it the lock; its `in_flight` rows are resolved by the next run
//! from the provider's state, as with the file ledger.
//!
//! keyhound creates the tables itself and migrates them under a second
//! advisory lock; `keyhound_schema` records the version, and a database
//! migrated by a newer keyhound is refused rather than written in a
//! format this one does not know.
//!
//! TLS: rustls with the `ring` provider and the platform's roots (plus
//! `ledger_ca`); `sslmode` in the URL as libpq reads it (`prefer` by
//! default; `require` to refuse a plain connection). A certificate is
//! always verified.

use std::sync::Arc;
use std::time::Duration;

use postgres::{Client, Statement};

use super::{Entry, LedgerError, State, LOCK_WAIT};
use crate::rotate::audit::Record;
use crate::rotate::config::PostgresLedger;

/// The advisory lock every decision holds ("keyhound" in ASCII).
const LOCK_KEY: i64 = 0x6b65_7968_6f75_6e64;
/// The advisory lock of a schema migration.
const MIGRATE_KEY: i64 = LOCK_KEY + 1;
/// SQLSTATE `lock_not_available`: `lock_timeout` passed.
const LOCK_NOT_AVAILABLE: &str = "55P03";

/// The migrations, in order; `keyhound_schema` holds how many ran.
const MIGRATIONS: &[&str] = &[
    // 1: the ledger (the file ledger's entries, plus the host) and the
    // audit log (its records, plus the host).
    "CREATE TABLE keyhound_ledger (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        time timestamptz NOT NULL,
        event_id text NOT NULL,
        target text NOT NULL,
        action text NOT NULL,
        fingerprint text NOT NULL,
        state text NOT NULL CHECK (state IN ('planned', 'in_flight', 'done', 'failed',
            'pending', 'verified', 'still_live', 'unverifiable')),
        event_time text,
        detail text,
        pid bigint NOT NULL,
        host text NOT NULL
    );
    CREATE INDEX keyhound_ledger_event ON keyhound_ledger (event_id, seq);
    CREATE TABLE keyhound_audit (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        time timestamptz NOT NULL,
        event_id text NOT NULL,
        target text NOT NULL,
        target_type text NOT NULL,
        action text NOT NULL,
        mode text NOT NULL,
        context text NOT NULL,
        fingerprint text NOT NULL,
        rule text NOT NULL,
        outcome text NOT NULL,
        http_status integer,
        provider_request_id text,
        duration_ms bigint NOT NULL,
        attempts integer NOT NULL,
        message text,
        host text NOT NULL
    );",
];

const ENTRY_COLUMNS: &str =
    "time, event_id, target, action, fingerprint, state, event_time, detail, pid";

/// A connection to the ledger database, tables migrated, statements
/// prepared.
pub struct PgLedger {
    url: String,
    client: Client,
    latest: Statement,
    event_time: Statement,
    insert: Statement,
    host: String,
    /// The session's `synchronous_commit` is off (see [`needs_flush`]).
    lazy_commit: bool,
}

impl PgLedger {
    /// Connects (within the delivery's connect timeout) and migrates.
    pub fn open(cfg: &PostgresLedger) -> Result<PgLedger, LedgerError> {
        let url = cfg.url.clone();
        let fail = |message: String| LedgerError::Database {
            url: url.clone(),
            message,
        };
        let mut config: postgres::Config = cfg
            .url
            .parse()
            .map_err(|_| fail("not a valid postgres:// URL".into()))?;
        if let Some(p) = &cfg.password {
            config.password(p.resolve().map_err(fail)?);
        }
        config
            .connect_timeout(Duration::from_millis(cfg.connect_timeout_ms.max(1)))
            .application_name("keyhound");
        let tls = tls(cfg.ca.as_deref()).map_err(fail)?;
        let mut client = config
            .connect(tls)
            .map_err(|e| fail(format!("cannot connect: {}", describe(&e))))?;
        let db = |e: postgres::Error| fail(describe(&e));
        // Wait for another run's lock as long as the file ledger does; and
        // never let the server end this session while it holds the lock
        // through a long delivery (`idle_session_timeout`, PostgreSQL 14+).
        client
            .batch_execute(&format!("SET lock_timeout = '{}s'", LOCK_WAIT.as_secs()))
            .map_err(db)?;
        let version: i32 = client
            .query_one("SELECT current_setting('server_version_num')::int", &[])
            .map_err(db)?
            .get(0);
        if version >= 140_000 {
            client
                .batch_execute("SET idle_session_timeout = 0")
                .map_err(db)?;
        }
        migrate(&mut client).map_err(fail)?;
        let latest = client
            .prepare(&format!(
                "SELECT {ENTRY_COLUMNS} FROM keyhound_ledger WHERE event_id = $1 OR event_id = $2 ORDER BY seq DESC LIMIT 1"
            ))
            .map_err(db)?;
        let event_time = client
            .prepare(
                "SELECT event_time FROM keyhound_ledger WHERE event_id = $1 AND event_time IS NOT NULL ORDER BY seq LIMIT 1",
            )
            .map_err(db)?;
        let insert = client
            .prepare(&format!(
                "INSERT INTO keyhound_ledger ({ENTRY_COLUMNS}, host) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
            ))
            .map_err(db)?;
        Ok(PgLedger {
            url,
            client,
            latest,
            event_time,
            insert,
            host: host_name(),
            lazy_commit: false,
        })
    }

    fn err(&self, e: &postgres::Error) -> LedgerError {
        LedgerError::Database {
            url: self.url.clone(),
            message: describe(e),
        }
    }

    /// Takes the advisory lock (waiting up to `lock_timeout` for another
    /// run, on any machine, to finish its action).
    pub fn lock(&mut self) -> Result<PgLocked<'_>, LedgerError> {
        match self
            .client
            .execute("SELECT pg_advisory_lock($1)", &[&LOCK_KEY])
        {
            Ok(_) => Ok(PgLocked { ledger: self }),
            Err(e) if e.code().is_some_and(|c| c.code() == LOCK_NOT_AVAILABLE) => {
                Err(LedgerError::LockTimeout {
                    path: self.url.clone(),
                    secs: LOCK_WAIT.as_secs(),
                })
            }
            Err(e) => Err(self.err(&e)),
        }
    }

    /// Every entry in order.
    pub fn read_all(&mut self) -> Result<Vec<Entry>, LedgerError> {
        let rows = self
            .client
            .query(
                &format!("SELECT {ENTRY_COLUMNS} FROM keyhound_ledger ORDER BY seq"),
                &[],
            )
            .map_err(|e| self.err(&e))?;
        rows.iter().map(|r| self.entry(r)).collect()
    }

    fn entry(&self, row: &postgres::Row) -> Result<Entry, LedgerError> {
        let state: String = row.get(5);
        let state =
            serde_json::from_value(serde_json::Value::String(state.clone())).map_err(|_| {
                LedgerError::Database {
                    url: self.url.clone(),
                    message: format!("unknown ledger state {state:?}"),
                }
            })?;
        let time: jiff::Timestamp = row.get(0);
        let pid: i64 = row.get(8);
        Ok(Entry {
            time: time.to_string(),
            event_id: row.get(1),
            target: row.get(2),
            action: row.get(3),
            fingerprint: row.get(4),
            state,
            event_time: row.get(6),
            detail: row.get(7),
            pid: u32::try_from(pid).unwrap_or(0),
        })
    }

    /// Appends `records` to `keyhound_audit` in one transaction.
    pub fn append_audit(&mut self, records: &[Record]) -> Result<(), LedgerError> {
        if records.is_empty() {
            return Ok(());
        }
        let host = self.host.clone();
        let run = |client: &mut Client| -> Result<(), postgres::Error> {
            let mut tx = client.transaction()?;
            // The audit log is kept as surely as the outcomes it records.
            tx.batch_execute("SET LOCAL synchronous_commit = on")?;
            let insert = tx.prepare(
                "INSERT INTO keyhound_audit (time, event_id, target, target_type, action, mode, context, fingerprint, rule, outcome, http_status, provider_request_id, duration_ms, attempts, message, host) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
            )?;
            for r in records {
                let duration = i64::try_from(r.duration_ms).unwrap_or(i64::MAX);
                let attempts = i32::try_from(r.attempts).unwrap_or(i32::MAX);
                tx.execute(
                    &insert,
                    &[
                        &timestamp(&r.time),
                        &r.event_id,
                        &r.target,
                        &r.target_type,
                        &r.action,
                        &r.mode,
                        &r.context,
                        &r.fingerprint,
                        &r.rule,
                        &r.outcome,
                        &r.http_status.map(i32::from),
                        &r.provider_request_id,
                        &duration,
                        &attempts,
                        &r.message,
                        &host,
                    ],
                )?;
            }
            tx.commit()
        };
        run(&mut self.client).map_err(|e| self.err(&e))
    }

    /// Every audit record in order.
    pub fn read_audit(&mut self) -> Result<Vec<Record>, LedgerError> {
        let rows = self
            .client
            .query(
                "SELECT time, event_id, target, target_type, action, mode, context, fingerprint, rule, outcome, http_status, provider_request_id, duration_ms, attempts, message FROM keyhound_audit ORDER BY seq",
                &[],
            )
            .map_err(|e| self.err(&e))?;
        Ok(rows
            .iter()
            .map(|r| {
                let time: jiff::Timestamp = r.get(0);
                let status: Option<i32> = r.get(10);
                let duration: i64 = r.get(12);
                let attempts: i32 = r.get(13);
                Record {
                    time: time.to_string(),
                    event_id: r.get(1),
                    target: r.get(2),
                    target_type: r.get(3),
                    action: r.get(4),
                    mode: r.get(5),
                    context: r.get(6),
                    fingerprint: r.get(7),
                    rule: r.get(8),
                    outcome: r.get(9),
                    http_status: status.and_then(|s| u16::try_from(s).ok()),
                    provider_request_id: r.get(11),
                    duration_ms: u64::try_from(duration).unwrap_or(0),
                    attempts: u32::try_from(attempts).unwrap_or(0),
                    message: r.get(14),
                }
            })
            .collect())
    }
}

/// The ledger database while this process holds the advisory lock.
pub struct PgLocked<'a> {
    ledger: &'a mut PgLedger,
}

impl PgLocked<'_> {
    pub fn latest_of(
        &mut self,
        event_id: &str,
        legacy: Option<&str>,
    ) -> Result<Option<Entry>, LedgerError> {
        let l = &mut *self.ledger;
        let other = legacy.unwrap_or(event_id);
        let row = l
            .client
            .query_opt(&l.latest, &[&event_id, &other])
            .map_err(|e| l.err(&e))?;
        row.map(|r| l.entry(&r)).transpose()
    }

    pub fn event_time(&mut self, event_id: &str) -> Result<Option<String>, LedgerError> {
        let l = &mut *self.ledger;
        let row = l
            .client
            .query_opt(&l.event_time, &[&event_id])
            .map_err(|e| l.err(&e))?;
        Ok(row.and_then(|r| r.get(0)))
    }

    /// Inserts one row, committed when this returns; durable on the
    /// server's disk too unless [`needs_flush`] says the row may go with
    /// the next one that is (each flush is a disk sync: most of a
    /// decision's cost).
    pub fn append(&mut self, e: &Entry) -> Result<(), LedgerError> {
        let l = &mut *self.ledger;
        let pid = i64::from(e.pid);
        let time = timestamp(&e.time);
        let params: [&(dyn postgres::types::ToSql + Sync); 10] = [
            &time,
            &e.event_id,
            &e.target,
            &e.action,
            &e.fingerprint,
            &e.state.as_str(),
            &e.event_time,
            &e.detail,
            &pid,
            &l.host,
        ];
        // The session setting changes only between a row that needs the
        // flush and one that does not (one round trip, not a transaction
        // of four, per row).
        let lazy = !needs_flush(e.state);
        if lazy != l.lazy_commit {
            let set = if lazy { "off" } else { "on" };
            l.client
                .batch_execute(&format!("SET synchronous_commit = {set}"))
                .map_err(|err| l.err(&err))?;
            l.lazy_commit = lazy;
        }
        l.client
            .execute(&l.insert, &params)
            .map(drop)
            .map_err(|err| l.err(&err))
    }
}

impl Drop for PgLocked<'_> {
    fn drop(&mut self) {
        // If this fails the connection is gone, and the lock with it.
        let _ = self
            .ledger
            .client
            .execute("SELECT pg_advisory_unlock($1)", &[&LOCK_KEY]);
    }
}

/// Whether a row of `state` must be on the server's disk before keyhound
/// goes on. Every row is committed at once, so every machine sees it
/// (once-only does not depend on this); what a flush adds is surviving a
/// crash of the database server. `in_flight` is flushed before the
/// request goes out: losing it could send a request that is not
/// idempotent twice. `still_live` is flushed: losing it would leave the
/// `done` before it, which no run rotates again. Any other row a server
/// crash loses leaves `in_flight` (or `planned`) the latest, which the next
/// run resolves as after a keyhound crash — and the write-ahead log is
/// sequential, so the next flushed row (or the WAL writer, within a
/// second) takes them to disk first. One disk sync per decision, not five.
fn needs_flush(state: State) -> bool {
    matches!(state, State::InFlight | State::StillLive)
}

/// Creates or upgrades the tables, one process at a time.
fn migrate(client: &mut Client) -> Result<(), String> {
    let run = |client: &mut Client| -> Result<Result<(), String>, postgres::Error> {
        let mut tx = client.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATE_KEY])?;
        // Asked first: a role that may only read and insert (the tables
        // made once by another) may not even run CREATE … IF NOT EXISTS.
        let exists: bool = tx
            .query_one("SELECT to_regclass('keyhound_schema') IS NOT NULL", &[])?
            .get(0);
        if !exists {
            tx.batch_execute(
                "CREATE TABLE keyhound_schema (
                    version integer PRIMARY KEY,
                    applied timestamptz NOT NULL DEFAULT now()
                )",
            )?;
        }
        let have: i32 = tx
            .query_one("SELECT coalesce(max(version), 0) FROM keyhound_schema", &[])?
            .get(0);
        let known = MIGRATIONS.len() as i32;
        if have > known {
            return Ok(Err(format!(
                "the database holds ledger schema version {have}, newer than this keyhound knows ({known}): upgrade keyhound"
            )));
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(have as usize) {
            tx.batch_execute(sql)?;
            tx.execute(
                "INSERT INTO keyhound_schema (version) VALUES ($1)",
                &[&(i as i32 + 1)],
            )?;
        }
        tx.commit()?;
        Ok(Ok(()))
    };
    run(client).map_err(|e| format!("cannot migrate the ledger tables: {}", describe(&e)))?
}

/// The rustls connector: the `ring` provider, the platform's roots and
/// the PEM roots of `ca`.
fn tls(ca: Option<&std::path::Path>) -> Result<tokio_postgres_rustls::MakeRustlsConnect, String> {
    use rustls::pki_types::pem::PemObject;
    use rustls::pki_types::CertificateDer;
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let extra: Vec<CertificateDer<'static>> = match ca {
        Some(path) => CertificateDer::pem_file_iter(path)
            .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
            .map_err(|e| format!("ledger_ca {}: {e}", path.display()))?,
        None => Vec::new(),
    };
    let verifier =
        rustls_platform_verifier::Verifier::new_with_extra_roots(extra, provider.clone())
            .map_err(|e| format!("TLS roots: {e}"))?;
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS: {e}"))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// A driver error on one line: the server's message (with its SQLSTATE)
/// or the I/O cause.
fn describe(e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        return format!("{} ({}): {}", db.severity(), db.code().code(), db.message());
    }
    let mut text = e.to_string();
    let mut cur: &dyn std::error::Error = e;
    while let Some(next) = cur.source() {
        let s = next.to_string();
        if !text.contains(&s) {
            text.push_str(": ");
            text.push_str(&s);
        }
        cur = next;
    }
    text
}

/// An RFC 3339 time as stored (now, if it does not parse).
fn timestamp(s: &str) -> jiff::Timestamp {
    s.parse().unwrap_or_else(|_| jiff::Timestamp::now())
}

/// This machine's name, for the `host` column (who rotated what).
fn host_name() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}
