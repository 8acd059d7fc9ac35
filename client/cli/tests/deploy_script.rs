//! `scripts/deploy.sh`, the deploy path for chains beyond the local one,
//! against a node that behaves like a testnet for the client: a separate
//! process reached only by its URL, with a network profile naming it.
//!
//! Here (not in tests/) so Cargo builds the `coop` binary the script runs.

use coop_tests::dev;
use coop_tests::{free_port, repo_root, Backend, TestNode};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::LazyLock;

/// Alice's address, from the fixture's dev key.
static ALICE: LazyLock<String> = LazyLock::new(|| dev::address(&dev::alice()));
/// Bob's address, from the fixture's dev key.
static BOB: LazyLock<String> = LazyLock::new(|| dev::address(&dev::bob()));

/// A fresh scratch directory.
fn scratch(name: &str) -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix(&format!("coop-{name}-"))
        .tempdir()
        .expect("scratch dir")
}

/// A network profile file for `url`, a chain running `backend`.
fn profile(dir: &Path, url: &str, backend: Backend) -> PathBuf {
    let path = dir.join("testnet.env");
    // The contracts node declares no token; the Asset Hub chain does.
    let token = match backend {
        Backend::Contracts => "UNIT:12",
        Backend::Revive => "",
    };
    std::fs::write(
        &path,
        format!(
            "NETWORK_NAME=\"test network\"\nNETWORK_URL={url}\nNETWORK_TOKEN={token}\nNETWORK_BACKEND={}\n",
            backend.name()
        ),
    )
    .expect("profile written");
    path
}

/// Runs the deploy script with the contracts and `coop` already built.
fn deploy(profile: &Path, manifest: &Path, suri: &str, args: &[&str]) -> Output {
    Command::new(repo_root().join("scripts/deploy.sh"))
        .arg(profile)
        .args(args)
        .env("COOP_SKIP_BUILD", "1")
        .env("COOP_BIN", env!("CARGO_BIN_EXE_coop"))
        .env("COOP_ARTIFACTS", coop_tests::artifacts_dir())
        .env("COOP_MANIFEST", manifest)
        .env("COOP_SURI", suri)
        .output()
        .expect("the deploy script runs")
}

coop_tests::on_each_backend!(
    deploys_to_a_chain_reached_only_by_url,
    refuses_a_chain_of_the_other_backend,
);

async fn deploys_to_a_chain_reached_only_by_url(backend: Backend) {
    let node = TestNode::start_backend(backend);
    let scratch_dir = scratch("ok");
    let dir = scratch_dir.path().to_path_buf();
    let manifest = dir.join("testnet.json");
    let out = deploy(
        &profile(&dir, &node.url, backend),
        &manifest,
        "//Alice",
        &["--founder", &ALICE, "--founder", &BOB, "--funds", "2"],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "deploy.sh failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (offered, symbol) = match backend {
        Backend::Contracts => ("wasm contracts  yes", "UNIT"),
        Backend::Revive => ("pallet-revive   yes", "WND"),
    };
    assert!(stdout.contains(offered), "{stdout}");

    let written: Value = serde_json::from_slice(&std::fs::read(&manifest).expect("manifest"))
        .expect("the manifest is JSON");
    assert_eq!(written["node_url"], node.url.as_str());
    assert_eq!(written["token"]["symbol"], symbol);
    assert_eq!(written["backend"], backend.name());

    let status = Command::new(env!("CARGO_BIN_EXE_coop"))
        .args(["--json", "status"])
        .env("COOP_MANIFEST", &manifest)
        .output()
        .expect("coop runs");
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let status: Value = serde_json::from_slice(&status.stdout).expect("JSON");
    assert_eq!(status["member_count"], 2);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A profile that names the other backend than the chain runs is refused
/// before anything is deployed.
async fn refuses_a_chain_of_the_other_backend(backend: Backend) {
    let node = TestNode::start_backend(backend);
    let scratch_dir = scratch("other");
    let dir = scratch_dir.path().to_path_buf();
    let manifest = dir.join("testnet.json");
    let other = match backend {
        Backend::Contracts => Backend::Revive,
        Backend::Revive => Backend::Contracts,
    };
    let out = deploy(
        &profile(&dir, &node.url, other),
        &manifest,
        "//Alice",
        &["--founder", &ALICE],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("does not run pallet-{}", other.name())),
        "{stderr}"
    );
    assert!(!manifest.exists(), "no manifest for a coop never deployed");
}

#[test]
fn refuses_an_unreachable_chain_and_writes_nothing() {
    let scratch_dir = scratch("down");
    let dir = scratch_dir.path().to_path_buf();
    let manifest = dir.join("testnet.json");
    let dead = format!("ws://127.0.0.1:{}", free_port());
    let out = deploy(
        &profile(&dir, &dead, Backend::Contracts),
        &manifest,
        "//Alice",
        &["--founder", &ALICE],
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("no node answers"), "{stderr}");
    assert!(
        !manifest.exists(),
        "nothing is written for a chain that is not there"
    );

    let unknown = Command::new(repo_root().join("scripts/deploy.sh"))
        .arg("no-such-network")
        .output()
        .expect("runs");
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no network profile"));
    let _ = std::fs::remove_dir_all(&dir);
}
