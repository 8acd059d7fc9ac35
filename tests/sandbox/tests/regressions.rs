//! Histories that once made the random runs fail, shrunk to the operations
//! that matter and kept as tests: a failure in `histories.rs` or
//! `scripts/fuzz.sh` prints a test to paste here. Each replays against the
//! built contracts with every check of a random history.

use coop_model::history::Op;
use coop_sandbox::{keys, replays};
use coop_shared::governance::{Action, Choice};

// Found by the test command's run (history 2, 11 operations, shrunk to 2)
// when a deliberately broken governance skipped abstentions in its tally;
// pasted as printed.
#[test]
fn history_2() {
    let k = keys();
    replays(&[
        Op::Propose(
            1,
            Action::RotateKey {
                share: 3,
                new: k[4],
            },
        ),
        Op::Vote(2, 1, Choice::Abstain),
    ]);
}

// Found by the test command's run (history 117, 36 operations, shrunk to
// 11) when a deliberately broken governance let a payment take the treasury
// below the members' capital; pasted as printed.
#[test]
fn history_117() {
    let k = keys();
    replays(&[
        Op::Propose(3, Action::Resolution),
        Op::Propose(
            0,
            Action::Payment {
                to: k[1],
                amount: 7000000000000,
            },
        ),
        Op::Vote(2, 2, Choice::Yes),
        Op::Vote(1, 2, Choice::Yes),
        Op::Vote(2, 4, Choice::Yes),
        Op::Advance(8),
        Op::Vote(0, 4, Choice::Abstain),
        Op::Vote(3, 3, Choice::Abstain),
        Op::Vote(3, 1, Choice::Abstain),
        Op::Withdraw(2, 1),
        Op::Execute(2),
    ]);
}
