//! `coop vote`: vote on a proposal.

use crate::context::Global;
use anyhow::{Context as _, Result};
use clap::{Args, ValueEnum};
use coop_shared::governance::Choice;
use serde::Serialize;

/// Vote yes, no or abstain on a proposal.
///
/// Vote on a proposal for your share: yes, no or abstain (abstaining counts
/// for the quorum). Only members whose share was in the proposal's
/// electorate may vote (issued before it was made, and not suspended then
/// or now), once (unless the proposal's rules allow a change), before its
/// deadline. A vote belongs to the share, not the key: it moves with the
/// share to a new key (`coop move-share`), and it stays counted if the
/// member later resigns or is expelled. Voting also shows the member is
/// present: a share that votes cannot be suspended for dormancy. Costs
/// the voter the fee and a small storage deposit for the ballot, which
/// `coop prune` gives back once the proposal is closed.
///
/// JSON fields: the transaction's (`block`, `block_hash`, `extrinsic_hash`,
/// `fee`, `storage_deposit_charged`, `storage_deposit_refunded`), then `proposal`, `choice`, `tally`.
#[derive(Debug, Args)]
pub struct VoteArgs {
    /// The proposal's number.
    pub id: u32,
    /// The choice.
    pub choice: ChoiceArg,
}

/// A choice on the command line.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ChoiceArg {
    /// For.
    Yes,
    /// Against.
    No,
    /// Take part without taking a side.
    Abstain,
}

impl From<ChoiceArg> for Choice {
    fn from(c: ChoiceArg) -> Choice {
        match c {
            ChoiceArg::Yes => Choice::Yes,
            ChoiceArg::No => Choice::No,
            ChoiceArg::Abstain => Choice::Abstain,
        }
    }
}

/// Runs `coop vote`.
pub async fn handle(args: VoteArgs, global: &Global) -> Result<()> {
    let (s, signer) = global.open_signed().await?;
    let choice = Choice::from(args.choice);
    let outcome = s
        .coop
        .vote(&signer, args.id, choice)
        .await
        .with_context(|| format!("vote on proposal {}", args.id))?;
    let tally = s.coop.proposal(args.id).await.map(|p| p.state.tally).ok();
    let name = coop_client::coop::view::choice(choice);
    s.print_tx(
        &outcome,
        &format!(
            "voted {name} on proposal {}{}",
            args.id,
            tally
                .map(|t| format!(" (now yes {}, no {}, abstain {})", t.yes, t.no, t.abstain))
                .unwrap_or_default()
        ),
        VoteJson {
            proposal: args.id,
            choice: name,
            tally: tally.as_ref().map(coop_client::coop::view::tally),
        },
    );
    Ok(())
}

/// `coop vote --json`: the transaction's fields and these.
#[derive(Debug, Serialize)]
struct VoteJson {
    /// The proposal voted on.
    proposal: u32,
    /// `yes`, `no` or `abstain`.
    choice: &'static str,
    /// The tally after the vote, if it could be read.
    tally: Option<coop_client::coop::view::TallyJson>,
}
