//! Random coop histories through the client against a real node, checked
//! against the reference model (`tests/model`) after every operation: the
//! same answer or the same named refusal, the same members and shares, the
//! same proposal state, the same treasury; at the end every ballot, and the
//! audit's recount of the whole record from the chain's events.
//!
//! Operations come from a seeded generator over small domains (six keys,
//! the proposals made so far and one beyond, share numbers up to one past
//! the last), so refusals are as common as successes: non-members and
//! former members try everything. The seed is printed; `COOP_SEED=N`
//! replays a run.

use coop_client::chain::{Chain, Signer};
use coop_client::coop::{check, Coop, Error};
use coop_model::history::{generate, predict, rules, Dice, Op, UNIT};
use coop_model::Coop as Model;
use coop_shared::governance::Status;
use coop_shared::AccountId;
use coop_tests::coop::{dev, found};
use coop_tests::{Backend, TestNode};

/// Operations per run (per backend).
const OPERATIONS: usize = 300;

/// What the chain answered: a value's debug form, or the refusal's name.
fn answer<T: std::fmt::Debug>(result: Result<T, Error>) -> Result<String, String> {
    result.map(|v| format!("{v:?}")).map_err(|e| match &e {
        Error::UnknownProposal(_) => "UnknownProposal".to_string(),
        other => other
            .contract_error()
            .map_or_else(|| panic!("not a contract refusal: {other}"), str::to_string),
    })
}

/// Sends `op` through the client.
async fn send(coop: &Coop, signers: &[Signer], op: &Op) -> Result<String, String> {
    let who = |k: &usize| &signers[*k];
    match op {
        Op::Propose(k, action) => answer(
            coop.propose(who(k), "random", "", action.clone())
                .await
                .map(|o| o.value),
        ),
        Op::Vote(k, id, choice) => answer(coop.vote(who(k), *id, *choice).await.map(|_| ())),
        Op::Withdraw(k, id) => answer(coop.withdraw(who(k), *id).await.map(|_| ())),
        Op::Execute(id) => answer(
            coop.execute(&dev::ferdie(), *id)
                .await
                .map(|o| o.value.status),
        ),
        Op::Accept(k, id, value) => answer(coop.accept(who(k), *id, *value).await.map(|o| o.value)),
        Op::Prune(k, ids) => answer(coop.prune(who(k), ids).await.map(|o| o.value)),
        Op::Deposit(k, amount) => answer(coop.deposit(who(k), *amount).await.map(|_| ())),
        Op::Resign(k) => answer(coop.resign(who(k)).await.map(|o| o.value)),
        Op::MoveShare(k, to) => answer(
            coop.move_share(who(k), &signers[*to].account())
                .await
                .map(|o| o.value),
        ),
        Op::Reactivate(k) => answer(coop.reactivate(who(k)).await.map(|o| o.value)),
        Op::Release(k) => answer(coop.release(who(k)).await.map(|o| o.value)),
        Op::Appoint(k, proxy, proposal) => answer(
            coop.appoint(who(k), *proxy, *proposal)
                .await
                .map(|o| o.value),
        ),
        Op::Revoke(k) => answer(coop.revoke(who(k)).await.map(|o| o.value)),
        Op::VoteFor(k, id, choice, share) => answer(
            coop.vote_for(who(k), *id, *choice, *share)
                .await
                .map(|o| o.value),
        ),
        Op::Advance(_) => Ok(String::new()),
    }
}

/// Asserts that the chain's members, treasury, rules and proposals are
/// the model's; with `ballots`, every ballot too.
async fn agree(coop: &Coop, model: &Model, step: usize, ballots: bool) {
    let members = coop.all_members().await.expect("members");
    assert_eq!(members, model.members(), "members after step {step}");
    assert_eq!(
        coop.suspended_count().await.expect("suspended"),
        model.suspended_count(),
        "suspended after step {step}"
    );
    assert_eq!(
        coop.treasury().await.expect("treasury"),
        model.treasury,
        "treasury after step {step}"
    );
    assert_eq!(
        coop.capital().await.expect("capital"),
        model.capital_held(),
        "members' capital after step {step}"
    );
    assert_eq!(
        coop.rules().await.expect("rules"),
        model.rules,
        "rules after step {step}"
    );
    assert_eq!(
        coop.next_proposal_id().await.expect("next id"),
        model.next_id()
    );
    for (id, p) in &model.proposals {
        let on_chain = coop.proposal(*id).await.expect("the proposal exists");
        assert_eq!(on_chain.state, p.state, "proposal {id} after step {step}");
        let content = on_chain.content.map(|c| (c.title, c.text, c.action));
        assert_eq!(
            content, p.content,
            "proposal {id}'s content after step {step}"
        );
        if ballots {
            for share in 1..model.next_share {
                let vote = coop.vote_of(*id, share).await.expect("vote_of");
                assert_eq!(
                    vote,
                    model.votes.get(&(*id, share)).copied(),
                    "ballot {id}/{share}"
                );
            }
        }
    }
}

coop_tests::on_each_backend!(random_operations_agree_with_the_model);

async fn random_operations_agree_with_the_model(backend: Backend) {
    let seed = std::env::var("COOP_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x00C0_FFEE_u64);
    let node = TestNode::start_backend(backend);
    let chain = Chain::connect(&node.url).await.expect("connects");
    let signers: Vec<Signer> = [
        dev::alice(),
        dev::bob(),
        dev::charlie(),
        dev::dave(),
        dev::eve(),
        dev::signer("//coop-tests/random/6"),
    ]
    .to_vec();
    chain
        .transfer(&dev::ferdie(), &signers[5].account(), 1_000 * UNIT)
        .await
        .expect("the sixth key is funded");
    let keys: Vec<AccountId> = signers.iter().map(Signer::account).collect();
    let funds = 10 * UNIT;
    let deployed = found(&chain, keys[..4].to_vec(), rules(), funds).await;
    let coop = deployed.coop;
    let founded_at = u32::try_from(deployed.block.number).expect("a u32 block");
    // The deployment pays the founders' capital on top of the funds.
    let mut model = Model::found(
        &keys[..4],
        rules(),
        coop_shared::governance::Floors::lowest(),
        funds + 4 * rules().share_price,
        founded_at,
    )
    .expect("the model founds the same coop");
    agree(&coop, &model, 0, true).await;

    let mut dice = Dice(seed | 1);
    let (mut sent, mut refused, mut skipped) = (0, 0, 0);
    for step in 1..=OPERATIONS {
        let op = generate(&mut dice, &keys, &model);
        let best = u32::try_from(coop.best_block().await.expect("best").number).expect("u32");
        if let Op::Advance(n) = op {
            chain
                .advance_blocks(&dev::ferdie(), n, &|_, _| {})
                .await
                .expect("blocks");
            continue;
        }
        // A dry run sees the best block, the transaction lands in the
        // next: where the model answers differently at the two, the
        // outcome depends on timing, not on the rules; such a step is
        // not sent.
        let (next, want) = predict(&model, &op, &keys, best + 1);
        let (_, at_best) = predict(&model, &op, &keys, best);
        if want != at_best {
            skipped += 1;
            continue;
        }
        let got = send(&coop, &signers, &op).await;
        assert_eq!(got, want, "step {step} (seed {seed}): {op:?}");
        if got.is_ok() {
            model = next;
            sent += 1;
        } else {
            refused += 1;
        }
        agree(&coop, &model, step, step % 50 == 0).await;
    }
    agree(&coop, &model, OPERATIONS, true).await;
    // The record rebuilt from the chain's events recounts to the contract's.
    let record = coop
        .record(deployed.block.number, &|_, _| {})
        .await
        .expect("the record");
    let audit = check(&record);
    assert!(audit.ok(), "the audit disagrees: {:?}", audit.mismatches);
    let executed = model
        .proposals
        .values()
        .filter(|p| p.state.status == Status::Executed)
        .count();
    println!(
        "{}: seed {seed}: {OPERATIONS} operations, {sent} applied, {refused} refused as the model predicted, {skipped} at a deadline boundary not sent; {} proposals ({executed} executed), {} members; the audit recounted {} proposals from {} votes",
        backend.name(),
        model.proposals.len(),
        model.member_count(),
        audit.proposals,
        audit.votes
    );
}
