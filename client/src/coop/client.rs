//! The coop layer's connection to a node: connect, say what the node
//! offers, open a coop from its manifest, deploy one, and make blocks on a
//! dev chain. The command-line tool reaches the chain through this alone.

use super::{Artifacts, Coop, Deployment, Founding, Manifest, Result, Token};
use crate::chain::{Chain, Signer};
use crate::contracts::{self, Contracts, ProgressHook};

/// A connection to one node.
#[derive(Debug, Clone)]
pub struct Client {
    contracts: Contracts,
}

/// What a node says about itself, for `coop check` and `coop deploy`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeReport {
    /// The URL it answered at.
    pub url: String,
    /// Its chain's name.
    pub chain: String,
    /// Its genesis hash.
    pub genesis_hash: [u8; 32],
    /// Its best block's number.
    pub best_block: u64,
    /// Its native token, if it declares both symbol and decimals.
    pub token: Option<Token>,
    /// The token symbol it declares, if any (a chain may declare one half).
    pub token_symbol: Option<String>,
    /// The token decimals it declares, if any.
    pub token_decimals: Option<u8>,
    /// Whether it runs pallet-contracts with its runtime API: coop runs here.
    pub wasm_contracts: bool,
    /// Whether it runs pallet-revive with its runtime API (ink! 6, PolkaVM).
    pub revive: bool,
    /// Where a coop would run on pallet-revive: how many of the contracts'
    /// 18-decimal units make one of the chain's smallest native units
    /// (`Revive::NativeToEthRatio`).
    pub native_to_eth: Option<u128>,
}

impl NodeReport {
    /// The contracts backend a coop would use here: `contracts`, `revive`, or none.
    pub fn backend(&self) -> Option<&'static str> {
        if self.wasm_contracts {
            Some("contracts")
        } else if self.revive {
            Some("revive")
        } else {
            None
        }
    }
}

impl Client {
    /// Connects to the node at `url`.
    ///
    /// # Errors
    /// [`crate::Error::Unreachable`] (as [`super::Error::Client`]) if no node answers.
    pub async fn connect(url: &str) -> Result<Client> {
        let chain = Chain::connect(url).await?;
        Ok(Client {
            contracts: Contracts::new(chain),
        })
    }

    /// The same, telling `hook` where each transaction is while it waits.
    pub fn with_progress(self, hook: ProgressHook) -> Client {
        Client {
            contracts: self.contracts.with_progress(hook),
        }
    }

    /// The contracts pallet the coop's contracts run on at this node.
    pub fn pallet(&self) -> contracts::Pallet {
        self.contracts.pallet()
    }

    /// The node's URL.
    pub fn url(&self) -> &str {
        self.contracts.chain().url()
    }

    /// The chain's genesis hash.
    pub fn genesis_hash(&self) -> [u8; 32] {
        self.contracts.chain().genesis_hash()
    }

    /// What the node says about itself.
    ///
    /// # Errors
    /// The chain's, if the node stops answering.
    pub async fn report(&self) -> Result<NodeReport> {
        let chain = self.contracts.chain();
        let props = chain.properties().await?;
        let offered = contracts::support(chain);
        let token = match (&props.token_symbol, props.token_decimals) {
            (Some(symbol), Some(decimals)) => Some(Token {
                symbol: symbol.clone(),
                decimals,
            }),
            _ => None,
        };
        Ok(NodeReport {
            url: chain.url().to_string(),
            chain: chain.chain_name().await?,
            genesis_hash: chain.genesis_hash(),
            best_block: chain.best_block().await?.number,
            token,
            token_symbol: props.token_symbol,
            token_decimals: props.token_decimals,
            wasm_contracts: offered.wasm_contracts,
            revive: offered.revive,
            native_to_eth: match self.contracts.pallet() {
                contracts::Pallet::Revive => Some(self.contracts.native_to_eth()?),
                contracts::Pallet::Contracts => None,
            },
        })
    }

    /// The chain's SS58 prefix (`ss58Format`), or the generic 42 when it
    /// declares none.
    ///
    /// # Errors
    /// The chain's.
    pub async fn ss58_prefix(&self) -> Result<u16> {
        let props = self.contracts.chain().properties().await?;
        Ok(props
            .ss58_format
            .unwrap_or(crate::chain::GENERIC_SS58_PREFIX))
    }

    /// Whether the chain calls itself a development or local chain, where
    /// the published development keys may sign.
    ///
    /// # Errors
    /// The chain's.
    pub async fn is_dev_chain(&self) -> Result<bool> {
        Ok(self.contracts.chain().is_dev_chain().await?)
    }

    /// The coop `manifest` names, checked against this chain (see [`Coop::open`]).
    ///
    /// # Errors
    /// As [`Coop::open`].
    pub async fn open(&self, manifest: &Manifest) -> Result<Coop> {
        Coop::open(self.contracts.clone(), manifest).await
    }

    /// Deploys a coop (see [`Coop::deploy`]).
    ///
    /// # Errors
    /// As [`Coop::deploy`].
    pub async fn deploy(
        &self,
        signer: &Signer,
        artifacts: &Artifacts,
        founding: &Founding,
    ) -> Result<Deployment> {
        Coop::deploy(&self.contracts, signer, artifacts, founding).await
    }

    /// Makes `blocks` blocks on a dev chain (which seals only when a
    /// transaction arrives) by submitting remarks signed by `signer`;
    /// `progress` gets (blocks made, height). Returns the final height.
    ///
    /// # Errors
    /// The chain's.
    pub async fn advance(
        &self,
        signer: &Signer,
        blocks: u32,
        progress: &(dyn Fn(u32, u64) + Send + Sync),
    ) -> Result<u64> {
        Ok(self
            .contracts
            .chain()
            .advance_blocks(signer, blocks, progress)
            .await?)
    }
}
