//! Whether a transaction fits in this chain's blocks. The pool checks a
//! transaction against the largest one the runtime allows, but not against
//! what blocks actually leave after the runtime's own work (hooks and
//! inherents, which on a parachain can take most of a block's proof
//! budget): a transaction the pool accepts may then wait forever. The
//! client asks first and refuses such a transaction by its figures.

use super::*;
use parity_scale_codec::{Decode, Encode};

/// A weight as the runtime encodes it, in its two dimensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Encode, Decode)]
pub struct Weight {
    /// Computation time, in picoseconds.
    #[codec(compact)]
    pub ref_time: u64,
    /// Proof size, in bytes.
    #[codec(compact)]
    pub proof_size: u64,
}

impl Weight {
    fn pair(self) -> (u64, u64) {
        (self.ref_time, self.proof_size)
    }
}

/// `frame_system::limits::WeightsPerClass`.
#[derive(Decode)]
struct PerClass {
    _base_extrinsic: Weight,
    max_extrinsic: Option<Weight>,
    _max_total: Option<Weight>,
    _reserved: Option<Weight>,
}

/// `frame_system::limits::BlockWeights`, normal class first as encoded.
#[derive(Decode)]
struct BlockWeights {
    _base_block: Weight,
    max_block: Weight,
    normal: PerClass,
    _operational: PerClass,
    _mandatory: PerClass,
}

/// `frame_system`'s `BlockWeight`: what a block's three classes used.
#[derive(Decode)]
struct Consumed {
    _normal: Weight,
    _operational: Weight,
    mandatory: Weight,
}

/// What a transaction needs and what blocks leave it, when it does not fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Misfit {
    /// The transaction's weight: computation (ps) and proof (bytes).
    pub needs: (u64, u64),
    /// What a block leaves a transaction: the block's limit less the
    /// runtime's own work in the latest block, or the runtime's limit for
    /// one transaction, whichever is smaller.
    pub room: (u64, u64),
}

impl Misfit {
    /// `needs` against `room`: `None` if it fits on both weights.
    fn of(needs: (u64, u64), room: (u64, u64)) -> Option<Misfit> {
        (needs.0 > room.0 || needs.1 > room.1).then_some(Misfit { needs, room })
    }
}

impl std::fmt::Display for Misfit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ms = |ps: u64| ps as f64 / 1e9;
        let kb = |bytes: u64| bytes as f64 / 1024.0;
        write!(
            f,
            "it needs {:.1} ms of computation and {:.0} KB of proof; this chain's blocks leave \
             a transaction {:.1} ms and {:.0} KB after the runtime's own work, so no block would \
             ever include it",
            ms(self.needs.0),
            kb(self.needs.1),
            ms(self.room.0),
            kb(self.room.1)
        )
    }
}

impl Chain {
    /// Refuses `tx` (SCALE-encoded, signed) if no block of this chain could
    /// include it: its weight, as the runtime's own fee estimate reports
    /// it, against the room blocks leave (see [`Misfit`]), at `block`.
    ///
    /// # Errors
    /// [`Error::TooBig`] for a transaction that does not fit, naming
    /// `label`; [`Error::Node`] or [`Error::Decode`] if the chain cannot
    /// tell.
    pub(super) async fn ensure_fits(&self, tx: &[u8], label: &str, block: Block) -> Result<()> {
        let mut args = tx.to_vec();
        u32::try_from(tx.len())
            .map_err(|_| Error::InvalidInput(format!("{label}: too long")))?
            .encode_to(&mut args);
        let info = self
            .runtime_call_at("TransactionPaymentApi_query_info", &args, block)
            .await?;
        let (needs, _class, _fee) = <(Weight, u8, u128)>::decode(&mut info.as_slice())
            .map_err(|e| Error::decode("TransactionPaymentApi_query_info", e))?;

        let at = self.at_block(block).await?;
        let limits = at
            .constants()
            .entry_bytes(subxt::dynamic::constant::<Value>("System", "BlockWeights"))
            .map_err(|e| self.node_error_in("System::BlockWeights", e))?;
        let limits = BlockWeights::decode(&mut limits.as_slice())
            .map_err(|e| Error::decode("System::BlockWeights", e))?;
        let used = at
            .storage()
            .try_fetch(
                subxt::dynamic::storage::<(), Value>("System", "BlockWeight"),
                (),
            )
            .await
            .map_err(|e| self.node_error_in("System::BlockWeight", e))?
            .map(|value| Consumed::decode(&mut value.bytes()))
            .transpose()
            .map_err(|e| Error::decode("System::BlockWeight", e))?;

        let max_block = limits.max_block.pair();
        let own = used.map_or((0, 0), |used| used.mandatory.pair());
        let mut room = (
            max_block.0.saturating_sub(own.0),
            max_block.1.saturating_sub(own.1),
        );
        if let Some(max) = limits.normal.max_extrinsic {
            let max = max.pair();
            room = (room.0.min(max.0), room.1.min(max.1));
        }
        match Misfit::of(needs.pair(), room) {
            None => Ok(()),
            Some(misfit) => Err(Error::TooBig {
                what: label.to_owned(),
                misfit,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_transaction_fits_only_within_both_weights() {
        assert_eq!(Misfit::of((10, 10), (10, 10)), None);
        assert!(Misfit::of((11, 10), (10, 10)).is_some());
        assert!(Misfit::of((10, 11), (10, 10)).is_some());
    }

    #[test]
    fn a_misfit_reads_in_milliseconds_and_kilobytes() {
        let misfit = Misfit {
            needs: (52_000_000_000, 2_400 * 1024),
            room: (1_399_875_000_000, 1_830 * 1024),
        };
        assert_eq!(
            misfit.to_string(),
            "it needs 52.0 ms of computation and 2400 KB of proof; this chain's blocks leave a \
             transaction 1399.9 ms and 1830 KB after the runtime's own work, so no block would \
             ever include it"
        );
    }
}
