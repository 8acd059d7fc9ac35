//! The toolchain end to end, with cargo-contract alone (no coop client):
//! the build step's membership contract is uploaded and instantiated on a
//! real throwaway node, then called and read back.

use coop_tests::dev;
use coop_tests::{artifact, TestNode};
use serde_json::Value;
use std::process::Command;
use std::sync::LazyLock;

/// Alice's address, from the fixture's dev key.
static ALICE: LazyLock<String> = LazyLock::new(|| dev::address(&dev::alice()));
/// Bob's address, from the fixture's dev key.
static BOB: LazyLock<String> = LazyLock::new(|| dev::address(&dev::bob()));
/// Charlie's address, from the fixture's dev key.
static CHARLIE: LazyLock<String> = LazyLock::new(|| dev::address(&dev::charlie()));
/// Dave's address, from the fixture's dev key.
static DAVE: LazyLock<String> = LazyLock::new(|| dev::address(&dev::dave()));

/// Runs `cargo contract <args>` and parses its `--output-json` answer.
fn cargo_contract(args: &[&str]) -> (bool, Value) {
    let out = Command::new("cargo")
        .arg("contract")
        .args(args)
        .arg("--output-json")
        .env("RUST_BACKTRACE", "0")
        .output()
        .expect("cargo-contract runs (scripts/setup.sh installs it)");
    let text = String::from_utf8_lossy(&out.stdout);
    // On failure cargo-contract appends a backtrace after the JSON object.
    let json = text.split("\n\nStack backtrace").next().unwrap_or_default();
    let value = serde_json::from_str(json).unwrap_or_else(|e| {
        panic!(
            "cargo contract {args:?}: no JSON ({e}):\n{text}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.success(), value)
}

/// A dry-run read of `message` on `contract`, returning the decoded value.
fn read(node: &TestNode, contract: &str, message: &str, args: &[&str]) -> Value {
    let bundle = artifact("membership", "contract");
    let mut all = vec![
        "call",
        bundle.to_str().expect("utf-8 path"),
        "--url",
        &node.url,
        "--contract",
        contract,
        "--suri",
        "//Alice",
        "--message",
        message,
    ];
    if !args.is_empty() {
        all.push("--args");
        all.extend_from_slice(args);
    }
    let (ok, value) = cargo_contract(&all);
    assert!(ok, "reading {message} failed: {value}");
    assert_eq!(value["reverted"], false, "{message} reverted: {value}");
    value["data"]["Tuple"]["values"][0].clone()
}

#[test]
fn membership_deploys_and_answers_on_a_real_node() {
    let node = TestNode::start();
    let bundle = artifact("membership", "contract");
    let bundle = bundle.to_str().expect("utf-8 path");
    let founders = format!("[{}, {}]", *ALICE, *BOB);

    // Governance is Charlie, who is not a founder: admission is his alone.
    let (ok, deployed) = cargo_contract(&[
        "instantiate",
        bundle,
        "--url",
        &node.url,
        "--suri",
        "//Alice",
        "--constructor",
        "new",
        "--args",
        &CHARLIE,
        &founders,
        "-x",
        "--skip-confirm",
    ]);
    assert!(ok, "instantiate failed: {deployed}");
    let contract = deployed["contract"]
        .as_str()
        .expect("a contract address")
        .to_string();

    assert_eq!(read(&node, &contract, "member_count", &[])["UInt"], 2);
    assert_eq!(read(&node, &contract, "balance_of", &[&BOB])["UInt"], 1);
    assert_eq!(read(&node, &contract, "balance_of", &[&CHARLIE])["UInt"], 0);
    assert_eq!(
        read(&node, &contract, "governance", &[])["Literal"],
        CHARLIE.as_str()
    );

    // A founder cannot admit: the dry run reverts with the named error.
    let (_, refused) = cargo_contract(&[
        "call",
        bundle,
        "--url",
        &node.url,
        "--contract",
        &contract,
        "--suri",
        "//Alice",
        "--message",
        "admit",
        "--args",
        &DAVE,
    ]);
    assert_eq!(refused["reverted"], true, "{refused}");
    assert_eq!(
        refused["data"]["Tuple"]["values"][0]["Tuple"]["values"][0]["Tuple"]["ident"],
        "NotGovernance"
    );

    // Governance admits Dave, who gets share number 3.
    let (ok, admitted) = cargo_contract(&[
        "call",
        bundle,
        "--url",
        &node.url,
        "--contract",
        &contract,
        "--suri",
        "//Charlie",
        "--message",
        "admit",
        "-x",
        "--skip-confirm",
        "--args",
        &DAVE,
    ]);
    assert!(ok, "admit failed: {admitted}");
    let share = read(&node, &contract, "share_of", &[&DAVE]);
    assert_eq!(share["Tuple"]["ident"], "Some", "{share}");
    assert_eq!(share["Tuple"]["values"][0]["Map"]["number"]["UInt"], 3);
    assert_eq!(read(&node, &contract, "member_count", &[])["UInt"], 3);
}
