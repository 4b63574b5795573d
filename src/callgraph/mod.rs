//! Entry points and the call graph: what can run, and what can call what.
//!
//! Contract used by the taint engine (`crate::taint`): a `CallGraph` lists entry points, the
//! reachable methods, and for each call site the resolved targets with how arguments map onto
//! the target's parameters.

use rustc_hash::FxHashMap;

use crate::bytecode::MethodId;

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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
}
