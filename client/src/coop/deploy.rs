//! Founding a coop and finding it again: deploy its contracts, and open
//! the coop a manifest names, checked against the chain.

use super::*;

/// What a new coop starts with.
#[derive(Debug, Clone)]
pub struct Founding {
    /// Its first members (1 to 64), numbered in this order.
    pub founders: Vec<AccountId>,
    /// The rules it decides by.
    pub rules: Rules,
    /// The least its rules may ever ask, fixed for its life.
    pub floors: Floors,
    /// Funds the deployer puts in the treasury at once (0 for none),
    /// besides the founders' member capital (see [`Founding::capital`]),
    /// which the deployer pays in too.
    pub funds: Balance,
}

impl Founding {
    /// The founders' member capital: the rules' share price for each.
    pub fn capital(&self) -> Balance {
        let founders = Balance::try_from(self.founders.len()).unwrap_or(Balance::MAX);
        self.rules.share_price.saturating_mul(founders)
    }
}

/// A coop just deployed.
#[derive(Debug, Clone)]
pub struct Deployment {
    /// The coop.
    pub coop: Coop,
    /// The block it was founded in: where its record starts.
    pub block: Block,
    /// The governance contract's code hash.
    pub governance_code: [u8; 32],
    /// The register's code hash.
    pub membership_code: [u8; 32],
    /// What the deployer paid: fees and storage deposits of the upload (if
    /// the register's code was new) and of the founding.
    pub fees: Balance,
    /// Storage deposits held for the deployer's contracts and code.
    pub deposits: Balance,
}

/// The fee `payer` paid in an included transaction, 0 if not reported.
pub(crate) fn fee_of(included: &crate::chain::Included, payer: &AccountId) -> Balance {
    crate::contracts::fee_paid(included, payer).unwrap_or(0)
}

impl Coop {
    /// The coop a manifest names, after checking that `contracts` is on the
    /// manifest's chain (genesis hash) and that both contracts exist there
    /// with the recorded code: every `--dev` chain shares one genesis hash,
    /// so a restarted dev chain would otherwise pass.
    ///
    /// # Errors
    /// [`crate::Error::WrongChain`] (as [`Error::Client`]) for another
    /// chain; [`Error::NotDeployed`] if a contract is missing or differs.
    pub async fn open(contracts: Contracts, manifest: &Manifest) -> Result<Coop> {
        let chain = contracts.chain();
        if chain.genesis_hash() != manifest.genesis() {
            return Err(crate::Error::WrongChain {
                url: chain.url().to_string(),
                expected: manifest.genesis_hash.to_string(),
                found: manifest::hex32(&chain.genesis_hash()),
            }
            .into());
        }
        let offered = manifest::Backend::from(contracts.pallet());
        if offered != manifest.backend {
            return Err(Error::NotDeployed(format!(
                "the coop runs on {}, and the chain at {} runs {}",
                manifest.backend.pallet_name(),
                chain.url(),
                offered.pallet_name()
            )));
        }
        let governance = manifest.governance_address();
        let membership = manifest.membership_address();
        let (governance_code, membership_code) = manifest.code_hashes();
        for (what, address, code) in [
            ("governance", &governance, governance_code),
            ("membership register", &membership, membership_code),
        ] {
            match contracts.code_hash_of(address).await? {
                None => {
                    return Err(Error::NotDeployed(format!(
                        "no {what} contract at {} (was the chain reset?)",
                        manifest::hex32(AsRef::<[u8; 32]>::as_ref(address))
                    )))
                }
                Some(found) if found != code => {
                    return Err(Error::NotDeployed(format!(
                        "the {what} contract at {} runs code {}, not {}",
                        manifest::hex32(AsRef::<[u8; 32]>::as_ref(address)),
                        manifest::hex32(&found),
                        manifest::hex32(&code)
                    )))
                }
                Some(_) => {}
            }
        }
        let coop = Coop::new(contracts, governance, membership);
        if coop.read_membership().await? != membership {
            return Err(Error::NotDeployed(
                "the governance contract governs another register than the manifest says".into(),
            ));
        }
        Ok(coop)
    }

    /// Checks that both contracts run exactly the code of `artifacts`,
    /// this client's own build: a deployer chooses the code, and a
    /// register or governance built from other sources could break any
    /// rule members rely on while answering every read as coop's does.
    ///
    /// # Errors
    /// [`Error::UnknownCode`] naming the contract; the chain's.
    pub async fn check_code(&self, artifacts: &Artifacts) -> Result<()> {
        for (contract, address, expected) in [
            (
                "governance",
                self.governance(),
                artifacts.governance.code_hash,
            ),
            (
                "membership register",
                self.membership(),
                artifacts.membership.code_hash,
            ),
        ] {
            let found = self.contracts().code_hash_of(&address).await?;
            if found != Some(expected) {
                return Err(Error::UnknownCode {
                    contract,
                    found: found.map_or_else(|| "none".into(), |h| manifest::hex32(&h)),
                    expected: manifest::hex32(&expected),
                });
            }
        }
        Ok(())
    }

    /// Deploys a coop: uploads the register's code (unless the chain has
    /// it), then instantiates governance, which creates the register with
    /// the founders and names itself its only governance, so no key keeps
    /// any power. A random salt keeps a second deployment from colliding.
    /// The signer pays fees and storage deposits and the initial funds; it
    /// is a member only if it is among the founders.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for no founders, more than 64, duplicates or
    /// invalid rules (before anything is signed); the contract and chain
    /// layers' errors otherwise.
    pub async fn deploy(
        contracts: &Contracts,
        signer: &Signer,
        artifacts: &Artifacts,
        founding: &Founding,
    ) -> Result<Deployment> {
        let count = founding.founders.len();
        if count == 0 || count > MAX_MEMBERS_PER_CALL as usize {
            return Err(Error::InvalidInput(format!(
                "a coop needs 1 to {MAX_MEMBERS_PER_CALL} founders, not {count}"
            )));
        }
        let mut seen = std::collections::BTreeSet::new();
        for founder in &founding.founders {
            if !seen.insert(*AsRef::<[u8; 32]>::as_ref(founder)) {
                return Err(Error::InvalidInput(format!(
                    "founder {} is named twice",
                    view::account(founder)
                )));
            }
        }
        if !founding.floors.is_valid() {
            return Err(Error::InvalidInput(format!(
                "{}: {}",
                gov::Error::InvalidFloors.name(),
                gov::Error::InvalidFloors.meaning()
            )));
        }
        if let Err(e) = founding.floors.check(&founding.rules) {
            return Err(Error::InvalidInput(format!(
                "the rules: {}: {}",
                e.name(),
                e.meaning()
            )));
        }
        let mut fees: Balance = 0;
        let mut deposits: Balance = 0;
        let membership_code = artifacts.membership.code_hash;
        if !contracts.code_exists(membership_code).await? {
            let uploaded = contracts
                .upload_code(signer, &artifacts.membership.code)
                .await?;
            deposits = deposits.saturating_add(uploaded.deposit);
            fees = fees.saturating_add(fee_of(&uploaded.included, &signer.account()));
        }
        let governance_code = artifacts.governance.code_hash;
        let code = if contracts.code_exists(governance_code).await? {
            Code::Existing(governance_code)
        } else {
            Code::Upload(&artifacts.governance.code)
        };
        let instantiated = contracts
            .instantiate(
                signer,
                code,
                gov::messages::NEW,
                (
                    membership_code,
                    founding.founders.clone(),
                    founding.rules,
                    founding.floors,
                    contracts.native_to_eth()?,
                ),
                founding.funds.saturating_add(founding.capital()),
                Salt::Random,
            )
            .await?;
        let costs = &instantiated.outcome.costs;
        fees = fees.saturating_add(costs.fee.unwrap_or(0));
        deposits = deposits.saturating_add(costs.deposit_held);
        let governance = instantiated.address;
        let probe = Coop::new(contracts.clone(), governance, governance);
        let membership = probe.read_membership().await?;
        Ok(Deployment {
            coop: Coop::new(contracts.clone(), governance, membership),
            block: instantiated.outcome.included.block,
            governance_code,
            membership_code,
            fees,
            deposits,
        })
    }
}
