//! `coop check` against a real pallet-revive chain (the Westend Asset Hub
//! runtime): it names the backend the chain offers and, since coop's
//! register and governance are not ported to ink! 6 yet, says plainly that
//! no coop can be deployed there. Where the revive node is not installed the
//! test says so, and under `CI=true` fails.

use coop_tests::{Backend, TestNode};
use serde_json::Value;
use std::process::{Command, Output};

fn check(url: &str, json: bool) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_coop"));
    cmd.args(["check", "--url", url])
        .env_remove("COOP_MANIFEST")
        .env_remove("COOP_URL");
    if json {
        cmd.arg("--json");
    }
    cmd.output().expect("coop runs")
}

#[test]
fn check_names_pallet_revive_and_says_a_coop_cannot_go_there_yet() {
    if !Backend::Revive.ready_or_say() {
        return;
    }
    let node = TestNode::start_backend(Backend::Revive);

    let out = check(&node.url, false);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
    assert!(
        stdout.contains("token           WND, 12 decimals"),
        "{stdout}"
    );
    assert!(stdout.contains("wasm contracts  no"), "{stdout}");
    assert!(
        stdout.contains("pallet-revive   yes (PolkaVM, ink! 6)"),
        "{stdout}"
    );
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.contains("runs pallet-revive (ink! 6), not pallet-contracts"),
        "{stderr}"
    );

    let out = check(&node.url, true);
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["backend"], "revive");
    assert_eq!(report["revive"], true);
    assert_eq!(report["wasm_contracts"], false);
    assert_eq!(report["token_symbol"], "WND");
}
