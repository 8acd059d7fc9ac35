//! Contract events: finding a contract's events among a block's by their
//! first topic, and decoding them as the coop's event types.

use super::ink::decode_all;
use crate::chain::EventRecord;
use crate::error::{Error, Result};
use coop_shared::{AccountId, CoopEvent};
use parity_scale_codec::Decode;

/// The first topic of event `E`: BLAKE2b-256 of its signature.
pub fn event_topic<E: CoopEvent>() -> [u8; 32] {
    sp_crypto_hashing::blake2_256(E::SIGNATURE.as_bytes())
}

/// An event a contract emitted (`Contracts::ContractEmitted` or
/// `Revive::ContractEmitted`), undecoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractEvent {
    /// The contract that emitted it (on pallet-revive, its padded account).
    pub contract: AccountId,
    /// Its topics; ink! puts BLAKE2b-256 of the event's signature first.
    pub topics: Vec<[u8; 32]>,
    /// The event's SCALE bytes.
    pub data: Vec<u8>,
}

impl ContractEvent {
    /// The contract event `record` carries, if it is one.
    pub fn from_record(record: &EventRecord) -> Option<ContractEvent> {
        if record.is("Contracts", "ContractEmitted") {
            // pallet-contracts puts the topics on the runtime event itself.
            return Some(ContractEvent {
                contract: record.decode_field::<AccountId>("contract")?,
                topics: record.topics.clone(),
                data: record.decode_field::<Vec<u8>>("data")?,
            });
        }
        if record.is("Revive", "ContractEmitted") {
            // pallet-revive carries them in a field, and names the contract
            // by its 20-byte address.
            let address = record.decode_field::<[u8; 20]>("contract")?;
            return Some(ContractEvent {
                contract: super::revive::padded_account(&address),
                topics: record.decode_field::<Vec<[u8; 32]>>("topics")?,
                data: record.decode_field::<Vec<u8>>("data")?,
            });
        }
        None
    }

    /// Decodes it as `E` if its first topic is `E`'s; `None` for another event.
    ///
    /// # Errors
    /// [`Error::Decode`] if it has `E`'s topic but does not decode as `E`.
    pub fn decode<E: CoopEvent + Decode>(&self) -> Result<Option<E>> {
        if self.topics.first() != Some(&event_topic::<E>()) {
            return Ok(None);
        }
        decode_all::<E>(E::SIGNATURE, &self.data).map(Some)
    }
}

/// The events of type `E` that `contract` emitted among `events`, found by
/// their first topic (BLAKE2b-256 of `E::SIGNATURE`).
///
/// # Errors
/// [`Error::Decode`] if such an event does not decode as `E`.
pub fn decode_events<E: CoopEvent + Decode>(
    events: &[EventRecord],
    contract: &AccountId,
) -> Result<Vec<E>> {
    let mut found = Vec::new();
    for record in events {
        let emitted =
            record.is("Contracts", "ContractEmitted") || record.is("Revive", "ContractEmitted");
        if !emitted {
            continue;
        }
        let event = ContractEvent::from_record(record)
            .ok_or_else(|| Error::decode("a ContractEmitted event", "its fields do not decode"))?;
        if &event.contract == contract {
            if let Some(decoded) = event.decode::<E>()? {
                found.push(decoded);
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use coop_shared::membership::MemberJoined;
    use parity_scale_codec::Encode;

    #[test]
    fn events_are_found_by_topic_and_emitter() {
        let contract = AccountId::from([9u8; 32]);
        let joined = MemberJoined {
            member: AccountId::from([1u8; 32]),
            share: 4,
            joined_at: 12,
        };
        let record = |emitter: AccountId, topic: [u8; 32]| EventRecord {
            pallet: "Contracts".into(),
            variant: "ContractEmitted".into(),
            topics: vec![topic],
            fields: vec![
                ("contract".into(), emitter.encode()),
                ("data".into(), joined.encode().encode()),
            ],
        };
        let events = vec![
            record(contract, event_topic::<MemberJoined>()),
            record(AccountId::from([8u8; 32]), event_topic::<MemberJoined>()),
            record(contract, [0u8; 32]),
        ];
        let found: Vec<MemberJoined> = decode_events(&events, &contract).expect("decodes");
        assert_eq!(found, vec![joined]);
    }
}
