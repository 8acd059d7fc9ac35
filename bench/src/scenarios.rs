//! What the bench does on the chain: every operation once on a coop with a
//! full batch of founders, a coop that changes votes, the yardstick contract, a coop grown
//! to 10,000 members by admission proposals, and a coop with 1,000 proposals.

use crate::harness::{
    bench_rules, generated, newcomer, Bench, Contract, Coop, Cost, Passed, DEV_KEYS,
    GOV_AND_REGISTER, GOV_ONLY, REGISTER_ONLY,
};
use crate::limits::ratio;
use crate::report::grouped;
use anyhow::{ensure, Context, Result};
use coop_client::chain::{Included, Signer};
use coop_client::contracts::{Code, Handle, Salt};
use coop_shared::governance::MAX_ADMISSIONS;
use coop_shared::governance::{
    messages as gov, Action, Choice, ProposalId, ProposalState, Rules, Status, Tally, Voter,
};
use coop_shared::membership::{messages as reg, ShareId, ShareState, MAX_MEMBERS_PER_CALL};
use coop_shared::yardstick::{self, floor, rules, FloorVote, PeerVote, RulesVote};
use coop_shared::{AccountId, Balance};
use serde::Serialize;
use tokio::task::JoinSet;

/// One line of the operations table.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    /// What was called, and on what.
    pub operation: String,
    /// What it cost.
    pub cost: Cost,
}

fn row(operation: impl Into<String>, cost: Cost) -> Row {
    Row {
        operation: operation.into(),
        cost,
    }
}

/// The operations table, the vote transaction that fixes votes per block,
/// and the calls whose proof grows with the accounts they carry.
pub struct Operations {
    /// One row per operation, in the order a coop meets them.
    pub rows: Vec<Row>,
    /// A real vote transaction (first vote on a proposal).
    pub vote: Included,
    /// Founding with a full batch of founders.
    pub deploy_full: Cost,
    /// Executing an admission of one account.
    pub admit_one: Cost,
    /// Executing an admission of a full batch.
    pub admit_full: Cost,
}

/// Every operation once, on a coop deployed with the most founders one call
/// allows (`MAX_MEMBERS_PER_CALL`), in the order a coop meets them. `ed` is the chain's
/// existential deposit, which sizes the treasury deposit and the payment.
pub async fn operations(bench: &Bench, ed: Balance) -> Result<Operations> {
    let alice = bench.alice().clone();
    let bob = bench.dev[1].clone();
    let dave = bench.dev[3].clone();
    let ferdie = bench.dev[5].clone();
    let founders_needed = usize::try_from(MAX_MEMBERS_PER_CALL)?.saturating_sub(DEV_KEYS.len());
    let mut founders: Vec<AccountId> = bench.dev.iter().map(Signer::account).collect();
    // The first three after the dev keys are keys the bench holds: one is
    // expelled and releases its share, one is suspended and returns.
    let (expelled, suspended) = (newcomer("ops-founder", 0)?, newcomer("ops-founder", 2)?);
    founders.push(expelled.account());
    founders.extend((1..u32::try_from(founders_needed)?).map(|n| {
        if n == 2 {
            suspended.account()
        } else {
            generated("ops-founder", n)
        }
    }));
    // Founders are numbered from 1 in order: the 7th, 8th and 9th.
    let (to_expel, to_rotate, to_suspend): (ShareId, ShareId, ShareId) = (7, 8, 9);
    let joining = newcomer("ops-single", 0)?;

    let mut rows = Vec::new();
    let (coop, deployed) = bench.deploy(&alice, founders, bench_rules(false)).await?;
    rows.push(row(
        format!("deploy: governance + register, {MAX_MEMBERS_PER_CALL} founders"),
        deployed.clone(),
    ));

    let (_, cost, _) = bench
        .send(
            &coop.governance,
            &alice,
            gov::DEPOSIT,
            (),
            ed.saturating_mul(1_000),
            GOV_ONLY,
        )
        .await
        .context("deposit")?;
    rows.push(row("deposit", cost));

    // Each kind of action carried through: propose, vote yes, execute.
    let batch: Vec<AccountId> = (0..MAX_ADMISSIONS)
        .map(|n| generated("ops-batch", n))
        .collect();
    let kinds: Vec<(&str, Action, &[Contract])> = vec![
        ("resolution", Action::Resolution, GOV_ONLY),
        (
            "admit 1 account",
            Action::Admit(vec![joining.account()]),
            GOV_AND_REGISTER,
        ),
        ("admit a full batch", Action::Admit(batch), GOV_AND_REGISTER),
        ("expel", Action::Expel(to_expel), GOV_AND_REGISTER),
        (
            "rotate key",
            Action::RotateKey {
                share: to_rotate,
                new: generated("ops-new-key", 0),
            },
            GOV_AND_REGISTER,
        ),
        (
            "suspend 1 share",
            Action::Suspend(vec![to_suspend]),
            GOV_AND_REGISTER,
        ),
        (
            "payment",
            Action::Payment {
                to: bob.account(),
                amount: ed.saturating_mul(10),
            },
            GOV_ONLY,
        ),
        // Last: it changes the rules the bench relies on (only the
        // open-proposal limit, to something as roomy).
        (
            "change rules",
            Action::ChangeRules(Rules {
                max_open_per_member: 31,
                ..bench_rules(false)
            }),
            GOV_ONLY,
        ),
    ];
    let mut first: Option<Passed> = None;
    let mut executes = Vec::new();
    let mut admissions = Vec::new();
    let mut offer = None;
    for (name, action, code) in kinds {
        let admits = matches!(action, Action::Admit(_));
        let passed = bench
            .pass(&coop, &alice, &format!("Bench: {name}"), action, code)
            .await
            .with_context(|| format!("carrying a proposal to {name}"))?;
        rows.push(row(format!("propose: {name}"), passed.propose.clone()));
        executes.push(row(format!("execute: {name}"), passed.execute.clone()));
        if admits {
            admissions.push(passed.execute.clone());
            offer.get_or_insert(passed.id);
        }
        first.get_or_insert(passed);
    }
    let first = first.context("no proposal was made")?;
    // Alice's proposal put her on governance's roster: her vote reads it
    // alone, as every vote after a member's first act does.
    rows.push(row("vote (first vote on a proposal)", first.vote.clone()));
    rows.extend(executes);

    let (id, _) = bench
        .propose(&coop, &dave, "Bench: to withdraw", Action::Resolution)
        .await?;
    let (_, cost, _) = bench
        .send(&coop.governance, &dave, gov::WITHDRAW, (id,), 0, GOV_ONLY)
        .await
        .context("withdraw")?;
    rows.push(row("withdraw", cost));

    // Proxies: Bob appoints Charlie, who votes for him; Bob revokes.
    let (bob_share, charlie_share): (ShareId, ShareId) = (2, 3);
    let charlie = bench.dev[2].clone();
    let (_, cost, _) = bench
        .send(
            &coop.governance,
            &bob,
            gov::APPOINT,
            (charlie_share, None::<u32>),
            0,
            GOV_ONLY,
        )
        .await
        .context("appoint")?;
    rows.push(row("appoint a proxy", cost));
    let (id, _) = bench
        .propose(&coop, &dave, "Bench: by proxy", Action::Resolution)
        .await?;
    let (_, cost, _) = bench
        .send(
            &coop.governance,
            &charlie,
            gov::VOTE_FOR,
            (id, Choice::Yes, bob_share),
            0,
            GOV_ONLY,
        )
        .await
        .context("vote_for")?;
    rows.push(row("vote for another member, as proxy", cost));
    // (Bob's own vote replacing it would land on the deadline of the
    // bench's 2-block votes; the proxy tests cover it.)
    let (_, cost, _) = bench
        .send(&coop.governance, &bob, gov::REVOKE, (), 0, GOV_ONLY)
        .await
        .context("revoke")?;
    rows.push(row("revoke a proxy", cost));

    let offer = offer.context("no admission was made")?;
    rows.push(row(
        "accept an offer (issues the share)",
        bench.accept(&coop, &joining, offer).await?,
    ));
    rows.push(row("resign", bench.resign(&coop, &ferdie).await?));
    for who in [&suspended, &expelled] {
        bench
            .chain()
            .transfer(&alice, &who.account(), crate::harness::NEWCOMER_FUNDS)
            .await
            .context("funding")?;
    }
    // A return from suspension and a release go through governance,
    // which keeps its roster in step with the register.
    let (_, cost, _) = bench
        .send(
            &coop.governance,
            &suspended,
            gov::REACTIVATE,
            (),
            0,
            GOV_AND_REGISTER,
        )
        .await
        .context("reactivate")?;
    rows.push(row("reactivate", cost));
    let (_, cost, _) = bench
        .send(
            &coop.governance,
            &expelled,
            gov::RELEASE,
            (),
            0,
            GOV_AND_REGISTER,
        )
        .await
        .context("release")?;
    rows.push(row("release an expelled share", cost));
    let (_, cost, _) = bench
        .send(
            &coop.governance,
            &alice,
            gov::PRUNE,
            (vec![first.id],),
            0,
            GOV_ONLY,
        )
        .await
        .context("prune")?;
    rows.push(row(
        "prune a closed proposal (own ballot and content)",
        cost,
    ));

    let me = alice.account();
    let proposals = bench.next_proposal_id(&coop).await?.saturating_sub(1);
    let members = bench.member_count(&coop).await?;
    let (g, r) = (&coop.governance, &coop.register);
    let (p, one) = (first.id, 1u32);
    let page = (1 as ProposalId, 32u32);
    let reads = [
        (
            "read: proposal(id)".to_string(),
            bench.dry_run(g, &me, gov::PROPOSAL, (p,), GOV_ONLY).await,
        ),
        (
            format!("read: proposals(1, 32), {proposals} exist"),
            bench.dry_run(g, &me, gov::PROPOSALS, page, GOV_ONLY).await,
        ),
        (
            "read: vote_of(id, share)".into(),
            bench
                .dry_run(g, &me, gov::VOTE_OF, (p, one), GOV_ONLY)
                .await,
        ),
        (
            "read: open_proposals_of(share)".into(),
            bench
                .dry_run(g, &me, gov::OPEN_PROPOSALS_OF, (one,), GOV_ONLY)
                .await,
        ),
        (
            "read: rules()".into(),
            bench.dry_run(g, &me, gov::RULES, (), GOV_ONLY).await,
        ),
        (
            "read: treasury()".into(),
            bench.dry_run(g, &me, gov::TREASURY, (), GOV_ONLY).await,
        ),
        (
            "read: next_proposal_id()".into(),
            bench
                .dry_run(g, &me, gov::NEXT_PROPOSAL_ID, (), GOV_ONLY)
                .await,
        ),
        (
            "read: share_of(account) (register)".into(),
            bench
                .dry_run(r, &me, reg::SHARE_OF, (me,), REGISTER_ONLY)
                .await,
        ),
        (
            "read: standing(account) (register)".into(),
            bench
                .dry_run(r, &me, reg::STANDING, (me,), REGISTER_ONLY)
                .await,
        ),
        (
            "read: member_count() (register)".into(),
            bench
                .dry_run(r, &me, reg::MEMBER_COUNT, (), REGISTER_ONLY)
                .await,
        ),
        (
            format!("read: shares(1, 256) (register), {members} members"),
            bench
                .dry_run(r, &me, reg::SHARES, (1u32, 256u32), REGISTER_ONLY)
                .await,
        ),
    ];
    for (name, cost) in reads {
        let cost = cost.with_context(|| name.clone())?;
        rows.push(row(name, cost));
    }
    let [admit_one, admit_full] = <[Cost; 2]>::try_from(admissions)
        .map_err(|_| anyhow::anyhow!("expected two admissions"))?;
    Ok(Operations {
        rows,
        vote: first.vote_included,
        deploy_full: deployed,
        admit_one,
        admit_full,
    })
}

/// Votes on a coop whose rules allow changing: the proposer's first vote
/// and its change, and then a vote that is a founder's first act (which
/// also puts them on governance's roster).
pub async fn change_vote(bench: &Bench) -> Result<(Cost, Cost, Cost)> {
    let founders = bench.dev.iter().map(Signer::account).collect();
    // Four blocks to vote: the proposal, the first vote, the change and
    // the newcomer's vote.
    let rules = Rules {
        voting_period: 4,
        // No shorter than the voting period, as the rules require.
        dormancy_period: 4,
        ..bench_rules(true)
    };
    let (coop, _) = bench.deploy(bench.alice(), founders, rules).await?;
    let (bob, charlie) = (&bench.dev[1], &bench.dev[2]);
    let (id, _) = bench
        .propose(&coop, bob, "Bench: votes may change", Action::Resolution)
        .await?;
    let (first, _) = bench.vote(&coop, bob, id, Choice::Yes).await?;
    let (changed, _) = bench.vote(&coop, bob, id, Choice::No).await?;
    let (joining, _) = bench.vote(&coop, charlie, id, Choice::Yes).await?;
    Ok((first, changed, joining))
}

/// The yardstick: deploys peer-vote and dry-runs a first vote from Alice
/// (a new storage cell, as coop's first vote on a proposal makes).
pub async fn peer_vote(bench: &Bench) -> Result<(Cost, Cost)> {
    let made = bench
        .contracts
        .instantiate(
            bench.alice(),
            Code::Upload(bench.codes.code(Contract::PeerVote)),
            yardstick::NEW,
            (),
            0,
            Salt::Random,
        )
        .await
        .context("deploying peer-vote")?;
    let deployed = bench.cost_of(&made.outcome.costs, &[Contract::PeerVote]);
    let peer: Handle<PeerVote> = Handle::at(bench.contracts.clone(), made.address);
    let vote = bench
        .dry_run(
            &peer,
            &bench.alice().account(),
            yardstick::VOTE,
            (true,),
            &[Contract::PeerVote],
        )
        .await
        .context("peer-vote vote")?;
    Ok((deployed, vote))
}

/// The floor: deploys floor-vote, gives Alice a share, opens a proposal and
/// dry-runs her first vote on it.
pub async fn floor_vote(bench: &Bench) -> Result<Cost> {
    let only = &[Contract::FloorVote];
    let alice = bench.alice();
    let made = bench
        .contracts
        .instantiate(
            alice,
            Code::Upload(bench.codes.code(Contract::FloorVote)),
            floor::NEW,
            (),
            0,
            Salt::Random,
        )
        .await
        .context("deploying floor-vote")?;
    let contract: Handle<FloorVote> = Handle::at(bench.contracts.clone(), made.address);
    bench
        .send(&contract, alice, floor::JOIN, (1,), 0, only)
        .await
        .context("floor-vote join")?;
    let now = u32::try_from(bench.chain().best_block().await?.number)?;
    bench
        .send(
            &contract,
            alice,
            floor::OPEN,
            (1, now.saturating_add(1_000)),
            0,
            only,
        )
        .await
        .context("floor-vote open")?;
    bench
        .dry_run(&contract, &alice.account(), floor::VOTE, (1, true), only)
        .await
        .context("floor-vote vote")
}

/// The rules floor: deploys rules-vote, puts Alice on its roster as share
/// 1, stores an open proposal made now under the default rules (votes
/// final, as on the coop whose first vote the table measures) and dry-runs
/// her first vote on it. The vote is refused (and the bench stops) unless
/// every one of governance's checks passes.
pub async fn rules_vote(bench: &Bench) -> Result<Cost> {
    let only = &[Contract::RulesVote];
    let alice = bench.alice();
    let made = bench
        .contracts
        .instantiate(
            alice,
            Code::Upload(bench.codes.code(Contract::RulesVote)),
            rules::NEW,
            (),
            0,
            Salt::Random,
        )
        .await
        .context("deploying rules-vote")?;
    let contract: Handle<RulesVote> = Handle::at(bench.contracts.clone(), made.address);
    let share = Voter {
        number: 1,
        reactivated_at: 0,
        state: ShareState::Active,
    };
    bench
        .send(&contract, alice, rules::ENROL, (share,), 0, only)
        .await
        .context("rules-vote enrol")?;
    let now = u32::try_from(bench.chain().best_block().await?.number)?;
    let state = ProposalState {
        proposer: 1,
        created_at: now,
        deadline: now.saturating_add(1_000),
        electorate: 1,
        eligible_below: 2,
        special: false,
        rules: Rules::default(),
        tally: Tally::default(),
        status: Status::Open,
        closed_at: 0,
        offers_taken: 0,
    };
    bench
        .send(&contract, alice, rules::OPEN, (1, state), 0, only)
        .await
        .context("rules-vote open")?;
    bench
        .dry_run(
            &contract,
            &alice.account(),
            rules::VOTE,
            (1, Choice::Yes),
            only,
        )
        .await
        .context("rules-vote vote")
}

/// One measured case of a scaling run: a proposal made, voted on and
/// executed by a member whose own state is fresh, so only the coop's size
/// differs between cases.
#[derive(Debug, Clone, Serialize)]
pub struct Case {
    /// Members, or proposals already made, when it was measured.
    pub at: u32,
    /// `propose` (a resolution).
    pub propose: Cost,
    /// `vote` (the first on that proposal).
    pub vote: Cost,
    /// `execute` (of that resolution).
    pub execute: Cost,
}

/// The largest case's figure over the smallest's, per operation.
#[derive(Debug, Clone, Serialize)]
pub struct Ratio {
    /// `propose`, `vote` or `execute`.
    pub operation: String,
    /// Of `gas_consumed.ref_time`.
    pub ref_time: f64,
    /// Of `gas_consumed.proof_size`.
    pub proof_size: f64,
}

/// A scaling run.
#[derive(Debug, Clone, Serialize)]
pub struct Scaling {
    /// What grows: `members` or `proposals`.
    pub by: String,
    /// One case per size.
    pub cases: Vec<Case>,
    /// Largest over smallest, per operation.
    pub ratios: Vec<Ratio>,
}

/// Largest over smallest of `f` over `costs`.
pub fn spread<'a>(costs: impl Iterator<Item = &'a Cost>, f: impl Fn(&Cost) -> u64) -> f64 {
    let values: Vec<u64> = costs.map(f).collect();
    let max = values.iter().copied().max().unwrap_or(0);
    let min = values.iter().copied().min().unwrap_or(0);
    ratio(max, min)
}

/// Picks one operation's cost out of a case.
type Pick = fn(&Case) -> &Cost;

fn ratios(cases: &[Case]) -> Vec<Ratio> {
    let ops: [(&str, Pick); 3] = [
        ("propose", |c| &c.propose),
        ("vote", |c| &c.vote),
        ("execute", |c| &c.execute),
    ];
    ops.iter()
        .map(|(name, pick)| Ratio {
            operation: (*name).to_string(),
            ref_time: spread(cases.iter().map(pick), |c| c.consumed.ref_time),
            proof_size: spread(cases.iter().map(pick), |c| c.consumed.proof_size),
        })
        .collect()
}

/// Members who measure: funded keys of their own, founders of the scaling
/// coops, each used for one case so its open-proposal list starts empty.
pub async fn measurers(bench: &Bench, count: u32) -> Result<Vec<Signer>> {
    let alice = bench.alice();
    let funds = bench.chain().free_balance(&alice.account()).await? / 1_000;
    let mut keys = Vec::new();
    for n in 0..count {
        let key = Signer::from_uri(&format!("//coop-bench/measure/{n}"))?;
        bench.chain().transfer(alice, &key.account(), funds).await?;
        keys.push(key);
    }
    Ok(keys)
}

async fn measure(bench: &Bench, coop: &Coop, who: &Signer, at: u32) -> Result<Case> {
    let passed = bench
        .pass(
            coop,
            who,
            "Bench: adopt the health plan",
            Action::Resolution,
            GOV_ONLY,
        )
        .await
        .with_context(|| format!("measuring at {at}"))?;
    Ok(Case {
        at,
        propose: passed.propose,
        vote: passed.vote,
        execute: passed.execute,
    })
}

/// One admission proposal of the growing coop.
#[derive(Debug, Clone, Serialize)]
pub struct Batch {
    /// Members before it.
    pub members_before: u32,
    /// Accounts it admitted.
    pub accounts: u32,
    /// `propose(Admit(accounts))`.
    pub propose: Cost,
    /// Its `execute`, which makes the offers.
    pub execute: Cost,
    /// The first account's `accept`, which issues its share.
    pub accept: Cost,
}

/// Grows one coop from its founders (the dev accounts and the measurers)
/// to each of `sizes` members as a coop would, by admission proposals of
/// at most `MAX_ADMISSIONS` accounts whose every account accepts its offer
/// (funded by Alice), and measures a proposal's costs at each size.
/// `progress` hears the member count after each batch. Also returns what
/// founding the coop cost.
pub async fn grow_members(
    bench: &Bench,
    measurers: &[Signer],
    sizes: &[u32],
    progress: &(dyn Fn(u32) + Sync),
) -> Result<(Scaling, Vec<Batch>, Cost)> {
    let mut founders: Vec<AccountId> = bench.dev.iter().map(Signer::account).collect();
    founders.extend(measurers.iter().map(Signer::account));
    let (coop, deployed) = bench
        .deploy(bench.alice(), founders, bench_rules(false))
        .await?;
    let mut members = bench.member_count(&coop).await?;
    let mut next_account = 0u32;
    let mut batches = Vec::new();
    let mut cases = Vec::new();
    let dev_count = u32::try_from(bench.dev.len())?;
    for (size, who) in sizes.iter().zip(measurers) {
        ensure!(members <= *size, "the coop already has {members} members");
        while members < *size {
            let count = (*size - members).min(MAX_ADMISSIONS);
            let keys = (next_account..next_account + count)
                .map(|n| newcomer("growth", n))
                .collect::<Result<Vec<_>>>()?;
            let accounts = keys.iter().map(Signer::account).collect();
            next_account += count;
            // Proposers take turns, spreading the deposits they pay.
            let batch_no = u32::try_from(batches.len())?;
            let proposer = &bench.dev[usize::try_from(batch_no % dev_count)?];
            let passed = bench
                .pass(
                    &coop,
                    proposer,
                    &format!("Admit batch {}", batch_no + 1),
                    Action::Admit(accounts),
                    GOV_AND_REGISTER,
                )
                .await?;
            let mut accepts = Vec::new();
            for key in &keys {
                accepts.push(bench.accept(&coop, key, passed.id).await?);
            }
            batches.push(Batch {
                members_before: members,
                accounts: count,
                propose: passed.propose,
                execute: passed.execute,
                accept: accepts.swap_remove(0),
            });
            members = bench.member_count(&coop).await?;
            progress(members);
        }
        cases.push(measure(bench, &coop, who, members).await?);
    }
    Ok((
        Scaling {
            by: "members".into(),
            ratios: ratios(&cases),
            cases,
        },
        batches,
        deployed,
    ))
}

/// Makes proposals on one coop until each of `targets` proposals exist
/// (resolutions by the dev accounts, several at once; with a voting period
/// of two blocks they pass their deadline at once and stay unexecuted), and
/// measures a proposal's costs at each count. `progress` hears the count.
/// Also returns the cost of reading a full page of proposals at the end.
pub async fn fill_proposals(
    bench: &Bench,
    measurers: &[Signer],
    targets: &[u32],
    progress: &(dyn Fn(u32) + Sync),
) -> Result<(Scaling, Row)> {
    let mut founders: Vec<AccountId> = bench.dev.iter().map(Signer::account).collect();
    founders.extend(measurers.iter().map(Signer::account));
    let (coop, _) = bench
        .deploy(bench.alice(), founders, bench_rules(false))
        .await?;
    let mut cases = Vec::new();
    for (target, who) in targets.iter().zip(measurers) {
        loop {
            let made = bench.next_proposal_id(&coop).await?.saturating_sub(1);
            progress(made);
            if made >= *target {
                break;
            }
            // Rounds of at most 60 (10 per dev account) keep progress visible.
            let wanted = (*target - made).min(60);
            let mut tasks = JoinSet::new();
            let per_key = wanted.div_ceil(u32::try_from(bench.dev.len())?);
            let mut left = wanted;
            for key in &bench.dev {
                let n = per_key.min(left);
                left -= n;
                if n == 0 {
                    break;
                }
                let (bench, key, coop) = (bench.clone(), key.clone(), coop.clone());
                tasks.spawn(async move {
                    for _ in 0..n {
                        bench
                            .propose(&coop, &key, "Bench: filler", Action::Resolution)
                            .await?;
                    }
                    anyhow::Ok(())
                });
            }
            while let Some(done) = tasks.join_next().await {
                done??;
            }
        }
        let made = bench.next_proposal_id(&coop).await?.saturating_sub(1);
        cases.push(measure(bench, &coop, who, made).await?);
    }
    let made = bench.next_proposal_id(&coop).await?.saturating_sub(1);
    let page = bench
        .dry_run(
            &coop.governance,
            &bench.alice().account(),
            gov::PROPOSALS,
            (1 as ProposalId, 32u32),
            GOV_ONLY,
        )
        .await
        .context("reading a full page of proposals")?;
    Ok((
        Scaling {
            by: "proposals".into(),
            ratios: ratios(&cases),
            cases,
        },
        row(
            format!(
                "read: proposals(1, 32), a full page, {} exist",
                grouped(u128::from(made))
            ),
            page,
        ),
    ))
}
