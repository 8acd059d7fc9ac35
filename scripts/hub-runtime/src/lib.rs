//! Empty: this package exists to build the Asset Hub runtime (see Cargo.toml).
