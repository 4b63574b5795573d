//! The dataflow engine: follows values from source call sites to sink call sites.
//!
//! Output contract (consumed by `report` and the binary): a list of `Flow`s with every name in
//! Dalvik form, so nothing downstream needs the `Program`.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

/// A call site: method in Dalvik form and code-unit offset of the invoke.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Site {
    pub method: String,
    pub pc: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct FlowEnd {
    /// data category (source) or sink category (`network`, `sms`, `log`, `file`, ...)
    pub category: String,
    /// the API called, Dalvik form: `Landroid/telephony/TelephonyManager;->getDeviceId()Ljava/lang/String;`
    pub api: String,
    pub site: Site,
    /// id of the model rule that matched
    pub rule: String,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Flow {
    pub source: FlowEnd,
    pub sink: FlowEnd,
    /// call sites and methods from source to sink, source first
    pub path: Vec<Site>,
    /// constant URL or host that reaches the sink's request, when known
    pub destination: Option<String>,
    pub confidence: Confidence,
    /// the constant argument that says what the source read, when known: a provider query's
    /// content URI, a constant-gated source's key (settings name, intent extra)
    pub source_arg: Option<String>,
}

mod callsite_consts;
mod dest;
mod domain;
mod driver;
mod intra;
pub mod maps_models;
pub mod model;
mod resolve;
mod scc;
mod set;
mod summary;

pub use driver::analyze;
/// Rule id of the broad-set source "an intent another app sends".
pub use intra::EXTERNAL_INTENT_RULE;
pub use maps_models::{AppFacts, MapsModels};
pub use model::{FieldSourceInfo, ModelSource, SimpleModels};

use std::time::Duration;

use crate::diag::Diagnostic;
use crate::maps::RuleSet;

/// What the engine is asked to do.
#[derive(Clone, Debug)]
pub struct TaintOptions {
    /// rules of other sets are ignored
    pub rule_set: RuleSet,
    /// longest field path tracked below a register or input (deeper fields collapse)
    pub access_path_len: usize,
    /// implicit flows: values assigned under a branch on tainted data are tainted
    pub implicit: bool,
    /// wall-clock budget for the whole app; past it the result is partial
    pub timeout: Option<Duration>,
    /// worker threads (None: rayon's global pool); `Some(1)` gives the reference output
    pub threads: Option<usize>,
    /// per-method budget of basic-block visits (scaled by the method size, capped at 50x)
    pub max_block_visits: usize,
    /// per-method work budget (sum of state sizes over block visits); a method past it gets
    /// the conservative summary of an unknown library method
    pub max_method_work: usize,
    /// class-descriptor prefixes of platform and language libraries bundled in apps (support
    /// library, androidx, Kotlin stdlib): treated like framework code (models and the default
    /// propagation), not analyzed. Third-party SDKs are analyzed. Data:
    /// `permission-maps/libraries.toml` (`Models::library_prefixes`; the default is the
    /// built-in file's).
    pub library_prefixes: Vec<String>,
}

impl Default for TaintOptions {
    fn default() -> Self {
        TaintOptions {
            rule_set: RuleSet::Privacy,
            access_path_len: 5,
            implicit: false,
            timeout: None,
            threads: None,
            max_block_visits: 2000,
            max_method_work: 200_000,
            library_prefixes: crate::maps::builtin_library_prefixes()
                .iter()
                .map(|p| p.to_string())
                .collect(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TaintStatus {
    Complete,
    /// the timeout hit: the flows found so far are returned
    Partial,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct TaintStats {
    pub methods: usize,
    pub sccs: usize,
    pub levels: usize,
    /// method analyses run (SCC rounds and access-path retries count once each)
    pub analyses: usize,
    /// block visits over all analyses
    pub block_visits: usize,
    /// the methods that took longest, slowest first (at most `PROFILE_TOP`)
    pub slowest_methods: Vec<MethodProfile>,
    /// the SCCs that took longest, slowest first (at most `PROFILE_TOP`)
    pub slowest_sccs: Vec<SccProfile>,
}

/// How many methods and SCCs `TaintStats` names.
pub const PROFILE_TOP: usize = 10;

/// One method's share of the taint stage (`--timings`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct MethodProfile {
    pub method: String,
    /// wall time over all its analyses, in microseconds (varies run to run)
    pub micros: u64,
    /// how often it was analysed (SCC rounds)
    pub analyses: u32,
    pub block_visits: usize,
    /// largest abstract state at a block entry (registers, heap entries and their elements)
    pub peak_state: usize,
    pub widened: bool,
    pub coarse: bool,
}

/// One call-graph SCC's share of the taint stage (`--timings`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, serde::Deserialize)]
pub struct SccProfile {
    /// its first member (smallest id)
    pub first: String,
    pub members: usize,
    /// method analyses it took to settle
    pub analyses: u32,
    pub micros: u64,
}

#[derive(Clone, Debug, Serialize)]
pub struct TaintResult {
    /// sorted, one per (source site, source rule, sink site, sink rule)
    pub flows: Vec<Flow>,
    pub status: TaintStatus,
    pub diagnostics: Vec<Diagnostic>,
    pub stats: TaintStats,
}
