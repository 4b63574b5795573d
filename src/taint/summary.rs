//! Method summaries: what a method does to taint, in terms of its inputs, so callers can apply
//! it without re-analyzing the body (context sensitivity by substitution).
//!
//! Must never: hold program-point state (summaries are compared for the SCC fixpoint and must
//! stay small and deterministic: ordered maps only).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::bytecode::{MethodId, TypeId};

use super::Confidence;
use super::domain::{AccessPath, FKey, Konst, Labels, Root, SiteKey, SourceOcc};

/// Where taint leaves a method.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum OutPort {
    /// the return value (path empty) or what its fields hold
    Ret(Vec<FKey>),
    /// a field below parameter i (path never empty: parameters are passed by value)
    Param(u8, Vec<FKey>),
    /// a static field or channel, or a field below it
    Global(Root, Vec<FKey>),
    /// an exception escaping the method
    Thrown,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OutVal {
    pub labels: Labels,
    /// input objects the value may be (aliasing across the call)
    pub objs: BTreeSet<AccessPath>,
    pub konst: Konst,
    /// the value may also be an object created inside the call
    pub fresh: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct SinkInfo {
    pub site: SiteKey,
    pub api: MethodId,
    pub category: Arc<str>,
    pub rule: Arc<str>,
    /// the rule has a provenance requirement (`requires`): when it fires at a site, it is the
    /// more specific reading of that call than an unconditional rule (network vs file write)
    pub conditional: bool,
}

/// A sink call (in this method or below) that receives the method's inputs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SinkFact {
    pub sink: Arc<SinkInfo>,
    /// call sites from this method down to the sink's method
    pub chain: Vec<SiteKey>,
    /// `Label::In` labels (sources found inside are reported as flows at once), and, while
    /// `requires` is pending, the sources held back with them
    pub labels: Labels,
    pub destination: Option<Arc<str>>,
    /// the sink rule's provenance tag, still unmet: the fact holds only if a caller's
    /// substitution of `guard` (the receiver's input labels) brings that tag
    pub requires: Option<Arc<str>>,
    pub guard: Labels,
    /// the fact passed through a method widened to its flow-insensitive summary
    /// (`intra/coarse.rs`): flows it makes are low-confidence
    pub widened: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawFlow {
    pub source: Arc<SourceOcc>,
    pub sink: Arc<SinkInfo>,
    pub sink_chain: Vec<SiteKey>,
    pub destination: Option<Arc<str>>,
    pub confidence: Confidence,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub outs: BTreeMap<OutPort, OutVal>,
    /// keyed by sink site and rule: one fact per sink, the first (shortest) chain kept
    pub sinks: BTreeMap<(SiteKey, Arc<str>), SinkFact>,
    /// flows complete inside this method and its callees, keyed by (source site, sink site)
    pub flows: BTreeMap<(SiteKey, Arc<str>, SiteKey), RawFlow>,
    /// constants this method passes to parameter j of a callee whose flows send to a
    /// destination given by that parameter, or whose source gate depends on it (`dest.rs`)
    pub call_args: BTreeMap<(MethodId, u8), super::dest::ArgConsts>,
    /// sources whose constant-argument gate is a parameter of this method: (site, rule) ->
    /// parameter; resolved at the top from the callers' constants
    pub gated: BTreeMap<(SiteKey, Arc<str>), u8>,
    /// the exact classes of the objects the method returns, when every returned object was
    /// allocated by a known `new-instance` (here or below): lets callers dispatch calls on
    /// the result (`createFoo().run()`) to the right overriding method only
    pub ret_types: Option<BTreeSet<TypeId>>,
    /// parameters whose object is the receiver of a virtual call with several body targets
    /// here: a caller that knows the argument's exact class gets a summary specialized to it
    pub dispatch_params: BTreeSet<u8>,
}
