//! The widening of last resort: the summary of a method whose flow-sensitive analysis outgrew
//! its budget (block visits, work, or `WIDEN_COST` even at the shortest access paths).
//!
//! It is flow-insensitive and coarser, never smaller: everything the method can read (its
//! parameters, their contents and direct fields, the statics it reads, the sources it calls,
//! the sources its callees return) may reach everything it can write (the return value, the
//! contents of its reference parameters, the statics it writes) and every sink it or its
//! callees call. Flows complete inside its callees stay in the callees' own summaries.
//!
//! Must never: cost more than one linear pass over the body (no state, no fixpoint), or drop a
//! sink the body or a callee summary holds.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::bytecode::ir::Op;
use crate::callgraph::EdgeKind;
use crate::maps::SourceKind;

use super::super::Confidence;
use super::super::domain::{AccessPath, FKey, Konst, Label, Labels, Root, SourceOcc};
use super::super::model::rule_applies as rule_applies_to;
use super::super::summary::{OutPort, OutVal, SinkInfo};
use super::{MAX_CHAIN, MethodAnalysis, body_targets};

impl MethodAnalysis<'_, '_> {
    /// Replaces the summary with the flow-insensitive one (see the module header).
    pub(super) fn coarse_summary(&mut self) {
        let p = self.ctx.program;
        let rs = self.ctx.opts.rule_set;
        let is_static = p.method_def(self.m).is_some_and(|d| d.is_static());
        let nparams = self.body.param_regs.len().min(255);
        let mut all: Vec<Label> = Vec::new();
        for i in 0..nparams {
            let ap = AccessPath::new(Root::Param(i as u8));
            all.push(Label::In(ap.child(FKey::Content)));
            all.push(Label::In(ap.child(FKey::AnyField)));
            all.push(Label::In(ap));
        }
        // a source gated on a constant argument (`getString("android_id")`) counts only when
        // the body holds one of the gate's constants: the flow-insensitive reading of the gate
        let body_strings: Vec<&str> = self
            .body
            .insns
            .iter()
            .filter_map(|i| match &i.op {
                Op::ConstString { value, .. } => Some(&**value),
                _ => None,
            })
            .collect();
        let mut written_statics = Vec::new();
        for insn in &self.body.insns {
            let pc = insn.pc;
            match &insn.op {
                Op::SGet { field, .. } => {
                    let f = self.canonical_field(*field);
                    let ap = AccessPath::new(Root::Static(f));
                    all.push(Label::In(ap.child(FKey::Content)));
                    all.push(Label::In(ap));
                    self.coarse_field_source(&mut all, pc, *field);
                }
                Op::IGet { field, .. } => self.coarse_field_source(&mut all, pc, *field),
                Op::SPut { field, .. } => written_statics.push(self.canonical_field(*field)),
                Op::Invoke { method, .. } => {
                    let mref = *method;
                    for model in self.ctx.models.call_models(p, mref) {
                        for src in &model.sources {
                            if src.kind != SourceKind::Call || !rule_applies_to(&src.rule_sets, rs)
                            {
                                continue;
                            }
                            if let Some((_, values)) = self.ctx.models.const_gate(&src.id)
                                && !values.iter().any(|v| body_strings.contains(&&**v))
                            {
                                continue;
                            }
                            // a Uri is not classified here: the provider may be any
                            let category = match src.uri_arg {
                                None => src.category.clone(),
                                Some(_) => Arc::from("content_provider"),
                            };
                            all.push(Label::Src(Arc::new(SourceOcc {
                                site: (self.m, pc),
                                api: mref,
                                category,
                                rule: src.id.clone(),
                                confidence: Confidence::Low,
                                chain: Vec::new(),
                                arg: None,
                                tag: false,
                            })));
                        }
                    }
                    if let Some(tag) = self.ctx.models.stream_factory(p, mref) {
                        all.push(Label::Src(Arc::new(SourceOcc {
                            site: (self.m, pc),
                            api: mref,
                            category: tag,
                            rule: Arc::from("stream_factory"),
                            confidence: Confidence::High,
                            chain: Vec::new(),
                            arg: None,
                            tag: true,
                        })));
                    }
                    for (t, _) in self.coarse_targets(pc, mref) {
                        let Some(s) = self.ctx.summary(t).cloned() else {
                            continue;
                        };
                        for v in s.outs.values() {
                            for l in &v.labels {
                                if let Label::Src(occ) = l {
                                    let mut o = (**occ).clone();
                                    o.confidence = Confidence::Low;
                                    if o.chain.len() < MAX_CHAIN {
                                        o.chain.push((self.m, pc));
                                    }
                                    all.push(Label::Src(Arc::new(o)));
                                }
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        // what passes through a widened method is reported with low confidence
        let all: Labels = all
            .into_iter()
            .map(|l| match l {
                Label::Src(occ) if occ.confidence > Confidence::Low => {
                    let mut o = (*occ).clone();
                    o.confidence = Confidence::Low;
                    Label::Src(Arc::new(o))
                }
                l => l,
            })
            .collect();

        // every sink the body or a callee calls receives everything
        self.sum.sinks.clear();
        self.sum.flows.clear();
        let rule_guard = |tag: Option<Arc<str>>| tag.map(|t| (t, all.clone()));
        for insn in &self.body.insns {
            let pc = insn.pc;
            let Op::Invoke { method, .. } = &insn.op else {
                continue;
            };
            let mref = *method;
            let icc_resolved = self
                .ctx
                .cg
                .targets(self.m, pc)
                .iter()
                .any(|t| t.kind == EdgeKind::Icc)
                || self.ctx.cg.undelivered_icc.contains(&(self.m, pc));
            for model in self.ctx.models.call_models(p, mref) {
                for sink in &model.sinks {
                    if !rule_applies_to(&sink.rule_sets, rs)
                        || (icc_resolved && &*sink.category == "intent")
                    {
                        continue;
                    }
                    let guard = rule_guard(self.ctx.models.sink_requirement(&sink.id));
                    let info = Arc::new(SinkInfo {
                        site: (self.m, pc),
                        api: mref,
                        category: sink.category.clone(),
                        rule: sink.id.clone(),
                        conditional: guard.is_some(),
                    });
                    self.record_sink(info, all.clone(), Vec::new(), None, guard, true);
                }
            }
            for (t, _) in self.coarse_targets(pc, mref) {
                let Some(s) = self.ctx.summary(t).cloned() else {
                    continue;
                };
                for f in s.sinks.values() {
                    // a sink fact without input labels or a pending requirement takes nothing
                    // from this caller (the callee's own sources are already its flows)
                    if f.requires.is_none() && !f.labels.iter().any(|l| matches!(l, Label::In(_))) {
                        continue;
                    }
                    let chain = self.chain_through(pc, &f.chain);
                    // a destination given by a parameter of the callee is not resolved here
                    let dest = f
                        .destination
                        .as_ref()
                        .filter(|d| !super::super::dest::is_marker(d))
                        .cloned();
                    let guard = rule_guard(f.requires.clone());
                    self.record_sink(f.sink.clone(), all.clone(), chain, dest, guard, true);
                }
            }
        }

        // everything it can write holds everything
        let out = OutVal {
            labels: all,
            konst: Konst::Top,
            fresh: true,
            ..OutVal::default()
        };
        let mut outs: BTreeMap<OutPort, OutVal> = BTreeMap::new();
        for i in 0..nparams {
            if i == 0 && !is_static || self.coarse_param_is_reference(i, is_static) {
                outs.insert(OutPort::Param(i as u8, vec![FKey::Content]), out.clone());
            }
        }
        written_statics.sort();
        written_statics.dedup();
        for f in written_statics {
            outs.insert(OutPort::Global(Root::Static(f), Vec::new()), out.clone());
        }
        outs.insert(OutPort::Ret(Vec::new()), out);
        self.sum.outs = outs;
        self.sum.ret_types = None;
    }

    /// Call targets with summaries at `pc`, as the flow-sensitive analysis would apply them.
    fn coarse_targets(
        &self,
        pc: u32,
        mref: crate::bytecode::MethodId,
    ) -> Vec<(crate::bytecode::MethodId, EdgeKind)> {
        let ts = body_targets(
            self.ctx.program,
            self.ctx.cg,
            self.ctx.opts,
            self.m,
            pc,
            Some(mref),
        );
        if ts.len() > super::MAX_TARGETS {
            return Vec::new();
        }
        ts
    }

    fn coarse_param_is_reference(&self, i: usize, is_static: bool) -> bool {
        let mref = self.ctx.program.method(self.m);
        let Some(j) = i.checked_sub(usize::from(!is_static)) else {
            return true;
        };
        mref.params
            .get(j)
            .map(|t| {
                let n = self.ctx.program.type_name(*t);
                n.starts_with('L') || n.starts_with('[')
            })
            .unwrap_or(false)
    }

    fn coarse_field_source(&self, all: &mut Vec<Label>, pc: u32, field: crate::bytecode::FieldId) {
        let mut v = super::super::domain::Val::default();
        self.field_source(&mut v, pc, field);
        all.extend(v.labels);
    }
}
