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
/// Proxies: with `--for SHARE`, you vote for a member whose share appointed
/// yours as proxy (`coop proxy appoint`), for this proposal or for all; the
/// ballot is still that share's, one per share. A member's own vote, cast
/// before the deadline, always replaces the vote their proxy cast for them,
/// whatever the proposal's rule on changing votes says; a proxy can never
/// replace the member's own vote.
///
/// JSON fields: the transaction's (`block`, `block_hash`, `extrinsic_hash`,
/// `fee`, `storage_deposit_charged`, `storage_deposit_refunded`), then
/// `proposal`, `choice`, `tally`, `for_share` (the share voted for as
/// proxy, or null).
#[derive(Debug, Args)]
pub struct VoteArgs {
    /// The proposal's number.
    pub id: u32,
    /// The choice.
    pub choice: ChoiceArg,
    /// Vote as proxy for the member holding this share number.
    #[arg(long = "for", value_name = "SHARE")]
    pub for_share: Option<u32>,
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
    let outcome = match args.for_share {
        Some(share) => s
            .coop
            .vote_for(&signer, args.id, choice, share)
            .await
            .with_context(|| format!("vote on proposal {} for share {share}", args.id))?,
        None => s
            .coop
            .vote(&signer, args.id, choice)
            .await
            .with_context(|| format!("vote on proposal {}", args.id))?,
    };
    let as_proxy = args
        .for_share
        .map(|share| format!(" for share {share}, as its proxy"))
        .unwrap_or_default();
    let tally = s.coop.proposal(args.id).await.map(|p| p.state.tally).ok();
    let name = coop_client::coop::view::choice(choice);
    s.print_tx(
        &outcome,
        &format!(
            "voted {name} on proposal {}{as_proxy}{}",
            args.id,
            tally
                .map(|t| format!(" (now yes {}, no {}, abstain {})", t.yes, t.no, t.abstain))
                .unwrap_or_default()
        ),
        VoteJson {
            proposal: args.id,
            choice: name,
            tally: tally.as_ref().map(coop_client::coop::view::tally),
            for_share: args.for_share,
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
    /// The share voted for as its proxy, if any.
    for_share: Option<u32>,
}
