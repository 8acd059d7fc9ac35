//! A handle on one deployed contract: its address and its kind, so only
//! that contract's messages can be sent to it, every call typed end to end.
//! The coop layer, the tests and the bench all talk to the coop's
//! contracts through these.

use super::{CallResult, Contracts, DryRun, Outcome};
use crate::chain::{Block, Signer};
use crate::error::Result;
use coop_shared::governance::Governance as GovernanceContract;
use coop_shared::membership::Register as RegisterContract;
use coop_shared::{AccountId, Balance, Contract, CoopEvent, Message};
use parity_scale_codec::{Decode, Encode};
use std::marker::PhantomData;

/// The coop's governance contract.
pub type Governance = Handle<GovernanceContract>;

/// The coop's share register.
pub type Register = Handle<RegisterContract>;

/// Contract `C` at one address, through pallet-contracts.
pub struct Handle<C> {
    contracts: Contracts,
    address: AccountId,
    kind: PhantomData<fn() -> C>,
}

impl<C> Clone for Handle<C> {
    fn clone(&self) -> Self {
        Handle {
            contracts: self.contracts.clone(),
            address: self.address,
            kind: PhantomData,
        }
    }
}

impl<C: Contract> std::fmt::Debug for Handle<C> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Handle")
            .field("contract", &C::NAME)
            .field("address", &self.address)
            .finish()
    }
}

impl<C: Contract> Handle<C> {
    /// The contract of kind `C` at `address`, trusted as given.
    pub fn at(contracts: Contracts, address: AccountId) -> Self {
        Handle {
            contracts,
            address,
            kind: PhantomData,
        }
    }

    /// Its address.
    pub fn address(&self) -> AccountId {
        self.address
    }

    /// The contract layer below.
    pub fn contracts(&self) -> &Contracts {
        &self.contracts
    }

    /// Reads `message` by dry run, with the contract itself as the caller
    /// (the reads answer the same whoever asks).
    ///
    /// # Errors
    /// As [`Contracts::read`].
    pub async fn read<A: Encode, T: Decode>(
        &self,
        message: Message<C, A, T>,
        args: A,
    ) -> CallResult<T, C> {
        self.contracts
            .read(&self.address, &self.address, message, args)
            .await
    }

    /// Reads `message` by dry run as `origin` would see it.
    ///
    /// # Errors
    /// As [`Contracts::read`].
    pub async fn read_as<A: Encode, T: Decode>(
        &self,
        origin: &AccountId,
        message: Message<C, A, T>,
        args: A,
    ) -> CallResult<T, C> {
        self.contracts
            .read(origin, &self.address, message, args)
            .await
    }

    /// Reads `message` at `block`.
    ///
    /// # Errors
    /// As [`Contracts::read_at`].
    pub async fn read_at<A: Encode, T: Decode>(
        &self,
        message: Message<C, A, T>,
        args: A,
        block: Block,
    ) -> CallResult<T, C> {
        self.contracts
            .read_at(&self.address, &self.address, message, args, block)
            .await
    }

    /// Calls `message` in a transaction signed by `signer`.
    ///
    /// # Errors
    /// As [`Contracts::call`].
    pub async fn call<A: Encode, T: Decode>(
        &self,
        signer: &Signer,
        message: Message<C, A, T>,
        args: A,
    ) -> CallResult<Outcome<T>, C> {
        self.contracts
            .call(signer, &self.address, message, args)
            .await
    }

    /// Calls a payable `message`, sending `value`.
    ///
    /// # Errors
    /// As [`Contracts::call_with_value`].
    pub async fn call_with_value<A: Encode, T: Decode>(
        &self,
        signer: &Signer,
        message: Message<C, A, T>,
        args: A,
        value: Balance,
    ) -> CallResult<Outcome<T>, C> {
        self.contracts
            .call_with_value(signer, &self.address, message, args, value)
            .await
    }

    /// Dry-runs `message` from `origin` with `value`, for its weights and
    /// deposit (a revert is in the result, not an error).
    ///
    /// # Errors
    /// As [`Contracts::dry_run_call`].
    pub async fn dry_run<A: Encode, T>(
        &self,
        origin: &AccountId,
        message: Message<C, A, T>,
        args: A,
        value: Balance,
    ) -> Result<DryRun> {
        let data = super::encode_call(message, args);
        self.contracts
            .dry_run_call(origin, &self.address, value, &data)
            .await
    }

    /// The events of type `E` this contract emitted in `outcome`'s transaction.
    ///
    /// # Errors
    /// As [`Outcome::events`].
    pub fn events<E: CoopEvent + Decode, T>(&self, outcome: &Outcome<T>) -> Result<Vec<E>> {
        outcome.events(&self.address)
    }
}
