//! Proxy voting within limits, on a real node through the coop library:
//! the cap on appointments, no chains, a proxy that resigned or was
//! expelled can no longer cast, the member's own vote replaces the proxy's
//! (never the reverse), an appointment for one proposal or for a share that
//! may not vote casts nothing, and every share is counted once.

use coop_client::coop::{check, Coop, Error, Outcome};
use coop_shared::governance::{self as gov, Action, Choice, ProposalId, Status, Tally};
use coop_shared::membership::ShareId;
use coop_shared::AccountId;
use coop_tests::coop::UNIT;
use coop_tests::dev::signer;
use coop_tests::{Backend, TestNode};

coop_tests::on_each_backend!(proxies_vote_within_limits_and_members_keep_the_last_word);

/// The founders, shares 1 to 5 in this order.
const FOUNDERS: [&str; 5] = ["//Alice", "//Bob", "//Charlie", "//Dave", "//Eve"];

/// Asserts that `result` is governance's refusal `want`.
fn refused<T: std::fmt::Debug>(result: Result<Outcome<T>, Error>, want: gov::Error) {
    match result {
        Err(Error::Governance(got)) if got == want => {}
        other => panic!("expected {want:?}, got {other:?}"),
    }
}

async fn propose(coop: &Coop, who: &str, title: &str) -> ProposalId {
    coop.propose(&signer(who), title, "", Action::Resolution)
        .await
        .unwrap_or_else(|e| panic!("{title}: {e}"))
        .value
}

async fn tally(coop: &Coop, id: ProposalId) -> Tally {
    coop.proposal(id).await.expect("the proposal").state.tally
}

async fn proxies_vote_within_limits_and_members_keep_the_last_word(backend: Backend) {
    let node = TestNode::start_backend(backend);
    let chain = coop_client::chain::Chain::connect(&node.url)
        .await
        .expect("connects");
    let founders: Vec<AccountId> = FOUNDERS.iter().map(|k| signer(k).account()).collect();
    let rules = coop_tests::coop::rules(12, 30);
    assert_eq!(rules.proxy_limit, 1, "one appointment per proxy by default");
    let deployed = coop_tests::coop::found(&chain, founders, rules, 10 * UNIT).await;
    let coop = deployed.coop;
    let (alice, bob, charlie, dave, eve) = (
        signer("//Alice"),
        signer("//Bob"),
        signer("//Charlie"),
        signer("//Dave"),
        signer("//Eve"),
    );

    // The cap: Alice may hold one appointment; nobody appoints themselves.
    coop.appoint(&bob, 1, None)
        .await
        .expect("Bob appoints Alice");
    refused(coop.appoint(&charlie, 1, None).await, gov::Error::ProxyFull);
    refused(coop.appoint(&charlie, 3, None).await, gov::Error::SelfProxy);
    refused(
        coop.appoint(&charlie, 9, None).await,
        gov::Error::NoSuchShare,
    );
    assert_eq!(coop.appointments_held(1).await.expect("held"), 1);
    coop.appoint(&charlie, 2, None)
        .await
        .expect("Charlie appoints Bob");

    let first = propose(&coop, "//Dave", "first").await;
    coop.vote(&alice, first, Choice::Yes)
        .await
        .expect("Alice votes");
    coop.vote_for(&alice, first, Choice::Yes, 2)
        .await
        .expect("Alice votes for Bob");
    assert_eq!(coop.cast_by(first, 2).await.expect("cast_by"), Some(1));
    // No chains: Charlie appointed Bob, so Alice (Bob's proxy) cannot vote
    // for Charlie; and nobody votes for a share that did not appoint them.
    refused(
        coop.vote_for(&alice, first, Choice::Yes, 3).await,
        gov::Error::NotProxy,
    );
    refused(
        coop.vote_for(&eve, first, Choice::Yes, 4).await,
        gov::Error::NotProxy,
    );
    coop.vote_for(&bob, first, Choice::No, 3)
        .await
        .expect("Bob votes for Charlie");
    assert_eq!(
        tally(&coop, first).await,
        Tally {
            yes: 2,
            no: 1,
            abstain: 0
        }
    );

    // Bob's own vote replaces his proxy's, though votes are final here;
    // a proxy never replaces the member's own vote.
    coop.vote(&bob, first, Choice::No)
        .await
        .expect("Bob votes himself");
    assert_eq!(coop.cast_by(first, 2).await.expect("cast_by"), None);
    refused(
        coop.vote_for(&alice, first, Choice::Yes, 2).await,
        gov::Error::MemberVoted,
    );
    refused(
        coop.vote(&bob, first, Choice::Yes).await,
        gov::Error::AlreadyVoted,
    );
    assert_eq!(
        tally(&coop, first).await,
        Tally {
            yes: 1,
            no: 2,
            abstain: 0
        },
        "each share counted once"
    );

    // An appointment for one proposal casts nothing on another.
    let second = propose(&coop, "//Alice", "second").await;
    let third = propose(&coop, "//Bob", "third").await;
    coop.appoint(&dave, 5, Some(second))
        .await
        .expect("Dave appoints Eve for the second proposal");
    refused(
        coop.vote_for(&eve, third, Choice::Yes, 4).await,
        gov::Error::NotProxy,
    );
    coop.vote_for(&eve, second, Choice::Yes, 4)
        .await
        .expect("Eve votes for Dave on the second");

    // Revoking is immediate.
    coop.revoke(&bob).await.expect("Bob revokes");
    assert_eq!(coop.appointments_held(1).await.expect("held"), 0);
    refused(
        coop.vote_for(&alice, second, Choice::Yes, 2).await,
        gov::Error::NotProxy,
    );
    refused(coop.revoke(&bob).await, gov::Error::NoAppointment);

    // A share that may not vote on a proposal gets no vote by proxy: Ferdie
    // joins after the first proposal and appoints Alice.
    let ferdie = signer("//Ferdie");
    let admit = coop
        .propose(
            &alice,
            "admit Ferdie",
            "",
            Action::Admit(vec![ferdie.account()]),
        )
        .await
        .expect("proposed")
        .value;
    for who in [&alice, &bob, &charlie] {
        coop.vote(who, admit, Choice::Yes).await.expect("votes");
    }
    // Three yes of five is settled: executed at once, while the second
    // proposal is still open.
    let closed = coop.execute(&ferdie, admit).await.expect("executes");
    assert_eq!(closed.value.status, Status::Executed);
    let share: ShareId = coop.accept(&ferdie, admit, 0).await.expect("accepts").value;
    assert_eq!(share, 6);
    coop.appoint(&ferdie, 1, None)
        .await
        .expect("Ferdie appoints Alice");
    refused(
        coop.vote_for(&alice, second, Choice::Yes, 6).await,
        gov::Error::NotEligible,
    );

    // A proxy who resigned can no longer cast, and an appointing member
    // who resigns frees their proxy's place.
    assert_eq!(coop.appointments_held(2).await.expect("held"), 1);
    coop.resign(&charlie).await.expect("Charlie resigns");
    assert_eq!(coop.appointments_held(2).await.expect("held"), 0);
    coop.appoint(&dave, 2, None)
        .await
        .expect("Dave now appoints Bob");
    let fourth = propose(&coop, "//Dave", "fourth").await;
    coop.resign(&bob).await.expect("Bob resigns");
    refused(
        coop.vote_for(&bob, fourth, Choice::Yes, 4).await,
        gov::Error::NotMember,
    );
    assert_eq!(
        coop.appointment_of(4).await.expect("read").map(|a| a.proxy),
        Some(2)
    );

    // An expelled proxy can no longer cast either: Ferdie's proxy Alice is
    // expelled by the three others (three yes of four settle it at once).
    let expel = coop
        .propose(&dave, "expel Alice", "", Action::Expel(1))
        .await
        .expect("proposed")
        .value;
    for who in [&dave, &eve, &ferdie] {
        coop.vote(who, expel, Choice::Yes).await.expect("votes");
    }
    let closed = coop.execute(&eve, expel).await.expect("executes");
    assert_eq!(closed.value.status, Status::Executed);
    refused(
        coop.vote_for(&alice, fourth, Choice::Yes, 6).await,
        gov::Error::NotMember,
    );
    coop.vote(&ferdie, fourth, Choice::Yes)
        .await
        .expect("Ferdie still votes himself");

    // The record: every vote event, proxies' included, recounts to the
    // contract's tallies, and the events name both share and proxy.
    let record = coop
        .record(deployed.block.number, &|_, _| {})
        .await
        .expect("the record");
    let checked = check(&record);
    assert!(checked.ok(), "{:?}", checked.mismatches);
    let by_proxy = record
        .events
        .iter()
        .filter(|l| matches!(&l.event, coop_client::coop::Event::VoteCast(v) if v.proxy.is_some()))
        .count();
    assert_eq!(by_proxy, 3, "Alice for Bob, Bob for Charlie, Eve for Dave");
}
