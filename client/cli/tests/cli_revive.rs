//! `coop check` against a real pallet-revive chain (the Westend Asset Hub
//! runtime): it names the backend the chain offers, says a coop runs there,
//! and how the contracts' 18-decimal amounts relate to the native token.
//! Where the revive node is not installed the test says so, and under
//! `CI=true` fails.

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
fn check_names_pallet_revive_and_says_a_coop_runs_there() {
    if !Backend::Revive.ready_or_say() {
        return;
    }
    let node = TestNode::start_backend(Backend::Revive);

    let out = check(&node.url, false);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}{stderr}");
    assert!(
        stdout.contains("token           WND, 12 decimals"),
        "{stdout}"
    );
    assert!(stdout.contains("wasm contracts  no"), "{stdout}");
    assert!(
        stdout.contains("pallet-revive   yes (PolkaVM, ink! 6): a coop runs here on it; its contracts see 18 decimals (1000000 to each smallest native unit)"),
        "{stdout}"
    );
    assert!(stderr.is_empty(), "{stderr}");

    let out = check(&node.url, true);
    let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(report["backend"], "revive");
    assert_eq!(report["revive"], true);
    assert_eq!(report["wasm_contracts"], false);
    assert_eq!(report["token_symbol"], "WND");
    assert_eq!(report["native_to_eth"], "1000000");
}
