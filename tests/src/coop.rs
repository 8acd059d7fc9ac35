//! A test coop: the dev chain's keys, rules with short periods, a coop
//! founded from the built contracts, and blocks made up to a deadline.
//! Every end-to-end and CLI test takes these from here.

use crate::artifacts_dir;
use coop_client::chain::{ss58_account, Chain, Signer};
use coop_client::contracts::Contracts;
use coop_client::coop::{Artifacts, Coop, Deployment, Founding};
use coop_shared::governance::{Floors, ProposalId, Rules};
use coop_shared::{AccountId, Balance};

/// One whole token of the dev chains (12 decimals).
pub const UNIT: Balance = 1_000_000_000_000;

/// The dev chains' endowed keys, by name: `Alice` to `Ferdie`.
pub mod dev {
    use super::*;

    fn key(name: &str) -> Signer {
        Signer::from_uri(&format!("//{name}")).expect("a dev key")
    }

    /// `//Alice`.
    pub fn alice() -> Signer {
        key("Alice")
    }
    /// `//Bob`.
    pub fn bob() -> Signer {
        key("Bob")
    }
    /// `//Charlie`.
    pub fn charlie() -> Signer {
        key("Charlie")
    }
    /// `//Dave`.
    pub fn dave() -> Signer {
        key("Dave")
    }
    /// `//Eve`.
    pub fn eve() -> Signer {
        key("Eve")
    }
    /// `//Ferdie`: pays for deployments and makes blocks in the tests,
    /// never a founder, so its transactions never touch a vote.
    pub fn ferdie() -> Signer {
        key("Ferdie")
    }

    /// A key from any secret URI (a derivation of the dev phrase, say).
    pub fn signer(suri: &str) -> Signer {
        Signer::from_uri(suri).expect("a valid secret URI")
    }

    /// `signer`'s SS58 address, as a person would type it.
    pub fn address(signer: &Signer) -> String {
        ss58_account(&signer.account())
    }
}

/// The default rules with short periods, so a test reaches deadlines
/// with a few blocks: `voting_period` to vote, `execution_window` after.
pub fn rules(voting_period: u32, execution_window: u32) -> Rules {
    Rules {
        voting_period,
        execution_window,
        ..Rules::default()
    }
}

/// Founds a coop of `founders` on `chain` from the built contracts, paid by
/// Ferdie, with `funds` in its treasury, under the lowest floors.
pub async fn found(
    chain: &Chain,
    founders: Vec<AccountId>,
    rules: Rules,
    funds: Balance,
) -> Deployment {
    let contracts = Contracts::new(chain.clone());
    let artifacts = Artifacts::load(&artifacts_dir(), contracts.pallet())
        .expect("run scripts/build-contracts.sh --backend all");
    Coop::deploy(
        &contracts,
        &dev::ferdie(),
        &artifacts,
        &Founding {
            founders,
            rules,
            // The tests use periods of a few blocks: the lowest floors.
            floors: Floors::lowest(),
            funds,
        },
    )
    .await
    .expect("the coop deploys")
}

/// Makes blocks (signed by Ferdie) until `id`'s deadline is reached, so
/// the proposal can be executed.
pub async fn reach_deadline(coop: &Coop, id: ProposalId) {
    let deadline = u64::from(coop.proposal(id).await.expect("exists").state.deadline);
    let best = coop.best_block().await.expect("best").number;
    if best < deadline {
        let n = u32::try_from(deadline - best).expect("a few blocks");
        coop.chain()
            .advance_blocks(&dev::ferdie(), n, &|_, _| {})
            .await
            .expect("blocks");
    }
}
