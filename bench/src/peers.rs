//! The peers issue #16 measures coop's vote against, deployed and called on
//! the same throwaway node in the same run: on pallet-contracts the
//! ink-examples v5 multisig's `confirm_transaction`; on pallet-revive
//! OpenZeppelin Governor's `castVote` with a non-transferable ERC-721 votes
//! token, compiled both ways the chain takes Solidity (EVM bytecode, and
//! PolkaVM through resolc).
//!
//! Their code is built outside this workspace, by `bench/peers/*/build.sh`
//! (which `scripts/bench.sh` runs), into `$COOP_CACHE/peers`. The bench
//! deploys it through the client's raw calls: coop's client has no
//! descriptors for other people's contracts, and needs none.

use crate::harness::{hex_bytes, Bench, Cost};
use alloy_sol_types::{sol, SolCall as _, SolValue as _};
use anyhow::{bail, ensure, Context, Result};
use coop_client::chain::Signer;
use coop_client::contracts::revive::address_of;
use coop_client::contracts::{Code, DryRun, Salt};
use coop_shared::AccountId;
use parity_scale_codec::Encode;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// One peer's vote, as measured in this run.
#[derive(Debug, Clone, Serialize)]
pub struct PeerVote {
    /// What was measured, e.g. "OpenZeppelin Governor castVote (EVM)".
    pub name: String,
    /// How its code was built (versions, commit).
    pub built: String,
    /// Its vote: the first vote of a member on a proposal, dry-run.
    pub vote: Cost,
    /// The code its vote loads, per contract, in bytes.
    pub code: Vec<(String, u64)>,
}

/// A peer that could not be measured, and why: printed, never silent.
#[derive(Debug, Clone, Serialize)]
pub struct Missing {
    /// The peer.
    pub name: String,
    /// Why it is not in this run, and how to put it in.
    pub why: String,
}

/// The folder the peers' build scripts write to: `$COOP_CACHE/peers`
/// (default `~/.cache/coop/peers`).
pub fn peers_dir() -> PathBuf {
    coop_tests::cache_dir().join("peers")
}

fn read(path: &Path, build: &str) -> Result<Vec<u8>> {
    std::fs::read(path).with_context(|| format!("{} is missing: run {build}", path.display()))
}

fn len(bytes: &[u8]) -> u64 {
    u64::try_from(bytes.len()).unwrap_or(u64::MAX)
}

/// A peer's cost from its dry run, whose call loads `code_bytes` of code;
/// it must not have reverted.
fn cost(bench: &Bench, run: &DryRun, code_bytes: u64, what: &str) -> Result<Cost> {
    if run.reverted {
        bail!("{what} reverted: 0x{}", hex_bytes(&run.data));
    }
    Ok(Cost {
        code_bytes,
        ..bench.cost_of_run(run, &[])
    })
}

/// Sends `data` to `contract` from `signer` with the limits its dry run
/// asks for; returns the dry run (what the call returned, what it cost).
async fn send(bench: &Bench, signer: &Signer, contract: &AccountId, data: &[u8]) -> Result<DryRun> {
    let run = bench
        .contracts
        .dry_run_call(&signer.account(), contract, 0, data)
        .await?;
    if run.reverted {
        bail!("the dry run reverted: 0x{}", hex_bytes(&run.data));
    }
    // A dry run executes at the best block's number, the transaction in the
    // next block, and OpenZeppelin's vote checkpoints cost more in a new
    // block (a new checkpoint) than in the same one (updated in place): a
    // mint dry-run just after another needs more than the client's usual
    // margin. These are set-up calls, not measured ones: twice the weight.
    let limits = run.limits();
    bench
        .contracts
        .call_with_limit(
            signer,
            contract,
            data,
            run.gas_required.with_margin(100),
            limits.storage_deposit.saturating_mul(2),
        )
        .await?;
    Ok(run)
}

const MULTISIG_BUILD: &str = "bench/peers/multisig/build.sh";

/// The pallet-contracts peer, as the report names it.
pub const MULTISIG: &str = "multisig confirm_transaction (ink-examples v5)";

/// An ink! message's or constructor's selector, from the contract's
/// metadata (`spec.messages` / `spec.constructors`).
fn ink_selector(metadata: &serde_json::Value, kind: &str, label: &str) -> Result<Vec<u8>> {
    let hex = metadata["spec"][kind]
        .as_array()
        .and_then(|all| all.iter().find(|m| m["label"] == label))
        .and_then(|m| m["selector"].as_str())
        .with_context(|| format!("the multisig's metadata has no {label} in spec.{kind}"))?;
    hex::decode(hex.trim_start_matches("0x")).context("a selector that is not hex")
}

/// The multisig's `Transaction`, as its `submit_transaction` takes it.
#[derive(Encode)]
struct Transaction {
    callee: AccountId,
    selector: [u8; 4],
    input: Vec<u8>,
    transferred_value: u128,
    ref_time_limit: u64,
    allow_reentry: bool,
}

/// The ink-examples v5 multisig on pallet-contracts: three owners (Alice,
/// Bob, Charlie), two confirmations required. Alice submits a transaction
/// (which confirms it as hers); Bob's `confirm_transaction` is measured:
/// one owner's first approval of a pending decision, as coop's vote is one
/// member's first vote on a proposal.
pub async fn multisig(bench: &Bench) -> Result<PeerVote> {
    let dir = peers_dir().join("multisig");
    let wasm = read(&dir.join("multisig.wasm"), MULTISIG_BUILD)?;
    let metadata: serde_json::Value =
        serde_json::from_slice(&read(&dir.join("multisig.json"), MULTISIG_BUILD)?)
            .context("reading the multisig's metadata")?;
    let commit = std::fs::read_to_string(dir.join(".commit")).unwrap_or_default();
    let (alice, bob, charlie) = (&bench.dev[0], &bench.dev[1], &bench.dev[2]);
    let owners = vec![alice.account(), bob.account(), charlie.account()];
    let mut data = ink_selector(&metadata, "constructors", "new")?;
    (2u32, owners).encode_to(&mut data);
    let made = bench
        .contracts
        .instantiate_raw(alice, Code::Upload(&wasm), &data, 0, Salt::Random)
        .await
        .context("deploying the multisig")?;
    // What is submitted does not matter to a confirmation; a change of the
    // requirement is the example's own.
    let submitted = Transaction {
        callee: made.address,
        selector: ink_selector(&metadata, "messages", "change_requirement")?
            .try_into()
            .map_err(|_| anyhow::anyhow!("a selector that is not 4 bytes"))?,
        input: 3u32.encode(),
        transferred_value: 0,
        ref_time_limit: 0,
        allow_reentry: false,
    };
    let mut data = ink_selector(&metadata, "messages", "submit_transaction")?;
    submitted.encode_to(&mut data);
    send(bench, alice, &made.address, &data)
        .await
        .context("submitting a multisig transaction")?;
    let mut data = ink_selector(&metadata, "messages", "confirm_transaction")?;
    0u32.encode_to(&mut data);
    let run = bench
        .contracts
        .dry_run_call(&bob.account(), &made.address, 0, &data)
        .await?;
    Ok(PeerVote {
        name: MULTISIG.into(),
        built: format!(
            "ink-examples {} by cargo-contract {} on Rust {}",
            commit.trim(),
            crate::pinned("CARGO_CONTRACT_VERSION"),
            crate::pinned("CONTRACTS_TOOLCHAIN")
        ),
        vote: cost(
            bench,
            &run,
            len(&wasm),
            "the multisig's confirm_transaction",
        )?,
        code: vec![("multisig".into(), len(&wasm))],
    })
}

sol! {
    /// MemberShare's constructor arguments.
    struct TokenArgs { address minter; }
    /// CoopGovernor's constructor arguments.
    struct GovernorArgs { address token; }
    /// MemberShare: one non-transferable share per member.
    function mint(address to) returns (uint256);
    /// Governor: a proposal, any member (threshold 0).
    function propose(address[] targets, uint256[] values, bytes[] calldatas, string description) returns (uint256);
    /// Governor: a vote (0 against, 1 for, 2 abstain); returns its weight.
    function castVote(uint256 proposalId, uint8 support) returns (uint256);
    /// MemberShare: the next share number; the proposal's no-op action.
    function nextId() returns (uint256);
}

const GOVERNOR_BUILD: &str = "bench/peers/governor/build.sh";

/// How pallet-revive takes the Solidity peer.
#[derive(Debug, Clone, Copy)]
pub enum Flavour {
    /// EVM bytecode from solc, run by the pallet's EVM interpreter.
    Evm,
    /// PolkaVM from resolc.
    PolkaVm,
}

impl Flavour {
    /// How the report names the peer built this way.
    pub fn peer(self) -> &'static str {
        match self {
            Flavour::Evm => "OpenZeppelin Governor castVote (EVM bytecode, solc)",
            Flavour::PolkaVm => "OpenZeppelin Governor castVote (PolkaVM, resolc)",
        }
    }
}

/// The Solidity peer's two contracts, built one way.
struct Solidity {
    token: Vec<u8>,
    governor: Vec<u8>,
    /// The code a call loads, per contract: EVM runtime code or PolkaVM.
    sizes: [(String, u64); 2],
    built: String,
}

fn load_solidity(flavour: Flavour) -> Result<Solidity> {
    let dir = peers_dir().join("governor");
    let info: serde_json::Value =
        serde_json::from_slice(&read(&dir.join("build-info.json"), GOVERNOR_BUILD)?)
            .context("reading the Governor's build-info.json")?;
    let (ext, size_key) = match flavour {
        Flavour::Evm => ("evm.hex", "evmRuntimeBytes"),
        Flavour::PolkaVm => ("polkavm", "polkavmBytes"),
    };
    let code = |name: &str| -> Result<Vec<u8>> {
        let bytes = read(&dir.join(format!("{name}.{ext}")), GOVERNOR_BUILD)?;
        match flavour {
            Flavour::Evm => hex::decode(String::from_utf8_lossy(&bytes).trim())
                .with_context(|| format!("{name}.{ext} is not hex")),
            Flavour::PolkaVm => Ok(bytes),
        }
    };
    let size = |name: &str| -> Result<(String, u64)> {
        let bytes = info["contracts"][name][size_key]
            .as_u64()
            .with_context(|| format!("build-info.json has no {name}.{size_key}"))?;
        Ok((name.to_string(), bytes))
    };
    Ok(Solidity {
        token: code("MemberShare")?,
        governor: code("CoopGovernor")?,
        sizes: [size("CoopGovernor")?, size("MemberShare")?],
        built: format!(
            "OpenZeppelin {} by solc {}{}",
            info["openzeppelin"].as_str().unwrap_or("?"),
            info["solc"].as_str().unwrap_or("?"),
            match flavour {
                Flavour::Evm => String::new(),
                Flavour::PolkaVm => format!(", resolc {}", info["resolc"].as_str().unwrap_or("?")),
            }
        ),
    })
}

/// Deploys Solidity code with constructor arguments `args` (ABI-encoded):
/// EVM init code takes them appended, with no input data (pallet-revive
/// refuses input data for EVM code); PolkaVM takes them as input data.
async fn deploy_solidity(
    bench: &Bench,
    flavour: Flavour,
    code: &[u8],
    args: Vec<u8>,
    what: &str,
) -> Result<AccountId> {
    let (code, data) = match flavour {
        Flavour::Evm => ([code, &args[..]].concat(), Vec::new()),
        Flavour::PolkaVm => (code.to_vec(), args),
    };
    let made = bench
        .contracts
        .instantiate_raw(bench.alice(), Code::Upload(&code), &data, 0, Salt::Random)
        .await
        .with_context(|| format!("deploying {what}"))?;
    Ok(made.address)
}

/// OpenZeppelin Governor on pallet-revive, built as `flavour`: the six dev
/// accounts are minted a share each (by Alice, the token's minter), Alice
/// makes a proposal, and Bob's `castVote` (for) is measured one block after,
/// when the proposal is active: a member's first vote on a proposal.
pub async fn governor(bench: &Bench, flavour: Flavour) -> Result<PeerVote> {
    let sol = load_solidity(flavour)?;
    let h160 = |account: &AccountId| alloy_sol_types::private::Address::from(address_of(account));
    let alice = bench.alice();
    let token = deploy_solidity(
        bench,
        flavour,
        &sol.token,
        TokenArgs {
            minter: h160(&alice.account()),
        }
        .abi_encode(),
        "the Governor's token (MemberShare)",
    )
    .await?;
    for member in &bench.dev {
        let data = mintCall {
            to: h160(&member.account()),
        }
        .abi_encode();
        send(bench, alice, &token, &data)
            .await
            .context("minting a member's share")?;
    }
    let governor = deploy_solidity(
        bench,
        flavour,
        &sol.governor,
        GovernorArgs {
            token: h160(&token),
        }
        .abi_encode(),
        "CoopGovernor",
    )
    .await?;
    // The shares' checkpoints are in earlier blocks than the proposal's
    // snapshot.
    bench.advance(1).await?;
    let proposal = proposeCall {
        targets: vec![h160(&token)],
        values: vec![alloy_sol_types::private::U256::ZERO],
        calldatas: vec![nextIdCall {}.abi_encode().into()],
        description: "Bench: a resolution".into(),
    }
    .abi_encode();
    let proposed = send(bench, alice, &governor, &proposal)
        .await
        .context("proposing on the Governor")?;
    let id = proposeCall::abi_decode_returns(&proposed.data)
        .context("decoding the Governor's proposal id")?;
    // Voting opens the block after the snapshot (votingDelay 0).
    bench.advance(1).await?;
    let vote = castVoteCall {
        proposalId: id,
        support: 1,
    }
    .abi_encode();
    let bob = &bench.dev[1];
    let run = bench
        .contracts
        .dry_run_call(&bob.account(), &governor, 0, &vote)
        .await?;
    let measured = cost(
        bench,
        &run,
        sol.sizes.iter().map(|(_, b)| b).sum(),
        "castVote",
    )?;
    // A vote of weight 1 shows the share was counted: a vote of weight 0
    // would cost less and prove nothing.
    let weight = castVoteCall::abi_decode_returns(&run.data).context("decoding castVote")?;
    ensure!(
        weight == alloy_sol_types::private::U256::from(1u8),
        "Bob's castVote counted {weight} votes, not his one share"
    );
    Ok(PeerVote {
        name: flavour.peer().into(),
        built: sol.built,
        vote: measured,
        code: sol.sizes.to_vec(),
    })
}
