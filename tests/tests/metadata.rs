//! The client's typed message descriptors against the built contracts'
//! metadata: a descriptor that names a message the contract does not have,
//! or gets its selector, argument count, payability or result shape
//! wrong, fails here rather than as a decode error on a live chain.

use contract_metadata::ContractMetadata;
use coop_client::contracts::selector;
use coop_shared::governance::Governance;
use coop_shared::membership::Register;
use coop_shared::yardstick::{FloorVote, PeerVote, RulesVote};
use coop_shared::{Contract, MessageInfo};
use coop_tests::artifacts_dir;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// One message or constructor as the metadata describes it.
#[derive(Debug)]
struct Spec {
    label: String,
    selector: String,
    payable: bool,
    args: usize,
    /// Whether what it returns inside ink!'s `Result<_, LangError>` is itself a `Result`.
    fallible: bool,
}

/// The folders the build step leaves each backend's bundles in.
fn builds() -> [(&'static str, PathBuf); 2] {
    [
        ("ink! 5", artifacts_dir()),
        ("ink! 6", artifacts_dir().join("revive")),
    ]
}

fn load(name: &str, dir: &Path) -> (Vec<Spec>, Vec<Spec>) {
    let path = dir.join(format!("{name}.contract"));
    let metadata = ContractMetadata::load(&path)
        .unwrap_or_else(|e| panic!("{} does not load: {e}", path.display()));
    let types = metadata.abi["types"].as_array().expect("a type registry");
    let spec = &metadata.abi["spec"];
    let read = |key: &str| -> Vec<Spec> {
        spec[key]
            .as_array()
            .unwrap_or_else(|| panic!("spec.{key}"))
            .iter()
            .map(|m| Spec {
                label: m["label"].as_str().expect("label").to_string(),
                selector: m["selector"].as_str().expect("selector").to_string(),
                payable: m["payable"].as_bool().expect("payable"),
                args: m["args"].as_array().expect("args").len(),
                fallible: returns_result(types, &m["returnType"]),
            })
            .collect()
    };
    (read("constructors"), read("messages"))
}

/// Resolves `returnType` (ink!'s `MessageResult<T>` or `ConstructorResult<T>`)
/// to `T` and says whether `T` is a `Result`.
fn returns_result(types: &[Value], return_type: &Value) -> bool {
    let by_id = |id: &Value| -> &Value {
        types
            .iter()
            .find(|t| t["id"] == *id)
            .map(|t| &t["type"])
            .unwrap_or_else(|| panic!("type {id} is in the registry"))
    };
    let outer = by_id(&return_type["type"]);
    let ok = outer["def"]["variant"]["variants"]
        .as_array()
        .expect("ink!'s result is an enum")
        .iter()
        .find(|v| v["name"] == "Ok")
        .expect("an Ok variant");
    let inner = by_id(&ok["fields"][0]["type"]);
    inner["path"] == serde_json::json!(["Result"])
}

fn hex_selector(info: &MessageInfo) -> String {
    format!("0x{}", hex::encode(selector(info.selector_of)))
}

#[track_caller]
fn same(info: &MessageInfo, found: &[Spec], contract: &str) {
    let spec = found
        .iter()
        .find(|s| s.label == info.label)
        .unwrap_or_else(|| panic!("{contract} has no message {}", info.label));
    let at = format!("{contract}::{}", info.label);
    assert_eq!(spec.selector, hex_selector(info), "{at}: selector");
    assert_eq!(spec.args, info.args, "{at}: argument count");
    assert_eq!(spec.payable, info.payable, "{at}: payable");
    assert_eq!(spec.fallible, info.fallible, "{at}: returns a Result");
}

/// Every descriptor matches the contract's message of that label, and
/// every message the contract has is described, in both builds: one
/// descriptor serves both backends.
fn check<C: Contract>() {
    for (build, dir) in builds() {
        let (constructors, messages) = load(C::NAME, &dir);
        let name = format!("{} ({build})", C::NAME);
        same(&C::CONSTRUCTOR, &constructors, &name);
        for info in C::MESSAGES {
            same(info, &messages, &name);
        }
        for spec in &messages {
            assert!(
                C::MESSAGES.iter().any(|m| m.label == spec.label),
                "{name}::{} has no descriptor",
                spec.label
            );
        }
    }
}

#[test]
fn governance_descriptors_match_its_metadata() {
    check::<Governance>();
}

#[test]
fn register_descriptors_match_its_metadata() {
    check::<Register>();
}

#[test]
fn yardstick_descriptors_match_its_metadata() {
    check::<PeerVote>();
    check::<FloorVote>();
    check::<RulesVote>();
}

#[test]
fn a_wrong_descriptor_is_caught() {
    // The check itself must be able to fail: a descriptor with one argument
    // too many, and one with the wrong payability, are refused.
    let (_, messages) = load(Governance::NAME, &artifacts_dir());
    let vote = *Governance::MESSAGES
        .iter()
        .find(|m| m.label == "vote")
        .expect("vote is described");
    for wrong in [
        MessageInfo {
            args: vote.args + 1,
            ..vote
        },
        MessageInfo {
            payable: true,
            ..vote
        },
        MessageInfo {
            selector_of: "PSP34::vote",
            ..vote
        },
    ] {
        let caught = std::panic::catch_unwind(|| same(&wrong, &messages, "governance"));
        assert!(caught.is_err(), "{wrong:?} passed the check");
    }
}
