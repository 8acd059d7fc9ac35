//! Dev-chain conveniences: a dev node seals a block only when a
//! transaction arrives, so blocks are made by submitting remarks.

use super::*;

impl Chain {
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
}
