//! The global step at the top of the bottom-up analysis: what summaries leave open (statics and
//! channels shared by every method, fields of a component instance shared by its entry points,
//! with lifecycle ordering) resolved from every summary's writes to a fixpoint, then every
//! complete flow and every sink fact turned into the reported `Flow`s (destinations from
//! call-site constants, gated sources checked against the callers' keys, one flow per source
//! and sink kept with its shortest path).
//!
//! Must never: depend on the order summaries were computed in (keys and methods are iterated in
//! order), or report a provenance-gated sink whose tag never reaches it.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::bytecode::MethodId;
use crate::bytecode::TypeId;
use crate::bytecode::program::Program;
use crate::callgraph::CallGraph;

use super::domain::{FKey, Label, Labels, Root, SiteKey, SourceOcc};
use super::model::ModelSource;
use super::summary::{OutPort, RawFlow, Summary};
use super::{Confidence, Flow, FlowEnd, Site};

type SrcSet = BTreeSet<Arc<SourceOcc>>;

/// `Resolver::lookup` results by (key, the reader whose own writes are hidden).
type LookupMemo = BTreeMap<(GKey, Option<MethodId>), Arc<SrcSet>>;

/// The path of `other` when it has the same root (static, channel or component) as `key`.
fn same_root<'a>(key: &GKey, other: &'a GKey) -> Option<&'a Vec<FKey>> {
    match (key, other) {
        (GKey::Global(r, _), GKey::Global(r2, p2)) if r == r2 => Some(p2),
        (GKey::Component(c, _), GKey::Component(c2, p2)) if c == c2 => Some(p2),
        _ => None,
    }
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum GKey {
    Global(Root, Vec<FKey>),
    Component(TypeId, Vec<FKey>),
}

struct Resolver<'a> {
    program: &'a Program,
    /// non-static entry-point methods: their receiver is the component instance
    entry_this: FxHashSet<MethodId>,
    /// per key, per contributing method
    values: BTreeMap<GKey, BTreeMap<MethodId, SrcSet>>,
    /// `lookup` results while `values` stays as it is (cleared whenever it changes)
    memo: std::cell::RefCell<LookupMemo>,
}

fn union_except(v: &BTreeMap<MethodId, SrcSet>, except: Option<MethodId>, out: &mut SrcSet) {
    for (m, set) in v {
        if Some(*m) != except {
            out.extend(set.iter().cloned());
        }
    }
}

impl Resolver<'_> {
    /// What `key` holds as seen by `reader`: fields of a component instance written by an
    /// entry point that runs once per instance (`<init>`, `onCreate`) are not visible to its
    /// own earlier reads; everything else may come from any entry point (callbacks repeat).
    fn lookup(&self, key: &GKey, reader: MethodId, out: &mut SrcSet) {
        let once = matches!(&*self.program.method(reader).name, "onCreate" | "<init>");
        let except = match key {
            GKey::Component(..) if once => Some(reader),
            _ => None,
        };
        let memo_key = (key.clone(), except);
        let hit = self.memo.borrow().get(&memo_key).cloned();
        let set = match hit {
            Some(set) => set,
            None => {
                let mut set = SrcSet::new();
                self.lookup_in_values(key, except, &mut set);
                let set = Arc::new(set);
                self.memo.borrow_mut().insert(memo_key, set.clone());
                set
            }
        };
        out.extend(set.iter().cloned());
    }

    /// `lookup` over the current `values`, without the memo.
    fn lookup_in_values(&self, key: &GKey, except: Option<MethodId>, out: &mut SrcSet) {
        if let Some(v) = self.values.get(key) {
            union_except(v, except, out);
        }
        // `x.*`: any field directly below x
        let path = match key {
            GKey::Global(_, p) | GKey::Component(_, p) => p,
        };
        if path.last() == Some(&FKey::AnyField) {
            let prefix = &path[..path.len() - 1];
            for (kk, v) in &self.values {
                if let Some(p2) = same_root(key, kk)
                    && p2.len() == prefix.len() + 1
                    && p2.starts_with(prefix)
                {
                    union_except(v, except, out);
                }
            }
        }
        if let GKey::Global(Root::Chan(name), path) = key
            && let Some((ch, k)) = name.split_once(':')
        {
            if k == "*" || k == "?" {
                let prefix = format!("{ch}:");
                for (kk, v) in &self.values {
                    if let GKey::Global(Root::Chan(n), p) = kk
                        && n.starts_with(&prefix)
                        && p == path
                    {
                        union_except(v, None, out);
                    }
                }
            } else {
                for any in ["*", "?"] {
                    let kk =
                        GKey::Global(Root::Chan(Arc::from(format!("{ch}:{any}"))), path.clone());
                    if let Some(v) = self.values.get(&kk) {
                        union_except(v, None, out);
                    }
                }
            }
        }
    }

    fn resolve(&self, m: MethodId, labels: &Labels) -> SrcSet {
        let mut out = SrcSet::new();
        for l in labels {
            match l {
                Label::Src(s) => {
                    out.insert(s.clone());
                }
                Label::In(ap) => match &ap.root {
                    Root::Param(0) if self.entry_this.contains(&m) => {
                        let class = self.program.method(m).class;
                        self.lookup(&GKey::Component(class, ap.path.to_vec()), m, &mut out);
                    }
                    Root::Param(_) => {}
                    r => self.lookup(&GKey::Global(r.clone(), ap.path.to_vec()), m, &mut out),
                },
            }
        }
        out
    }
}

pub(super) fn resolve_and_collect(
    program: &Program,
    cg: &CallGraph,
    models: &dyn ModelSource,
    done: &FxHashMap<MethodId, Arc<Summary>>,
) -> Vec<Flow> {
    let entry_this: FxHashSet<MethodId> = cg
        .entry_points
        .iter()
        .map(|e| e.method)
        .filter(|m| program.method_def(*m).is_some_and(|d| !d.is_static()))
        .collect();
    let mut methods: Vec<MethodId> = done.keys().copied().collect();
    methods.sort();
    // equations: key ⊇ resolve(method, labels)
    let mut eqs: Vec<(GKey, MethodId, &Labels)> = Vec::new();
    for m in &methods {
        let s = &done[m];
        for (port, v) in &s.outs {
            match port {
                OutPort::Global(r, p) => {
                    eqs.push((GKey::Global(r.clone(), p.clone()), *m, &v.labels))
                }
                OutPort::Param(0, p) if entry_this.contains(m) => {
                    let class = program.method(*m).class;
                    eqs.push((GKey::Component(class, p.clone()), *m, &v.labels));
                }
                _ => {}
            }
        }
    }
    let mut res = Resolver {
        program,
        entry_this,
        values: BTreeMap::new(),
        memo: Default::default(),
    };
    // rounds over every equation against the values of the round before (each key looked up
    // once per round through the memo), until nothing changes
    for _ in 0..64 {
        let mut changed = false;
        res.memo.borrow_mut().clear();
        let adds: Vec<SrcSet> = eqs
            .iter()
            .map(|(_, m, labels)| res.resolve(*m, labels))
            .collect();
        for ((key, m, _), add) in eqs.iter().zip(adds) {
            if add.is_empty() {
                continue;
            }
            let e = res
                .values
                .entry(key.clone())
                .or_default()
                .entry(*m)
                .or_default();
            for a in add {
                changed |= e.insert(a);
            }
        }
        if !changed {
            break;
        }
    }
    res.memo.borrow_mut().clear();

    // destinations still given by a parameter resolve from the callers' constants
    let consts = super::callsite_consts::CallSiteConstants::new(done);
    let dest = |m: MethodId, d: &Option<Arc<str>>| d.as_ref().and_then(|d| consts.resolve(m, d));
    let mut raw: Vec<RawFlow> = Vec::new();
    for m in &methods {
        let s = &done[m];
        raw.extend(s.flows.values().map(|f| RawFlow {
            destination: dest(*m, &f.destination),
            ..f.clone()
        }));
        for fact in s.sinks.values() {
            // a provenance requirement still pending at the top: met only by a tag that reaches
            // the receiver through statics, channels or component fields
            if let Some(tag) = &fact.requires
                && !res
                    .resolve(*m, &fact.guard)
                    .iter()
                    .any(|o| !o.is_data() && o.category == *tag)
            {
                continue;
            }
            for src in res.resolve(*m, &fact.labels) {
                if !src.is_data() {
                    continue;
                }
                raw.push(RawFlow {
                    confidence: if fact.widened {
                        Confidence::Low
                    } else {
                        src.confidence
                    },
                    source: src,
                    sink: fact.sink.clone(),
                    sink_chain: fact.chain.clone(),
                    destination: dest(*m, &fact.destination),
                });
            }
        }
    }
    // a source gated on a key its method was given is no source when every caller passes a
    // constant key outside the gate (`extractParam(intent, "latitude")` is not the
    // `incoming_number` extra)
    let mut gated: BTreeMap<(SiteKey, Arc<str>), u8> = BTreeMap::new();
    for m in &methods {
        gated.extend(done[m].gated.iter().map(|(k, v)| (k.clone(), *v)));
    }
    // the key such a source read is the gate constants its callers pass
    let mut gate_keys: BTreeMap<(SiteKey, Arc<str>), Arc<str>> = BTreeMap::new();
    if !gated.is_empty() {
        raw.retain(|r| {
            let Some(j) = gated.get(&(r.source.site, r.source.rule.clone())) else {
                return true;
            };
            let Some((_, allowed)) = models.const_gate(&r.source.rule) else {
                return true;
            };
            match consts.values(r.source.site.0, *j, 0) {
                Some(passed) if !passed.is_empty() => {
                    let keys: Vec<&str> = passed
                        .iter()
                        .filter(|v| allowed.contains(v))
                        .map(|v| &**v)
                        .collect();
                    if !keys.is_empty() {
                        gate_keys.insert(
                            (r.source.site, r.source.rule.clone()),
                            Arc::from(keys.join(", ")),
                        );
                    }
                    !keys.is_empty()
                }
                _ => true,
            }
        });
    }
    to_flows(program, raw, &gate_keys)
}

fn site(program: &Program, s: SiteKey) -> Site {
    Site {
        method: program.method_signature(s.0),
        pc: s.1,
    }
}

fn to_flows(
    program: &Program,
    raw: Vec<RawFlow>,
    gate_keys: &BTreeMap<(SiteKey, Arc<str>), Arc<str>>,
) -> Vec<Flow> {
    // where a rule with a provenance requirement fired (a write on a network stream), the
    // unconditional rules at the same call (any stream write is a file write) are not reported
    let specific: BTreeSet<(SiteKey, &str, SiteKey)> = raw
        .iter()
        .filter(|r| r.sink.conditional)
        .map(|r| (r.source.site, &*r.source.rule, r.sink.site))
        .collect();
    let mut best: BTreeMap<(FlowEnd, FlowEnd), Flow> = BTreeMap::new();
    for r in &raw {
        if !r.sink.conditional && specific.contains(&(r.source.site, &*r.source.rule, r.sink.site))
        {
            continue;
        }
        let source = FlowEnd {
            category: r.source.category.to_string(),
            api: program.method_signature(r.source.api),
            site: site(program, r.source.site),
            rule: r.source.rule.to_string(),
        };
        let sink = FlowEnd {
            category: r.sink.category.to_string(),
            api: program.method_signature(r.sink.api),
            site: site(program, r.sink.site),
            rule: r.sink.rule.to_string(),
        };
        let mut keys: Vec<SiteKey> = Vec::new();
        keys.push(r.source.site);
        keys.extend(r.source.chain.iter().copied());
        keys.extend(r.sink_chain.iter().copied());
        keys.push(r.sink.site);
        keys.dedup();
        let path: Vec<Site> = keys.into_iter().map(|k| site(program, k)).collect();
        let flow = Flow {
            source: source.clone(),
            sink: sink.clone(),
            path,
            destination: r.destination.as_ref().map(|d| d.to_string()),
            confidence: r.confidence.min(Confidence::High),
            source_arg: r
                .source
                .arg
                .as_ref()
                .or_else(|| gate_keys.get(&(r.source.site, r.source.rule.clone())))
                .map(|a| a.to_string()),
        };
        match best.get(&(source.clone(), sink.clone())) {
            Some(cur)
                if (cur.path.len(), &cur.destination, cur.confidence)
                    <= (flow.path.len(), &flow.destination, flow.confidence) => {}
            _ => {
                best.insert((source, sink), flow);
            }
        }
    }
    best.into_values().collect()
}
