//! Participatory budgeting on the Pabulib `.pb` format.

mod error;
mod model;
mod parse;
mod rules;
mod wide;

pub use error::{Line, PbError};
pub use model::{PbElection, PbProject, PbRule, PbVote, VoteType};
pub use rules::{PbDiff, PbOutcome};
