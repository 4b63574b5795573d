//! Dalvik bytecode: the opcode table, the instruction decoder, and the register IR that every
//! analysis stage reads. The IR is resolved against the whole app (`Program`): indices that are
//! local to one dex file never leave this module.

pub mod cfg;
pub mod consts;
pub mod decode;
pub mod defuse;
pub mod ir;
pub mod load;
pub mod opcode;
pub mod program;
pub mod stats;

pub use ir::*;
pub use load::{DexBodySource, DexLoadInfo, LoadStats, load_program};
pub use program::*;
pub use stats::{DexStats, StatsTotals, dex_stats, stats_all};
