//! Views of a finished call graph for the CLI: a petgraph graph, DOT and JSON restricted by
//! `--from METHOD` / `--to API`, and `reach`: for every call site of an API, the shortest
//! entry-point -> ... -> call-site chain or the reason there is none.
//!
//! Everything here is read-only over the graph and sorted, so output is stable across runs
//! and thread counts. Method patterns are JVM descriptors: `Lcom/a/B;` (a class),
//! `Lcom/a/B;->name` (every overload) or a full signature `Lcom/a/B;->name(I)V`.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;

use super::build::entry_rank;
use super::{CallGraph, CallSiteKey, EdgeKind};
use crate::bytecode::{MethodId, Op, Program};
use crate::hierarchy::Hierarchy;

/// Restricts DOT/JSON output: `from` keeps what is reachable from the matching methods, `to`
/// keeps what can reach a call of the matching API (and the API itself). Both: intersection.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub from: Option<String>,
    pub to: Option<String>,
}

/// Does method `m` match `pattern`? An API pattern on a framework class also matches a
/// reference through an app subclass (`LMain;->getSystemService` for `Context`).
pub fn method_matches(program: &Program, h: &Hierarchy, m: MethodId, pattern: &str) -> bool {
    let r = program.method(m);
    let (class_pat, rest) = match pattern.split_once("->") {
        Some((c, r)) => (c, Some(r)),
        None => (pattern, None),
    };
    let class_ok = program.type_name(r.class) == class_pat
        || program
            .lookup_type(class_pat)
            .is_some_and(|t| h.is_subtype(r.class, t));
    if !class_ok {
        return false;
    }
    match rest {
        None => true,
        Some(rest) if rest.contains('(') => {
            let sig = program.method_signature(m);
            sig.split_once("->").is_some_and(|(_, s)| s == rest)
        }
        Some(name) => &*r.name == name,
    }
}

/// The graph as petgraph: one node per method (sorted by id), one edge per (call site, target)
/// weighted with (pc, kind).
pub fn to_petgraph(cg: &CallGraph) -> petgraph::Graph<MethodId, (u32, EdgeKind)> {
    let mut nodes: BTreeSet<MethodId> = cg.reachable.iter().copied().collect();
    for ((caller, _), ts) in &cg.targets {
        nodes.insert(*caller);
        nodes.extend(ts.iter().map(|t| t.method));
    }
    let mut g = petgraph::Graph::with_capacity(nodes.len(), cg.targets.len());
    let mut index = FxHashMap::default();
    for m in nodes {
        index.insert(m, g.add_node(m));
    }
    for ((caller, pc), ts) in cg.sorted_sites() {
        for t in ts {
            if let (Some(&a), Some(&b)) = (index.get(&caller), index.get(&t.method)) {
                g.add_edge(a, b, (pc, t.kind));
            }
        }
    }
    g
}

fn forward(cg: &CallGraph, roots: &[MethodId]) -> FxHashSet<MethodId> {
    let mut out_edges: FxHashMap<MethodId, Vec<MethodId>> = FxHashMap::default();
    for ((caller, _), ts) in &cg.targets {
        out_edges
            .entry(*caller)
            .or_default()
            .extend(ts.iter().map(|t| t.method));
    }
    let mut seen: FxHashSet<MethodId> = roots.iter().copied().collect();
    let mut queue: Vec<MethodId> = roots.to_vec();
    while let Some(m) = queue.pop() {
        for &n in out_edges.get(&m).into_iter().flatten() {
            if seen.insert(n) {
                queue.push(n);
            }
        }
    }
    seen
}

fn backward(cg: &CallGraph, roots: &[MethodId]) -> FxHashSet<MethodId> {
    let mut seen: FxHashSet<MethodId> = roots.iter().copied().collect();
    let mut queue: Vec<MethodId> = roots.to_vec();
    while let Some(m) = queue.pop() {
        for &(caller, _) in cg.callers_of(m) {
            if seen.insert(caller) {
                queue.push(caller);
            }
        }
    }
    seen
}

/// (nodes, edges) kept by a filter, sorted.
fn filtered(
    program: &Program,
    h: &Hierarchy,
    cg: &CallGraph,
    filter: &Filter,
) -> (Vec<MethodId>, Vec<(MethodId, u32, MethodId, EdgeKind)>) {
    let all: BTreeSet<MethodId> = cg
        .reachable
        .iter()
        .copied()
        .chain(cg.targets.keys().map(|k| k.0))
        .collect();
    let mut keep: BTreeSet<MethodId> = all.clone();
    if let Some(p) = &filter.from {
        let roots: Vec<MethodId> = all
            .iter()
            .copied()
            .filter(|m| method_matches(program, h, *m, p))
            .collect();
        let f = forward(cg, &roots);
        keep.retain(|m| f.contains(m));
    }
    if let Some(p) = &filter.to {
        let apis: Vec<MethodId> = all
            .iter()
            .copied()
            .filter(|m| method_matches(program, h, *m, p))
            .collect();
        let b = backward(cg, &apis);
        keep.retain(|m| b.contains(m));
    }
    let mut edges = Vec::new();
    for ((caller, pc), ts) in cg.sorted_sites() {
        if !keep.contains(&caller) {
            continue;
        }
        for t in ts {
            if keep.contains(&t.method) {
                edges.push((caller, pc, t.method, t.kind));
            }
        }
    }
    (keep.into_iter().collect(), edges)
}

fn dot_escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"")
}

/// Graphviz DOT of the (filtered) graph; entry points are drawn as boxes.
pub fn to_dot(program: &Program, h: &Hierarchy, cg: &CallGraph, filter: &Filter) -> String {
    let (nodes, edges) = filtered(program, h, cg, filter);
    let entries: FxHashSet<MethodId> = cg.entry_points.iter().map(|e| e.method).collect();
    let mut s = String::from("digraph callgraph {\n  node [shape=ellipse, fontsize=10];\n");
    for m in &nodes {
        let shape = if entries.contains(m) {
            ", shape=box"
        } else if program.method_def(*m).is_none() {
            ", style=dashed"
        } else {
            ""
        };
        s.push_str(&format!(
            "  m{} [label=\"{}\"{}];\n",
            m.0,
            dot_escape(&program.method_signature(*m)),
            shape
        ));
    }
    for (a, pc, b, k) in &edges {
        s.push_str(&format!(
            "  m{} -> m{} [label=\"{}@{}\"];\n",
            a.0,
            b.0,
            k.label(),
            pc
        ));
    }
    s.push_str("}\n");
    s
}

/// JSON of the (filtered) graph: entry points, nodes, edges, all sorted.
pub fn to_json(program: &Program, h: &Hierarchy, cg: &CallGraph, filter: &Filter) -> serde_json::Value {
    let (nodes, edges) = filtered(program, h, cg, filter);
    let keep: FxHashSet<MethodId> = nodes.iter().copied().collect();
    let entries: Vec<serde_json::Value> = cg
        .entry_points
        .iter()
        .filter(|e| keep.contains(&e.method))
        .map(|e| {
            serde_json::json!({
                "method": program.method_signature(e.method),
                "kind": e.kind,
                "component": e.component,
            })
        })
        .collect();
    let nodes: Vec<serde_json::Value> = nodes
        .iter()
        .map(|m| {
            serde_json::json!({
                "method": program.method_signature(*m),
                "external": program.method_def(*m).is_none(),
            })
        })
        .collect();
    let edges: Vec<serde_json::Value> = edges
        .iter()
        .map(|(a, pc, b, k)| {
            serde_json::json!({
                "caller": program.method_signature(*a),
                "pc": pc,
                "callee": program.method_signature(*b),
                "kind": k,
            })
        })
        .collect();
    serde_json::json!({ "entry_points": entries, "nodes": nodes, "edges": edges })
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReachStatus {
    /// an entry point reaches the call site; `chain` shows the shortest way
    Reachable,
    /// the method containing the call site is not reachable from any entry point
    CallerUnreachable,
    /// the caller is reachable but no chain back to an entry point was found (should not
    /// happen; reported rather than hidden)
    NoChain,
    /// no method of the app calls the API
    ApiNeverCalled,
}

/// One step of a chain: a method and, except for the last step, the call site (pc) in it
/// leading to the next step, with the edge kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChainStep {
    pub method: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pc: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edge: Option<&'static str>,
    /// entry-point kind, on the first step
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry_kind: Option<super::EntryKind>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReachResult {
    pub api: String,
    /// the call site: caller signature and pc (None when the API is never called)
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caller: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pc: Option<u32>,
    /// the API method as referenced at the call site
    #[serde(skip_serializing_if = "Option::is_none")]
    pub callee: Option<String>,
    pub status: ReachStatus,
    /// entry point first, the call site's method last, then the API
    pub chain: Vec<ChainStep>,
}

/// Every call site of the API (matched with `method_matches`) in the app, sorted by caller
/// and pc: (caller, pc, callee).
pub fn call_sites_of(program: &Program, h: &Hierarchy, api: &str) -> Vec<(MethodId, u32, MethodId)> {
    let methods: Vec<MethodId> = program
        .classes
        .iter()
        .flat_map(|c| c.methods().map(|d| d.id))
        .collect();
    let mut out: Vec<(MethodId, u32, MethodId)> = methods
        .par_iter()
        .flat_map_iter(|&m| {
            let mut v = Vec::new();
            if let Some(body) = program.body(m) {
                for insn in &body.insns {
                    if let Op::Invoke { method, .. } = &insn.op
                        && method_matches(program, h, *method, api)
                    {
                        v.push((m, insn.pc, *method));
                    }
                }
            }
            v
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// For every call site of `api` in the app, the shortest chain from an entry point (BFS over
/// reverse edges), or why there is none.
pub fn reach(program: &Program, h: &Hierarchy, cg: &CallGraph, api: &str) -> Vec<ReachResult> {
    let sites = call_sites_of(program, h, api);
    if sites.is_empty() {
        return vec![ReachResult {
            api: api.to_string(),
            caller: None,
            pc: None,
            callee: None,
            status: ReachStatus::ApiNeverCalled,
            chain: Vec::new(),
        }];
    }
    let mut entry_kind: BTreeMap<MethodId, super::EntryKind> = BTreeMap::new();
    for e in &cg.entry_points {
        entry_kind
            .entry(e.method)
            .and_modify(|k| {
                if entry_rank(e.kind) < entry_rank(*k) {
                    *k = e.kind
                }
            })
            .or_insert(e.kind);
    }
    sites
        .into_iter()
        .map(|(caller, pc, callee)| {
            let mut r = ReachResult {
                api: api.to_string(),
                caller: Some(program.method_signature(caller)),
                pc: Some(pc),
                callee: Some(program.method_signature(callee)),
                status: ReachStatus::CallerUnreachable,
                chain: Vec::new(),
            };
            if !cg.is_reachable(caller) {
                return r;
            }
            match chain_to(cg, &entry_kind, caller) {
                Some(path) => {
                    r.status = ReachStatus::Reachable;
                    for (i, (m, site)) in path.iter().enumerate() {
                        r.chain.push(ChainStep {
                            method: program.method_signature(*m),
                            pc: site.map(|s| s.0),
                            edge: site.map(|s| s.1.label()),
                            entry_kind: if i == 0 { entry_kind.get(m).copied() } else { None },
                        });
                    }
                    if let Some(last) = r.chain.last_mut() {
                        last.pc = Some(pc);
                        last.edge = cg.targets(caller, pc).first().map(|t| t.kind.label());
                    }
                    r.chain.push(ChainStep {
                        method: program.method_signature(callee),
                        pc: None,
                        edge: None,
                        entry_kind: None,
                    });
                }
                None => r.status = ReachStatus::NoChain,
            }
            r
        })
        .collect()
}

/// Shortest chain entry -> ... -> `target`: each element is a method and the call site in it
/// (pc, kind) leading to the next element (None on the last).
fn chain_to(
    cg: &CallGraph,
    entries: &BTreeMap<MethodId, super::EntryKind>,
    target: MethodId,
) -> Option<Vec<(MethodId, Option<(u32, EdgeKind)>)>> {
    // pred[m] = (next method towards target, pc in m, kind)
    let mut pred: FxHashMap<MethodId, (MethodId, u32, EdgeKind)> = FxHashMap::default();
    let mut seen: FxHashSet<MethodId> = FxHashSet::default();
    seen.insert(target);
    let mut queue: VecDeque<MethodId> = VecDeque::from([target]);
    let mut found = None;
    while let Some(m) = queue.pop_front() {
        if entries.contains_key(&m) {
            found = Some(m);
            break;
        }
        for &site in cg.callers_of(m) {
            let c: CallSiteKey = site;
            if seen.insert(c.0) {
                let kind = cg
                    .targets(c.0, c.1)
                    .iter()
                    .find(|t| t.method == m)
                    .map(|t| t.kind)
                    .unwrap_or(EdgeKind::Direct);
                pred.insert(c.0, (m, c.1, kind));
                queue.push_back(c.0);
            }
        }
    }
    let mut cur = found?;
    let mut path = Vec::new();
    while let Some(&(next, pc, kind)) = pred.get(&cur) {
        path.push((cur, Some((pc, kind))));
        cur = next;
    }
    path.push((cur, None));
    Some(path)
}
