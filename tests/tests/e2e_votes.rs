//! End-to-end tests of the coop library under load and failure, each
//! against its own real node on a free port (so they run in parallel):
//!
//! - 50 members vote on one proposal at once, and every vote is counted;
//! - the node is stopped and restarted on its base path in the middle of a
//!   vote, and nothing is lost;
//! - the node goes away under the client: clear typed errors, quickly, no
//!   reconnection storm, and nothing half-done on the chain.

use coop_client::chain::{Chain, Signer};
use coop_client::contracts::Contracts;
use coop_client::coop::{check, Artifacts, Coop, Deployment, Event, Manifest, Record};
use coop_shared::governance::{Action, Choice, ProposalClosed, ProposalId, Rules, Status, Tally};
use coop_shared::membership::ShareId;
use coop_shared::{AccountId, Balance};
use coop_tests::dev::signer;
use coop_tests::{artifacts_dir, free_port, Backend, TestNode};
use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::task::JoinSet;

/// One whole token on the dev chain (12 decimals).
const UNIT: Balance = 1_000_000_000_000;

/// How long a client operation against a node that went away may take
/// before the test calls it a hang (the client promises far less: a closed
/// connection fails at once, a silent one after `CONNECT_TIMEOUT`).
const DOWN_LIMIT: Duration = Duration::from_secs(15);

/// Executes proposals; never a member, so its transactions never touch a
/// vote (the fixture's Ferdie also deploys and makes blocks).
const DEPLOYER: &str = "//Ferdie";

/// Short periods so the tests reach deadlines with a few blocks; the
/// voting period must outlast the blocks the votes themselves make.
fn rules(voting_period: u32) -> Rules {
    Rules {
        voting_period,
        execution_window: 50,
        ..Rules::default()
    }
}

/// Awaits `fut`, failing the test with `what` if it takes longer than
/// `limit`: a hung node or client must fail a test, not stall the suite.
async fn within<T>(limit: Duration, what: &str, fut: impl Future<Output = T>) -> T {
    tokio::time::timeout(limit, fut)
        .await
        .unwrap_or_else(|_| panic!("{what} took longer than {limit:?}"))
}

/// Deploys a coop of `founders` (paid by the fixture's Ferdie), with
/// `funds` in its treasury.
async fn deploy(
    chain: &Chain,
    founders: Vec<AccountId>,
    rules: Rules,
    funds: Balance,
) -> Deployment {
    within(
        Duration::from_secs(120),
        "the deployment",
        coop_tests::coop::found(chain, founders, rules, funds),
    )
    .await
}

/// The manifest `coop deploy` would write for `d`: how a client finds the
/// coop again after reconnecting.
fn manifest_of(d: &Deployment, chain: &Chain, url: &str) -> Manifest {
    let artifacts = Artifacts::load(&artifacts_dir(), Contracts::new(chain.clone()).pallet())
        .expect("built contracts");
    Manifest::of_deployment(d, url, &chain.genesis_hash(), &artifacts, None, "none")
}

/// Connects to `url` again and opens the coop `manifest` names there,
/// with the manifest's checks (same chain, same contracts and code).
async fn reopen(url: &str, manifest: &Manifest) -> Coop {
    let chain = Chain::connect(url).await.expect("the node is back");
    Coop::open(Contracts::new(chain), manifest)
        .await
        .expect("the coop is still on the chain")
}

/// Makes blocks until `id`'s deadline is reached, so it can be executed.
async fn reach_deadline(coop: &Coop, id: ProposalId) {
    within(
        Duration::from_secs(120),
        "reaching the deadline",
        coop_tests::coop::reach_deadline(coop, id),
    )
    .await;
}

/// Executes `id` as [`DEPLOYER`] and returns its `ProposalClosed` event.
async fn execute(coop: &Coop, id: ProposalId) -> ProposalClosed {
    within(
        Duration::from_secs(60),
        "the execution",
        coop.execute(&signer(DEPLOYER), id),
    )
    .await
    .unwrap_or_else(|e| panic!("execute {id}: {e}"))
    .value
}

fn tally(yes: u32, no: u32, abstain: u32) -> Tally {
    Tally { yes, no, abstain }
}

/// The `VoteCast` events on `id` in `record`: share → (voter, choice).
/// Panics if a share voted twice (votes cannot change under these rules).
fn votes_on(record: &Record, id: ProposalId) -> BTreeMap<ShareId, (AccountId, Choice)> {
    let mut votes = BTreeMap::new();
    for logged in &record.events {
        if let Event::VoteCast(v) = &logged.event {
            if v.id == id {
                let earlier = votes.insert(v.share, (v.voter, v.choice));
                assert!(earlier.is_none(), "share {} voted twice on {id}", v.share);
            }
        }
    }
    votes
}

/// Asserts two records of one coop are the same: same range, same events
/// in the same blocks, same proposals and tallies, same treasury.
fn assert_same_record(after: &Record, before: &Record) {
    assert_eq!(after.governance, before.governance);
    assert_eq!(after.membership, before.membership);
    assert_eq!(after.genesis, before.genesis);
    assert_eq!(after.from_block, before.from_block);
    assert_eq!(after.to, before.to, "the record ends at the same block");
    assert_eq!(after.events.len(), before.events.len(), "as many events");
    assert_eq!(after.events, before.events);
    assert_eq!(after.contract, before.contract);
    assert_eq!(after.treasury, before.treasury);
}

/// A directory under the system's temp dir, emptied first and removed when
/// dropped (also when the test panics), for a persistent node's chain.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        let path = std::env::temp_dir().join(format!("coop-e2e-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).expect("a temp dir");
        TempDir(path)
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Stands where a node stood, on its port, and counts the TCP connections
/// anyone makes to it; accepts them and says nothing back (a node that
/// hangs). How a test sees a client that keeps knocking on a dead node's door.
struct PortWatch {
    attempts: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl PortWatch {
    fn listen(port: u16) -> PortWatch {
        let listener =
            TcpListener::bind(("127.0.0.1", port)).expect("the stopped node's port is free");
        listener.set_nonblocking(true).expect("nonblocking");
        let attempts = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let (count, done) = (attempts.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            // Accepted sockets are kept open (and silent) until the watch ends.
            let mut held = Vec::new();
            while !done.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((socket, _)) => {
                        count.fetch_add(1, Ordering::SeqCst);
                        held.push(socket);
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(10)),
                }
            }
        });
        PortWatch {
            attempts,
            stop,
            thread: Some(thread),
        }
    }

    /// Connections made so far.
    fn attempts(&self) -> usize {
        self.attempts.load(Ordering::SeqCst)
    }
}

impl Drop for PortWatch {
    fn drop(&mut self) {
        // Stop accepting and free the port (the restarted node needs it).
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Whether `err` is the client's "no node answers at `url`" error.
fn is_unreachable(err: &coop_client::coop::Error, url: &str) -> bool {
    matches!(
        err,
        coop_client::coop::Error::Client(coop_client::Error::Unreachable { url: tried, .. }) if tried == url
    )
}

/// Runs `op` against a node that went away and returns its error, after
/// checking it came back fast.
async fn fails_fast<T: std::fmt::Debug, E>(
    what: &str,
    op: impl Future<Output = Result<T, E>>,
) -> E {
    let started = Instant::now();
    let result = within(DOWN_LIMIT, what, op).await;
    let took = started.elapsed();
    let err = match result {
        Ok(value) => panic!("{what} succeeded against a stopped node: {value:?}"),
        Err(err) => err,
    };
    assert!(took < DOWN_LIMIT, "{what} took {took:?}");
    err
}

// ---------------------------------------------------------------------------

/// The choice member `i` makes in the 50-member vote: 30 yes, 10 no, 10
/// abstain, interleaved so the three kinds race each other.
fn choice_of(i: usize) -> Choice {
    match i % 5 {
        0..=2 => Choice::Yes,
        3 => Choice::No,
        _ => Choice::Abstain,
    }
}

coop_tests::on_each_backend!(
    fifty_members_vote_at_once_and_every_vote_counts,
    a_node_restarted_mid_vote_loses_nothing,
    a_node_that_goes_away_gives_a_clear_error_fast_and_changes_nothing,
);

async fn fifty_members_vote_at_once_and_every_vote_counts(backend: Backend) {
    const MEMBERS: usize = 50;
    let node = TestNode::start_backend(backend);
    let chain = Chain::connect(&node.url).await.expect("connects");
    let members: Vec<Signer> = (0..MEMBERS)
        .map(|i| signer(&format!("//Member{i}")))
        .collect();

    // Fund the 50 for their fees from one account, all transfers at once:
    // the chain layer hands out the funder's nonces one by one.
    let funder = signer("//Alice");
    let funder_nonce = chain.next_nonce(&funder.account()).await.expect("nonce");
    let allowance = 100 * UNIT;
    let started = Instant::now();
    let mut transfers = JoinSet::new();
    for member in &members {
        let (chain, funder, to) = (chain.clone(), funder.clone(), member.account());
        transfers.spawn(async move { chain.transfer(&funder, &to, allowance).await });
    }
    let mut funded_in = BTreeSet::new();
    while let Some(done) = within(Duration::from_secs(180), "funding", transfers.join_next()).await
    {
        let included = done.expect("the task ran").expect("every transfer lands");
        funded_in.insert(included.block.number);
    }
    eprintln!(
        "funded {MEMBERS} members in {:?}, in {} blocks",
        started.elapsed(),
        funded_in.len()
    );
    assert_eq!(
        chain.next_nonce(&funder.account()).await.expect("nonce"),
        funder_nonce + MEMBERS as u64,
        "one nonce per transfer, none skipped or reused"
    );
    for member in &members {
        assert_eq!(
            chain
                .free_balance(&member.account())
                .await
                .expect("balance"),
            allowance,
            "each member got exactly one transfer"
        );
    }

    // The coop: the 50 are its founders, shares 1..=50 in order.
    let d = deploy(
        &chain,
        members.iter().map(Signer::account).collect(),
        rules(200),
        20 * UNIT,
    )
    .await;
    let coop = d.coop.clone();
    assert_eq!(coop.member_count().await.expect("count"), MEMBERS as u32);
    // The payee already holds funds: pallet-revive pays only accounts the
    // chain knows (see the UnknownPayee case in governance_onchain).
    let payee = signer("//Payee").account();
    chain
        .transfer(&signer("//Ferdie"), &payee, UNIT)
        .await
        .expect("the payee is funded");
    let id = coop
        .propose(
            &members[0],
            "Pay the accountant",
            "ipfs://invoice",
            Action::Payment {
                to: payee,
                amount: 5 * UNIT,
            },
        )
        .await
        .expect("a member proposes")
        .value;
    let treasury_before = coop.treasury().await.expect("treasury");

    // All 50 vote at once, each from its own task.
    let started = Instant::now();
    let mut votes = JoinSet::new();
    for (i, member) in members.iter().enumerate() {
        let (coop, member) = (coop.clone(), member.clone());
        votes.spawn(async move {
            let outcome = coop.vote(&member, id, choice_of(i)).await;
            (i, outcome)
        });
    }
    let mut voted_in = BTreeSet::new();
    let mut failed = Vec::new();
    while let Some(done) = within(Duration::from_secs(180), "the votes", votes.join_next()).await {
        let (i, outcome) = done.expect("the task ran");
        match outcome {
            Ok(outcome) => {
                voted_in.insert(outcome.included.block.number);
            }
            Err(e) => failed.push(format!("member {i}: {e}")),
        }
    }
    eprintln!(
        "{MEMBERS} votes in {:?}, in {} blocks",
        started.elapsed(),
        voted_in.len()
    );
    assert!(failed.is_empty(), "votes failed: {failed:#?}");

    // The contract counted every vote.
    let expected = tally(30, 10, 10);
    let state = coop.proposal(id).await.expect("exists").state;
    assert_eq!(state.tally, expected);
    assert_eq!(state.electorate, MEMBERS as u32);

    // The record holds the 50 votes, each share once with its own choice
    // and key, and its recount equals the contract's tally.
    let record = coop
        .record(d.block.number, &|_, _| {})
        .await
        .expect("record");
    let cast = votes_on(&record, id);
    let want: BTreeMap<ShareId, (AccountId, Choice)> = members
        .iter()
        .enumerate()
        .map(|(i, m)| (i as ShareId + 1, (m.account(), choice_of(i))))
        .collect();
    assert_eq!(cast, want, "one VoteCast per member, as they voted");
    let checked = check(&record);
    assert!(checked.ok(), "{:?}", checked.mismatches);
    assert_eq!(checked.votes, MEMBERS);
    assert_eq!(record.contract[&id].state.tally, expected);

    // Everyone voted, so the outcome is settled and it closes before its
    // deadline: the payment is made.
    let best = coop.chain().best_block().await.expect("best").number;
    assert!(
        best + 1 < u64::from(state.deadline),
        "the deadline is still ahead"
    );
    let closed = execute(&coop, id).await;
    assert_eq!(closed.status, Status::Executed);
    assert_eq!(closed.tally, expected);
    assert!(closed.early, "a vote with no one left to vote closes early");
    assert_eq!(chain.free_balance(&payee).await.expect("balance"), 6 * UNIT);
    assert_eq!(
        coop.treasury().await.expect("treasury"),
        treasury_before - 5 * UNIT
    );

    let record = coop
        .record(d.block.number, &|_, _| {})
        .await
        .expect("record");
    let checked = check(&record);
    assert!(checked.ok(), "{:?}", checked.mismatches);
    assert_eq!(record.contract[&id].state.status, Status::Executed);
}

// ---------------------------------------------------------------------------

async fn a_node_restarted_mid_vote_loses_nothing(backend: Backend) {
    let dir = TempDir::new("restart");
    let port = free_port();
    let mut node = TestNode::start_persistent(backend, dir.path(), port);
    let chain = Chain::connect(&node.url).await.expect("connects");
    let [alice, bob, charlie, dave, eve] =
        ["//Alice", "//Bob", "//Charlie", "//Dave", "//Eve"].map(signer);
    let d = deploy(
        &chain,
        [&alice, &bob, &charlie, &dave, &eve]
            .iter()
            .map(|s| s.account())
            .collect(),
        rules(30),
        0,
    )
    .await;
    let manifest = manifest_of(&d, &chain, &node.url);
    let coop = d.coop.clone();
    let id = coop
        .propose(
            &bob,
            "Adopt the shared health plan",
            "ipfs://plan",
            Action::Resolution,
        )
        .await
        .expect("proposes")
        .value;
    for (who, choice) in [
        (&alice, Choice::Yes),
        (&bob, Choice::No),
        (&charlie, Choice::Yes),
    ] {
        coop.vote(who, id, choice).await.expect("votes");
    }
    let before = coop
        .record(d.block.number, &|_, _| {})
        .await
        .expect("record");
    assert!(check(&before).ok(), "{:?}", check(&before).mismatches);
    assert_eq!(votes_on(&before, id).len(), 3);
    assert_eq!(before.contract[&id].state.tally, tally(2, 1, 0));

    // Stop the node (SIGTERM: it closes its database) and start it again on
    // the same chain and port.
    node.stop();
    drop(chain);
    drop(coop);
    let node = TestNode::start_persistent(backend, dir.path(), port);
    let coop = reopen(&node.url, &manifest).await;

    // Nothing lost: the same best block, the same events in the same
    // blocks, the same tally, read from the restarted node.
    let after = coop
        .record(d.block.number, &|_, _| {})
        .await
        .expect("record");
    assert_same_record(&after, &before);
    assert_eq!(
        coop.proposal(id).await.expect("exists").state.tally,
        tally(2, 1, 0)
    );
    assert_eq!(coop.member_count().await.expect("count"), 5);

    // The vote goes on after the restart.
    let (d_vote, e_vote) = tokio::join!(
        coop.vote(&dave, id, Choice::Yes),
        coop.vote(&eve, id, Choice::Abstain)
    );
    d_vote.expect("Dave votes after the restart");
    e_vote.expect("Eve votes after the restart");
    reach_deadline(&coop, id).await;
    let closed = execute(&coop, id).await;
    assert_eq!(closed.status, Status::Executed);
    assert_eq!(closed.tally, tally(3, 1, 1));
    assert!(!closed.early);

    // The final record is the record before the restart plus what came
    // after it, and checks out.
    let last = coop
        .record(d.block.number, &|_, _| {})
        .await
        .expect("record");
    let since = coop
        .events_between(before.to.number + 1, last.to.number, &|_, _| {})
        .await
        .expect("events since the restart");
    let mut joined = before.events.clone();
    joined.extend(since.iter().cloned());
    assert_eq!(last.events, joined);
    let names: Vec<&str> = since.iter().map(|l| l.event.name()).collect();
    assert_eq!(names, ["VoteCast", "VoteCast", "ProposalClosed"]);
    let checked = check(&last);
    assert!(checked.ok(), "{:?}", checked.mismatches);
    assert_eq!(checked.votes, 5);
    assert_eq!(last.contract[&id].state.status, Status::Executed);
    assert_eq!(last.contract[&id].state.tally, tally(3, 1, 1));
    drop(node);
}

// ---------------------------------------------------------------------------

async fn a_node_that_goes_away_gives_a_clear_error_fast_and_changes_nothing(backend: Backend) {
    let dir = TempDir::new("gone");
    let port = free_port();
    let mut node = TestNode::start_persistent(backend, dir.path(), port);
    let url = node.url.clone();
    let chain = Chain::connect(&url).await.expect("connects");
    let [alice, bob, charlie] = ["//Alice", "//Bob", "//Charlie"].map(signer);
    let d = deploy(
        &chain,
        vec![alice.account(), bob.account(), charlie.account()],
        rules(40),
        0,
    )
    .await;
    let manifest = manifest_of(&d, &chain, &url);
    let coop = d.coop.clone();
    let id = coop
        .propose(
            &alice,
            "Open on Saturdays",
            "ipfs://rota",
            Action::Resolution,
        )
        .await
        .expect("proposes")
        .value;
    coop.vote(&alice, id, Choice::Yes).await.expect("votes");
    let tally_before = coop.proposal(id).await.expect("exists").state.tally;
    assert_eq!(tally_before, tally(1, 0, 0));
    let bob_share = coop
        .member(&bob.account())
        .await
        .expect("read")
        .expect("Bob is a member")
        .number;
    let bob_nonce = chain.next_nonce(&bob.account()).await.expect("nonce");

    node.stop();

    // A new connection to the stopped node is refused at once.
    let started = Instant::now();
    match Chain::connect(&url).await {
        Err(coop_client::Error::Unreachable { url: tried, .. }) => assert_eq!(tried, url),
        other => panic!("expected Unreachable, got {other:?}"),
    }
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "took {:?}",
        started.elapsed()
    );

    // From here on, anyone connecting to the port is counted: a client that
    // retried behind the caller's back would show up here.
    let watch = PortWatch::listen(port);

    // Every operation on the open connection fails at once, typed and
    // naming the node.
    let err = fails_fast("a read", coop.proposal(id)).await;
    assert!(is_unreachable(&err, &url), "{err:?}");
    assert!(
        err.to_string()
            .starts_with(&format!("no node answers at {url}")),
        "{err}"
    );
    let err = fails_fast("a vote", coop.vote(&bob, id, Choice::No)).await;
    assert!(is_unreachable(&err, &url), "{err:?}");
    let err = fails_fast("an execution", coop.execute(&bob, id)).await;
    assert!(is_unreachable(&err, &url), "{err:?}");
    let err = fails_fast("the record", coop.record(d.block.number, &|_, _| {})).await;
    assert!(is_unreachable(&err, &url), "{err:?}");
    let err = fails_fast("a transfer", chain.transfer(&bob, &alice.account(), UNIT)).await;
    assert!(
        matches!(&err, coop_client::Error::Unreachable { url: tried, .. } if *tried == url),
        "{err:?}"
    );
    // Asked again, the same answer, as fast: nothing is queued or retried.
    let started = Instant::now();
    for _ in 0..20 {
        let err = coop.member_count().await.expect_err("still down");
        assert!(is_unreachable(&err, &url), "{err:?}");
    }
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "took {:?}",
        started.elapsed()
    );
    // Give a background reconnection loop, if there were one, time to knock.
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert_eq!(
        watch.attempts(),
        0,
        "the client tried to reconnect by itself"
    );

    // A node that accepts the connection but never answers (the watch does
    // exactly that) is reported after the connect timeout, tried once.
    let started = Instant::now();
    let err = within(
        DOWN_LIMIT,
        "connecting to a silent node",
        Chain::connect(&url),
    )
    .await
    .expect_err("nothing answers");
    assert!(
        matches!(&err, coop_client::Error::Unreachable { url: tried, .. } if *tried == url),
        "{err:?}"
    );
    let took = started.elapsed();
    assert!(
        took >= coop_client::chain::CONNECT_TIMEOUT / 2 && took < DOWN_LIMIT,
        "took {took:?}"
    );
    assert_eq!(watch.attempts(), 1, "one connection attempt, no retries");
    drop(watch);

    // Back on the same chain: the vote Bob tried while the node was down
    // left no trace, and he may still vote.
    let node = TestNode::start_persistent(backend, dir.path(), port);
    let coop = reopen(&node.url, &manifest).await;
    assert_eq!(
        coop.proposal(id).await.expect("exists").state.tally,
        tally_before
    );
    assert_eq!(coop.vote_of(id, bob_share).await.expect("read"), None);
    assert_eq!(
        coop.chain()
            .next_nonce(&bob.account())
            .await
            .expect("nonce"),
        bob_nonce,
        "no transaction of Bob's reached the chain"
    );
    coop.vote(&bob, id, Choice::No)
        .await
        .expect("Bob votes now");
    assert_eq!(
        coop.proposal(id).await.expect("exists").state.tally,
        tally(1, 1, 0)
    );
    let record = coop
        .record(d.block.number, &|_, _| {})
        .await
        .expect("record");
    let checked = check(&record);
    assert!(checked.ok(), "{:?}", checked.mismatches);
    assert_eq!(checked.votes, 2);
    drop(node);
}

#[tokio::test]
async fn connecting_where_nobody_listens_fails_fast() {
    let url = format!("ws://127.0.0.1:{}", free_port());
    let started = Instant::now();
    let err = within(DOWN_LIMIT, "connecting", Chain::connect(&url))
        .await
        .expect_err("nothing listens there");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "took {:?}",
        started.elapsed()
    );
    match &err {
        coop_client::Error::Unreachable { url: tried, .. } => assert_eq!(tried, &url),
        other => panic!("expected Unreachable, got {other:?}"),
    }
}
