//! The chain layer: a connection to one node, signing keys, transactions
//! (signed, submitted, awaited, their events and errors decoded), and the
//! chain's identity. It knows Substrate and subxt, nothing of contracts or coops.
//!
//! The client talks to the node through subxt's legacy RPC backend: its
//! transaction watch reports inclusion in a block (the dev node seals at once
//! and finalizes about a second later), and `state_call` runs at the best
//! block, so a read right after an inclusion sees it.

mod dev;
mod errors;
mod events;
mod keys;
mod room;
mod submit;

pub use events::{BlockEvent, EventRecord, Transfer};
pub use room::{Misfit, Weight};
pub use submit::{address_value, Call, Included, TxProgress, Wait, INCLUSION_TIMEOUT};

use errors::is_disconnected;
use submit::Nonces;

pub use keys::{
    hex_account, parse_account, ss58_account, ss58_account_with, Signer, GENERIC_SS58_PREFIX,
};
/// A dynamic SCALE value: the fields of a [`Call`] are built from these.
pub use subxt::dynamic::Value;

use crate::error::{DispatchFailure, Error, Result};
use coop_shared::{AccountId, Balance};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;
use subxt::backend::{BlockRef, LegacyBackend};
use subxt::client::OnlineClientAtBlock;
use subxt::config::polkadot::{PolkadotConfigBuilder, H256};
use subxt::config::{Header as _, PolkadotConfig, PolkadotExtrinsicParamsBuilder, RpcConfigFor};
use subxt::ext::scale_value::{self, ValueDef};
use subxt::metadata::ArcMetadata;
use subxt::rpcs::{LegacyRpcMethods, RpcClient};
use subxt::transactions::{TransactionInvalid, TransactionStatus, ValidationResult};
use subxt::utils::AccountId32;
use subxt::OnlineClient;
use tokio::time::timeout;

type Api = OnlineClient<PolkadotConfig>;

type Rpc = LegacyRpcMethods<RpcConfigFor<PolkadotConfig>>;

/// How long connecting may take before the node counts as unreachable. A
/// refused connection fails at once; this bounds a node that accepts but
/// never answers. There is no retry: a down node is reported, not polled.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// A block by number and hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    /// Its height.
    pub number: u64,
    /// Its hash.
    pub hash: [u8; 32],
}

/// What the node says about its token (`system_properties`). A field is
/// `None` when the node does not say: `substrate-contracts-node --dev`
/// states none of them, so callers choose their own fallback.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ChainProperties {
    /// The native token's symbol, e.g. `DOT`.
    pub token_symbol: Option<String>,
    /// How many decimals one whole token has.
    pub token_decimals: Option<u8>,
    /// The SS58 address prefix.
    pub ss58_format: Option<u16>,
}

/// A connection to one node. Cheap to clone; clones share the connection
/// and the nonce bookkeeping, so tasks may submit through it at once.
#[derive(Clone)]
pub struct Chain {
    inner: Arc<Inner>,
}

struct Inner {
    url: String,
    api: Api,
    rpc: Rpc,
    metadata: ArcMetadata,
    nonces: Nonces,
}

impl std::fmt::Debug for Chain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Chain")
            .field("url", &self.inner.url)
            .finish_non_exhaustive()
    }
}

impl Chain {
    /// Connects to the node at `url` (`ws://` or `wss://`).
    ///
    /// # Errors
    /// [`Error::Unreachable`] within [`CONNECT_TIMEOUT`] if no node answers.
    pub async fn connect(url: &str) -> Result<Chain> {
        let unreachable = |reason: String| Error::Unreachable {
            url: url.to_string(),
            // subxt nests the transport's error in layers of "RPC error:
            // client error:"; the innermost part is the one a person needs.
            reason: reason
                .rsplit("client error: ")
                .next()
                .unwrap_or_default()
                .to_string(),
        };
        let attempt = async {
            let rpc_client = RpcClient::from_insecure_url(url)
                .await
                .map_err(|e| unreachable(e.to_string()))?;
            let backend = LegacyBackend::<PolkadotConfig>::builder().build(rpc_client.clone());
            // Historic type tables only matter for pre-V14 blocks, which a
            // contracts chain never has.
            let config = PolkadotConfigBuilder::new()
                .use_historic_types(false)
                .build();
            let api = Api::from_backend_with_config(config, Arc::new(backend))
                .await
                .map_err(|e| unreachable(e.to_string()))?;
            let metadata = api
                .at_current_block()
                .await
                .map_err(Error::node)?
                .metadata();
            Ok::<_, Error>((rpc_client, api, metadata))
        };
        let (rpc_client, api, metadata) = timeout(CONNECT_TIMEOUT, attempt)
            .await
            .map_err(|_| unreachable(format!("no answer within {CONNECT_TIMEOUT:?}")))??;
        Ok(Chain {
            inner: Arc::new(Inner {
                url: url.to_string(),
                api,
                rpc: Rpc::new(rpc_client),
                metadata,
                nonces: Nonces::default(),
            }),
        })
    }

    /// Connects, then checks that the node serves the chain with `genesis`.
    ///
    /// # Errors
    /// As [`Chain::connect`], and [`Error::WrongChain`] for another chain.
    pub async fn connect_to(url: &str, genesis: [u8; 32]) -> Result<Chain> {
        let chain = Chain::connect(url).await?;
        if chain.genesis_hash() != genesis {
            return Err(Error::WrongChain {
                url: url.to_string(),
                expected: format!("0x{}", hex::encode(genesis)),
                found: format!("0x{}", hex::encode(chain.genesis_hash())),
            });
        }
        Ok(chain)
    }

    /// Whether the runtime has a pallet of this name (from its metadata).
    pub fn has_pallet(&self, name: &str) -> bool {
        self.inner.metadata.pallet_by_name(name).is_some()
    }

    /// A pallet constant's value from the runtime's metadata, decoded as
    /// `T`; `None` if the pallet or constant does not exist.
    ///
    /// # Errors
    /// [`Error::Decode`] if the constant is not a `T`.
    pub fn constant<T: parity_scale_codec::Decode>(
        &self,
        pallet: &str,
        name: &str,
    ) -> Result<Option<T>> {
        let Some(constant) = self
            .inner
            .metadata
            .pallet_by_name(pallet)
            .and_then(|p| p.constant_by_name(name))
        else {
            return Ok(None);
        };
        T::decode(&mut constant.value())
            .map(Some)
            .map_err(|e| Error::decode("a pallet constant", format!("{pallet}::{name}: {e}")))
    }

    /// Whether the runtime exposes a runtime API of this name (e.g. `ContractsApi`).
    pub fn has_runtime_api(&self, name: &str) -> bool {
        self.inner
            .metadata
            .runtime_api_trait_by_name(name)
            .is_some()
    }

    /// The chain's name as its node reports it (`system_chain`).
    ///
    /// # Errors
    /// [`Error::Node`] if the node does not answer.
    pub async fn chain_name(&self) -> Result<String> {
        self.inner
            .rpc
            .system_chain()
            .await
            .map_err(|e| self.node_error(e))
    }

    /// Whether the node runs a development or local test chain
    /// (`system_chainType`): the only chains where the published
    /// development keys (`//Alice`, ...) should sign.
    ///
    /// # Errors
    /// [`Error::Node`] if the node does not answer.
    pub async fn is_dev_chain(&self) -> Result<bool> {
        let kind = self
            .inner
            .rpc
            .system_chain_type()
            .await
            .map_err(|e| self.node_error(e))?;
        Ok(matches!(kind.as_str(), "Development" | "Local"))
    }

    /// The URL this connection was made to.
    pub fn url(&self) -> &str {
        &self.inner.url
    }

    /// The chain's genesis hash: what identifies the chain.
    pub fn genesis_hash(&self) -> [u8; 32] {
        self.inner.api.genesis_hash().0
    }

    /// The token's symbol and decimals.
    ///
    /// # Errors
    /// [`Error::Node`] if the node does not answer.
    pub async fn properties(&self) -> Result<ChainProperties> {
        let props = self
            .inner
            .rpc
            .system_properties()
            .await
            .map_err(|e| self.node_error(e))?;
        Ok(parse_properties(&props))
    }

    /// The best block: the newest one, final or not.
    ///
    /// # Errors
    /// [`Error::Node`] if the node does not answer.
    pub async fn best_block(&self) -> Result<Block> {
        let hash = self
            .inner
            .rpc
            .chain_get_block_hash(None)
            .await
            .map_err(|e| self.node_error(e))?
            .ok_or_else(|| Error::Node("the node has no best block".into()))?;
        self.block(hash).await
    }

    /// The newest finalized block.
    ///
    /// # Errors
    /// [`Error::Node`] if the node does not answer.
    pub async fn finalized_block(&self) -> Result<Block> {
        let hash = self
            .inner
            .rpc
            .chain_get_finalized_head()
            .await
            .map_err(|e| self.node_error(e))?;
        self.block(hash).await
    }

    async fn block(&self, hash: H256) -> Result<Block> {
        let header = self
            .inner
            .rpc
            .chain_get_header(Some(hash))
            .await
            .map_err(|e| self.node_error(e))?
            .ok_or_else(|| Error::Node(format!("block {hash:?} has no header")))?;
        Ok(Block {
            number: header.number(),
            hash: hash.0,
        })
    }

    /// The free balance of `account` at the best block (0 if it has none).
    ///
    /// # Errors
    /// [`Error::Node`] or [`Error::Decode`].
    pub async fn free_balance(&self, account: &AccountId) -> Result<Balance> {
        use scale_value::At as _;
        let at = self.at_best().await?;
        let address = subxt::dynamic::storage::<([u8; 32],), Value>("System", "Account");
        let info = at
            .storage()
            .try_fetch(address, (*AsRef::<[u8; 32]>::as_ref(account),))
            .await
            .map_err(|e| self.node_error(e))?;
        let Some(info) = info else { return Ok(0) };
        let info = info
            .decode()
            .map_err(|e| Error::decode("System::Account", e))?;
        info.at("data")
            .and_then(|data| data.at("free"))
            .and_then(|free| free.as_u128())
            .ok_or_else(|| Error::decode("System::Account", "no data.free field"))
    }

    /// The block at height `number` on the best chain, if there is one yet.
    ///
    /// # Errors
    /// [`Error::Node`] if the node does not answer.
    pub async fn block_at(&self, number: u64) -> Result<Option<Block>> {
        let hash = self
            .inner
            .rpc
            .chain_get_block_hash(Some(number.into()))
            .await
            .map_err(|e| self.node_error(e))?;
        Ok(hash.map(|hash| Block {
            number,
            hash: hash.0,
        }))
    }

    /// New best blocks as the node imports them. The node may skip a height
    /// when blocks come fast; callers that need every block fill the gap
    /// with [`Chain::block_at`].
    ///
    /// # Errors
    /// [`Error::Node`] if the node refuses the subscription.
    pub async fn best_blocks(&self) -> Result<BlockStream> {
        let heads = self
            .inner
            .rpc
            .chain_subscribe_new_heads()
            .await
            .map_err(|e| self.node_error(e))?;
        Ok(BlockStream {
            chain: self.clone(),
            heads,
        })
    }

    /// When `block` was made, in milliseconds since the Unix epoch, as the
    /// chain's `Timestamp::Now` records it.
    ///
    /// # Errors
    /// [`Error::StateUnavailable`] if the node no longer has that block's
    /// state; [`Error::Node`] or [`Error::Decode`] otherwise.
    pub async fn timestamp_at(&self, block: Block) -> Result<u64> {
        let at = self.at_block(block).await?;
        let address = subxt::dynamic::storage::<(), Value>("Timestamp", "Now");
        let now = at
            .storage()
            .try_fetch(address, ())
            .await
            .map_err(|e| self.node_error_in("Timestamp::Now", e))?
            .ok_or_else(|| Error::decode("Timestamp::Now", "no value"))?;
        let now = now
            .decode()
            .map_err(|e| Error::decode("Timestamp::Now", e))?;
        now.as_u128()
            .and_then(|ms| u64::try_from(ms).ok())
            .ok_or_else(|| Error::decode("Timestamp::Now", "not a u64"))
    }

    /// The raw SCALE value of the storage map entry `pallet::entry` whose
    /// single key is bytes (an account, an address or a hash), at the best block;
    /// `None` if there is no entry. Callers decode it: they know the pallet.
    ///
    /// # Errors
    /// [`Error::Node`] if the entry does not exist in the metadata or the
    /// node does not answer.
    pub async fn storage_map_bytes<const N: usize>(
        &self,
        pallet: &str,
        entry: &str,
        key: [u8; N],
    ) -> Result<Option<Vec<u8>>> {
        let at = self.at_best().await?;
        let address = subxt::dynamic::storage::<([u8; N],), Value>(pallet, entry);
        let value = at
            .storage()
            .try_fetch(address, (key,))
            .await
            .map_err(|e| self.node_error_in(&format!("{pallet}::{entry}"), e))?;
        Ok(value.map(|v| v.bytes().to_vec()))
    }

    /// As [`Chain::runtime_call`], at `block` rather than the best block.
    ///
    /// # Errors
    /// [`Error::StateUnavailable`] if the node no longer has that block's
    /// state; [`Error::Node`] otherwise.
    pub async fn runtime_call_at(
        &self,
        method: &str,
        args: &[u8],
        block: Block,
    ) -> Result<Vec<u8>> {
        self.inner
            .rpc
            .state_call(method, Some(args), Some(H256(block.hash)))
            .await
            .map_err(|e| self.state_error(block, method, e))
    }

    /// Calls the runtime API function `method` (e.g. `ContractsApi_call`)
    /// with SCALE-encoded `args` at the best block, returning its SCALE output.
    ///
    /// # Errors
    /// [`Error::Node`] if the node refuses or does not answer.
    pub async fn runtime_call(&self, method: &str, args: &[u8]) -> Result<Vec<u8>> {
        self.inner
            .rpc
            .state_call(method, Some(args), None)
            .await
            .map_err(|e| self.node_error_in(method, e))
    }

    /// A client at the best block, for reads that must see the latest inclusion.
    async fn at_best(&self) -> Result<OnlineClientAtBlock<PolkadotConfig>> {
        let best = self.best_block().await?;
        self.at_block(best).await
    }

    async fn at_block(&self, block: Block) -> Result<OnlineClientAtBlock<PolkadotConfig>> {
        self.inner
            .api
            .at_block_hash_and_number(BlockRef::from_hash(H256(block.hash)), block.number)
            .await
            .map_err(|e| self.state_error(block, "", e))
    }
}

/// New best blocks, from [`Chain::best_blocks`].
pub struct BlockStream {
    chain: Chain,
    heads: subxt::rpcs::client::RpcSubscription<<PolkadotConfig as subxt::Config>::Header>,
}

impl std::fmt::Debug for BlockStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BlockStream")
            .field("chain", &self.chain)
            .finish_non_exhaustive()
    }
}

impl BlockStream {
    /// The next new best block; `None` when the node ends the subscription.
    pub async fn next(&mut self) -> Option<Result<Block>> {
        let header = match self.heads.next().await? {
            Ok(header) => header,
            Err(e) => return Some(Err(self.chain.node_error(e))),
        };
        let number = header.number();
        Some(match self.chain.block_at(number).await {
            Ok(Some(block)) => Ok(block),
            Ok(None) => Err(Error::Node(format!("block {number} has no hash"))),
            Err(e) => Err(e),
        })
    }
}

/// Reads `system_properties`. Multi-token chains give arrays; the first
/// entry is the native token.
fn parse_properties(props: &serde_json::Map<String, serde_json::Value>) -> ChainProperties {
    let first = |key: &str| {
        props.get(key).and_then(|v| match v {
            serde_json::Value::Array(items) => items.first().cloned(),
            other => Some(other.clone()),
        })
    };
    ChainProperties {
        token_symbol: first("tokenSymbol").and_then(|v| v.as_str().map(str::to_string)),
        token_decimals: first("tokenDecimals")
            .and_then(|v| v.as_u64())
            .and_then(|d| u8::try_from(d).ok()),
        ss58_format: first("ss58Format")
            .and_then(|v| v.as_u64())
            .and_then(|d| u16::try_from(d).ok()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties_read_single_and_multi_token_forms() {
        let single =
            serde_json::json!({"tokenSymbol": "DOT", "tokenDecimals": 10, "ss58Format": 0});
        let multi = serde_json::json!({"tokenSymbol": ["KSM", "X"], "tokenDecimals": [12, 6]});
        let as_map = |v: serde_json::Value| v.as_object().cloned().unwrap_or_default();
        assert_eq!(
            parse_properties(&as_map(single)),
            ChainProperties {
                token_symbol: Some("DOT".into()),
                token_decimals: Some(10),
                ss58_format: Some(0),
            }
        );
        let multi = parse_properties(&as_map(multi));
        assert_eq!(multi.token_symbol.as_deref(), Some("KSM"));
        assert_eq!(multi.token_decimals, Some(12));
        assert_eq!(
            parse_properties(&serde_json::Map::new()),
            ChainProperties::default()
        );
    }
}
