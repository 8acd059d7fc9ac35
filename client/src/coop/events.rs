//! A coop's events, decoded from a block's events: both contracts' own
//! events and plain balance transfers into the treasury.

use crate::chain::{BlockEvent, Transfer};
use crate::contracts::ContractEvent;
use crate::Result;
use coop_shared::governance::{
    CapitalPaidIn, CapitalRepaid, CoopFounded, Deposited, OfferAccepted, PaymentMade,
    ProposalClosed, ProposalMade, ProposalWithdrawn, ProxyAppointed, ProxyRevoked, Pruned,
    RulesChanged, VoteCast,
};
use coop_shared::membership::{
    KeyRotated, MemberExpelled, MemberJoined, MemberResigned, RegisterCreated, ShareReactivated,
    ShareReleased, ShareSuspended,
};
use coop_shared::AccountId;

/// Something that happened to a coop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The register was created (by governance, at deployment).
    RegisterCreated(RegisterCreated),
    /// A share was issued.
    MemberJoined(MemberJoined),
    /// A member resigned.
    MemberResigned(MemberResigned),
    /// A member was expelled.
    MemberExpelled(MemberExpelled),
    /// A share moved to a new key.
    KeyRotated(KeyRotated),
    /// A dormant share was suspended.
    ShareSuspended(ShareSuspended),
    /// A suspended share's holder returned.
    ShareReactivated(ShareReactivated),
    /// An expelled member freed their old share's storage.
    ShareReleased(ShareReleased),
    /// An admitted account accepted its offer.
    OfferAccepted(OfferAccepted),
    /// A member pruned their storage of a closed proposal.
    Pruned(Pruned),
    /// Governance was created.
    CoopFounded(CoopFounded),
    /// A proposal was made.
    ProposalMade(Box<ProposalMade>),
    /// A vote was cast.
    VoteCast(VoteCast),
    /// A proposal was withdrawn.
    ProposalWithdrawn(ProposalWithdrawn),
    /// A proposal was closed by `execute`.
    ProposalClosed(ProposalClosed),
    /// Funds went into the treasury through `deposit` (or at founding).
    Deposited(Deposited),
    /// The treasury paid by decision.
    PaymentMade(PaymentMade),
    /// The rules changed by decision.
    RulesChanged(RulesChanged),
    /// A share's member capital was paid in (accepting an offer, or at
    /// founding from the founding funds).
    CapitalPaidIn(CapitalPaidIn),
    /// A leaving share's member capital was paid back at par.
    CapitalRepaid(CapitalRepaid),
    /// A member appointed a proxy.
    ProxyAppointed(ProxyAppointed),
    /// A proxy appointment ended.
    ProxyRevoked(ProxyRevoked),
    /// A `Balances::Transfer` into the treasury. A `deposit` causes one
    /// beside its `Deposited`, and founding one for the contract's
    /// endowment; a plain transfer is one with neither in its transaction
    /// (see [`super::Record::transfer_kind`]).
    TransferIn(Transfer),
}

impl Event {
    /// The event's name, as exports and `watch` show it.
    pub fn name(&self) -> &'static str {
        match self {
            Event::RegisterCreated(_) => "RegisterCreated",
            Event::MemberJoined(_) => "MemberJoined",
            Event::MemberResigned(_) => "MemberResigned",
            Event::MemberExpelled(_) => "MemberExpelled",
            Event::KeyRotated(_) => "KeyRotated",
            Event::ShareSuspended(_) => "ShareSuspended",
            Event::ShareReactivated(_) => "ShareReactivated",
            Event::ShareReleased(_) => "ShareReleased",
            Event::OfferAccepted(_) => "OfferAccepted",
            Event::Pruned(_) => "Pruned",
            Event::CoopFounded(_) => "CoopFounded",
            Event::ProposalMade(_) => "ProposalMade",
            Event::VoteCast(_) => "VoteCast",
            Event::ProposalWithdrawn(_) => "ProposalWithdrawn",
            Event::ProposalClosed(_) => "ProposalClosed",
            Event::Deposited(_) => "Deposited",
            Event::PaymentMade(_) => "PaymentMade",
            Event::RulesChanged(_) => "RulesChanged",
            Event::CapitalPaidIn(_) => "CapitalPaidIn",
            Event::CapitalRepaid(_) => "CapitalRepaid",
            Event::ProxyAppointed(_) => "ProxyAppointed",
            Event::ProxyRevoked(_) => "ProxyRevoked",
            Event::TransferIn(_) => "TransferIn",
        }
    }
}

/// An event and where it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logged {
    /// The block's height.
    pub block: u64,
    /// The block's hash.
    pub block_hash: [u8; 32],
    /// The event's position among the block's events.
    pub index: u32,
    /// The transaction (its index in the block) that caused it.
    pub extrinsic: Option<u32>,
    /// What happened.
    pub event: Event,
}

/// The coop's events among a block's events, in order. Events of other
/// contracts and other pallets are skipped.
///
/// # Errors
/// [`crate::Error::Decode`] if an event of the coop's contracts carries a
/// known topic but does not decode.
pub fn coop_events(
    events: &[BlockEvent],
    governance: &AccountId,
    membership: &AccountId,
) -> Result<Vec<Logged>> {
    let mut found = Vec::new();
    for event in events {
        let decoded = if let Some(transfer) = event.record.transfer() {
            (&transfer.to == governance).then_some(Event::TransferIn(transfer))
        } else if let Some(emitted) = ContractEvent::from_record(&event.record) {
            if &emitted.contract == governance {
                governance_event(&emitted)?
            } else if &emitted.contract == membership {
                membership_event(&emitted)?
            } else {
                None
            }
        } else {
            None
        };
        if let Some(decoded) = decoded {
            found.push(Logged {
                block: event.block.number,
                block_hash: event.block.hash,
                index: event.index,
                extrinsic: event.extrinsic,
                event: decoded,
            });
        }
    }
    Ok(found)
}

/// What a `TransferIn` among `events` was: `deposit` (its transaction also
/// emitted a `Deposited` of the same payer and amount), `capital` (a new
/// member's capital, with its `CapitalPaidIn`), `founding` (the
/// instantiation's endowment, in the transaction that founded the coop) or
/// `transfer` (a plain balance transfer to the treasury). Empty for any
/// other event.
pub fn transfer_kind(events: &[Logged], logged: &Logged) -> &'static str {
    let Event::TransferIn(t) = &logged.event else {
        return "";
    };
    let same_tx =
        |other: &&Logged| other.block == logged.block && other.extrinsic == logged.extrinsic;
    let txs: Vec<&Logged> = events.iter().filter(same_tx).collect();
    if txs.iter().any(
        |o| matches!(&o.event, Event::Deposited(d) if d.from == t.from && d.amount == t.amount),
    ) {
        "deposit"
    } else if txs.iter().any(|o| {
        matches!(&o.event, Event::CapitalPaidIn(c) if c.account == t.from && c.amount == t.amount)
    }) {
        "capital"
    } else if txs
        .iter()
        .any(|o| matches!(&o.event, Event::CoopFounded(_)))
    {
        "founding"
    } else {
        "transfer"
    }
}

fn governance_event(e: &ContractEvent) -> Result<Option<Event>> {
    if let Some(v) = e.decode::<ProposalMade>()? {
        return Ok(Some(Event::ProposalMade(Box::new(v))));
    }
    if let Some(v) = e.decode::<VoteCast>()? {
        return Ok(Some(Event::VoteCast(v)));
    }
    if let Some(v) = e.decode::<ProposalWithdrawn>()? {
        return Ok(Some(Event::ProposalWithdrawn(v)));
    }
    if let Some(v) = e.decode::<ProposalClosed>()? {
        return Ok(Some(Event::ProposalClosed(v)));
    }
    if let Some(v) = e.decode::<Deposited>()? {
        return Ok(Some(Event::Deposited(v)));
    }
    if let Some(v) = e.decode::<PaymentMade>()? {
        return Ok(Some(Event::PaymentMade(v)));
    }
    if let Some(v) = e.decode::<RulesChanged>()? {
        return Ok(Some(Event::RulesChanged(v)));
    }
    if let Some(v) = e.decode::<CoopFounded>()? {
        return Ok(Some(Event::CoopFounded(v)));
    }
    if let Some(v) = e.decode::<OfferAccepted>()? {
        return Ok(Some(Event::OfferAccepted(v)));
    }
    if let Some(v) = e.decode::<Pruned>()? {
        return Ok(Some(Event::Pruned(v)));
    }
    if let Some(v) = e.decode::<CapitalPaidIn>()? {
        return Ok(Some(Event::CapitalPaidIn(v)));
    }
    if let Some(v) = e.decode::<CapitalRepaid>()? {
        return Ok(Some(Event::CapitalRepaid(v)));
    }
    if let Some(v) = e.decode::<ProxyAppointed>()? {
        return Ok(Some(Event::ProxyAppointed(v)));
    }
    if let Some(v) = e.decode::<ProxyRevoked>()? {
        return Ok(Some(Event::ProxyRevoked(v)));
    }
    Ok(None)
}

fn membership_event(e: &ContractEvent) -> Result<Option<Event>> {
    if let Some(v) = e.decode::<MemberJoined>()? {
        return Ok(Some(Event::MemberJoined(v)));
    }
    if let Some(v) = e.decode::<MemberResigned>()? {
        return Ok(Some(Event::MemberResigned(v)));
    }
    if let Some(v) = e.decode::<MemberExpelled>()? {
        return Ok(Some(Event::MemberExpelled(v)));
    }
    if let Some(v) = e.decode::<KeyRotated>()? {
        return Ok(Some(Event::KeyRotated(v)));
    }
    if let Some(v) = e.decode::<ShareSuspended>()? {
        return Ok(Some(Event::ShareSuspended(v)));
    }
    if let Some(v) = e.decode::<ShareReactivated>()? {
        return Ok(Some(Event::ShareReactivated(v)));
    }
    if let Some(v) = e.decode::<ShareReleased>()? {
        return Ok(Some(Event::ShareReleased(v)));
    }
    if let Some(v) = e.decode::<RegisterCreated>()? {
        return Ok(Some(Event::RegisterCreated(v)));
    }
    Ok(None)
}
