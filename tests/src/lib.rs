//! Helpers for the end-to-end tests: a real, throwaway (or persistent)
//! node per test, where the built contracts are, and (in [`coop`]) the
//! dev keys and a founded test coop.
//!
//! Nodes are started through `scripts/chain.sh run`, so the tests use the
//! exact flags a developer's chain uses.

pub mod browser;
pub mod coop;

pub use coop::{dev, UNIT};

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The project's cache outside the checkout, as `scripts/lib.sh` names it:
/// `$COOP_CACHE`, default `~/.cache/coop`.
pub fn cache_dir() -> PathBuf {
    std::env::var_os("COOP_CACHE").map_or_else(
        || PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".cache/coop"),
        PathBuf::from,
    )
}

/// The checkout's root directory: the nearest folder above the running
/// test's package that holds `scripts/lib.sh`.
pub fn repo_root() -> PathBuf {
    // Cargo sets the variable when it runs a test, naming this checkout.
    // The compile-time value is only a fallback: a build cached outside the
    // checkout is reused by other clones, and would name the one that built it.
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest_dir
        .ancestors()
        .find(|dir| dir.join("scripts").join("lib.sh").is_file())
        .unwrap_or_else(|| panic!("no checkout above {}", manifest_dir.display()))
        .to_path_buf()
}

/// Where the contract build step leaves the `.contract`, `.wasm` and `.json`
/// files (`COOP_ARTIFACTS` overrides it).
pub fn artifacts_dir() -> PathBuf {
    std::env::var_os("COOP_ARTIFACTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target").join("contracts"))
}

/// The path of one artifact, e.g. `artifact("membership", "contract")`,
/// with a clear failure if the build step has not run.
pub fn artifact(contract: &str, ext: &str) -> PathBuf {
    let path = artifacts_dir().join(format!("{contract}.{ext}"));
    assert!(
        path.exists(),
        "{} is missing: run scripts/build-contracts.sh first",
        path.display()
    );
    path
}

/// A port on loopback that nothing listens on right now.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("the OS hands out a free port")
}

/// The contracts runtime a test node runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// substrate-contracts-node --dev: pallet-contracts, ink! 5 (Wasm).
    Contracts,
    /// polkadot-omni-node with the Westend Asset Hub runtime:
    /// pallet-revive, ink! 6 (PolkaVM).
    Revive,
}

impl Backend {
    /// Its name in the scripts' `--backend`.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Contracts => "contracts",
            Backend::Revive => "revive",
        }
    }

    /// Whether this machine has the backend's node, checked the way
    /// `scripts/chain.sh` checks it. `Err` says what is missing.
    pub fn available(self) -> Result<(), String> {
        let out = Command::new(repo_root().join("scripts").join("chain.sh"))
            .args(["check", "--backend", self.name()])
            .output()
            .map_err(|e| format!("scripts/chain.sh does not run: {e}"))?;
        if out.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
        }
    }

    /// Whether a test of this backend can run here. Where its node is
    /// missing, says so on stderr and returns false, so the test returns
    /// early; under `CI=true` a missing node fails the test instead, so CI
    /// never passes without testing a backend.
    pub fn ready_or_say(self) -> bool {
        match self.available() {
            Ok(()) => true,
            Err(why) if std::env::var("CI").as_deref() == Ok("true") => {
                panic!("the {} backend cannot be tested here: {why}", self.name())
            }
            Err(why) => {
                eprintln!(
                    "NOT TESTED: the {} backend ({why}); scripts/setup.sh --backend {} installs it",
                    self.name(),
                    self.name()
                );
                false
            }
        }
    }
}

/// A running local dev node, stopped when dropped.
pub struct TestNode {
    child: Option<Child>,
    /// The node's RPC port on 127.0.0.1.
    pub port: u16,
    /// Its WebSocket URL, `ws://127.0.0.1:PORT`.
    pub url: String,
    /// The file the node logs to.
    pub log: PathBuf,
    base_path: Option<PathBuf>,
}

/// Why a node did not come up.
enum NotUp {
    /// Another process bound the port first (the port was free when picked).
    PortTaken,
    /// It failed otherwise, or did not answer in time; the reason says how.
    Failed(String),
}

impl TestNode {
    /// Starts a throwaway node (`--tmp`) on a free port and waits until it answers.
    pub fn start() -> TestNode {
        Self::launch(Backend::Contracts, None, false, None)
    }

    /// Starts a throwaway node of `backend` on a free port.
    pub fn start_backend(backend: Backend) -> TestNode {
        Self::launch(backend, None, false, None)
    }

    /// Starts a throwaway node on `port` if the node can have it, else on
    /// another free port: what [`TestNode::start`] does when the port it
    /// picked is taken before the node binds it.
    pub fn start_preferring(port: u16) -> TestNode {
        Self::launch(Backend::Contracts, Some(port), false, None)
    }

    /// Starts a node that keeps its chain in `base_path`, on `port`, so a test
    /// can stop it and start it again on the same chain.
    pub fn start_persistent(backend: Backend, base_path: &Path, port: u16) -> TestNode {
        Self::launch(backend, Some(port), true, Some(base_path.to_path_buf()))
    }

    /// Launches the node on `port` (or a free one). A free port can be
    /// taken by another test's node between being picked and being bound;
    /// unless the port is `fixed`, such a launch is retried on another port.
    fn launch(
        backend: Backend,
        port: Option<u16>,
        fixed: bool,
        base_path: Option<PathBuf>,
    ) -> TestNode {
        const ATTEMPTS: u32 = 5;
        let mut attempt = 1;
        let mut port = port;
        loop {
            let mut node = Self::spawn(backend, port.unwrap_or_else(free_port), base_path.clone());
            match node.wait_ready(Duration::from_secs(90)) {
                Ok(()) => return node,
                Err(NotUp::PortTaken) if !fixed && attempt < ATTEMPTS => {
                    port = None;
                    eprintln!("port {} was taken; starting the node on another", node.port);
                    node.stop();
                    attempt += 1;
                }
                Err(NotUp::PortTaken) => panic!(
                    "the node could not bind port {}; log {}",
                    node.port,
                    node.log.display()
                ),
                Err(NotUp::Failed(why)) => panic!("{why}"),
            }
        }
    }

    fn spawn(backend: Backend, port: u16, base_path: Option<PathBuf>) -> TestNode {
        let log = std::env::temp_dir().join(format!("coop-test-node-{port}.log"));
        let log_file = std::fs::File::create(&log).expect("node log file");
        let mut cmd = Command::new(repo_root().join("scripts").join("chain.sh"));
        cmd.arg("run")
            .args(["--backend", backend.name()])
            .arg("--rpc-port")
            .arg(port.to_string());
        match &base_path {
            Some(dir) => cmd.arg("--base-path").arg(dir),
            None => cmd.arg("--tmp"),
        };
        let child = cmd
            .stdin(Stdio::null())
            .stdout(log_file.try_clone().expect("log handle"))
            .stderr(log_file)
            .spawn()
            .expect("scripts/chain.sh runs the node");
        TestNode {
            child: Some(child),
            port,
            url: format!("ws://127.0.0.1:{port}"),
            log,
            base_path,
        }
    }

    /// Waits until this node (not another on the same port) answers: its
    /// own log must say it serves RPC on the port asked for before an
    /// answer there counts.
    fn wait_ready(&mut self, limit: Duration) -> Result<(), NotUp> {
        let start = Instant::now();
        let serving = format!("Running JSON-RPC server: addr=127.0.0.1:{}", self.port);
        while start.elapsed() < limit {
            let log = std::fs::read_to_string(&self.log).unwrap_or_default();
            if let Some(child) = self.child.as_mut() {
                if let Ok(Some(status)) = child.try_wait() {
                    if log.contains("Address already in use") || log.contains("os error 98") {
                        return Err(NotUp::PortTaken);
                    }
                    return Err(NotUp::Failed(format!(
                        "the node exited with {status} before answering; log {}:\n{log}",
                        self.log.display()
                    )));
                }
            }
            if log.contains(&serving) {
                if rpc_answers(self.port) {
                    return Ok(());
                }
            } else if log.contains("Running JSON-RPC server: addr=") {
                // substrate's RPC server does not fail on a taken port: it
                // binds another one, and the caller would talk to whoever
                // holds the port it asked for.
                return Err(NotUp::PortTaken);
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        Err(NotUp::Failed(format!(
            "the node on port {} did not answer within {limit:?}; log {}",
            self.port,
            self.log.display()
        )))
    }

    /// The persistent base path, if the node has one.
    pub fn base_path(&self) -> Option<&Path> {
        self.base_path.as_deref()
    }

    /// Stops the node and waits for it to exit.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            // SIGTERM lets the node close its database cleanly (the restart test needs that).
            let _ = Command::new("kill").arg(child.id().to_string()).status();
            let deadline = Instant::now() + Duration::from_secs(20);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = child.try_wait() {
                    return;
                }
                std::thread::sleep(Duration::from_millis(100));
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for TestNode {
    fn drop(&mut self) {
        self.stop();
    }
}

/// True when a JSON-RPC `system_health` on `port` gets a result.
pub fn rpc_answers(port: u16) -> bool {
    let body = r#"{"id":1,"jsonrpc":"2.0","method":"system_health","params":[]}"#;
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    // The port belongs in Host: polkadot-omni-node refuses the request
    // (403) without it, where substrate-contracts-node let it pass.
    let request = format!(
        "POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut reply = String::new();
    let _ = stream.read_to_string(&mut reply);
    reply.contains("\"result\"")
}

/// Makes each named `async fn(Backend)` a test on each backend: the test
/// `contracts::NAME` on pallet-contracts and `revive::NAME` on pallet-revive,
/// one body for both. Where a backend's node is missing, its test says so
/// and passes, except under `CI=true`, where it fails
/// ([`Backend::ready_or_say`]).
#[macro_export]
macro_rules! on_each_backend {
    ($($test:ident),+ $(,)?) => {
        /// The tests on pallet-contracts (ink! 5, Wasm).
        mod contracts {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $test() {
                    if $crate::Backend::Contracts.ready_or_say() {
                        super::$test($crate::Backend::Contracts).await;
                    }
                }
            )+
        }
        /// The same tests on pallet-revive (ink! 6, PolkaVM).
        mod revive {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn $test() {
                    if $crate::Backend::Revive.ready_or_say() {
                        super::$test($crate::Backend::Revive).await;
                    }
                }
            )+
        }
    };
}
