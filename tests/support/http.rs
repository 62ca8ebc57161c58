//! One HTTP/1.1 server on 127.0.0.1 for every test that needs a remote end
//! (a provider's API, a webhook receiver, a proxy in front of a real
//! server): it records each request (method, target, headers, body, when)
//! and answers what a handler or a script says — any status, headers and
//! body, after a delay, or by closing the connection without an answer.
//!
//! Built on `std::net` rather than an HTTP server crate so that a test can
//! drop a connection unanswered. One thread per connection, so a slow
//! answer never delays the next request (a client's retry), and it answers
//! `Connection: close` (one request per connection).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;

/// One request as received.
#[derive(Debug, Clone)]
pub struct Request {
    /// When it was read in full.
    pub at: Instant,
    pub method: String,
    /// Request target: path and query, exactly as sent.
    pub target: String,
    /// Names as sent (look them up with [`Request::header`]).
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    /// The first header called `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The token of `Authorization: Bearer …`.
    pub fn bearer(&self) -> Option<String> {
        self.header("authorization")?
            .strip_prefix("Bearer ")
            .map(str::to_string)
    }

    /// `user:password` of HTTP basic auth.
    pub fn basic(&self) -> Option<String> {
        let b64 = self.header("authorization")?.strip_prefix("Basic ")?;
        let raw = base64::engine::general_purpose::STANDARD.decode(b64).ok()?;
        String::from_utf8(raw).ok()
    }

    /// A field of an `application/x-www-form-urlencoded` body.
    pub fn form(&self, key: &str) -> Option<String> {
        form_urlencoded::parse(&self.body)
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.into_owned())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The body as JSON (panics if it is not).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("JSON body")
    }

    /// The whole request as text, to search for a secret.
    pub fn dump(&self) -> String {
        let mut s = format!("{} {}\n", self.method, self.target);
        for (k, v) in &self.headers {
            s.push_str(&format!("{k}: {v}\n"));
        }
        s.push_str(&self.text());
        s
    }

    /// The Standard Webhooks signature checks out with `secret`
    /// (`whsec_` + base64 key): HMAC-SHA256 over `id.timestamp.body`, any
    /// `v1,` entry matching, and the timestamp within 5 minutes of now.
    pub fn standard_webhook_ok(&self, secret: &str) -> bool {
        let key = base64::engine::general_purpose::STANDARD
            .decode(secret.trim_start_matches("whsec_"))
            .unwrap();
        let get = |n: &str| self.header(n).unwrap_or_default();
        let (id, ts, sigs) = (
            get("webhook-id"),
            get("webhook-timestamp"),
            get("webhook-signature"),
        );
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
        let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
        mac.update(format!("{id}.{ts}.").as_bytes());
        mac.update(&self.body);
        let expected =
            base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
        sigs.split(' ')
            .filter_map(|s| s.strip_prefix("v1,"))
            .any(|s| s == expected)
    }
}

/// How the server answers one request.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// Waited before answering (a client with a shorter timeout gives up).
    pub delay: Duration,
    /// After the delay, close the connection without answering.
    pub hang_up: bool,
}

/// `status` with a JSON `body`.
pub fn reply(status: u16, body: &str) -> Reply {
    Reply {
        status,
        headers: vec![("Content-Type".into(), "application/json".into())],
        body: body.to_string(),
        delay: Duration::ZERO,
        hang_up: false,
    }
}

impl Reply {
    pub fn header(mut self, k: &str, v: &str) -> Self {
        self.headers.push((k.into(), v.into()));
        self
    }

    pub fn after(mut self, d: Duration) -> Self {
        self.delay = d;
        self
    }

    /// Close the connection instead of answering (the request may have
    /// been acted on; the client cannot know).
    pub fn hang_up(mut self) -> Self {
        self.hang_up = true;
        self
    }
}

type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

/// The recording server; stops accepting when dropped.
pub struct Server {
    port: u16,
    requests: Arc<Mutex<Vec<Request>>>,
    max_in_flight: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
}

impl Server {
    /// Answers every request with `handler`'s reply.
    pub fn start(handler: impl Fn(&Request) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let server = Server {
            port: listener.local_addr().unwrap().port(),
            requests: Arc::new(Mutex::new(Vec::new())),
            max_in_flight: Arc::new(AtomicUsize::new(0)),
            stop: Arc::new(AtomicBool::new(false)),
        };
        let handler: Arc<Handler> = Arc::new(handler);
        let in_flight = Arc::new(AtomicUsize::new(0));
        let (requests, max_in_flight, stop) = (
            server.requests.clone(),
            server.max_in_flight.clone(),
            server.stop.clone(),
        );
        std::thread::spawn(move || {
            for conn in listener.incoming() {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let (requests, in_flight, max_in_flight, handler) = (
                    requests.clone(),
                    in_flight.clone(),
                    max_in_flight.clone(),
                    handler.clone(),
                );
                std::thread::spawn(move || {
                    let Some(req) = read_request(&conn) else {
                        return;
                    };
                    let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                    max_in_flight.fetch_max(now, Ordering::SeqCst);
                    requests.lock().unwrap().push(req.clone());
                    let r = handler(&req);
                    std::thread::sleep(r.delay);
                    // Out of flight before the client can see the answer
                    // and send its next request.
                    in_flight.fetch_sub(1, Ordering::SeqCst);
                    if r.hang_up {
                        let _ = conn.shutdown(Shutdown::Both);
                    } else {
                        let _ = write_reply(&conn, &r);
                    }
                });
            }
        });
        server
    }

    /// Answers `script` in order of arrival, then `then` to every request.
    pub fn scripted(script: Vec<Reply>, then: Reply) -> Server {
        let script = Mutex::new(script.into_iter());
        Server::start(move |_| script.lock().unwrap().next().unwrap_or(then.clone()))
    }

    /// `http://127.0.0.1:PORT` (no trailing slash).
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Every request so far, in order of arrival.
    pub fn requests(&self) -> Vec<Request> {
        self.requests.lock().unwrap().clone()
    }

    pub fn count(&self) -> usize {
        self.requests.lock().unwrap().len()
    }

    /// The most requests ever being answered at once.
    pub fn max_in_flight(&self) -> usize {
        self.max_in_flight.load(Ordering::SeqCst)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees `stop`.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

fn read_request(conn: &TcpStream) -> Option<Request> {
    conn.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let mut r = BufReader::new(conn);
    let mut line = String::new();
    r.read_line(&mut line).ok()?;
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_string();
    let target = parts.next()?.to_string();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        r.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        let (k, v) = h.split_once(':')?;
        headers.push((k.trim().to_string(), v.trim().to_string()));
    }
    let header = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    };
    let body = if header("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        read_chunked(&mut r)?
    } else {
        let len: usize = header("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut body = vec![0; len];
        r.read_exact(&mut body).ok()?;
        body
    };
    Some(Request {
        at: Instant::now(),
        method,
        target,
        headers,
        body,
    })
}

/// A `Transfer-Encoding: chunked` body (trailers ignored).
fn read_chunked(r: &mut impl BufRead) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let mut size = String::new();
        r.read_line(&mut size).ok()?;
        let size = size.trim().split(';').next()?;
        let n = usize::from_str_radix(size, 16).ok()?;
        if n == 0 {
            let mut trailer = String::new();
            while r.read_line(&mut trailer).ok()? > 2 {
                trailer.clear();
            }
            return Some(body);
        }
        let start = body.len();
        body.resize(start + n, 0);
        r.read_exact(&mut body[start..]).ok()?;
        let mut crlf = [0; 2];
        r.read_exact(&mut crlf).ok()?;
    }
}

fn write_reply(mut conn: &TcpStream, r: &Reply) -> std::io::Result<()> {
    let mut out = format!(
        "HTTP/1.1 {} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        r.status,
        r.body.len()
    );
    for (k, v) in &r.headers {
        out.push_str(&format!("{k}: {v}\r\n"));
    }
    out.push_str("\r\n");
    out.push_str(&r.body);
    conn.write_all(out.as_bytes())
}

/// GitHub's `GET /user` as documented: 200 with the owner for `live`, 401
/// for any other token, 404 for any other request.
pub fn github_user_api(live: &str) -> Server {
    let live = live.to_string();
    Server::start(move |r| {
        if r.method != "GET" || r.target != "/user" {
            return reply(404, "{}");
        }
        if r.bearer().as_deref() == Some(live.as_str()) {
            reply(200, r#"{"login":"octocat","id":1}"#)
        } else {
            reply(401, r#"{"message":"Bad credentials"}"#)
        }
    })
}
