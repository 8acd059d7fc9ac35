//! The chain layer: a connection to one node, signing keys, transactions
//! (signed, submitted, awaited, their events and errors decoded), and the
//! chain's identity. It knows Substrate and subxt, nothing of contracts or coops.
//!
//! The client talks to the node through subxt's legacy RPC backend: its
//! transaction watch reports inclusion in a block (the dev node seals at once
//! and finalizes about a second later), and `state_call` runs at the best
//! block, so a read right after an inclusion sees it.

mod keys;

pub use keys::{hex_account, parse_account, ss58_account, Signer};
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

/// How long a submitted transaction may take to reach a block (or finality).
pub const INCLUSION_TIMEOUT: Duration = Duration::from_secs(60);

/// Blocks a signed transaction stays valid for, counted from the best block
/// it was built on: long enough for a busy pool, short enough that a stale
/// transaction cannot surface much later.
const MORTALITY: u64 = 64;

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

/// How long [`Chain::submit_with`] waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Wait {
    /// Until the transaction is in a (best) block; enough on a dev chain.
    #[default]
    InBlock,
    /// Until that block is finalized.
    Finalized,
}

/// Where a transaction is, reported to a progress hook as it moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TxProgress {
    /// Signed with this nonce; nothing sent yet.
    Signed {
        /// The nonce used.
        nonce: u64,
    },
    /// The pool accepted it.
    Submitted {
        /// The transaction's hash.
        hash: [u8; 32],
    },
    /// It is in a block.
    InBlock {
        /// The block's hash.
        block: [u8; 32],
    },
    /// That block is final.
    Finalized {
        /// The block's hash.
        block: [u8; 32],
    },
}

/// A runtime call to sign: pallet, call name and its fields in order.
/// Fields are encoded against the node's metadata, so a field of the wrong
/// shape fails before anything is signed.
#[derive(Debug, Clone)]
pub struct Call {
    pallet: String,
    name: String,
    fields: Vec<Value>,
}

impl Call {
    /// A call of `pallet::name` with `fields` in declaration order.
    pub fn new(pallet: impl Into<String>, name: impl Into<String>, fields: Vec<Value>) -> Call {
        Call {
            pallet: pallet.into(),
            name: name.into(),
            fields,
        }
    }

    /// `pallet::name`, for messages.
    pub fn label(&self) -> String {
        format!("{}::{}", self.pallet, self.name)
    }
}

/// One event a transaction caused, as raw as the layers above need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRecord {
    /// The pallet that emitted it, e.g. `Contracts`.
    pub pallet: String,
    /// The event's name, e.g. `ContractEmitted`.
    pub variant: String,
    /// The record's topics (contract events put their own topics here).
    pub topics: Vec<[u8; 32]>,
    /// The SCALE bytes of the event's fields.
    pub fields: Vec<u8>,
}

impl EventRecord {
    /// True for `pallet::variant`.
    pub fn is(&self, pallet: &str, variant: &str) -> bool {
        self.pallet == pallet && self.variant == variant
    }
}

/// A transaction that made it into a block and succeeded.
#[derive(Debug, Clone)]
pub struct Included {
    /// The block it is in.
    pub block: Block,
    /// The transaction's hash.
    pub extrinsic_hash: [u8; 32],
    /// The events it caused, in order.
    pub events: Vec<EventRecord>,
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

    /// The nonce `account`'s next transaction needs, counting those waiting
    /// in the node's pool (`system_accountNextIndex`).
    ///
    /// # Errors
    /// [`Error::Node`] if the node does not answer.
    pub async fn next_nonce(&self, account: &AccountId) -> Result<u64> {
        self.inner
            .rpc
            .system_account_next_index(&account32(account))
            .await
            .map_err(|e| self.node_error(e))
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

    /// Signs `call`, submits it, and waits until it is in a block.
    ///
    /// # Errors
    /// See [`Chain::submit_with`].
    pub async fn submit(&self, call: &Call, signer: &Signer) -> Result<Included> {
        self.submit_with(call, signer, Wait::InBlock, &|_| {}).await
    }

    /// Signs `call` with the account's next nonce, submits it, reports each
    /// step to `progress`, and waits as `wait` says. Several transactions of
    /// one account may be submitted in a row or at once: nonces are handed
    /// out one at a time per account. Different accounts do not wait on each
    /// other.
    ///
    /// # Errors
    /// - [`Error::InsufficientFunds`] if the account cannot pay the fee (the
    ///   pool refuses it) or the call fails for want of funds.
    /// - [`Error::Rejected`] if the pool refuses or drops it.
    /// - [`Error::Dispatch`] if it is in a block but failed.
    /// - [`Error::Timeout`] after [`INCLUSION_TIMEOUT`].
    pub async fn submit_with(
        &self,
        call: &Call,
        signer: &Signer,
        wait: Wait,
        progress: &(dyn Fn(TxProgress) + Send + Sync),
    ) -> Result<Included> {
        let payload = subxt::dynamic::transaction(
            call.pallet.as_str(),
            call.name.as_str(),
            call.fields.clone(),
        );
        let account = signer.account();
        let slot = self.inner.nonces.slot(&account);

        // The slot stays locked from choosing the nonce until the pool has
        // the transaction, so two submissions of one account never share one.
        let mut watch = {
            let mut last_used = slot.lock().await;
            let best = self.best_block().await?;
            let at = self.at_block(best).await?;
            let pool_next = self.next_nonce(&account).await?;
            // The pool may not count a transaction accepted a moment ago yet.
            let nonce = last_used.map_or(pool_next, |next| next.max(pool_next));
            let params = PolkadotExtrinsicParamsBuilder::<PolkadotConfig>::new()
                .nonce(nonce)
                .mortal_from_unchecked(MORTALITY, best.number, H256(best.hash))
                .build();
            let tx = at
                .transactions()
                .create_signable_offline(&payload, params)
                .and_then(|mut signable| signable.sign(signer.pair()))
                .map_err(|e| Error::InvalidInput(format!("{}: {e}", call.label())))?;
            progress(TxProgress::Signed { nonce });
            match tx.submit_and_watch().await {
                Ok(watch) => {
                    *last_used = Some(nonce.saturating_add(1));
                    progress(TxProgress::Submitted { hash: tx.hash().0 });
                    watch
                }
                Err(e) => {
                    // Forget the local count: the chain's is the truth again.
                    *last_used = None;
                    // The pool's RPC error says only "Invalid Transaction";
                    // the runtime's validation says why.
                    return Err(match tx.validate().await {
                        Ok(ValidationResult::Invalid(TransactionInvalid::Payment)) => {
                            Error::InsufficientFunds(format!(
                                "{} cannot pay the transaction fee",
                                hex_account(&account)
                            ))
                        }
                        Ok(ValidationResult::Invalid(why)) => {
                            Error::Rejected(format!("{}: invalid: {why:?}", call.label()))
                        }
                        _ if looks_disconnected(&e.to_string()) => self.node_error(e),
                        _ => pool_error(&e.to_string()),
                    });
                }
            }
        };

        let in_block = timeout(INCLUSION_TIMEOUT, async {
            while let Some(status) = watch.next().await {
                match status.map_err(|e| self.node_error(e))? {
                    TransactionStatus::InBestBlock(in_block) => {
                        progress(TxProgress::InBlock {
                            block: in_block.block_hash().0,
                        });
                        if wait == Wait::InBlock {
                            return Ok(in_block);
                        }
                    }
                    TransactionStatus::InFinalizedBlock(in_block) => {
                        progress(TxProgress::Finalized {
                            block: in_block.block_hash().0,
                        });
                        return Ok(in_block);
                    }
                    TransactionStatus::Error { message }
                    | TransactionStatus::Invalid { message }
                    | TransactionStatus::Dropped { message } => {
                        *slot.lock().await = None;
                        return Err(pool_error(&message));
                    }
                    _ => {}
                }
            }
            Err(Error::Rejected(
                "the node ended the transaction's status stream".into(),
            ))
        })
        .await
        .map_err(|_| Error::Timeout {
            what: "the transaction to be included",
            after: INCLUSION_TIMEOUT,
        })??;

        let events = in_block
            .fetch_events()
            .await
            .map_err(|e| self.node_error(e))?;
        let mut records = Vec::new();
        for event in events.iter() {
            let event = event.map_err(|e| Error::decode("an event", e))?;
            let record = EventRecord {
                pallet: event.pallet_name().to_string(),
                variant: event.event_name().to_string(),
                topics: event.topics().iter().map(|t| t.0).collect(),
                fields: event.field_bytes().to_vec(),
            };
            if record.is("System", "ExtrinsicFailed") {
                // The fields start with the DispatchError.
                let failure = self.decode_dispatch_error(&mut &record.fields[..])?;
                return Err(failure.into());
            }
            records.push(record);
        }
        Ok(Included {
            block: self.block(H256(in_block.block_hash().0)).await?,
            extrinsic_hash: in_block.extrinsic_hash().0,
            events: records,
        })
    }

    /// Moves `amount` from the signer to `to` (`Balances::transfer_allow_death`).
    ///
    /// # Errors
    /// As [`Chain::submit`]; [`Error::InsufficientFunds`] if the signer lacks it.
    pub async fn transfer(
        &self,
        signer: &Signer,
        to: &AccountId,
        amount: Balance,
    ) -> Result<Included> {
        let call = Call::new(
            "Balances",
            "transfer_allow_death",
            vec![address_value(to), Value::u128(amount)],
        );
        self.submit(&call, signer).await
    }

    /// Makes `n` blocks on a dev chain (which seals only when there is a
    /// transaction) by submitting `n` `System::remark`s one after another,
    /// each awaited in its block; `progress` gets (blocks made, height).
    /// Returns the new best height.
    ///
    /// # Errors
    /// As [`Chain::submit`], and [`Error::Node`] if the height grew by less than `n`.
    pub async fn advance_blocks(
        &self,
        signer: &Signer,
        n: u32,
        progress: &(dyn Fn(u32, u64) + Send + Sync),
    ) -> Result<u64> {
        let start = self.best_block().await?.number;
        for made in 1..=n {
            let remark = format!("coop: advance block {made} of {n}");
            let call = Call::new("System", "remark", vec![Value::from_bytes(remark)]);
            let included = self.submit(&call, signer).await?;
            progress(made, included.block.number);
        }
        let end = self.best_block().await?.number;
        let grown = end.saturating_sub(start);
        if grown < u64::from(n) {
            return Err(Error::Node(format!(
                "the chain grew by {grown} blocks, not {n} (is it a dev chain sealing per transaction?)"
            )));
        }
        Ok(end)
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

    /// Every event of `block`, in order, with the transaction that caused
    /// each. Reading an old block needs its state: a node that prunes state
    /// (the default keeps 256 blocks) cannot answer for older blocks.
    ///
    /// # Errors
    /// [`Error::StateUnavailable`] if the node no longer has the block's
    /// state; [`Error::Node`] or [`Error::Decode`] otherwise.
    pub async fn events_at(&self, block: Block) -> Result<Vec<BlockEvent>> {
        let unavailable = |reason: String| {
            if looks_pruned(&reason) {
                Error::StateUnavailable {
                    block: block.number,
                    reason,
                }
            } else {
                self.node_error(reason)
            }
        };
        let at = self
            .at_block(block)
            .await
            .map_err(|e| unavailable(e.to_string()))?;
        let events = at
            .events()
            .fetch()
            .await
            .map_err(|e| unavailable(e.to_string()))?;
        let mut found = Vec::new();
        for event in events.iter() {
            let event = event.map_err(|e| Error::decode("an event", e))?;
            let extrinsic = match event.phase() {
                subxt::events::Phase::ApplyExtrinsic(index) => Some(index),
                _ => None,
            };
            found.push(BlockEvent {
                block,
                index: event.index(),
                extrinsic,
                record: EventRecord {
                    pallet: event.pallet_name().to_string(),
                    variant: event.event_name().to_string(),
                    topics: event.topics().iter().map(|t| t.0).collect(),
                    fields: event.field_bytes().to_vec(),
                },
            });
        }
        Ok(found)
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

    /// The raw SCALE value of the storage map entry `pallet::entry` whose
    /// single key is 32 bytes (an account or a hash), at the best block;
    /// `None` if there is no entry. Callers decode it: they know the pallet.
    ///
    /// # Errors
    /// [`Error::Node`] if the entry does not exist in the metadata or the
    /// node does not answer.
    pub async fn storage_map_bytes(
        &self,
        pallet: &str,
        entry: &str,
        key: [u8; 32],
    ) -> Result<Option<Vec<u8>>> {
        let at = self.at_best().await?;
        let address = subxt::dynamic::storage::<([u8; 32],), Value>(pallet, entry);
        let value = at
            .storage()
            .try_fetch(address, (key,))
            .await
            .map_err(|e| self.node_error(format!("{pallet}::{entry}: {e}")))?;
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
            .map_err(|e| {
                let reason = format!("{method}: {e}");
                if looks_pruned(&reason) {
                    Error::StateUnavailable {
                        block: block.number,
                        reason,
                    }
                } else {
                    self.node_error(reason)
                }
            })
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
            .map_err(|e| self.node_error(format!("{method}: {e}")))
    }

    /// Decodes a runtime `DispatchError` from the front of `bytes` (moving
    /// past it) and names it from the node's metadata.
    ///
    /// # Errors
    /// [`Error::Decode`] if the bytes are not a `DispatchError`.
    pub fn decode_dispatch_error(&self, bytes: &mut &[u8]) -> Result<DispatchFailure> {
        const WHAT: &str = "a dispatch error";
        let metadata = &self.inner.metadata;
        let ty = metadata
            .dispatch_error_ty()
            .ok_or_else(|| Error::decode(WHAT, "the metadata has no DispatchError type"))?;
        let start: &[u8] = bytes;
        let value = scale_value::scale::decode_as_type(bytes, ty, metadata.types())
            .map_err(|e| Error::decode(WHAT, e))?;
        let ValueDef::Variant(variant) = value.value else {
            return Err(Error::decode(WHAT, "not an enum"));
        };
        if variant.name == "Module" {
            // SCALE layout: variant index, pallet index, error index, 3 more bytes.
            let (Some(&pallet_index), Some(&error_index)) = (start.get(1), start.get(2)) else {
                return Err(Error::decode(WHAT, "module error too short"));
            };
            let pallet = metadata
                .pallet_by_error_index(pallet_index)
                .ok_or_else(|| {
                    Error::decode(WHAT, format!("no pallet with index {pallet_index}"))
                })?;
            let error = pallet.error_variant_by_index(error_index).ok_or_else(|| {
                Error::decode(
                    WHAT,
                    format!("{} has no error {error_index}", pallet.name()),
                )
            })?;
            return Ok(DispatchFailure {
                pallet: Some(pallet.name().to_string()),
                name: error.name.clone(),
                docs: error.docs.join(" "),
            });
        }
        // Runtime errors such as `Token(FundsUnavailable)`: name the inner variant too.
        let inner = variant.values.values().next().and_then(|v| match &v.value {
            ValueDef::Variant(inner) => Some(inner.name.clone()),
            _ => None,
        });
        let docs = variant_docs(metadata, ty, &variant.name);
        Ok(DispatchFailure {
            pallet: None,
            name: match inner {
                Some(inner) => format!("{}::{inner}", variant.name),
                None => variant.name,
            },
            docs,
        })
    }

    /// A failed request as an error: [`Error::Unreachable`] when the
    /// connection is gone (the node stopped, or the network dropped it),
    /// [`Error::Node`] otherwise. The connection is not reopened behind the
    /// caller's back: every later request fails the same way at once, and a
    /// new [`Chain::connect`] is the way back.
    fn node_error(&self, err: impl std::fmt::Display) -> Error {
        let reason = err.to_string();
        if looks_disconnected(&reason) {
            Error::Unreachable {
                url: self.inner.url.clone(),
                reason: "the connection to the node was lost (did the node stop?)".into(),
            }
        } else {
            Error::Node(reason)
        }
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
            .map_err(|e| self.node_error(e))
    }
}

/// One event of a block, where it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlockEvent {
    /// The block.
    pub block: Block,
    /// The event's position among the block's events.
    pub index: u32,
    /// The transaction (its index in the block) that caused it; `None` for
    /// the block's own initialization and finalization.
    pub extrinsic: Option<u32>,
    /// The event.
    pub record: EventRecord,
}

/// A balance transfer (`Balances::Transfer`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transfer {
    /// Who paid.
    pub from: AccountId,
    /// Who received.
    pub to: AccountId,
    /// How much.
    pub amount: Balance,
}

impl EventRecord {
    /// The transfer this event records, if it is a `Balances::Transfer`.
    pub fn transfer(&self) -> Option<Transfer> {
        use parity_scale_codec::Decode as _;
        if !self.is("Balances", "Transfer") {
            return None;
        }
        let (from, to, amount) =
            <(AccountId, AccountId, Balance)>::decode(&mut &self.fields[..]).ok()?;
        Some(Transfer { from, to, amount })
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

/// Whether a node's error says it no longer has a block's state.
fn looks_pruned(reason: &str) -> bool {
    let reason = reason.to_ascii_lowercase();
    [
        "discarded",
        "pruned",
        "unknownblock",
        "unknown block",
        "not found",
    ]
    .iter()
    .any(|needle| reason.contains(needle))
}

/// Whether an RPC error says the connection itself is gone, in the words of
/// jsonrpsee (the transport under subxt): its background task ends when the
/// socket closes, and every request after that fails with "restart required".
fn looks_disconnected(reason: &str) -> bool {
    let reason = reason.to_ascii_lowercase();
    [
        "restart required",
        "background task closed",
        "connection was closed",
        "connection reset",
        "broken pipe",
    ]
    .iter()
    .any(|needle| reason.contains(needle))
}

/// An account as the `MultiAddress::Id` the runtime's calls take.
pub fn address_value(account: &AccountId) -> Value {
    Value::unnamed_variant(
        "Id",
        [Value::from_bytes(AsRef::<[u8; 32]>::as_ref(account))],
    )
}

fn account32(account: &AccountId) -> AccountId32 {
    AccountId32(*AsRef::<[u8; 32]>::as_ref(account))
}

/// Turns the pool's refusal into a typed error; the pool states an
/// unpayable fee in words only.
fn pool_error(message: &str) -> Error {
    if message.contains("Inability to pay some fees") || message.contains("balance too low") {
        Error::InsufficientFunds(format!("cannot pay the transaction fee ({message})"))
    } else {
        Error::Rejected(message.to_string())
    }
}

/// The docs of variant `name` of enum type `ty`, joined into one line.
fn variant_docs(metadata: &ArcMetadata, ty: u32, name: &str) -> String {
    match metadata.types().resolve(ty).map(|t| &t.type_def) {
        Some(scale_info::TypeDef::Variant(def)) => def
            .variants
            .iter()
            .find(|v| v.name == name)
            .map(|v| v.docs.join(" "))
            .unwrap_or_default(),
        _ => String::new(),
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

/// One account's next nonce as this client last handed it out, locked
/// while a transaction of that account is being signed and submitted.
type NonceSlot = Arc<tokio::sync::Mutex<Option<u64>>>;

/// Per-account nonce bookkeeping: the next nonce this client handed out,
/// behind an async lock per account.
#[derive(Default)]
struct Nonces {
    slots: std::sync::Mutex<HashMap<[u8; 32], NonceSlot>>,
}

impl Nonces {
    fn slot(&self, account: &AccountId) -> NonceSlot {
        // A panic elsewhere cannot leave the map half-written, so a poisoned
        // lock is still safe to use.
        let mut slots = self
            .slots
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        slots
            .entry(*AsRef::<[u8; 32]>::as_ref(account))
            .or_default()
            .clone()
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

    #[test]
    fn pruned_state_is_recognised_in_the_nodes_words() {
        assert!(looks_pruned(
            "State already discarded for 0x1234 (UnknownBlock)"
        ));
        assert!(!looks_pruned("connection reset by peer"));
    }

    #[test]
    fn a_lost_connection_is_recognised_in_jsonrpsees_words() {
        assert!(looks_disconnected(
            "ContractsApi_call: RPC error: client error: The background task closed \
             Connection was closed: CloseReason { code: 1000, descr: Some(\"\") }; restart required"
        ));
        assert!(!looks_disconnected("State already discarded for 0x1234"));
        assert!(!looks_disconnected("Invalid Transaction"));
    }

    #[test]
    fn dispatch_failures_name_funds_problems() {
        let failure = |pallet: Option<&str>, name: &str| DispatchFailure {
            pallet: pallet.map(str::to_string),
            name: name.into(),
            docs: String::new(),
        };
        assert!(failure(Some("Balances"), "InsufficientBalance").is_insufficient_funds());
        assert!(failure(None, "Token::FundsUnavailable").is_insufficient_funds());
        assert!(!failure(Some("Balances"), "ExistentialDeposit").is_insufficient_funds());
        assert!(matches!(
            Error::from(failure(None, "BadOrigin")),
            Error::Dispatch(_)
        ));
    }
}
