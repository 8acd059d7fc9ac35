//! How a contract error is written: once, as a row of a table that makes
//! the enum, its names, its meanings and the list of its variants.

/// A contract error a member can read: its variant name and what it means.
/// The client uses it to show a revert by name and meaning, never as bytes.
pub trait ErrorInfo {
    /// The variant's name, e.g. `NotGovernance`.
    fn name(&self) -> &'static str;
    /// One sentence on what it means.
    fn meaning(&self) -> &'static str;
}

/// The error type of a contract that defines none (the peer-vote
/// yardstick): no value exists, so decoding one always fails, and there is
/// nothing to name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoErrors {}

impl parity_scale_codec::Decode for NoErrors {
    fn decode<I: parity_scale_codec::Input>(_: &mut I) -> Result<Self, parity_scale_codec::Error> {
        Err("this contract defines no errors".into())
    }
}

impl ErrorInfo for NoErrors {
    fn name(&self) -> &'static str {
        match *self {}
    }

    fn meaning(&self) -> &'static str {
        match *self {}
    }
}

/// Defines a contract's error enum from one table: each unit variant with
/// its meaning (which is also its documentation), then the variants that
/// wrap another contract's error and take their meaning from it. Makes the
/// SCALE codec and type-info derives, [`ErrorInfo`] and `UNIT`, every unit
/// variant in declaration order (the order of their SCALE index).
macro_rules! contract_errors {
    (
        $(#[$outer:meta])*
        pub enum $name:ident {
            $( $unit:ident = $meaning:literal, )*
            $( @wraps $( $(#[$wrap_doc:meta])* $wrap:ident($inner:ty), )* )?
        }
    ) => {
        $(#[$outer])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, parity_scale_codec::Encode, parity_scale_codec::Decode)]
        #[cfg_attr(feature = "std", derive(scale_info::TypeInfo))]
        pub enum $name {
            $( #[doc = $meaning] $unit, )*
            $( $( $(#[$wrap_doc])* $wrap($inner), )* )?
        }

        impl $name {
            /// Every variant without data, in declaration order.
            pub const UNIT: &'static [$name] = &[$($name::$unit),*];
        }

        impl $crate::ErrorInfo for $name {
            fn name(&self) -> &'static str {
                match self {
                    $( $name::$unit => stringify!($unit), )*
                    $( $( $name::$wrap(..) => stringify!($wrap), )* )?
                }
            }

            fn meaning(&self) -> &'static str {
                match self {
                    $( $name::$unit => $meaning, )*
                    $( $( $name::$wrap(inner) => $crate::ErrorInfo::meaning(inner), )* )?
                }
            }
        }
    };
}

pub(crate) use contract_errors;
