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
    /// The event's fields as the node's metadata names them, each with its
    /// own SCALE bytes (an unnamed field is named by its position: `0`, `1`).
    pub fields: Vec<(String, Vec<u8>)>,
}

impl EventRecord {
    /// True for `pallet::variant`.
    pub fn is(&self, pallet: &str, variant: &str) -> bool {
        self.pallet == pallet && self.variant == variant
    }

    /// The SCALE bytes of the field called `name`.
    pub fn field(&self, name: &str) -> Option<&[u8]> {
        self.fields
            .iter()
            .find(|(field, _)| field == name)
            .map(|(_, bytes)| bytes.as_slice())
    }

    /// The field called `name` decoded as a `T`; `None` if there is no such
    /// field or its bytes are not exactly one `T`.
    pub fn decode_field<T: parity_scale_codec::Decode>(&self, name: &str) -> Option<T> {
        let bytes = &mut self.field(name)?;
        let value = T::decode(bytes).ok()?;
        bytes.is_empty().then_some(value)
    }
}

/// Splits the field bytes of the event with these pallet and variant
/// indices into its fields, named from the node's metadata: each field is
/// decoded by its type only to learn where it ends.
pub(crate) fn named_fields(
    metadata: &ArcMetadata,
    pallet_index: u8,
    event_index: u8,
    bytes: &[u8],
) -> Result<Vec<(String, Vec<u8>)>> {
    const WHAT: &str = "an event's fields";
    let variant = metadata
        .pallet_by_event_index(pallet_index)
        .and_then(|pallet| pallet.event_variant_by_index(event_index))
        .ok_or_else(|| Error::decode(WHAT, "no such event in the metadata"))?;
    let mut rest = bytes;
    let mut fields = Vec::with_capacity(variant.fields.len());
    for (position, field) in variant.fields.iter().enumerate() {
        let start = rest;
        scale_value::scale::decode_as_type(&mut rest, field.ty.id, metadata.types())
            .map_err(|e| Error::decode(WHAT, e))?;
        let used = start.len().saturating_sub(rest.len());
        let name = field.name.clone().unwrap_or_else(|| position.to_string());
        fields.push((name, start[..used].to_vec()));
    }
    Ok(fields)
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
        if !self.is("Balances", "Transfer") {
            return None;
        }
        Some(Transfer {
            from: self.decode_field("from")?,
            to: self.decode_field("to")?,
            amount: self.decode_field("amount")?,
        })
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
        let at = self.at_block(block).await?;
        let events = at
            .events()
            .fetch()
            .await
            .map_err(|e| self.state_error(block, "", e))?;
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
                    fields: named_fields(
                        &self.inner.metadata,
                        event.pallet_index(),
                        event.event_index(),
                        event.field_bytes(),
                    )?,
                },
            });
        }
        Ok(found)
    }
}
