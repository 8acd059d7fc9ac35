//! Typed descriptors of the contracts' messages and constructors.
//!
//! A descriptor names a message (its label, hence its selector) and carries
//! in its type the contract it belongs to, its argument tuple and what it
//! returns, so the client's `call(&signer, &address, VOTE, (id, choice))`
//! is checked by the compiler: a wrong argument or return type does not
//! build. A test in the client's test suite compares every descriptor with
//! the metadata of the built contracts.

use crate::ErrorInfo;
use core::marker::PhantomData;
use parity_scale_codec::Decode;

/// A coop contract, as a type: the messages of one contract cannot be sent
/// to another through its handle, and its error type is known.
pub trait Contract {
    /// The contract's name, as its crate and bundle are named.
    const NAME: &'static str;
    /// What its fallible messages return in `Err`.
    type Error: Decode + ErrorInfo + core::fmt::Debug + Clone + PartialEq + Send + Sync + 'static;
    /// Every message the client may send, for the metadata check.
    const MESSAGES: &'static [MessageInfo];
    /// Its constructor, for the metadata check.
    const CONSTRUCTOR: MessageInfo;
}

/// The number of arguments in an argument tuple (the metadata check
/// compares it with the contract's).
pub trait Args {
    /// How many arguments the tuple holds.
    const COUNT: usize;
}

impl Args for () {
    const COUNT: usize = 0;
}
impl<A> Args for (A,) {
    const COUNT: usize = 1;
}
impl<A, B> Args for (A, B) {
    const COUNT: usize = 2;
}
impl<A, B, C> Args for (A, B, C) {
    const COUNT: usize = 3;
}
impl<A, B, C, D> Args for (A, B, C, D) {
    const COUNT: usize = 4;
}
impl<A, B, C, D, E> Args for (A, B, C, D, E) {
    const COUNT: usize = 5;
}

/// What the metadata check compares: a descriptor without its types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MessageInfo {
    /// The label in the contract's metadata.
    pub label: &'static str,
    /// The string whose BLAKE2b-256 prefix is the selector (the label, or
    /// `PSP34::label` for the PSP34 messages, whose selectors the standard fixes).
    pub selector_of: &'static str,
    /// Whether the message accepts a transferred value.
    pub payable: bool,
    /// Whether it returns `Result<T, Error>` rather than a plain value.
    pub fallible: bool,
    /// How many arguments it takes.
    pub args: usize,
}

/// A message of contract `C` taking the tuple `A` and returning `T`, or
/// `Result<T, C::Error>` when fallible.
pub struct Message<C, A, T> {
    info: MessageInfo,
    types: PhantomData<fn(C, A) -> T>,
}

// Derives would demand `C: Clone` and so on; a descriptor is copyable
// whatever its type parameters are.
impl<C, A, T> Clone for Message<C, A, T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<C, A, T> Copy for Message<C, A, T> {}

impl<C, A, T> core::fmt::Debug for Message<C, A, T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "message {}", self.info.label)
    }
}

impl<C: Contract, A: Args, T> Message<C, A, T> {
    const fn with(
        label: &'static str,
        selector_of: &'static str,
        fallible: bool,
        payable: bool,
    ) -> Self {
        Message {
            info: MessageInfo {
                label,
                selector_of,
                payable,
                fallible,
                args: A::COUNT,
            },
            types: PhantomData,
        }
    }

    /// A message returning a plain `T` (a read).
    pub const fn query(label: &'static str) -> Self {
        Self::with(label, label, false, false)
    }

    /// A message returning `Result<T, C::Error>`.
    pub const fn fallible(label: &'static str) -> Self {
        Self::with(label, label, true, false)
    }

    /// A payable message returning `Result<T, C::Error>`.
    pub const fn payable(label: &'static str) -> Self {
        Self::with(label, label, true, true)
    }

    /// A PSP34 message: label `label`, selector from `PSP34::label`.
    pub const fn psp34(label: &'static str, selector_of: &'static str, fallible: bool) -> Self {
        Self::with(label, selector_of, fallible, false)
    }
}

impl<C, A, T> Message<C, A, T> {
    /// The descriptor without its types.
    pub const fn info(&self) -> MessageInfo {
        self.info
    }
}

/// The constructor of contract `C`, taking the tuple `A` and returning
/// `Result<Self, C::Error>` (or `Self` when not fallible).
pub struct Constructor<C, A> {
    info: MessageInfo,
    types: PhantomData<fn(C, A)>,
}

impl<C, A> Clone for Constructor<C, A> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<C, A> Copy for Constructor<C, A> {}

impl<C, A> core::fmt::Debug for Constructor<C, A> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "constructor {}", self.info.label)
    }
}

impl<C: Contract, A: Args> Constructor<C, A> {
    /// A constructor; `payable` if it accepts a transferred value,
    /// `fallible` if it returns `Result<Self, C::Error>`.
    pub const fn new(label: &'static str, payable: bool, fallible: bool) -> Self {
        Constructor {
            info: MessageInfo {
                label,
                selector_of: label,
                payable,
                fallible,
                args: A::COUNT,
            },
            types: PhantomData,
        }
    }
}

impl<C, A> Constructor<C, A> {
    /// The descriptor without its types.
    pub const fn info(&self) -> MessageInfo {
        self.info
    }
}
