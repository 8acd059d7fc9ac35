//! coop's built contracts in an in-process pallet-contracts runtime (ink!
//! 5.1.1's sandbox): the real Wasm, the real pallet, no node. Fast enough
//! to run random histories by the thousand against the reference model.

use coop_model::history::{generate, predict, Dice, Op, UNIT};
use coop_model::Coop as Model;
use coop_shared::governance::{
    Action, Appointment, Choice, Floors, Proposal, ProposalId, Rules, Tally, VoteCast, Voter,
};
use coop_shared::membership::{Share, ShareId};
use coop_shared::CoopEvent as _;
use coop_shared::{AccountId, Balance};
use ink_sandbox::api::prelude::{BalanceAPI, ContractAPI, SystemAPI};
use ink_sandbox::frame_support::__private::{storage_root, StateVersion};
use ink_sandbox::macros::RuntimeEvent;
use ink_sandbox::pallet_contracts::Determinism;
use ink_sandbox::pallet_contracts::Event as ContractsEvent;
use ink_sandbox::{AccountId32, DefaultSandbox, Sandbox as _, Snapshot};
use parity_scale_codec::{Decode, Encode};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The account reads are made from (it signs nothing).
fn reader() -> AccountId {
    AccountId::from([0xFE; 32])
}

/// The account that executes proposals (anyone may).
fn executor() -> AccountId {
    AccountId::from([0xFD; 32])
}

/// The keys a history's operations are signed with.
pub const KEYS: usize = 6;

/// The built contracts' Wasm, from `scripts/build-contracts.sh`.
#[derive(Debug, Clone)]
pub struct Code {
    /// governance.wasm.
    pub governance: Vec<u8>,
    /// membership.wasm.
    pub membership: Vec<u8>,
}

impl Code {
    /// Reads the Wasm the build step put in the checkout's
    /// `target/contracts` (or `$COOP_WASM_DIR`).
    ///
    /// # Panics
    /// If the contracts are not built, saying how to build them.
    pub fn built() -> Code {
        let dir = std::env::var_os("COOP_WASM_DIR").map_or_else(
            || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/contracts"),
            PathBuf::from,
        );
        let read = |name: &str| {
            std::fs::read(dir.join(name)).unwrap_or_else(|e| {
                panic!(
                    "{}: {e}; build the contracts first (scripts/build-contracts.sh)",
                    dir.join(name).display()
                )
            })
        };
        Code {
            governance: read("governance.wasm"),
            membership: read("membership.wasm"),
        }
    }
}

fn selector(label: &str) -> [u8; 4] {
    let hash = sp_crypto_hashing::blake2_256(label.as_bytes());
    [hash[0], hash[1], hash[2], hash[3]]
}

fn data(label: &str, args: impl Encode) -> Vec<u8> {
    let mut out = selector(label).to_vec();
    args.encode_to(&mut out);
    out
}

fn account32(a: &AccountId) -> AccountId32 {
    AccountId32::new(*AsRef::<[u8; 32]>::as_ref(a))
}

/// A coop deployed in a fresh sandbox.
pub struct Deployed {
    sandbox: DefaultSandbox,
    governance: AccountId32,
    register: AccountId32,
    /// The governance contract's events not yet taken.
    emitted: Vec<(Vec<[u8; 32]>, Vec<u8>)>,
}

/// What a message returned, decoded as its own type; `Err` holds the
/// refusal's name.
type Answer = Result<String, String>;

impl Deployed {
    /// Deploys a coop of `founders` under `rules` with `funds`, every key
    /// funded; returns it and the block it was founded in.
    ///
    /// # Panics
    /// If the contracts refuse what the model accepted.
    pub fn found(
        code: &Code,
        keys: &[AccountId],
        founders: &[AccountId],
        rules: Rules,
        funds: Balance,
    ) -> (Deployed, u32) {
        let mut sandbox = DefaultSandbox::default();
        let deployer = DefaultSandbox::default_actor();
        for key in keys {
            sandbox
                .mint_into(&account32(key), 1_000_000 * UNIT)
                .expect("minted");
        }
        for other in [
            deployer.clone(),
            account32(&reader()),
            account32(&executor()),
        ] {
            sandbox.mint_into(&other, 1_000_000 * UNIT).expect("minted");
        }
        let uploaded = sandbox
            .upload_contract(
                code.membership.clone(),
                deployer.clone(),
                None,
                Determinism::Enforced,
            )
            .expect("the register's code uploads");
        let code_hash: [u8; 32] = uploaded.code_hash.into();
        let args = (code_hash, founders.to_vec(), rules, Floors::lowest(), 1u128);
        let made = sandbox.deploy_contract(
            code.governance.clone(),
            funds,
            data("new", args),
            vec![],
            deployer,
            DefaultSandbox::default_gas_limit(),
            None,
        );
        let made = made.result.expect("governance instantiates");
        assert!(!made.result.did_revert(), "the constructor refused");
        let founded_at = sandbox.block_number();
        let mut deployed = Deployed {
            sandbox,
            governance: made.account_id.clone(),
            register: made.account_id,
            emitted: Vec::new(),
        };
        let register: AccountId = deployed.read(true, "membership", ());
        deployed.register = account32(&register);
        deployed.sandbox.build_block();
        (deployed, founded_at)
    }

    /// The block the next call runs in.
    pub fn now(&mut self) -> u32 {
        self.sandbox.block_number()
    }

    /// Makes `n` blocks.
    pub fn advance(&mut self, n: u32) {
        self.sandbox.build_blocks(n);
    }

    fn raw(
        &mut self,
        to_governance: bool,
        origin: &AccountId,
        input: Vec<u8>,
        value: Balance,
    ) -> (bool, Vec<u8>) {
        let to = if to_governance {
            self.governance.clone()
        } else {
            self.register.clone()
        };
        // The block's events are the call's alone: one call a block, and
        // none left over from a read.
        self.sandbox.reset_events();
        let result = self.sandbox.call_contract(
            to,
            value,
            input,
            account32(origin),
            DefaultSandbox::default_gas_limit(),
            None,
            Determinism::Enforced,
        );
        let exec = result
            .result
            .unwrap_or_else(|e| panic!("the call did not run: {e:?}"));
        if !exec.did_revert() {
            for record in result.events.unwrap_or_default() {
                if let RuntimeEvent::Contracts(ContractsEvent::ContractEmitted { contract, data }) =
                    record.event
                {
                    if contract == self.governance {
                        let topics = record.topics.iter().map(|t| t.0).collect();
                        self.emitted.push((topics, data));
                    }
                }
            }
        }
        (exec.did_revert(), exec.data)
    }

    /// The governance contract's events since the last call to this, as
    /// (topics, data).
    pub fn take_events(&mut self) -> Vec<(Vec<[u8; 32]>, Vec<u8>)> {
        std::mem::take(&mut self.emitted)
    }

    /// The root of the whole chain state, the contracts' storage included:
    /// equal roots, equal state.
    pub fn state_root(&mut self) -> Vec<u8> {
        self.sandbox.execute_with(|| storage_root(StateVersion::V1))
    }

    /// A read: the message's plain return value.
    ///
    /// # Panics
    /// If it does not decode.
    pub fn read<T: Decode>(&mut self, governance: bool, label: &str, args: impl Encode) -> T {
        let (_, out) = self.raw(governance, &reader(), data(label, args), 0);
        let decoded: Result<T, u8> = Decode::decode(&mut &out[..]).expect("a read decodes");
        decoded.unwrap_or_else(|e| panic!("{label}: ink! refused the input ({e})"))
    }

    /// A fallible message signed by `origin`: its value's debug form, or
    /// the name of the contract's refusal.
    fn send<V: Decode + std::fmt::Debug, E: Decode + coop_shared::ErrorInfo>(
        &mut self,
        governance: bool,
        origin: &AccountId,
        label: &str,
        args: impl Encode,
        value: Balance,
    ) -> Answer {
        let (_, out) = self.raw(governance, origin, data(label, args), value);
        let decoded: Result<Result<V, E>, u8> =
            Decode::decode(&mut &out[..]).unwrap_or_else(|e| panic!("{label}: {e}"));
        match decoded.unwrap_or_else(|e| panic!("{label}: ink! refused the input ({e})")) {
            Ok(v) => Ok(format!("{v:?}")),
            Err(e) => Err(e.name().to_string()),
        }
    }

    /// Runs `op` signed by `keys`' key, at the current block.
    pub fn apply(&mut self, op: &Op, keys: &[AccountId]) -> Answer {
        use coop_shared::governance::{Error as G, Status};
        match op {
            Op::Propose(k, action) => self.send::<ProposalId, G>(
                true,
                &keys[*k],
                "propose",
                ("random".to_string(), String::new(), action.clone()),
                0,
            ),
            Op::Vote(k, id, choice) => {
                self.send::<(), G>(true, &keys[*k], "vote", (*id, *choice), 0)
            }
            Op::Withdraw(k, id) => self.send::<(), G>(true, &keys[*k], "withdraw", (*id,), 0),
            Op::Execute(id) => self.send::<Status, G>(true, &executor(), "execute", (*id,), 0),
            Op::Accept(k, id, value) => {
                self.send::<ShareId, G>(true, &keys[*k], "accept", (*id,), *value)
            }
            Op::Prune(k, ids) => self.send::<u32, G>(true, &keys[*k], "prune", (ids.clone(),), 0),
            Op::Deposit(k, amount) => self.send::<(), G>(true, &keys[*k], "deposit", (), *amount),
            Op::Resign(k) => self.send::<ShareId, G>(true, &keys[*k], "resign", (), 0),
            Op::MoveShare(k, to) => {
                self.send::<ShareId, G>(true, &keys[*k], "move_share", (keys[*to],), 0)
            }
            Op::Reactivate(k) => self.send::<ShareId, G>(true, &keys[*k], "reactivate", (), 0),
            Op::Release(k) => self.send::<ShareId, G>(true, &keys[*k], "release", (), 0),
            Op::Appoint(k, proxy, proposal) => {
                self.send::<(), G>(true, &keys[*k], "appoint", (*proxy, *proposal), 0)
            }
            Op::Revoke(k) => self.send::<(), G>(true, &keys[*k], "revoke", (), 0),
            Op::VoteFor(k, id, choice, share) => {
                self.send::<(), G>(true, &keys[*k], "vote_for", (*id, *choice, *share), 0)
            }
            Op::Advance(_) => Ok(String::new()),
        }
    }

    /// Where governance's view of voters and the register disagree, if
    /// anywhere: for each of `keys`, what governance's `voter` answers (its
    /// roster's entry, or the register's for a founder not on it yet) must
    /// be the held share by the model (found equal to the register) as a
    /// vote sees it, and nothing for a key that holds none.
    pub fn roster_disagreement(&mut self, model: &Model, keys: &[AccountId]) -> Option<String> {
        for key in keys {
            let roster: Option<Voter> = self.read(true, "voter", (*key,));
            let register = model.share_of(key).map(|share| Voter::of(&share));
            if roster != register {
                return Some(format!(
                    "the roster holds {roster:?} for {key:?}, the register {register:?}"
                ));
            }
        }
        None
    }

    /// What differs between the contracts and the model, if anything:
    /// members, counts, treasury, rules, and the proposals `only` names
    /// (every proposal, and every ballot, when it is `None`).
    pub fn disagreement(&mut self, model: &Model, only: Option<&[ProposalId]>) -> Option<String> {
        let ballots = only.is_none();
        let members: Vec<Share> = self.read(false, "shares", (1u32, 256u32));
        if members != model.members() {
            return Some(format!("members: {members:?} != {:?}", model.members()));
        }
        let suspended: u32 = self.read(false, "suspended_count", ());
        if suspended != model.suspended_count() {
            return Some(format!(
                "suspended: {suspended} != {}",
                model.suspended_count()
            ));
        }
        let treasury: Balance = self.read(true, "treasury", ());
        if treasury != model.treasury {
            return Some(format!("treasury: {treasury} != {}", model.treasury));
        }
        let capital: Balance = self.read(true, "capital", ());
        if capital != model.capital_held() {
            return Some(format!("capital: {capital} != {}", model.capital_held()));
        }
        if ballots {
            for share in 1..model.next_share {
                let paid: Balance = self.read(true, "capital_of", (share,));
                if paid != model.capital.get(&share).copied().unwrap_or(0) {
                    return Some(format!("share {share}'s capital: {paid}"));
                }
                let appointed: Option<Appointment> = self.read(true, "appointment_of", (share,));
                let want = model
                    .appointments
                    .get(&share)
                    .map(|&(proxy, proposal)| Appointment { proxy, proposal });
                if appointed != want {
                    return Some(format!("share {share}'s appointment: {appointed:?}"));
                }
                let held: u32 = self.read(true, "appointments_held", (share,));
                if held != model.appointments_held(share) {
                    return Some(format!("share {share} holds {held} appointments"));
                }
            }
        }
        let rules: Rules = self.read(true, "rules", ());
        if rules != model.rules {
            return Some(format!("rules: {rules:?} != {:?}", model.rules));
        }
        let next: ProposalId = self.read(true, "next_proposal_id", ());
        if next != model.next_id() {
            return Some(format!("next proposal: {next} != {}", model.next_id()));
        }
        for (id, p) in &model.proposals {
            if only.is_some_and(|ids| !ids.contains(id)) {
                continue;
            }
            let on_chain: Option<coop_shared::governance::Proposal> =
                self.read(true, "proposal", (*id,));
            let Some(on_chain) = on_chain else {
                return Some(format!("proposal {id} missing"));
            };
            if on_chain.state != p.state {
                return Some(format!(
                    "proposal {id}: {:?} != {:?}",
                    on_chain.state, p.state
                ));
            }
            let content = on_chain.content.map(|c| (c.title, c.text, c.action));
            if content != p.content {
                return Some(format!("proposal {id}'s content differs"));
            }
            if ballots {
                for share in 1..model.next_share {
                    let vote: Option<Choice> = self.read(true, "vote_of", (*id, share));
                    if vote != model.votes.get(&(*id, share)).copied() {
                        return Some(format!("ballot {id}/{share}: {vote:?}"));
                    }
                    let by: Option<ShareId> = self.read(true, "cast_by", (*id, share));
                    if by != model.proxied.get(&(*id, share)).copied() {
                        return Some(format!("ballot {id}/{share} cast by proxy {by:?}"));
                    }
                }
            }
        }
        None
    }
}

/// A history that failed: the operations that make it fail, shrunk, and
/// what went wrong.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The history's seed (0 for a replayed list).
    pub seed: u64,
    /// How many operations the history ran before it failed.
    pub ran: usize,
    /// The fewest operations found that still fail, the failing one last.
    pub ops: Vec<Op>,
    /// What differed, on the shrunk history.
    pub what: String,
}

impl Failure {
    /// The failure for a person: what differed, and the shrunk history as
    /// a test to paste into `tests/sandbox/tests/regressions.rs`.
    pub fn report(&self) -> String {
        let keys = keys();
        let ops: Vec<String> = self
            .ops
            .iter()
            .map(|op| format!("        {},", rust(op, &keys)))
            .collect();
        let which = if self.seed == 0 {
            "the replayed history".to_string()
        } else {
            format!("history {}", self.seed)
        };
        format!(
            "{which} failed after {} operations; shrunk to {}: {}\n\
             Keep it: paste this into tests/sandbox/tests/regressions.rs\n\n\
             #[test]\n\
             fn history_{}() {{\n    \
                 let k = keys();\n    \
                 replays(&[\n{}\n    ]);\n\
             }}\n",
            self.ran,
            self.ops.len(),
            self.what,
            self.seed,
            ops.join("\n")
        )
    }
}

/// An account as Rust: `k[i]` for a history key.
fn account_rust(a: &AccountId, keys: &[AccountId]) -> String {
    keys.iter().position(|k| k == a).map_or_else(
        || format!("AccountId::from({:?})", AsRef::<[u8; 32]>::as_ref(a)),
        |i| format!("k[{i}]"),
    )
}

/// An operation as the Rust expression that makes it, keys as `k[i]`.
pub fn rust(op: &Op, keys: &[AccountId]) -> String {
    let action = |a: &Action| match a {
        Action::Admit(accounts) => {
            let list: Vec<String> = accounts.iter().map(|a| account_rust(a, keys)).collect();
            format!("Action::Admit(vec![{}])", list.join(", "))
        }
        Action::Expel(share) => format!("Action::Expel({share})"),
        Action::RotateKey { share, new } => format!(
            "Action::RotateKey {{ share: {share}, new: {} }}",
            account_rust(new, keys)
        ),
        Action::Suspend(shares) => format!("Action::Suspend(vec!{shares:?})"),
        Action::Resolution => "Action::Resolution".to_string(),
        Action::Payment { to, amount } => format!(
            "Action::Payment {{ to: {}, amount: {amount} }}",
            account_rust(to, keys)
        ),
        // Rules' debug form is its struct literal.
        Action::ChangeRules(rules) => format!("Action::ChangeRules({rules:?})"),
    };
    match op {
        Op::Propose(k, a) => format!("Op::Propose({k}, {})", action(a)),
        Op::Vote(k, id, choice) => format!("Op::Vote({k}, {id}, Choice::{choice:?})"),
        Op::VoteFor(k, id, choice, share) => {
            format!("Op::VoteFor({k}, {id}, Choice::{choice:?}, {share})")
        }
        Op::Prune(k, ids) => format!("Op::Prune({k}, vec!{ids:?})"),
        other => format!("Op::{other:?}"),
    }
}

/// Figures of a run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    /// Histories run.
    pub histories: usize,
    /// Operations sent.
    pub operations: usize,
    /// Of them, refused as the model predicted.
    pub refused: usize,
    /// Votes whose event was recounted.
    pub vote_events: usize,
    /// Operations made while the rules set a member share price.
    pub priced: usize,
}

impl Counts {
    /// Adds another run's figures to these.
    pub fn add(&mut self, other: &Counts) {
        self.histories += other.histories;
        self.operations += other.operations;
        self.refused += other.refused;
        self.vote_events += other.vote_events;
        self.priced += other.priced;
    }
}

/// The keys of a history: six fixed accounts.
pub fn keys() -> Vec<AccountId> {
    (1..=u8::try_from(KEYS).unwrap_or(6))
        .map(|i| AccountId::from([i; 32]))
        .collect()
}

/// Whether `op`, when it succeeds, may change who holds a share or
/// whether it may vote (an execution may expel, suspend or rotate a key).
fn changes_holders(op: &Op) -> bool {
    matches!(
        op,
        Op::Execute(_)
            | Op::Accept(..)
            | Op::Resign(_)
            | Op::MoveShare(..)
            | Op::Reactivate(_)
            | Op::Release(_)
    )
}

/// The proposal an operation names, or 0.
fn op_id(op: &Op) -> ProposalId {
    match op {
        Op::Vote(_, id, _)
        | Op::VoteFor(_, id, _, _)
        | Op::Withdraw(_, id)
        | Op::Execute(id)
        | Op::Accept(_, id, _) => *id,
        Op::Prune(_, ids) => ids.first().copied().unwrap_or(0),
        _ => 0,
    }
}

/// A coop founded once, reset to its founding state for each history
/// (uploading and instantiating the contracts is most of a short
/// history's cost).
pub struct Runner {
    chain: Deployed,
    fresh: Snapshot,
    founded_at: u32,
    keys: Vec<AccountId>,
}

impl Runner {
    /// Founds the coop every history starts from.
    pub fn new(code: &Code) -> Runner {
        let keys = keys();
        let rules = coop_model::history::rules();
        let (mut chain, founded_at) = Deployed::found(code, &keys, &keys[..4], rules, FUNDS);
        let fresh = chain.sandbox.take_snapshot();
        Runner {
            chain,
            fresh,
            founded_at,
            keys,
        }
    }
}

/// The treasury a history's coop is founded with.
const FUNDS: Balance = 10 * UNIT;

/// Where a history's operations come from.
enum Source<'a> {
    /// Drawn one at a time from the state so far.
    Dice(Dice, usize),
    /// A list given in advance (a replay, or a shrinking candidate).
    List(&'a [Op]),
}

/// The ballots as the vote events tell them: (proposal, share) to the
/// latest choice.
type EventBallots = BTreeMap<(ProposalId, ShareId), Choice>;

/// Recounts a proposal's tally from the vote events alone.
fn recount(ballots: &EventBallots, id: ProposalId) -> Tally {
    let mut tally = Tally::default();
    for choice in ballots.range((id, 0)..=(id, ShareId::MAX)).map(|(_, c)| c) {
        match choice {
            Choice::Yes => tally.yes += 1,
            Choice::No => tally.no += 1,
            Choice::Abstain => tally.abstain += 1,
        }
    }
    tally
}

/// Takes the step's events into `ballots`, checking each vote event's
/// replaced choice and tally against the events before it.
fn take_votes(
    chain: &mut Deployed,
    ballots: &mut EventBallots,
    counts: &mut Counts,
) -> Result<(), String> {
    let topic = sp_crypto_hashing::blake2_256(VoteCast::SIGNATURE.as_bytes());
    for (topics, data) in chain.take_events() {
        if topics.first() != Some(&topic) {
            continue;
        }
        let vote = VoteCast::decode(&mut &data[..]).map_err(|e| format!("a VoteCast: {e}"))?;
        let previous = ballots.insert((vote.id, vote.share), vote.choice);
        if previous != vote.previous {
            return Err(format!(
                "proposal {}: share {}'s vote event replaces {:?}, the events before it say {previous:?}",
                vote.id, vote.share, vote.previous
            ));
        }
        let recounted = recount(ballots, vote.id);
        if recounted != vote.tally {
            return Err(format!(
                "proposal {}: a vote event's tally {:?}, its events recount {recounted:?}",
                vote.id, vote.tally
            ));
        }
        counts.vote_events += 1;
    }
    Ok(())
}

/// Runs a history from the founding state, checking every answer, the
/// state after every operation and the vote events against the model.
///
/// # Errors
/// The operations up to the first disagreement, and the disagreement.
fn run(
    runner: &mut Runner,
    mut source: Source<'_>,
    counts: &mut Counts,
) -> Result<(), (Vec<Op>, String)> {
    runner.chain.sandbox.restore_snapshot(runner.fresh.clone());
    let _ = runner.chain.take_events();
    let keys = runner.keys.clone();
    let chain = &mut runner.chain;
    let mut model = Model::found(
        &keys[..4],
        coop_model::history::rules(),
        Floors::lowest(),
        FUNDS,
        runner.founded_at,
    )
    .map_err(|e| (vec![], format!("the model refused the founding: {e:?}")))?;
    let mut ballots = EventBallots::new();
    let mut ops = Vec::new();
    let mut next = 0;
    loop {
        let op = match &mut source {
            Source::Dice(dice, length) if next < *length => generate(dice, &keys, &model),
            Source::List(list) if next < list.len() => list[next].clone(),
            _ => break,
        };
        next += 1;
        ops.push(op.clone());
        counts.operations += 1;
        if model.rules.share_price > 0 {
            counts.priced += 1;
        }
        if let Op::Advance(n) = op {
            chain.advance(n);
            continue;
        }
        let now = chain.now();
        let (after, want) = predict(&model, &op, &keys, now);
        let before = want.is_err().then(|| chain.state_root());
        let got = chain.apply(&op, &keys);
        if got != want {
            let what = format!("the contracts answered {got:?}, the model {want:?}");
            return Err((ops, what));
        }
        if let Some(before) = before {
            // The same state root is the same state, already found equal
            // to the model's, which a refusal leaves as it was.
            counts.refused += 1;
            if chain.state_root() != before {
                return Err((ops, format!("refused ({got:?}), yet the state changed")));
            }
        } else {
            model = after;
            take_votes(chain, &mut ballots, counts).map_err(|what| (ops.clone(), what))?;
            // The proposal the operation named, and the newest.
            let touched = [op_id(&op), model.next_id().saturating_sub(1)];
            if let Some(what) = chain.disagreement(&model, Some(&touched)) {
                return Err((ops, what));
            }
            if changes_holders(&op) {
                if let Some(what) = chain.roster_disagreement(&model, &keys) {
                    return Err((ops, what));
                }
            }
        }
        chain.advance(1);
    }
    if let Some(what) = chain.disagreement(&model, None) {
        return Err((ops, what));
    }
    if let Some(what) = chain.roster_disagreement(&model, &keys) {
        return Err((ops, what));
    }
    for id in model.proposals.keys() {
        let on_chain: Option<Proposal> = chain.read(true, "proposal", (*id,));
        let tally = on_chain.map(|p| p.state.tally).unwrap_or_default();
        if tally != recount(&ballots, *id) {
            let what = format!(
                "proposal {id}: the contract's tally {tally:?}, its vote events recount {:?}",
                recount(&ballots, *id)
            );
            return Err((ops, what));
        }
    }
    counts.histories += 1;
    Ok(())
}

/// Runs one random history of `length` operations from `seed`, checking
/// every answer, the state after every operation and the vote events
/// against the model.
///
/// # Errors
/// The first disagreement, with the fewest operations found that still
/// show one.
pub fn history(
    runner: &mut Runner,
    seed: u64,
    length: usize,
    counts: &mut Counts,
) -> Result<(), Failure> {
    let dice = Dice(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let Err((ops, what)) = run(runner, Source::Dice(dice, length), counts) else {
        return Ok(());
    };
    let ran = ops.len();
    let (ops, what) = shrink(runner, ops, what);
    Err(Failure {
        seed,
        ran,
        ops,
        what,
    })
}

/// Replays a list of operations from the founding state with every check
/// of a random history.
///
/// # Errors
/// The first disagreement, shrunk.
pub fn replay(runner: &mut Runner, ops: &[Op]) -> Result<(), Failure> {
    let mut counts = Counts::default();
    let Err((failed, what)) = run(runner, Source::List(ops), &mut counts) else {
        return Ok(());
    };
    let ran = failed.len();
    let (ops, what) = shrink(runner, failed, what);
    Err(Failure {
        seed: 0,
        ran,
        ops,
        what,
    })
}

/// Replays `ops` against freshly built contracts, for a regression test.
///
/// # Panics
/// On any disagreement, with the shrunk history.
pub fn replays(ops: &[Op]) {
    let mut runner = Runner::new(&Code::built());
    if let Err(failure) = replay(&mut runner, ops) {
        panic!("{}", failure.report());
    }
}

/// The fewest operations found that still fail: removes runs of
/// operations, halving the run's length down to one (delta debugging),
/// then shortens waits and prune lists, keeping each change that still
/// fails. Any disagreement counts as still failing.
fn shrink(runner: &mut Runner, mut ops: Vec<Op>, mut what: String) -> (Vec<Op>, String) {
    let mut counts = Counts::default();
    let mut still_fails = |runner: &mut Runner, candidate: &[Op]| {
        run(runner, Source::List(candidate), &mut counts).err()
    };
    let mut chunk = ops.len().div_ceil(2).max(1);
    loop {
        let mut start = 0;
        while start < ops.len() {
            let end = (start + chunk).min(ops.len());
            let mut candidate = ops[..start].to_vec();
            candidate.extend_from_slice(&ops[end..]);
            match still_fails(runner, &candidate) {
                // What ran up to the failure is the whole of what matters.
                Some((failed, why)) => (ops, what) = (failed, why),
                None => start = end,
            }
        }
        if chunk == 1 {
            break;
        }
        chunk = chunk.div_ceil(2);
    }
    for i in 0..ops.len() {
        let simpler = match &ops[i] {
            Op::Advance(n) if *n > 1 => Op::Advance(n / 2),
            Op::Prune(k, ids) if ids.len() > 1 => Op::Prune(*k, ids[..1].to_vec()),
            _ => continue,
        };
        let mut candidate = ops.clone();
        candidate[i] = simpler;
        if let Some((failed, why)) = still_fails(runner, &candidate) {
            if failed.len() == ops.len() {
                (ops, what) = (failed, why);
            }
        }
    }
    (ops, what)
}
