//! A block's events as the client reads them: pallet, variant, topics and
//! field bytes, where they happened, and the balance transfers among them.

use super::*;

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

impl Chain {
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
}
