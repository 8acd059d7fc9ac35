//! The bench's hands on the chain: deploy a coop, propose, vote, execute,
//! read, and turn each dry run into a [`Cost`].
//!
//! It uses the client's chain and contract layers only (not its coop API),
//! so the figures are those of the contracts' messages as any client sends
//! them: the dry run that sets a transaction's limits is the measurement.

use anyhow::{bail, Context, Result};
use coop_client::chain::{Chain, Included, Signer};
use coop_client::contracts::{
    Code, Contracts, Costs, DryRun, Governance, Handle, Pallet, Register, Salt, StorageDeposit,
};
use coop_shared::governance::{
    self, messages as gov, Action, Choice, Proposal, ProposalId, Rules, Status,
};
use coop_shared::membership::messages as reg;
use coop_shared::{AccountId, Balance, Message};
use parity_scale_codec::{Decode, Encode};
use serde::Serialize;
use std::path::Path;

/// A contract whose code a call loads. On pallet-contracts every call loads
/// its contract's whole Wasm into the proof, so this is part of its cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Contract {
    /// The coop's governance contract.
    Governance,
    /// The share register.
    Membership,
    /// The yardstick: the least a vote can cost.
    PeerVote,
    /// The floor: the least a governed vote can cost.
    FloorVote,
    /// The rules floor: the least a vote under coop's rules can cost.
    RulesVote,
}

impl Contract {
    /// The artifact's file stem, as `scripts/build-contracts.sh` leaves it.
    pub fn artifact(self) -> &'static str {
        match self {
            Contract::Governance => "governance",
            Contract::Membership => "membership",
            Contract::PeerVote => "peer_vote",
            Contract::FloorVote => "floor_vote",
            Contract::RulesVote => "rules_vote",
        }
    }

    /// A short name for tables.
    pub fn short(self) -> &'static str {
        match self {
            Contract::Governance => "gov",
            Contract::Membership => "mem",
            Contract::PeerVote => "peer",
            Contract::FloorVote => "floor",
            Contract::RulesVote => "rules",
        }
    }
}

/// Calls of governance that reach the register load both codes.
pub const GOV_AND_REGISTER: &[Contract] = &[Contract::Governance, Contract::Membership];
/// Calls that stay in governance.
pub const GOV_ONLY: &[Contract] = &[Contract::Governance];
/// Calls of the register alone.
pub const REGISTER_ONLY: &[Contract] = &[Contract::Membership];

/// The release code of each contract, exactly as uploaded: Wasm for
/// pallet-contracts, PolkaVM for pallet-revive.
#[derive(Debug, Clone)]
pub struct Codes {
    governance: Vec<u8>,
    membership: Vec<u8>,
    peer_vote: Vec<u8>,
    floor_vote: Vec<u8>,
    rules_vote: Vec<u8>,
}

impl Codes {
    /// Reads the five contracts built for `pallet` from the build step's
    /// artifact folder (`revive/` in it for pallet-revive).
    pub fn load(dir: &Path, pallet: Pallet) -> Result<Codes> {
        let (dir, ext) = match pallet {
            Pallet::Contracts => (dir.to_path_buf(), "wasm"),
            Pallet::Revive => (dir.join("revive"), "polkavm"),
        };
        let read = |c: Contract| {
            let path = dir.join(format!("{}.{ext}", c.artifact()));
            std::fs::read(&path).with_context(|| {
                format!(
                    "{} is missing: run scripts/build-contracts.sh --backend all first",
                    path.display()
                )
            })
        };
        Ok(Codes {
            governance: read(Contract::Governance)?,
            membership: read(Contract::Membership)?,
            peer_vote: read(Contract::PeerVote)?,
            floor_vote: read(Contract::FloorVote)?,
            rules_vote: read(Contract::RulesVote)?,
        })
    }

    /// The code of `contract`.
    pub fn code(&self, contract: Contract) -> &[u8] {
        match contract {
            Contract::Governance => &self.governance,
            Contract::Membership => &self.membership,
            Contract::PeerVote => &self.peer_vote,
            Contract::FloorVote => &self.floor_vote,
            Contract::RulesVote => &self.rules_vote,
        }
    }

    /// Its size in bytes.
    pub fn size(&self, contract: Contract) -> u64 {
        u64::try_from(self.code(contract).len()).unwrap_or(u64::MAX)
    }
}

/// A weight in pallet-contracts' two dimensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Gas {
    /// Computation, in picoseconds.
    pub ref_time: u64,
    /// Proof size, in bytes.
    pub proof_size: u64,
}

impl From<coop_client::contracts::Weight> for Gas {
    fn from(w: coop_client::contracts::Weight) -> Gas {
        Gas {
            ref_time: w.ref_time,
            proof_size: w.proof_size,
        }
    }
}

/// What one call costs, as the node's dry run reports it.
#[derive(Debug, Clone, Serialize)]
pub struct Cost {
    /// `gas_consumed`: the weight the call used.
    pub consumed: Gas,
    /// `gas_required`: the limit it needs to succeed (a transaction's gas
    /// limit is set from this).
    pub required: Gas,
    /// Storage deposit: positive when charged, negative when refunded.
    pub storage_deposit: i128,
    /// The contracts whose code the call loads.
    pub code: Vec<Contract>,
    /// Their Wasm, in bytes: the part of the proof that is code.
    pub code_bytes: u64,
    /// The fee the transaction paid, when the call was also sent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fee: Option<Balance>,
}

fn signed(deposit: StorageDeposit) -> i128 {
    match deposit {
        StorageDeposit::Charge(a) => i128::try_from(a).unwrap_or(i128::MAX),
        StorageDeposit::Refund(a) => i128::try_from(a).map_or(i128::MIN, |a| -a),
    }
}

/// The founders' and voters' keys: the dev chain's endowed accounts.
pub const DEV_KEYS: [&str; 6] = [
    "//Alice",
    "//Bob",
    "//Charlie",
    "//Dave",
    "//Eve",
    "//Ferdie",
];

/// An account no one holds a key to, distinct for each `(tag, n)`: for
/// founders and offers that never act.
pub fn generated(tag: &str, n: u32) -> AccountId {
    AccountId::from(sp_crypto_hashing::blake2_256(
        format!("coop-bench/{tag}/{n}").as_bytes(),
    ))
}

/// A key the bench signs with, distinct for each `(tag, n)`: for newcomers
/// who accept their offers and members who act later.
///
/// # Errors
/// Never for these URIs; the key derivation's otherwise.
pub fn newcomer(tag: &str, n: u32) -> Result<Signer> {
    Ok(Signer::from_uri(&format!("//coop-bench/{tag}/{n}"))?)
}

/// What the bench gives a newcomer to pay for accepting (its share's
/// storage deposit and fees): 5 units of a 12-decimal token.
pub const NEWCOMER_FUNDS: Balance = 5_000_000_000_000;

/// The rules of every bench coop: one yes from a member passes an ordinary
/// or special decision (quorum 0), votes close two blocks after a proposal
/// (a proposal lands in block B, its vote in B+1, execution from B+2), and
/// a member may keep up to 32 proposals open; a share silent for three blocks
/// may be suspended.
pub fn bench_rules(vote_change: bool) -> Rules {
    Rules {
        voting_period: 2,
        // At least the longest voting period the bench uses (3 blocks).
        dormancy_period: 3,
        quorum: governance::Fraction { num: 0, den: 1 },
        vote_change,
        execution_window: 1_000,
        max_open_per_member: 32,
        ..Rules::default()
    }
}

/// A deployed coop.
#[derive(Debug, Clone)]
pub struct Coop {
    /// The governance contract.
    pub governance: Governance,
    /// Its share register.
    pub register: Register,
}

/// The three costs of a proposal carried through to execution.
#[derive(Debug, Clone)]
pub struct Passed {
    /// Its number.
    pub id: ProposalId,
    /// `propose`.
    pub propose: Cost,
    /// The proposer's `vote` yes.
    pub vote: Cost,
    /// The vote transaction, for its dispatch weight.
    pub vote_included: Included,
    /// `execute`.
    pub execute: Cost,
}

/// A connection to the node with the coop's code uploaded.
#[derive(Clone)]
pub struct Bench {
    /// The contract layer.
    pub contracts: Contracts,
    /// The Wasm of each contract.
    pub codes: Codes,
    /// The dev accounts, Alice first.
    pub dev: Vec<Signer>,
    membership_code: [u8; 32],
    governance_code: [u8; 32],
}

impl Bench {
    /// Uploads the register's and governance's code (both once, as a real
    /// deployment would) and returns the bench with the storage deposit
    /// each upload held.
    pub async fn new(chain: Chain, codes: Codes) -> Result<(Bench, Vec<(Contract, Balance)>)> {
        let contracts = Contracts::new(chain);
        let dev = DEV_KEYS
            .iter()
            .map(|k| Signer::from_uri(k))
            .collect::<coop_client::Result<Vec<_>>>()?;
        let mut deposits = Vec::new();
        let mut hashes = Vec::new();
        for contract in [Contract::Membership, Contract::Governance] {
            let uploaded = contracts
                .upload_code(&dev[0], codes.code(contract))
                .await
                .with_context(|| format!("uploading {}", contract.artifact()))?;
            deposits.push((contract, uploaded.deposit));
            hashes.push(uploaded.code_hash);
        }
        Ok((
            Bench {
                contracts,
                codes,
                dev,
                membership_code: hashes[0],
                governance_code: hashes[1],
            },
            deposits,
        ))
    }

    /// The chain below.
    pub fn chain(&self) -> &Chain {
        self.contracts.chain()
    }

    /// Alice, who deploys and funds.
    pub fn alice(&self) -> &Signer {
        &self.dev[0]
    }

    /// A [`Cost`] from a dry run, for a call that loads `code`.
    pub fn cost_of_run(&self, run: &DryRun, code: &[Contract]) -> Cost {
        Cost {
            consumed: run.gas_consumed.into(),
            required: run.gas_required.into(),
            storage_deposit: signed(run.storage_deposit),
            code: code.to_vec(),
            code_bytes: code.iter().map(|c| self.codes.size(*c)).sum(),
            fee: None,
        }
    }

    /// A [`Cost`] from a transaction's figures (its dry run, and its fee).
    pub fn cost_of(&self, costs: &Costs, code: &[Contract]) -> Cost {
        Cost {
            consumed: costs.gas_consumed.into(),
            required: costs.gas_required.into(),
            storage_deposit: signed(costs.storage_deposit),
            code: code.to_vec(),
            code_bytes: code.iter().map(|c| self.codes.size(*c)).sum(),
            fee: costs.fee,
        }
    }

    /// Founds a coop: governance instantiated from its uploaded code, which
    /// creates the register with `founders`.
    pub async fn deploy(
        &self,
        deployer: &Signer,
        founders: Vec<AccountId>,
        rules: Rules,
    ) -> Result<(Coop, Cost)> {
        let made = self
            .contracts
            .instantiate(
                deployer,
                Code::Existing(self.governance_code),
                gov::NEW,
                (
                    self.membership_code,
                    founders,
                    rules,
                    // The bench's rules are a demo's (two-block votes, no quorum).
                    governance::Floors::lowest(),
                    self.contracts.native_to_eth()?,
                ),
                0,
                Salt::Random,
            )
            .await
            .context("deploying a coop")?;
        let governance = Governance::at(self.contracts.clone(), made.address);
        let register = governance
            .read(gov::MEMBERSHIP, ())
            .await
            .context("reading the coop's register")?;
        let cost = self.cost_of(&made.outcome.costs, GOV_AND_REGISTER);
        Ok((
            Coop {
                governance,
                register: Register::at(self.contracts.clone(), register),
            },
            cost,
        ))
    }

    /// Sends `message` to `to`, signed by `signer`, with `value`.
    pub async fn send<C: coop_shared::Contract, A: Encode, T: Decode>(
        &self,
        to: &Handle<C>,
        signer: &Signer,
        message: Message<C, A, T>,
        args: A,
        value: Balance,
        code: &[Contract],
    ) -> Result<(T, Cost, Included)> {
        let out = to.call_with_value(signer, message, args, value).await?;
        let cost = self.cost_of(&out.costs, code);
        Ok((out.value, cost, out.included))
    }

    /// Dry-runs `message` of `to` from `origin`; it must not revert.
    pub async fn dry_run<C: coop_shared::Contract, A: Encode, T>(
        &self,
        to: &Handle<C>,
        origin: &AccountId,
        message: Message<C, A, T>,
        args: A,
        code: &[Contract],
    ) -> Result<Cost> {
        let run = to.dry_run(origin, message, args, 0).await?;
        if run.reverted {
            bail!("the dry run reverted: 0x{}", hex_bytes(&run.data));
        }
        Ok(self.cost_of_run(&run, code))
    }

    /// `propose(title, text, action)` by `signer`.
    pub async fn propose(
        &self,
        coop: &Coop,
        signer: &Signer,
        title: &str,
        action: Action,
    ) -> Result<(ProposalId, Cost)> {
        // A content hash as the reference to the full text: the usual form.
        let text = "blake2b-256:9f2c4e71d0a85b3e6c1f47a29d8e0b5c73a6f18e42d9c05b7e3a1d6f84c2b90e";
        let (id, cost, _) = self
            .send(
                &coop.governance,
                signer,
                gov::PROPOSE,
                (title.to_string(), text.to_string(), action),
                0,
                GOV_AND_REGISTER,
            )
            .await
            .context("propose")?;
        Ok((id, cost))
    }

    /// `vote(id, choice)` by `signer`.
    pub async fn vote(
        &self,
        coop: &Coop,
        signer: &Signer,
        id: ProposalId,
        choice: Choice,
    ) -> Result<(Cost, Included)> {
        let (_, cost, included) = self
            .send(
                &coop.governance,
                signer,
                gov::VOTE,
                (id, choice),
                0,
                GOV_ONLY,
            )
            .await
            .with_context(|| format!("vote on {id}"))?;
        Ok((cost, included))
    }

    /// `execute(id)` by `signer`, once the deadline is reached (making the
    /// blocks that are missing), requiring it to end `Executed`.
    pub async fn execute(
        &self,
        coop: &Coop,
        signer: &Signer,
        id: ProposalId,
        code: &[Contract],
    ) -> Result<Cost> {
        self.wait_for_deadline(coop, id).await?;
        let (status, cost, _) = self
            .send(&coop.governance, signer, gov::EXECUTE, (id,), 0, code)
            .await
            .with_context(|| format!("execute {id}"))?;
        if status != Status::Executed {
            bail!("proposal {id} ended {status:?}, not Executed");
        }
        Ok(cost)
    }

    /// Proposes `action`, votes yes as the proposer and executes it.
    pub async fn pass(
        &self,
        coop: &Coop,
        signer: &Signer,
        title: &str,
        action: Action,
        execute_code: &[Contract],
    ) -> Result<Passed> {
        let (id, propose) = self.propose(coop, signer, title, action).await?;
        let (vote, vote_included) = self.vote(coop, signer, id, Choice::Yes).await?;
        let execute = self.execute(coop, signer, id, execute_code).await?;
        Ok(Passed {
            id,
            propose,
            vote,
            vote_included,
            execute,
        })
    }

    /// Makes blocks until a dry run of `execute(id)` sees the deadline:
    /// the dev node seals only when a transaction arrives.
    pub async fn wait_for_deadline(&self, coop: &Coop, id: ProposalId) -> Result<()> {
        let proposal: Option<Proposal> = coop.governance.read(gov::PROPOSAL, (id,)).await?;
        let deadline = u64::from(proposal.context("no such proposal")?.state.deadline);
        let best = self.chain().best_block().await?.number;
        if best < deadline {
            let missing = u32::try_from(deadline - best).unwrap_or(u32::MAX);
            self.advance(missing).await?;
        }
        Ok(())
    }

    /// Makes `n` blocks.
    pub async fn advance(&self, n: u32) -> Result<()> {
        self.chain()
            .advance_blocks(self.alice(), n, &|_, _| {})
            .await?;
        Ok(())
    }

    /// The next proposal number of `coop`: proposals made so far, plus one.
    pub async fn next_proposal_id(&self, coop: &Coop) -> Result<ProposalId> {
        Ok(coop.governance.read(gov::NEXT_PROPOSAL_ID, ()).await?)
    }

    /// The number of members of `coop`.
    pub async fn member_count(&self, coop: &Coop) -> Result<u32> {
        Ok(coop.register.read(reg::MEMBER_COUNT, ()).await?)
    }

    /// `resign()` on governance (which takes it to the register), by `signer`.
    /// Funds `who` and has it accept executed admission `id`'s offer;
    /// returns the acceptance's cost.
    pub async fn accept(&self, coop: &Coop, who: &Signer, id: ProposalId) -> Result<Cost> {
        self.chain()
            .transfer(self.alice(), &who.account(), NEWCOMER_FUNDS)
            .await
            .context("funding a newcomer")?;
        let (_, cost, _) = self
            .send(
                &coop.governance,
                who,
                gov::ACCEPT,
                (id,),
                0,
                GOV_AND_REGISTER,
            )
            .await
            .context("accept")?;
        Ok(cost)
    }

    pub async fn resign(&self, coop: &Coop, signer: &Signer) -> Result<Cost> {
        let (_, cost, _) = self
            .send(
                &coop.governance,
                signer,
                gov::RESIGN,
                (),
                0,
                GOV_AND_REGISTER,
            )
            .await
            .context("resign")?;
        Ok(cost)
    }
}

/// Lower-case hex, for messages.
pub fn hex_bytes(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
