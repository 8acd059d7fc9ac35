//! coop's built contracts in an in-process pallet-contracts runtime (ink!
//! 5.1.1's sandbox): the real Wasm, the real pallet, no node. Fast enough
//! to run random histories by the thousand against the reference model.

use coop_model::history::{generate, predict, Dice, Op, UNIT};
use coop_model::Coop as Model;
use coop_shared::governance::{Choice, Floors, ProposalId, Rules};
use coop_shared::membership::{Share, ShareId};
use coop_shared::{AccountId, Balance};
use ink_sandbox::api::prelude::{BalanceAPI, ContractAPI, SystemAPI};
use ink_sandbox::pallet_contracts::Determinism;
use ink_sandbox::{AccountId32, DefaultSandbox, Sandbox as _, Snapshot};
use parity_scale_codec::{Decode, Encode};
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
        (exec.did_revert(), exec.data)
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
        use coop_shared::membership::Error as R;
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
            Op::Accept(k, id) => self.send::<ShareId, G>(true, &keys[*k], "accept", (*id,), 0),
            Op::Prune(k, ids) => self.send::<u32, G>(true, &keys[*k], "prune", (ids.clone(),), 0),
            Op::Deposit(k, amount) => self.send::<(), G>(true, &keys[*k], "deposit", (), *amount),
            Op::Resign(k) => self.send::<ShareId, R>(false, &keys[*k], "resign", (), 0),
            Op::MoveShare(k, to) => {
                self.send::<ShareId, R>(false, &keys[*k], "move_share", (keys[*to],), 0)
            }
            Op::Reactivate(k) => self.send::<ShareId, R>(false, &keys[*k], "reactivate", (), 0),
            Op::Release(k) => self.send::<ShareId, R>(false, &keys[*k], "release", (), 0),
            Op::Advance(_) => Ok(String::new()),
        }
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
                }
            }
        }
        None
    }
}

/// A history that failed: its seed, the operations up to the failure and
/// what went wrong.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The history's seed.
    pub seed: u64,
    /// Every operation sent, the failing one last.
    pub ops: Vec<Op>,
    /// What differed.
    pub what: String,
}

impl Failure {
    /// The history for a person: its seed, length and every operation.
    pub fn report(&self) -> String {
        let ops: Vec<String> = self
            .ops
            .iter()
            .enumerate()
            .map(|(i, op)| format!("  {i:>3}. {op:?}"))
            .collect();
        format!(
            "history {} failed at operation {}: {}\n{}\nKeep it: add the line `{} {}` to tests/sandbox/regressions.txt",
            self.seed,
            self.ops.len(),
            self.what,
            ops.join("\n"),
            self.seed,
            self.ops.len()
        )
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
}

/// The keys of a history: six fixed accounts.
pub fn keys() -> Vec<AccountId> {
    (1..=u8::try_from(KEYS).unwrap_or(6))
        .map(|i| AccountId::from([i; 32]))
        .collect()
}

/// The proposal an operation names, or 0.
fn op_id(op: &Op) -> ProposalId {
    match op {
        Op::Vote(_, id, _) | Op::Withdraw(_, id) | Op::Execute(id) | Op::Accept(_, id) => *id,
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

/// Runs one random history of `length` operations from `seed`, checking
/// every answer and the state after every operation against the model.
///
/// # Errors
/// The first disagreement, with the history that led to it.
pub fn history(
    runner: &mut Runner,
    seed: u64,
    length: usize,
    counts: &mut Counts,
) -> Result<(), Failure> {
    runner.chain.sandbox.restore_snapshot(runner.fresh.clone());
    let keys = runner.keys.clone();
    let rules = coop_model::history::rules();
    let chain = &mut runner.chain;
    let mut model = Model::found(
        &keys[..4],
        rules,
        Floors::lowest(),
        FUNDS,
        runner.founded_at,
    )
    .map_err(|e| Failure {
        seed,
        ops: vec![],
        what: format!("the model refused the founding: {e:?}"),
    })?;
    let mut dice = Dice(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut ops = Vec::new();
    for _ in 0..length {
        let op = generate(&mut dice, &keys, &model);
        ops.push(op.clone());
        counts.operations += 1;
        if let Op::Advance(n) = op {
            chain.advance(n);
            continue;
        }
        let now = chain.now();
        let (next, want) = predict(&model, &op, &keys, now);
        let got = chain.apply(&op, &keys);
        if got != want {
            return Err(Failure {
                seed,
                ops,
                what: format!("the contracts answered {got:?}, the model {want:?}"),
            });
        }
        if got.is_ok() {
            model = next;
        } else {
            counts.refused += 1;
        }
        // The proposal the operation named, and the newest.
        let touched = [op_id(&op), model.next_id().saturating_sub(1)];
        if let Some(what) = chain.disagreement(&model, Some(&touched)) {
            return Err(Failure { seed, ops, what });
        }
        chain.advance(1);
    }
    if let Some(what) = chain.disagreement(&model, None) {
        return Err(Failure { seed, ops, what });
    }
    counts.histories += 1;
    Ok(())
}
