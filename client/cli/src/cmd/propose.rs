//! `coop propose ...`: make a proposal of each kind.

use crate::context::{account_arg, Global};
use crate::rules::RuleArgs;
use anyhow::{bail, Context as _, Result};
use clap::{Args, Subcommand};
use coop_client::coop::view;
use coop_shared::governance::Action;
use serde::Serialize;

/// Make a proposal: resolution, admit, expel, rotate-key, suspend, pay or rules.
///
/// Any member whose share is not suspended may make one, up to the rules'
/// limit of proposals each within one voting period (a withdrawn proposal
/// counts until its deadline). It costs the proposer the fee and the
/// storage deposit for the proposal, which the proposer takes back with
/// `coop prune` once it has closed. Members who hold an active share when
/// it is made may vote on it until its deadline.
///
/// JSON fields: the transaction's (`block`, `block_hash`, `extrinsic_hash`,
/// `fee`, `storage_deposit_charged`, `storage_deposit_refunded`), then `proposal`, `action`, `deadline`.
#[derive(Debug, Args)]
pub struct ProposeArgs {
    /// What the proposal does.
    #[command(subcommand)]
    pub kind: Kind,
}

/// Options every proposal has.
#[derive(Debug, Args)]
pub struct Common {
    /// A short title (at most 128 bytes).
    #[arg(long)]
    pub title: String,
    /// A link to, or hash of, the full text (at most 256 bytes).
    #[arg(long, default_value = "")]
    pub text: String,
}

/// The kinds of proposal.
#[derive(Debug, Subcommand)]
pub enum Kind {
    /// A recorded decision with no on-chain effect (e.g. "adopt the health plan").
    Resolution {
        #[command(flatten)]
        common: Common,
    },
    /// Offer membership to one or more accounts (up to 12, none a member,
    /// none twice). Once the proposal passes and is executed, each account
    /// becomes a member only by accepting with its own key (`coop accept
    /// ID`) within the acceptance window, paying its own share's storage
    /// deposit; an offer not accepted lapses and counts for nothing.
    Admit {
        /// The accounts to admit (SS58 or 0x-hex), numbered in this order.
        #[arg(required = true)]
        accounts: Vec<String>,
        #[command(flatten)]
        common: Common,
    },
    /// Expel a member (a special decision). The proposal records the
    /// share's number, so it expels that share even if its holder moves
    /// it to another key meanwhile.
    Expel {
        /// The member's address or share number.
        member: String,
        #[command(flatten)]
        common: Common,
    },
    /// Move another member's share to a new key, keeping its number and
    /// seniority: for a member whose key is lost. A special decision (the
    /// same threshold as an expulsion), so a bare majority cannot take a
    /// member's share; a member moves their own share with `coop move-share`.
    RotateKey {
        /// The member's current address or share number.
        member: String,
        /// The new key's address.
        new: String,
        #[command(flatten)]
        common: Common,
    },
    /// Suspend shares whose holders have not voted, proposed or otherwise
    /// signed for the dormancy period (lost keys), up to 12 (a special
    /// decision). The named shares are left out of this decision's
    /// electorate; once it executes they count in no new electorate and
    /// cannot vote until their holders run `coop reactivate`. If a named
    /// holder votes or proposes before it executes, it fails: a member who
    /// takes part is never suspended.
    Suspend {
        /// The members' addresses or share numbers.
        #[arg(required = true)]
        members: Vec<String>,
        #[command(flatten)]
        common: Common,
    },
    /// Pay from the treasury.
    Pay {
        /// Who receives it.
        to: String,
        /// How much, e.g. 1.5 (in the manifest's token; smallest units if none).
        amount: String,
        #[command(flatten)]
        common: Common,
    },
    /// Change the rules for proposals made after it executes (a special
    /// decision). Options not given keep their current value.
    Rules {
        #[command(flatten)]
        rules: RuleArgs,
        #[command(flatten)]
        common: Common,
    },
}

/// Runs `coop propose`.
pub async fn handle(args: ProposeArgs, global: &Global) -> Result<()> {
    let (s, signer) = global.open_signed().await?;
    // A proposal is judged by the rules in force when it is made.
    let in_force = s.coop.rules().await?;
    let (action, common) = match args.kind {
        Kind::Resolution { common } => (Action::Resolution, common),
        Kind::Admit { accounts, common } => {
            let accounts = accounts
                .iter()
                .map(|a| account_arg(a))
                .collect::<Result<Vec<_>>>()?;
            (Action::Admit(accounts), common)
        }
        Kind::Expel { member, common } => {
            let (account, share) = s.member_arg(&member).await?;
            if share.is_none() {
                bail!("{} is not a member", view::account(&account));
            }
            (Action::Expel(number(share)), common)
        }
        Kind::RotateKey {
            member,
            new,
            common,
        } => {
            let (old, share) = s.member_arg(&member).await?;
            if share.is_none() {
                bail!("{} is not a member", view::account(&old));
            }
            (
                Action::RotateKey {
                    share: number(share),
                    new: account_arg(&new)?,
                },
                common,
            )
        }
        Kind::Suspend { members, common } => {
            let mut shares = Vec::new();
            for member in &members {
                let (account, share) = s.member_arg(member).await?;
                if share.is_none() {
                    bail!("{} is not a member", view::account(&account));
                }
                shares.push(number(share));
            }
            (Action::Suspend(shares), common)
        }
        Kind::Pay { to, amount, common } => (
            Action::Payment {
                to: account_arg(&to)?,
                amount: s.amounts.parse(&amount)?,
            },
            common,
        ),
        Kind::Rules { rules, common } => {
            if !rules.any() {
                bail!("name at least one rule to change (see coop propose rules --help)");
            }
            (
                Action::ChangeRules(rules.apply(in_force, &s.amounts)?),
                common,
            )
        }
    };
    let what = crate::text::action_text(&action, &s.amounts, &in_force);
    let kind = view::action(&action, &in_force);
    let outcome = s
        .coop
        .propose(&signer, &common.title, &common.text, action)
        .await
        .context("propose")?;
    let id = outcome.value;
    let state = s.coop.proposal(id).await.map(|p| p.state).ok();
    let deadline = state.as_ref().map(|st| st.deadline);
    s.print_tx(
        &outcome,
        &format!(
            "proposal {id} made: {what}{}",
            state
                .map(|st| format!("; votes until block {}", st.last_vote_block()))
                .unwrap_or_default()
        ),
        ProposeJson {
            proposal: id,
            action: kind,
            deadline,
        },
    );
    Ok(())
}

/// The number of a share known to be held.
fn number(share: Option<coop_shared::membership::Share>) -> u32 {
    share.map_or(0, |s| s.number)
}

/// `coop propose --json`: the transaction's fields and these.
#[derive(Debug, Serialize)]
struct ProposeJson {
    /// The new proposal's number.
    proposal: u32,
    /// What it would do (see `coop help`'s JSON conventions).
    action: coop_client::coop::view::ActionJson,
    /// The block from which votes are no longer taken, if it could be read.
    deadline: Option<u32>,
}
