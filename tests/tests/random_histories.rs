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
use coop_model::{Coop as Model, Refused};
use coop_shared::governance::{Action, Choice, Fraction, Rules, Status};
use coop_shared::{AccountId, Balance, ErrorInfo as _};
use coop_tests::coop::{dev, found};
use coop_tests::{Backend, TestNode};

/// Operations per run (per backend).
const OPERATIONS: usize = 300;

/// One unit of the dev chains' tokens (12 decimals).
const UNIT: Balance = 1_000_000_000_000;

/// A small, seeded generator (xorshift64*): reproducible, no dependency.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        let x = self.0.wrapping_mul(0x2545_F491_4F6C_DD1D);
        usize::try_from(x % u64::try_from(n.max(1)).unwrap_or(1)).unwrap_or(0)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// What the chain answered: a value's debug form, or the refusal's name.
fn answer<T: std::fmt::Debug>(result: Result<T, Error>) -> Result<String, String> {
    result.map(|v| format!("{v:?}")).map_err(|e| match &e {
        Error::UnknownProposal(_) => "UnknownProposal".to_string(),
        other => other
            .contract_error()
            .map_or_else(|| panic!("not a contract refusal: {other}"), str::to_string),
    })
}

/// What the model answered, in the same form.
fn expected<T: std::fmt::Debug>(result: Result<T, Refused>) -> Result<String, String> {
    result.map(|v| format!("{v:?}")).map_err(|e| match e {
        Refused::Gov(e) => e.name().to_string(),
        Refused::Reg(e) => e.name().to_string(),
    })
}

/// One operation, as generated.
#[derive(Debug, Clone)]
enum Op {
    Propose(usize, Action),
    Vote(usize, u32, Choice),
    Withdraw(usize, u32),
    Execute(u32),
    Accept(usize, u32),
    Prune(usize, Vec<u32>),
    Deposit(usize, Balance),
    Resign(usize),
    MoveShare(usize, usize),
    Reactivate(usize),
    Release(usize),
    Advance(u32),
}

fn rules() -> Rules {
    Rules {
        voting_period: 16,
        execution_window: 16,
        acceptance_window: 16,
        dormancy_period: 40,
        max_open_per_member: 2,
        ..Rules::default()
    }
}

/// One operation, leaning towards ones that can succeed (members vote on
/// open proposals, offers are accepted by the keys they name) so that
/// histories go somewhere, while anything may still be tried by anyone.
fn generate(dice: &mut Dice, keys: &[AccountId], model: &Model) -> Op {
    let member_keys: Vec<usize> = (0..keys.len())
        .filter(|k| model.share_of(&keys[*k]).is_some())
        .collect();
    let key = if !member_keys.is_empty() && dice.below(4) != 0 {
        *dice.pick(&member_keys)
    } else {
        dice.below(keys.len())
    };
    let open: Vec<u32> = model
        .proposals
        .iter()
        .filter(|(_, p)| p.state.status == Status::Open)
        .map(|(id, _)| *id)
        .collect();
    let any_id =
        u32::try_from(dice.below(usize::try_from(model.next_id()).unwrap_or(0) + 1)).unwrap_or(0);
    let id = if !open.is_empty() && dice.below(4) != 0 {
        *dice.pick(&open)
    } else {
        any_id
    };
    let share =
        u32::try_from(dice.below(usize::try_from(model.next_share).unwrap_or(0) + 1)).unwrap_or(0);
    let outsider = (0..keys.len())
        .filter(|k| model.share_of(&keys[*k]).is_none())
        .map(|k| keys[k])
        .next()
        .unwrap_or(keys[dice.below(keys.len())]);
    let choice = *dice.pick(&[Choice::Yes, Choice::Yes, Choice::No, Choice::Abstain]);
    match dice.below(38) {
        0..=5 => {
            let action = match dice.below(14) {
                0 | 1 => Action::Resolution,
                2 | 9 => Action::Payment {
                    to: keys[dice.below(keys.len())],
                    amount: UNIT * u128::try_from(dice.below(4)).unwrap_or(0),
                },
                3..=5 | 10..=12 => {
                    let mut accounts = vec![outsider];
                    if dice.below(3) == 0 {
                        accounts.push(keys[dice.below(keys.len())]);
                    }
                    Action::Admit(accounts)
                }
                6 => Action::Expel(share),
                7 => Action::RotateKey {
                    share,
                    new: keys[dice.below(keys.len())],
                },
                8 => Action::Suspend(vec![share]),
                _ => Action::ChangeRules(Rules {
                    vote_change: dice.below(2) == 0,
                    quorum: Fraction {
                        num: u32::try_from(dice.below(3)).unwrap_or(0),
                        den: 4,
                    },
                    ..rules()
                }),
            };
            Op::Propose(key, action)
        }
        6..=21 => {
            // Mostly a member who has not voted yet, on an open proposal.
            let fresh: Vec<(usize, u32)> = open
                .iter()
                .flat_map(|id| member_keys.iter().map(move |k| (*k, *id)))
                .filter(|(k, id)| {
                    model.share_of(&keys[*k]).is_some_and(|share| {
                        !model.votes.contains_key(&(*id, share.number))
                            && share.number < model.proposals[id].state.eligible_below
                    })
                })
                .collect();
            match fresh.get(dice.below(fresh.len().max(1))) {
                Some((k, id)) if dice.below(5) != 0 => Op::Vote(*k, *id, choice),
                _ => Op::Vote(key, id, choice),
            }
        }
        22 => Op::Withdraw(key, id),
        23..=27 => Op::Execute(id),
        28..=30 => {
            // An offer, by the key it names where there is one.
            let offers: Vec<(u32, AccountId)> = model
                .proposals
                .iter()
                .filter(|(_, p)| p.state.status == Status::Executed)
                .filter_map(|(id, p)| match &p.content {
                    Some((_, _, Action::Admit(accounts))) => Some((*id, accounts[0])),
                    _ => None,
                })
                .collect();
            match offers.get(dice.below(offers.len().max(1))) {
                Some((id, who)) if dice.below(4) != 0 => {
                    let k = keys.iter().position(|a| a == who).unwrap_or(key);
                    Op::Accept(k, *id)
                }
                _ => Op::Accept(key, any_id),
            }
        }
        31 => Op::Prune(key, vec![any_id]),
        32 => Op::Deposit(key, UNIT * u128::try_from(dice.below(3)).unwrap_or(0)),
        33 => match dice.below(8) {
            0 => Op::Resign(key),
            1..=3 => Op::MoveShare(key, dice.below(keys.len())),
            4 | 5 => Op::Reactivate(key),
            _ => Op::Release(key),
        },
        _ => Op::Advance(u32::try_from(1 + dice.below(8)).unwrap_or(1)),
    }
}

/// The model's answer to `op` at block `now`, on a copy.
fn predict(
    model: &Model,
    op: &Op,
    keys: &[AccountId],
    now: u32,
) -> (Model, Result<String, String>) {
    let mut m = model.clone();
    let out = match op {
        Op::Propose(k, action) => expected(m.propose(keys[*k], now, "random", "", action.clone())),
        Op::Vote(k, id, choice) => expected(m.vote(keys[*k], now, *id, *choice)),
        Op::Withdraw(k, id) => expected(m.withdraw(keys[*k], now, *id)),
        Op::Execute(id) => expected(m.execute(now, *id)),
        Op::Accept(k, id) => expected(m.accept(keys[*k], now, *id)),
        Op::Prune(k, ids) => expected(m.prune(keys[*k], now, ids)),
        Op::Deposit(_, amount) => expected(m.deposit(*amount)),
        Op::Resign(k) => expected(m.resign(keys[*k])),
        Op::MoveShare(k, to) => expected(m.move_share(keys[*k], keys[*to], now)),
        Op::Reactivate(k) => expected(m.reactivate(keys[*k], now)),
        Op::Release(k) => expected(m.release(keys[*k])),
        Op::Advance(_) => Ok(String::new()),
    };
    (m, out)
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
        Op::Accept(k, id) => answer(coop.accept(who(k), *id).await.map(|o| o.value)),
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
    let mut model = Model::found(
        &keys[..4],
        rules(),
        coop_shared::governance::Floors::lowest(),
        funds,
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
