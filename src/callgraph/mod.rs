//! Entry points and the call graph: what can run, and what can call what.
//!
//! Contract used by the taint engine (`crate::taint`): a `CallGraph` lists entry points, the
//! reachable methods, and for each call site the resolved targets with how arguments map onto
//! the target's parameters.
//!
//! `build` computes it (entry points from the manifest, layouts and the framework model in
//! `crate::hierarchy`; RTA dispatch; async, ICC and reflective edges) and never fails: odd
//! input yields diagnostics. `output` turns a graph into petgraph, DOT, JSON and
//! entry-point-to-API chains for the CLI.
//!
//! Invariants: every entry point, every caller and every target in `targets` is in
//! `reachable`, and `callers` is exactly the reverse of `targets`; the result does not depend
//! on the rayon thread count (bodies are scanned in parallel, summaries applied in method-id
//! order, outputs sorted). Deliberately absent: points-to analysis (dispatch is RTA over
//! instantiated types; receivers are not tracked across methods), string analysis beyond
//! constants written in the same method, returned as constants by an app method it calls, or
//! read from the app's string resources by a constant id (`getString(R.string.x)`),
//! and edges to framework methods the app never references (reflection on framework classes).

mod build;
pub mod output;
mod scan;

pub use crate::consts::ResourceStrings;
pub use build::{CallGraphOptions, build, build_with_resources};
pub use output::{
    ChainStep, Filter, ReachResult, ReachStatus, reach, render_reach_text, to_dot, to_json,
    to_petgraph,
};

use rustc_hash::FxHashMap;

use crate::bytecode::{MethodId, TypeId};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    /// lifecycle method of a manifest component (Activity, Service, Receiver, Provider, Application)
    Lifecycle,
    /// a listener/callback registered in code or by the framework on a reachable object
    Callback,
    /// `android:onClick` handler from a layout
    LayoutOnClick,
    /// static initializer
    StaticInit,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct EntryPoint {
    pub method: MethodId,
    pub kind: EntryKind,
    /// manifest component (class name, dotted) the entry point belongs to, when known
    pub component: Option<String>,
}

/// How a call site reaches a target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EdgeKind {
    /// invoke-static / invoke-direct / invoke-super: args map 1:1 onto params
    Direct,
    /// invoke-virtual / invoke-interface resolved by CHA/RTA: args map 1:1 onto params
    Virtual,
    /// a framework method that calls back into app code later (Thread.start -> run,
    /// Executor.execute(r) -> r.run(), AsyncTask.execute(params) -> doInBackground(params), ...):
    /// the target's receiver is the call's argument `receiver_arg` (0 = the call's receiver),
    /// and, if `params_from` is Some(k), the target's parameters start at the call's argument k.
    Async {
        receiver_arg: u8,
        params_from: Option<u8>,
    },
    /// reflection with constant names, lambdas (invoke-custom): args map 1:1 as far as they go
    Reflective,
    /// inter-component communication (startActivity, startService, sendBroadcast, ...): the
    /// target is an entry point of the receiving component; data passes through intents, not
    /// parameters
    Icc,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CallTarget {
    pub method: MethodId,
    pub kind: EdgeKind,
}

/// Key of a call site: the calling method and the pc of the invoke.
pub type CallSiteKey = (MethodId, u32);

#[derive(Debug, Default)]
pub struct CallGraph {
    pub entry_points: Vec<EntryPoint>,
    /// methods reachable from entry points (app methods with bodies and external methods)
    pub reachable: rustc_hash::FxHashSet<MethodId>,
    /// resolved targets per call site, sorted by method id; external (framework) targets are
    /// included so models can apply to them
    pub targets: FxHashMap<CallSiteKey, Vec<CallTarget>>,
    /// reverse edges: callee -> call sites that reach it
    pub callers: FxHashMap<MethodId, Vec<CallSiteKey>>,
    /// enabled exported activities with a filter for a platform action (`MAIN`, `SEND`,
    /// `VIEW`, ...): the intents they receive come from the system and other apps
    pub external_intents: rustc_hash::FxHashSet<TypeId>,
    /// activities (or fragments) that start an activity for a result that no component of
    /// this app handles: the `onActivityResult` intent may come from another app
    pub external_results: rustc_hash::FxHashSet<TypeId>,
    /// ICC calls whose explicit intent names only app classes that the manifest does not
    /// declare as components of the right kind: Android delivers them nowhere
    /// (`ActivityNotFoundException`), so the intent does not leave the app either
    pub undelivered_icc: rustc_hash::FxHashSet<CallSiteKey>,
    /// the app's string resources and the `getString(int)` calls that read them, for the
    /// constant propagation of later stages (None: no resource table)
    pub resource_strings: Option<std::sync::Arc<ResourceStrings>>,
}

impl CallGraph {
    pub fn targets(&self, caller: MethodId, pc: u32) -> &[CallTarget] {
        self.targets
            .get(&(caller, pc))
            .map(|v| v.as_slice())
            .unwrap_or(&[])
    }
    pub fn is_reachable(&self, m: MethodId) -> bool {
        self.reachable.contains(&m)
    }
    /// Callers of `m`: the call sites that reach it (sorted).
    pub fn callers_of(&self, m: MethodId) -> &[CallSiteKey] {
        self.callers.get(&m).map(|v| v.as_slice()).unwrap_or(&[])
    }
    pub fn is_entry_point(&self, m: MethodId) -> bool {
        self.entry_points.iter().any(|e| e.method == m)
    }
    /// Call sites with their targets, sorted by (caller, pc).
    pub fn sorted_sites(&self) -> Vec<(CallSiteKey, &[CallTarget])> {
        let mut v: Vec<(CallSiteKey, &[CallTarget])> = self
            .targets
            .iter()
            .map(|(k, t)| (*k, t.as_slice()))
            .collect();
        v.sort_unstable_by_key(|(k, _)| *k);
        v
    }
}

impl EdgeKind {
    /// short name for DOT labels and JSON
    pub fn label(&self) -> &'static str {
        match self {
            EdgeKind::Direct => "direct",
            EdgeKind::Virtual => "virtual",
            EdgeKind::Async { .. } => "async",
            EdgeKind::Reflective => "reflective",
            EdgeKind::Icc => "icc",
        }
    }
}
