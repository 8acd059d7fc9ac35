//! The coop layer of the client against a real throwaway node: deploy, the
//! manifest's checks, a coop's whole life through the library, its events
//! as they happen, and the exported record with its tally check.

use coop_client::chain::{Chain, Signer};
use coop_client::contracts::Contracts;
use coop_client::coop::manifest::Hex32;
use coop_client::coop::{
    check, Artifacts, Coop, Deployment, Error, Event, Founding, Manifest, Mismatch, Token,
};
use coop_shared::governance::{Action, Choice, Floors, ProposalId, Rules, Status, Tally};
use coop_shared::{AccountId, Balance};
use coop_tests::coop::{reach_deadline, UNIT};
use coop_tests::dev::signer;
use coop_tests::{artifacts_dir, Backend, TestNode};
use std::time::Duration;

/// A coop of `founders` under [`rules`], founded by the fixture.
async fn deploy(chain: &Chain, founders: Vec<AccountId>, funds: Balance) -> Deployment {
    coop_tests::coop::found(chain, founders, rules(), funds).await
}

/// Short periods so a test reaches deadlines with a few blocks.
fn rules() -> Rules {
    Rules {
        voting_period: 6,
        execution_window: 30,
        ..Rules::default()
    }
}

async fn propose(coop: &Coop, who: &Signer, title: &str, action: Action) -> ProposalId {
    coop.propose(who, title, "ipfs://text", action)
        .await
        .unwrap_or_else(|e| panic!("{title}: {e}"))
        .value
}

async fn vote(coop: &Coop, who: &Signer, id: ProposalId, choice: Choice) {
    coop.vote(who, id, choice)
        .await
        .unwrap_or_else(|e| panic!("vote on {id}: {e}"));
}

async fn execute(coop: &Coop, id: ProposalId) -> Status {
    reach_deadline(coop, id).await;
    coop.execute(&signer("//Ferdie"), id)
        .await
        .unwrap_or_else(|e| panic!("execute {id}: {e}"))
        .value
        .status
}

fn manifest_of(d: &Deployment, chain: &Chain, url: &str) -> Manifest {
    let artifacts = Artifacts::load(&artifacts_dir(), Contracts::new(chain.clone()).pallet())
        .expect("built contracts");
    let token = Token {
        symbol: "UNIT".into(),
        decimals: 12,
    };
    Manifest::of_deployment(
        d,
        url,
        &chain.genesis_hash(),
        &artifacts,
        Some(token),
        "deploy",
    )
}

coop_tests::on_each_backend!(
    deploy_and_the_manifest_refuses_what_is_not_this_coop,
    a_coops_life_is_recorded_and_checks_out,
);

async fn deploy_and_the_manifest_refuses_what_is_not_this_coop(backend: Backend) {
    let node = TestNode::start_backend(backend);
    let chain = Chain::connect(&node.url).await.expect("connects");
    let (alice, bob) = (signer("//Alice"), signer("//Bob"));
    let d = deploy(&chain, vec![alice.account(), bob.account()], 3 * UNIT).await;
    let coop = &d.coop;
    assert_eq!(coop.member_count().await.expect("count"), 2);
    assert_eq!(
        coop.member(&alice.account())
            .await
            .expect("read")
            .map(|s| s.number),
        Some(1)
    );
    assert_eq!(
        coop.member(&signer("//Ferdie").account())
            .await
            .expect("read"),
        None,
        "the deployer is not a member"
    );
    assert!(coop.treasury().await.expect("treasury") >= 3 * UNIT);
    assert_eq!(coop.rules().await.expect("rules"), rules());
    assert!(d.fees > 0 && d.deposits > 0);

    // The manifest round-trips and opens the coop after its checks.
    let dir = std::env::temp_dir().join(format!("coop-manifest-{}", node.port));
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join("coop.json");
    let _ = std::fs::remove_file(&path);
    let manifest = manifest_of(&d, &chain, &node.url);
    manifest.save(&path, false).expect("writes");
    assert!(matches!(
        manifest.save(&path, false),
        Err(Error::ManifestExists(_))
    ));
    manifest.save(&path, true).expect("--force replaces");
    let loaded = Manifest::load(&path).expect("reads");
    assert_eq!(loaded, manifest);
    let contracts = Contracts::new(chain.clone());
    let opened = Coop::open(contracts.clone(), &loaded).await.expect("opens");
    assert_eq!(opened.governance(), coop.governance());

    // Another chain is refused by its genesis hash.
    let mut other_chain = manifest.clone();
    other_chain.genesis_hash = Hex32([7u8; 32]);
    let err = Coop::open(contracts.clone(), &other_chain)
        .await
        .expect_err("wrong chain");
    assert!(
        matches!(err, Error::Client(coop_client::Error::WrongChain { .. })),
        "{err}"
    );
    // Every --dev chain has one genesis hash, so the contracts are checked too.
    let mut missing = manifest.clone();
    missing.governance.address = Hex32([9u8; 32]);
    let err = Coop::open(contracts.clone(), &missing)
        .await
        .expect_err("no contract there");
    assert!(matches!(err, Error::NotDeployed(_)), "{err}");
    let mut other_code = manifest.clone();
    other_code.membership.code_hash = Hex32([1u8; 32]);
    let err = Coop::open(contracts, &other_code)
        .await
        .expect_err("other code");
    assert!(err.to_string().contains("runs code"), "{err}");

    // A second deployment (code already on chain) gets its own addresses.
    let again = deploy(&chain, vec![bob.account()], 0).await;
    assert_ne!(again.coop.governance(), coop.governance());
    assert_eq!(again.governance_code, d.governance_code);

    // Bad founders are refused before anything is signed.
    let artifacts = Artifacts::load(&artifacts_dir(), Contracts::new(chain.clone()).pallet())
        .expect("artifacts");
    for founders in [vec![], vec![alice.account(), alice.account()]] {
        let err = Coop::deploy(
            &Contracts::new(chain.clone()),
            &signer("//Ferdie"),
            &artifacts,
            &Founding {
                founders,
                rules: rules(),
                floors: Floors::lowest(),
                funds: 0,
            },
        )
        .await
        .expect_err("bad founders");
        assert!(matches!(err, Error::InvalidInput(_)), "{err}");
    }
    // So are rules below the floors: a coop founded with the default
    // (real) floors cannot vote in six blocks.
    let err = Coop::deploy(
        &Contracts::new(chain.clone()),
        &signer("//Ferdie"),
        &artifacts,
        &Founding {
            founders: vec![alice.account()],
            rules: rules(),
            floors: Floors::default(),
            funds: 0,
        },
    )
    .await
    .expect_err("rules below the floors");
    assert!(
        matches!(&err, Error::InvalidInput(why) if why.contains("VotingPeriodBelowFloor")),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

async fn a_coops_life_is_recorded_and_checks_out(backend: Backend) {
    let node = TestNode::start_backend(backend);
    let chain = Chain::connect(&node.url).await.expect("connects");
    let (alice, bob, charlie, dave, eve) = (
        signer("//Alice"),
        signer("//Bob"),
        signer("//Charlie"),
        signer("//Dave"),
        signer("//Eve"),
    );
    let d = deploy(
        &chain,
        vec![alice.account(), bob.account(), charlie.account()],
        0,
    )
    .await;
    let coop = d.coop.clone();
    let mut watch = coop.watch(None).await.expect("watch starts");

    // Admission by vote and consent: Dave is offered membership, accepts
    // with his own key and gets share 4.
    let admit = propose(
        &coop,
        &alice,
        "Admit Dave",
        Action::Admit(vec![dave.account()]),
    )
    .await;
    assert_eq!(admit, 1);
    vote(&coop, &alice, admit, Choice::Yes).await;
    vote(&coop, &bob, admit, Choice::Yes).await;
    vote(&coop, &charlie, admit, Choice::Abstain).await;
    assert_eq!(execute(&coop, admit).await, Status::Executed);
    assert_eq!(
        coop.member(&dave.account()).await.expect("read"),
        None,
        "an offer is not yet a share"
    );
    let accepted = coop.accept(&dave, admit, 0).await.expect("Dave accepts");
    assert_eq!(accepted.value, 4);
    let dave_share = coop
        .member(&dave.account())
        .await
        .expect("read")
        .expect("a member");
    assert_eq!(dave_share.number, 4);

    // The watch saw the proposal, the votes and the admission as they happened.
    let mut seen = Vec::new();
    while seen.len() < 7 {
        let next = tokio::time::timeout(Duration::from_secs(20), watch.next())
            .await
            .expect("events arrive")
            .expect("feed open")
            .expect("decodes");
        seen.push(next.event.name());
    }
    assert_eq!(
        seen,
        [
            "ProposalMade",
            "VoteCast",
            "VoteCast",
            "VoteCast",
            "ProposalClosed",
            "MemberJoined",
            "OfferAccepted"
        ]
    );

    // A deposit shows once: its balance transfer into the treasury is not
    // repeated beside the contract's Deposited event.
    coop.deposit(&eve, 2 * UNIT).await.expect("deposits");
    let next = tokio::time::timeout(Duration::from_secs(20), watch.next())
        .await
        .expect("the deposit arrives")
        .expect("feed open")
        .expect("decodes");
    assert_eq!(next.event.name(), "Deposited");
    let echo = tokio::time::timeout(Duration::from_secs(3), watch.next()).await;
    assert!(echo.is_err(), "nothing more for one deposit: {echo:?}");

    // A resolution passes; Dave, admitted before it was made, votes on it.
    let resolution = propose(&coop, &bob, "Adopt the health plan", Action::Resolution).await;
    vote(&coop, &alice, resolution, Choice::Yes).await;
    vote(&coop, &bob, resolution, Choice::Yes).await;
    vote(&coop, &dave, resolution, Choice::No).await;
    assert_eq!(execute(&coop, resolution).await, Status::Executed);

    // A deposit, then a payment from the treasury.
    coop.deposit(&eve, 5 * UNIT).await.expect("deposit");
    let eve_before = chain.free_balance(&eve.account()).await.expect("balance");
    let pay = propose(
        &coop,
        &charlie,
        "Pay Eve for the audit",
        Action::Payment {
            to: eve.account(),
            amount: 2 * UNIT,
        },
    )
    .await;
    vote(&coop, &alice, pay, Choice::Yes).await;
    vote(&coop, &dave, pay, Choice::Yes).await;
    assert_eq!(execute(&coop, pay).await, Status::Executed);
    assert_eq!(
        chain.free_balance(&eve.account()).await.expect("balance"),
        eve_before + 2 * UNIT
    );

    // A rejected proposal: more no than yes.
    let rejected = propose(&coop, &dave, "Buy a yacht", Action::Resolution).await;
    vote(&coop, &alice, rejected, Choice::No).await;
    vote(&coop, &bob, rejected, Choice::No).await;
    vote(&coop, &dave, rejected, Choice::Yes).await;
    assert_eq!(execute(&coop, rejected).await, Status::Rejected);

    // Withdrawal: only while nobody voted.
    let withdrawn = propose(&coop, &alice, "Changed my mind", Action::Resolution).await;
    coop.withdraw(&alice, withdrawn).await.expect("withdraws");
    let voted = propose(&coop, &alice, "Too late to withdraw", Action::Resolution).await;
    vote(&coop, &bob, voted, Choice::Yes).await;
    let err = coop.withdraw(&alice, voted).await.expect_err("has votes");
    assert_eq!(err.contract_error(), Some("HasVotes"), "{err}");

    // Resignation.
    coop.resign(&dave).await.expect("Dave resigns");
    assert_eq!(coop.member(&dave.account()).await.expect("read"), None);

    // Expulsion, a special decision: 2 of 3 yes is two thirds.
    let expel = propose(&coop, &alice, "Expel Charlie", Action::Expel(3)).await;
    vote(&coop, &alice, expel, Choice::Yes).await;
    vote(&coop, &bob, expel, Choice::Yes).await;
    vote(&coop, &charlie, expel, Choice::No).await;
    assert_eq!(execute(&coop, expel).await, Status::Executed);
    assert_eq!(coop.member(&charlie.account()).await.expect("read"), None);
    assert_eq!(coop.member_count().await.expect("count"), 2);

    // A rule change: votes may change from now on.
    let new_rules = Rules {
        vote_change: true,
        ..rules()
    };
    let change = propose(
        &coop,
        &bob,
        "Let votes change",
        Action::ChangeRules(new_rules),
    )
    .await;
    vote(&coop, &alice, change, Choice::Yes).await;
    vote(&coop, &bob, change, Choice::Yes).await;
    assert_eq!(execute(&coop, change).await, Status::Executed);
    assert_eq!(coop.rules().await.expect("rules"), new_rules);

    // Under the new rules a changed vote counts once, the last one.
    let changed = propose(&coop, &alice, "Paint it green", Action::Resolution).await;
    vote(&coop, &alice, changed, Choice::No).await;
    vote(&coop, &alice, changed, Choice::Yes).await;
    vote(&coop, &bob, changed, Choice::Yes).await;

    // A plain transfer into the treasury is part of the record too.
    chain
        .transfer(&eve, &coop.governance(), UNIT)
        .await
        .expect("transfer");

    // Reads by page.
    let page = coop.proposals(1, 3).await.expect("page");
    assert_eq!(page.proposals.len(), 3);
    assert_eq!(page.next, Some(4));
    let members = coop.members(1, 2).await.expect("page");
    assert_eq!(members.members.len(), 2, "shares 1 and 2");
    assert_eq!(members.next, Some(3));
    assert!(matches!(
        coop.proposal(99).await,
        Err(Error::UnknownProposal(99))
    ));
    let err = coop
        .vote(&alice, 99, Choice::Yes)
        .await
        .expect_err("no such proposal");
    assert!(matches!(err, Error::UnknownProposal(99)), "{err}");

    // The record, rebuilt from events, checks out against the contract.
    let record = coop
        .record(d.block.number, &|_, _| {})
        .await
        .expect("record");
    let checked = check(&record);
    assert!(checked.ok(), "{:?}", checked.mismatches);
    assert_eq!(checked.proposals, 9);
    assert_eq!(
        record
            .contract
            .get(&changed)
            .map(|p| p.state.tally)
            .expect("known"),
        Tally {
            yes: 2,
            no: 0,
            abstain: 0
        }
    );
    let kinds: Vec<&str> = record
        .events
        .iter()
        .filter(|l| matches!(l.event, Event::TransferIn(_)))
        .map(|l| record.transfer_kind(l))
        .collect();
    assert!(
        kinds.contains(&"deposit") && kinds.contains(&"transfer"),
        "{kinds:?}"
    );

    let json = record.to_json(&checked);
    assert_eq!(json["check"]["ok"], true);
    assert_eq!(json["proposals"][0]["status"], "executed");
    assert_eq!(json["proposals"][3]["status"], "rejected");
    assert_eq!(json["proposals"][4]["status"], "withdrawn");
    assert_eq!(json["proposals"][0]["tally_from_events"]["abstain"], 1);
    let csv = record.to_csv().expect("the CSV is written");
    assert!(csv.starts_with("block,extrinsic,index,event,"), "{csv}");
    let votes_in_csv = csv.lines().filter(|l| l.contains(",VoteCast,")).count();
    assert_eq!(votes_in_csv, checked.votes);
    assert!(csv.contains("\"Pay Eve for the audit\"") || csv.contains("Pay Eve for the audit"));

    // A record missing a vote no longer matches the contract.
    let mut tampered = record.clone();
    let at = tampered
        .events
        .iter()
        .position(|l| matches!(&l.event, Event::VoteCast(v) if v.id == pay))
        .expect("a vote on the payment");
    tampered.events.remove(at);
    let bad = check(&tampered);
    assert!(!bad.ok());
    assert!(bad
        .mismatches
        .iter()
        .any(|m| matches!(m, Mismatch::Tally { id, .. } if *id == pay)));
    assert!(bad
        .mismatches
        .iter()
        .any(|m| matches!(m, Mismatch::ClosedTally { id, .. } if *id == pay)));
    // So does one with a vote counted twice where votes cannot change.
    let mut doubled = record.clone();
    let first_vote = doubled
        .events
        .iter()
        .find(|l| matches!(&l.event, Event::VoteCast(v) if v.id == admit))
        .cloned()
        .expect("a vote");
    doubled.events.push(first_vote);
    assert!(check(&doubled)
        .mismatches
        .iter()
        .any(|m| matches!(m, Mismatch::ChangedVote { .. })));
}
