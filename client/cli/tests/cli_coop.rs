//! The `coop` command run as a process against a real throwaway node: a
//! proposal from deployment to execution, `--json` output read back, the
//! export and its check, and bad input, which must fail with one line on
//! stderr, exit code 1 (2 for usage) and change nothing.
//!
//! These tests live in the client package so Cargo builds the binary for
//! them (`CARGO_BIN_EXE_coop`).

use coop_client::chain::{parse_account, ss58_account, Chain, Signer};
use coop_tests::dev;
use coop_tests::{free_port, Backend, TestNode};
use serde_json::Value;
use std::path::Path;
use std::process::Command;
use std::sync::LazyLock;

mod common;
use common::{coop, json, ok, scratch, text, LOWEST_FLOORS, SET_BUT_EMPTY};

/// Alice's address, from the fixture's dev key.
static ALICE: LazyLock<String> = LazyLock::new(|| dev::address(&dev::alice()));
/// Bob's address, from the fixture's dev key.
static BOB: LazyLock<String> = LazyLock::new(|| dev::address(&dev::bob()));
/// Charlie's address, from the fixture's dev key.
static CHARLIE: LazyLock<String> = LazyLock::new(|| dev::address(&dev::charlie()));
/// Dave's address, from the fixture's dev key.
static DAVE: LazyLock<String> = LazyLock::new(|| dev::address(&dev::dave()));

/// Runs a command that must fail with `code`, printing nothing on stdout and
/// exactly one line on stderr that contains `expect`; returns that line.
fn fails(dir: &Path, suri: &str, args: &[&str], code: i32, expect: &str) -> String {
    let out = coop(dir, suri, args);
    let err = text(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(code),
        "coop {args:?}: {err}{}",
        text(&out.stdout)
    );
    assert!(
        out.stdout.is_empty(),
        "coop {args:?} printed {}",
        text(&out.stdout)
    );
    // Progress lines start with "coop: " too but only come with a transaction,
    // which no failing command here sends; the error is the last line.
    let lines: Vec<&str> = err.lines().collect();
    if code == 1 {
        assert_eq!(lines.len(), 1, "coop {args:?}: one line, got {err:?}");
        assert!(lines[0].starts_with("coop: "), "{err}");
    }
    assert!(
        err.contains(expect),
        "coop {args:?}: expected {expect:?} in {err:?}"
    );
    err
}

/// `deploy` of a test coop founded by Alice, Bob and Charlie (shares 1 to
/// 3) at the lowest floors, with `more` flags.
fn three_founders<'a>(url: &'a str, more: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "deploy",
        "--url",
        url,
        "--founder",
        ALICE.as_str(),
        "--founder",
        BOB.as_str(),
        "--founder",
        CHARLIE.as_str(),
    ];
    args.extend_from_slice(more);
    args.extend(LOWEST_FLOORS);
    args
}

async fn best(url: &str) -> u64 {
    Chain::connect(url)
        .await
        .expect("connects")
        .best_block()
        .await
        .expect("best")
        .number
}

coop_tests::on_each_backend!(
    a_proposal_from_deployment_to_execution,
    bad_input_gets_one_line_and_changes_nothing,
    member_capital_is_paid_in_shown_and_paid_back,
    a_proxy_is_appointed_listed_marked_and_overridden,
);

async fn a_proposal_from_deployment_to_execution(backend: Backend) {
    let node = TestNode::start_backend(backend);
    let scratch_dir = scratch("life");
    let dir = scratch_dir.path().to_path_buf();
    let url = node.url.as_str();
    // The contracts node declares no token, so `--token` names it; the
    // Asset Hub chain declares its own, which wins.
    let (symbol, language) = match backend {
        Backend::Contracts => ("UNIT", "ink! 5.1.1"),
        Backend::Revive => ("WND", "ink! 6.0.0-beta.1"),
    };

    // Deploy needs a key given explicitly, even on a dev chain.
    fails(
        &dir,
        "",
        &["deploy", "--url", url, "--founder", &ALICE],
        1,
        "no signing key",
    );
    let deployed = json(
        &dir,
        "//Alice",
        &three_founders(
            url,
            &[
                "--token",
                "UNIT:12",
                "--funds",
                "10",
                "--voting-period",
                "4",
                "--execution-window",
                "30",
            ],
        ),
    );
    assert_eq!(deployed["founders"].as_array().map(Vec::len), Some(3));
    assert_eq!(deployed["funds"], "10000000000000");
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.join("coop.json")).expect("manifest written"),
    )
    .expect("manifest is JSON");
    // The manifest keeps the raw 0x-hex form; people see SS58.
    let address = |v: &Value| parse_account(v.as_str().expect("an address")).expect("parses");
    assert!(manifest["governance"]["address"]
        .as_str()
        .is_some_and(|a| a.starts_with("0x")));
    assert_eq!(
        address(&manifest["governance"]["address"]),
        address(&deployed["governance"])
    );
    assert_eq!(manifest["node_url"], url);
    assert_eq!(manifest["token"]["symbol"], symbol);
    assert_eq!(manifest["language"], language);
    assert_eq!(manifest["backend"], backend.name());
    // A second deploy does not overwrite it.
    let before = std::fs::read(dir.join("coop.json")).expect("manifest");
    let height = best(url).await;
    fails(
        &dir,
        "//Alice",
        &["deploy", "--url", url, "--founder", &ALICE],
        1,
        "already exists",
    );
    assert_eq!(
        std::fs::read(dir.join("coop.json")).expect("manifest"),
        before
    );
    assert_eq!(best(url).await, height, "nothing was deployed");

    // Status, read back.
    let status = json(&dir, "", &["status"]);
    assert_eq!(status["member_count"], 3);
    assert_eq!(status["treasury"], "10000000000000");
    assert_eq!(status["rules"]["voting_period"], 4);
    // On pallet-revive the contracts' 20-byte addresses are shown too.
    match backend {
        Backend::Contracts => assert!(status["governance_address"].is_null()),
        Backend::Revive => {
            let shown = status["governance_address"].as_str().expect("an address");
            assert!(shown.starts_with("0x") && shown.len() == 42, "{shown}");
            let padded =
                parse_account(status["governance"].as_str().expect("account")).expect("parses");
            let bytes: &[u8; 32] = padded.as_ref();
            assert_eq!(shown, format!("0x{}", hex::encode(&bytes[..20])));
        }
    }
    assert_eq!(status["open_proposals"].as_array().map(Vec::len), Some(0));
    assert_eq!(
        status["members"][0]["account"],
        ss58_account(&Signer::from_uri("//Alice").expect("key").account())
    );

    // Propose an admission, vote (one vote from a key file), advance, execute.
    let made = json(
        &dir,
        "//Alice",
        &[
            "propose",
            "admit",
            &DAVE,
            "--title",
            "Admit Dave",
            "--text",
            "https://example.org/dave",
        ],
    );
    assert_eq!(made["proposal"], 1);
    assert_eq!(made["action"]["kind"], "admit");
    let voted = json(&dir, "//Alice", &["vote", "1", "yes"]);
    assert_eq!(voted["tally"]["yes"], 1);
    let key = dir.join("bob.key");
    std::fs::write(&key, "//Bob\n").expect("key file");
    let key = key.display().to_string();
    let voted = json(&dir, "", &["vote", "1", "no", "--suri-file", &key]);
    assert_eq!(voted["tally"]["no"], 1);
    json(&dir, "//Charlie", &["vote", "1", "yes"]);
    let shown = json(&dir, "", &["proposal", "1"]);
    assert_eq!(shown["status"], "open");
    assert_eq!(shown["passes_now"], true);
    assert_eq!(shown["tally"]["yes"], 2);
    assert_eq!(shown["title"], "Admit Dave");
    assert_eq!(shown["text"], "https://example.org/dave");
    ok(&dir, "//Ferdie", &["dev", "advance", "4", "--url", url]);
    let executed = json(&dir, "//Ferdie", &["execute", "1"]);
    assert_eq!(executed["status"], "executed");
    assert_eq!(executed["tally"]["yes"], 2);
    assert!(executed["block"].as_u64().is_some());
    let shown = json(&dir, "", &["proposal", "1"]);
    assert_eq!(shown["status"], "executed");
    assert!(shown["acceptance_deadline"].as_u64().is_some());
    // The decision is an offer: Dave is a member once he accepts it.
    fails(&dir, "", &["member", &DAVE], 1, "is not a member");
    let offer = ok(&dir, "", &["proposal", "1"]);
    assert!(offer.contains("coop accept 1"), "{offer}");
    fails(&dir, "//Eve", &["accept", "1"], 1, "NoOffer");
    let accepted = json(&dir, "//Dave", &["accept", "1"]);
    assert_eq!(accepted["share"], 4);
    fails(&dir, "//Dave", &["accept", "1"], 1, "OfferTaken");
    let dave = json(&dir, "", &["member", &DAVE]);
    assert_eq!(dave["number"], 4);
    // SS58 as typed; the raw form only in the field that says so.
    assert_eq!(dave["account"], DAVE.as_str());
    assert_eq!(
        parse_account(dave["account_hex"].as_str().expect("hex")).expect("parses"),
        parse_account(&DAVE).expect("parses")
    );
    let by_number = json(&dir, "", &["member", "4"]);
    assert_eq!(by_number["account"], dave["account"]);
    // Dave moves his share to a new key himself, with no vote; the old key
    // is no longer a member.
    let new_key = coop_tests::dev::address(&coop_tests::dev::signer("//Dave//new"));
    let moved = json(&dir, "//Dave", &["move-share", &new_key]);
    assert_eq!(moved["share"], 4);
    assert_eq!(moved["new_key"], new_key.as_str());
    assert_eq!(json(&dir, "", &["member", &new_key])["number"], 4);
    fails(&dir, "", &["member", &DAVE], 1, "is not a member");
    fails(
        &dir,
        "//Dave",
        &["move-share", &new_key],
        1,
        "NotMember: the account holds no membership share",
    );
    let members = json(&dir, "", &["members"]);
    assert_eq!(members["member_count"], 4);

    // Tables for people.
    let table = ok(&dir, "", &["proposals"]);
    assert!(
        table.contains("executed") && table.contains("Admit Dave"),
        "{table}"
    );
    let status = ok(&dir, "", &["status"]);
    assert!(status.contains(&format!("10 {symbol}")), "{status}");

    // The acts members do alone, each refused by name where it does not
    // apply: suspending active members, returning when not suspended,
    // releasing a share never expelled.
    fails(
        &dir,
        "//Alice",
        &["propose", "suspend", "2", "--title", "Bob is away"],
        1,
        "NotDormant",
    );
    fails(&dir, "//Alice", &["reactivate"], 1, "NotSuspended");
    fails(&dir, "//Bob", &["release"], 1, "NothingToRelease");
    // Pruning finds the signer's own entries of closed proposals: Alice's
    // ballot on the executed admission (its content stays while the
    // offer may still be accepted); the record is unchanged.
    let pruned = json(&dir, "//Alice", &["prune"]);
    assert_eq!(pruned["pruned"], serde_json::json!([1]));
    assert_eq!(json(&dir, "", &["proposal", "1"])["tally"]["yes"], 2);
    fails(&dir, "//Alice", &["prune"], 1, "nothing to prune");

    // A deposit, then the export and its check.
    let deposited = json(&dir, "//Dave", &["deposit", "1.5"]);
    assert_eq!(deposited["amount"], "1500000000000");
    // A rules proposal shows what it changes against the rules in force.
    let made = json(
        &dir,
        "//Alice",
        &[
            "propose",
            "rules",
            "--voting-period",
            "6",
            "--title",
            "Longer votes",
        ],
    );
    assert_eq!(made["action"]["changes"][0]["rule"], "voting_period");
    let id = made["proposal"].to_string();
    let shown = ok(&dir, "", &["proposal", &id]);
    assert!(
        shown.contains("change the rules: voting period 4 blocks → 6 blocks"),
        "{shown}"
    );
    let shown = json(&dir, "", &["proposal", &id]);
    assert_eq!(shown["action"]["changes"][0]["from"], 4);
    assert_eq!(shown["action"]["changes"][0]["to"], 6);
    let out = dir.join("record.json");
    let out_s = out.display().to_string();
    let csv_out = dir.join("record.csv");
    let csv_s = csv_out.display().to_string();
    // Two files from one read of the chain, each in its extension's format.
    let both = coop(&dir, "", &["export", "--out", &out_s, "--out", &csv_s]);
    assert!(both.status.success(), "{}", text(&both.stderr));
    assert_eq!(
        text(&both.stderr).matches("check passed").count(),
        1,
        "one check, said once: {}",
        text(&both.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(&csv_out)
            .expect("csv written")
            .lines()
            .filter(|l| l.contains(",VoteCast,"))
            .count(),
        3
    );
    fails(
        &dir,
        "",
        &["export"],
        1,
        "say --format csv or --format json",
    );
    fails(
        &dir,
        "",
        &["export", "--out", "record.txt"],
        1,
        "cannot tell the format of record.txt",
    );
    let record: Value =
        serde_json::from_str(&std::fs::read_to_string(&out).expect("export written"))
            .expect("JSON");
    assert_eq!(record["check"]["ok"], true);
    assert_eq!(record["proposals"][0]["tally_from_events"]["yes"], 2);
    assert_eq!(record["from_block"], manifest["deployed_at"]["number"]);
    let csv = ok(&dir, "", &["export", "--format", "csv"]);
    assert_eq!(csv.lines().filter(|l| l.contains(",VoteCast,")).count(), 3);
    assert!(csv.contains(",Deposited,"), "{csv}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// A coop with a member share price: `accept` pays it in, `status` and
/// `member` show it apart from the free funds, `resign` pays it back.
async fn member_capital_is_paid_in_shown_and_paid_back(backend: Backend) {
    let node = TestNode::start_backend(backend);
    let scratch_dir = scratch("capital");
    let dir = scratch_dir.path().to_path_buf();
    let url = node.url.as_str();
    let deploy = three_founders(
        url,
        &[
            "--token",
            "UNIT:12",
            "--funds",
            "10",
            "--share-price",
            "2",
            "--voting-period",
            "12",
            "--execution-window",
            "30",
        ],
    );
    json(&dir, "//Alice", &deploy);
    let status = json(&dir, "", &["status"]);
    assert_eq!(status["treasury"], "16000000000000", "{status}");
    assert_eq!(status["capital"], "6000000000000");
    assert_eq!(status["free"], "10000000000000");
    assert_eq!(status["rules"]["share_price"], "2000000000000");
    let shown = ok(&dir, "", &["status"]);
    assert!(
        shown.contains("the members' shares, paid back at par"),
        "{shown}"
    );

    json(
        &dir,
        "//Alice",
        &["propose", "admit", &DAVE, "--title", "Admit Dave"],
    );
    json(&dir, "//Alice", &["vote", "1", "yes"]);
    json(&dir, "//Bob", &["vote", "1", "yes"]);
    ok(&dir, "//Ferdie", &["dev", "advance", "12", "--url", url]);
    json(&dir, "//Ferdie", &["execute", "1"]);
    let accepted = json(&dir, "//Dave", &["accept", "1"]);
    assert_eq!(accepted["share"], 4);
    assert_eq!(accepted["capital"], "2000000000000");
    let dave = json(&dir, "", &["member", "4"]);
    assert_eq!(dave["capital"], "2000000000000");
    assert_eq!(json(&dir, "", &["status"])["capital"], "8000000000000");
    let resigned = json(&dir, "//Dave", &["resign"]);
    assert_eq!(resigned["capital_repaid"], "2000000000000");
    let status = json(&dir, "", &["status"]);
    assert_eq!(status["capital"], "6000000000000");
    assert_eq!(status["treasury"], "16000000000000");
}

async fn a_proxy_is_appointed_listed_marked_and_overridden(backend: Backend) {
    let node = TestNode::start_backend(backend);
    let scratch_dir = scratch("proxies");
    let dir = scratch_dir.path().to_path_buf();
    let url = node.url.as_str();
    json(
        &dir,
        "//Alice",
        &three_founders(url, &["--voting-period", "20"]),
    );
    let none = ok(&dir, "", &["proxies"]);
    assert!(
        none.contains("a proxy may hold 1 appointment(s) at a time")
            && none.contains("no proxy appointments"),
        "{none}"
    );

    let appointed = json(&dir, "//Bob", &["proxy", "appoint", &ALICE]);
    assert_eq!(appointed["proxy"], 1, "{appointed}");
    assert_eq!(appointed["proposal"], Value::Null);
    let listed = json(&dir, "", &["proxies"]);
    assert_eq!(listed["limit"], 1);
    assert_eq!(
        listed["appointments"],
        serde_json::json!([{"share": 2, "proxy": 1, "proxy_account": *ALICE, "proposal": null}])
    );
    let shown = ok(&dir, "", &["proxies"]);
    assert!(
        shown.contains(ALICE.as_str()) && shown.contains("every proposal"),
        "{shown}"
    );
    // The cap holds for the command too: Alice already holds one.
    fails(
        &dir,
        "//Charlie",
        &["proxy", "appoint", "1"],
        1,
        "ProxyFull",
    );

    json(
        &dir,
        "//Charlie",
        &["propose", "resolution", "--title", "Adopt the plan"],
    );
    let cast = json(&dir, "//Alice", &["vote", "1", "yes", "--for", "2"]);
    assert_eq!(cast["for_share"], 2, "{cast}");
    let votes = json(&dir, "", &["proposal", "1", "--votes"]);
    assert_eq!(
        votes["votes"],
        serde_json::json!([{"share": 2, "choice": "yes", "proxy": 1}]),
        "{votes}"
    );
    let marked = ok(&dir, "", &["proposal", "1", "--votes"]);
    assert!(marked.contains("by proxy (share 1)"), "{marked}");

    // Bob's own vote replaces the one his proxy cast, and is his own.
    json(&dir, "//Bob", &["vote", "1", "no"]);
    let votes = json(&dir, "", &["proposal", "1", "--votes"]);
    assert_eq!(
        votes["votes"],
        serde_json::json!([{"share": 2, "choice": "no", "proxy": null}]),
        "{votes}"
    );
    let help = ok(&dir, "", &["help", "vote"]);
    assert!(
        help.contains("always replaces the vote their proxy cast"),
        "{help}"
    );

    let revoked = json(&dir, "//Bob", &["proxy", "revoke"]);
    assert_eq!(revoked["proxy"], Value::Null, "{revoked}");
    assert_eq!(
        json(&dir, "", &["proxies"])["appointments"],
        serde_json::json!([])
    );
}

async fn bad_input_gets_one_line_and_changes_nothing(backend: Backend) {
    let node = TestNode::start_backend(backend);
    let scratch_dir = scratch("bad");
    let dir = scratch_dir.path().to_path_buf();
    let url = node.url.as_str();
    json(
        &dir,
        "//Alice",
        &[
            "deploy",
            "--url",
            url,
            "--founder",
            &ALICE,
            "--founder",
            &BOB,
            "--voting-period",
            "20",
            "--floor-voting-period",
            "1",
        ],
    );
    json(
        &dir,
        "//Alice",
        &["propose", "resolution", "--title", "Adopt the plan"],
    );
    let height = best(url).await;

    // A coop whose register runs code other than this client's own build
    // is refused: the deployer chose that code. Here the client's "own"
    // register is another contract altogether.
    let other = scratch("other-code");
    let sub = match backend {
        Backend::Contracts => "",
        Backend::Revive => "revive",
    };
    let (built, altered) = (
        coop_tests::artifacts_dir().join(sub),
        other.path().join(sub),
    );
    std::fs::create_dir_all(&altered).expect("dir");
    std::fs::copy(
        built.join("governance.contract"),
        altered.join("governance.contract"),
    )
    .expect("copy");
    std::fs::copy(
        built.join("peer_vote.contract"),
        altered.join("membership.contract"),
    )
    .expect("copy");
    let refused = Command::new(env!("CARGO_BIN_EXE_coop"))
        .current_dir(&dir)
        .args(["status"])
        .env_remove("COOP_MANIFEST")
        .env_remove("COOP_URL")
        .env("COOP_ARTIFACTS", other.path())
        .output()
        .expect("runs");
    assert_eq!(refused.status.code(), Some(1));
    let said = text(&refused.stderr);
    assert!(
        said.contains("membership register runs code") && said.contains("not opened"),
        "{said}"
    );

    // Output into a pipe whose reader has gone (`coop members | head -0`)
    // ends the command quietly, not with a panic.
    let mut piped = Command::new(env!("CARGO_BIN_EXE_coop"))
        .current_dir(&dir)
        .args(["members"])
        .env_remove("COOP_MANIFEST")
        .env_remove("COOP_URL")
        .env("COOP_ARTIFACTS", coop_tests::artifacts_dir())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    drop(piped.stdout.take());
    let ended = piped.wait_with_output().expect("ends");
    let said = text(&ended.stderr);
    assert!(
        !said.contains("panicked") && ended.status.code() != Some(101),
        "{:?}: {said}",
        ended.status
    );

    fails(
        &dir,
        "//Alice",
        &["propose", "admit", "0x12zz", "--title", "x"],
        1,
        "is not an account",
    );
    fails(
        &dir,
        "//Alice",
        &["propose", "expel", "5Grw", "--title", "x"],
        1,
        "is not an account",
    );
    let secret = "not a real mnemonic phrase at all";
    let line = fails(&dir, secret, &["vote", "1", "yes"], 1, "invalid secret URI");
    assert!(
        !line.contains("mnemonic phrase"),
        "the secret is never shown"
    );
    // Set but empty is not "no key": it would derive the public dev phrase's own key.
    fails(
        &dir,
        SET_BUT_EMPTY,
        &["vote", "1", "yes"],
        1,
        "the signing key in COOP_SURI: invalid secret URI: it is empty",
    );
    fails(&dir, " ", &["vote", "1", "yes"], 1, "it is empty");
    fails(&dir, "//Alice", &["vote", "42", "yes"], 1, "no proposal 42");
    fails(&dir, "", &["proposal", "42"], 1, "no proposal 42");
    fails(
        &dir,
        "//Eve",
        &["propose", "resolution", "--title", "x"],
        1,
        "NotMember: the account holds no membership share",
    );
    fails(&dir, "//Eve", &["vote", "1", "yes"], 1, "NotMember");
    fails(
        &dir,
        "//Alice",
        &["execute", "1"],
        1,
        "VotingNotOver: voting is still open",
    );
    fails(&dir, "//Bob", &["withdraw", "1"], 1, "NotProposer");
    fails(
        &dir,
        "//Alice",
        &["propose", "resolution", "--title", ""],
        1,
        "EmptyTitle",
    );
    fails(&dir, "", &["member", &DAVE], 1, "is not a member");
    fails(
        &dir,
        "//coop-cli/poor",
        &["deposit", "1"],
        1,
        "insufficient funds",
    );
    match backend {
        // The contracts node declares no token, and this coop named none.
        Backend::Contracts => fails(&dir, "//Alice", &["deposit", "1.5"], 1, "no token decimals"),
        // The Asset Hub chain declares 12 decimals.
        Backend::Revive => fails(
            &dir,
            "//Alice",
            &["deposit", "1.0000000000001"],
            1,
            "more than 12 decimals",
        ),
    };
    fails(&dir, "//Alice", &["deposit", "12abc"], 1, "amount");
    fails(&dir, "", &["vote", "1", "maybe"], 2, "invalid value");
    fails(&dir, "", &["frobnicate"], 2, "unrecognized subcommand");
    fails(
        &dir,
        "",
        &[
            "status",
            "--url",
            &format!("ws://127.0.0.1:{}", free_port()),
        ],
        1,
        "no node answers",
    );
    fails(
        &dir,
        "",
        &["status", "--manifest", "nowhere.json"],
        1,
        "not found",
    );

    // A manifest for another chain, and one for contracts that are not here
    // (what a restarted --dev chain looks like: same genesis, no contracts).
    let manifest = std::fs::read_to_string(dir.join("coop.json")).expect("manifest");
    let mut other: Value = serde_json::from_str(&manifest).expect("JSON");
    other["genesis_hash"] = Value::String(format!("0x{}", "ab".repeat(32)));
    std::fs::write(dir.join("other-chain.json"), other.to_string()).expect("write");
    fails(
        &dir,
        "",
        &["status", "--manifest", "other-chain.json"],
        1,
        "wrong chain",
    );
    let mut reset: Value = serde_json::from_str(&manifest).expect("JSON");
    reset["governance"]["address"] = Value::String(format!("0x{}", "cd".repeat(32)));
    std::fs::write(dir.join("reset.json"), reset.to_string()).expect("write");
    fails(
        &dir,
        "//Alice",
        &["vote", "1", "yes", "--manifest", "reset.json"],
        1,
        "not on this chain",
    );
    std::fs::write(dir.join("junk.json"), "{").expect("write");
    fails(
        &dir,
        "",
        &["status", "--manifest", "junk.json"],
        1,
        "not a coop manifest",
    );

    assert_eq!(best(url).await, height, "no bad input made a block");
    let shown = json(&dir, "", &["proposal", "1"]);
    assert_eq!(shown["tally"]["yes"], 0);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A substrate-contracts-node whose chain spec calls the chain `Live`, as a
/// public network's does, killed when dropped.
struct LiveNode {
    child: std::process::Child,
    url: String,
}

impl LiveNode {
    fn start(dir: &Path) -> LiveNode {
        let spec = Command::new("substrate-contracts-node")
            .args(["build-spec", "--dev"])
            .output()
            .expect("substrate-contracts-node runs");
        let mut spec: Value = serde_json::from_slice(&spec.stdout).expect("a chain spec");
        spec["chainType"] = Value::from("Live");
        spec["id"] = Value::from("coop_live_test");
        // The parachain node wants these in any spec but the built-in dev one.
        spec["relay_chain"] = Value::from("rococo-local");
        // Polkadot's address prefix, so accounts must not look like the dev chain's.
        spec["properties"] = serde_json::json!({
            "ss58Format": 0,
            "tokenSymbol": "UNIT",
            "tokenDecimals": 12,
        });
        spec["para_id"] = Value::from(1000);
        let path = dir.join("live-spec.json");
        std::fs::write(&path, spec.to_string()).expect("spec written");
        let port = free_port();
        let child = Command::new("substrate-contracts-node")
            .arg("--chain")
            .arg(&path)
            .args(["--tmp", "--no-prometheus", "--no-telemetry"])
            .args(["--listen-addr", "/ip4/127.0.0.1/tcp/0"])
            .args(["--rpc-port", &port.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("the node starts");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while !coop_tests::rpc_answers(port) {
            assert!(std::time::Instant::now() < deadline, "the node answers");
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
        LiveNode {
            child,
            url: format!("ws://127.0.0.1:{port}"),
        }
    }
}

impl Drop for LiveNode {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn dev_keys_are_refused_on_a_chain_that_is_not_a_dev_chain() {
    let scratch_dir = scratch("live");
    let dir = scratch_dir.path().to_path_buf();
    let node = LiveNode::start(&dir);
    let url = node.url.as_str();
    let deploy = ["deploy", "--url", url, "--founder", &ALICE];
    // //Alice's secret is published: refused before anything is dry-run.
    let line = fails(&dir, "//Alice", &deploy, 1, "published development phrase");
    assert!(line.contains("--dev-keys"), "says how to insist: {line}");
    let phrase = "bottom drive obey lake curtain smoke basket hold race lonely fit walk";
    fails(
        &dir,
        &format!("{phrase}//coop"),
        &deploy,
        1,
        "published development phrase",
    );
    // A key of one's own passes that check and goes on to the dry run,
    // which finds it holds nothing on this chain.
    let own = "legal winner thank year wave sausage worth useful legal winner thank yellow";
    let out = coop(&dir, own, &deploy);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("insufficient funds"), "{err}");
    assert!(!err.contains("development phrase"), "{err}");

    // Insisting with --dev-keys deploys; accounts are shown with this
    // chain's own SS58 prefix (0), not the dev chain's 42.
    let mut insist = deploy.to_vec();
    insist.extend(["--dev-keys", "--json"]);
    let out = coop(&dir, "//Alice", &insist);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let deployed: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let alice_polkadot = "15oF4uVJwmo4TdGW7VfQxNLavjCXviqxT9S1MgbjMNHr6Sp5";
    assert_eq!(deployed["founders"][0], alice_polkadot);
    let status = json(&dir, "", &["status"]);
    assert_eq!(status["members"][0]["account"], alice_polkadot);
    let shown = ok(&dir, "", &["member", "1"]);
    assert!(shown.contains(alice_polkadot), "{shown}");
}
