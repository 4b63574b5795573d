//! Sinks reached: where labels meet a sink call, complete flows are recorded for the sources
//! among them and a summary fact for the symbolic inputs (with a pending provenance
//! requirement when only a caller can decide it); `[[return_sink]]` overrides at construction
//! sites; the constants passed to callees whose destination or gate a parameter gives.
//!
//! Must never: drop a source that reached a sink: at worst the fact waits for a caller.

use super::*;

impl MethodAnalysis<'_, '_> {
    /// The call chain of a callee's sink fact seen from the call at `pc`: this site, then the
    /// callee's chain. A chain that comes back into this method (recursion) is cut to the part
    /// from its last site here, the shorter path to the same sink, so chains through a cycle
    /// do not grow with every round and a component's summaries can settle.
    pub(super) fn chain_through(&self, pc: u32, below: &[SiteKey]) -> Vec<SiteKey> {
        if let Some(i) = below.iter().rposition(|(m, _)| *m == self.m) {
            return below[i..].iter().take(MAX_CHAIN + 1).copied().collect();
        }
        let mut chain = Vec::with_capacity(below.len() + 1);
        chain.push((self.m, pc));
        chain.extend(below.iter().take(MAX_CHAIN).copied());
        chain
    }

    /// Records that `labels` reach a sink: flows for the sources among them, a summary fact for
    /// the symbolic inputs. `guard` is the sink rule's provenance requirement with the labels of
    /// the receiver: met when the receiver carries the tag; pending (the whole fact, sources
    /// included, waits for a caller) when only input labels could bring it; else no sink.
    pub(super) fn record_sink(
        &mut self,
        info: Arc<SinkInfo>,
        labels: Labels,
        chain: Vec<SiteKey>,
        destination: Option<Arc<str>>,
        guard: Option<(Arc<str>, Labels)>,
        widened: bool,
    ) {
        // inside the bundled implementation of a modeled sink API (an SDK or library copy
        // in the app), the model already reports the same kind of leak at the API's call
        // sites; other kinds (an analytics call that ends in a network write) still count
        if self.inside_sink_model.contains(&info.category) {
            return;
        }
        let (requires, guard_ins) = match guard {
            None => (None, Labels::new()),
            Some((tag, g)) => {
                let met = g
                    .iter()
                    .any(|l| matches!(l, Label::Src(o) if !o.is_data() && o.category == tag));
                if met {
                    (None, Labels::new())
                } else {
                    let ins: Labels = g
                        .into_iter()
                        .filter(|l| matches!(l, Label::In(_)))
                        .collect();
                    if ins.is_empty() {
                        return;
                    }
                    (Some(tag), ins)
                }
            }
        };
        let key = (info.site, info.rule.clone());
        // a pending fact whose requirement is now met at this site becomes unconditional
        let mut labels = labels;
        if requires.is_none()
            && let Some(f) = self.sum.sinks.get_mut(&key)
            && f.requires.is_some()
        {
            f.requires = None;
            f.guard.clear();
            labels.extend(std::mem::take(&mut f.labels));
        }
        let mut ins = Labels::new();
        for l in labels {
            match l {
                Label::Src(occ) if !occ.is_data() => {}
                Label::Src(occ) if requires.is_none() => {
                    let key = (occ.site, occ.rule.clone(), info.site);
                    let flow = RawFlow {
                        confidence: if widened {
                            Confidence::Low
                        } else {
                            occ.confidence
                        },
                        source: occ,
                        sink: info.clone(),
                        sink_chain: chain.clone(),
                        destination: destination.clone(),
                    };
                    match self.sum.flows.entry(key) {
                        std::collections::btree_map::Entry::Vacant(e) => {
                            e.insert(flow);
                        }
                        // a rule with a met provenance requirement is the specific reading
                        std::collections::btree_map::Entry::Occupied(mut e) => {
                            if info.conditional && !e.get().sink.conditional {
                                e.insert(flow);
                            }
                        }
                    }
                }
                l => {
                    ins.insert(l);
                }
            }
        }
        if ins.is_empty() {
            return;
        }
        let fact = self.sum.sinks.entry(key).or_insert_with(|| SinkFact {
            sink: info.clone(),
            chain: chain.clone(),
            labels: Labels::new(),
            destination: destination.clone(),
            requires: requires.clone(),
            guard: Labels::new(),
            widened,
        });
        fact.widened |= widened;
        fact.labels.extend(ins);
        if fact.requires.is_some() {
            fact.guard.extend(guard_ins);
        }
        if fact.destination.is_none() {
            fact.destination = destination;
        }
    }

    /// `new C(...)` of an app class overriding a `[[return_sink]]` method (a Volley request
    /// whose `getParams()` builds the form): what the override returns, read from this object
    /// as its constructor left it, is sent. The sink is this construction site, the api the
    /// overridden method, the destination the object's constant (its URL).
    pub(super) fn return_sinks_at_construction(
        &mut self,
        st: &State,
        pc: u32,
        mref: MethodId,
        args: &[Reg],
    ) {
        let class = self.ctx.program.method(mref).class;
        let Some(overrides) = self.ctx.return_overrides.get(&class) else {
            return;
        };
        let Some(&r0) = args.first() else {
            return;
        };
        let recv = self.reg(st, r0);
        // a super-constructor call inside a constructor is not a construction
        if !recv.objs.iter().any(|o| matches!(o, Obj::Alloc(_))) {
            return;
        }
        let argv = [recv.clone()];
        let arg_of = |j: u8| (j == 0).then_some(0usize);
        for &o in overrides {
            let Some(s) = self.ctx.summary(o).cloned() else {
                continue;
            };
            let rules: Vec<_> = self
                .ctx
                .models
                .return_sinks(self.ctx.program, o)
                .into_iter()
                .filter(|(r, _)| rule_applies(&r.rule_sets, self.ctx.opts.rule_set))
                .collect();
            if rules.is_empty() {
                continue;
            }
            let mut labels = Labels::new();
            let mut memo = InputMemo::new();
            for (port, v) in &s.outs {
                if !matches!(port, OutPort::Ret(_)) {
                    continue;
                }
                labels.extend(self.subst(st, pc, &v.labels, &arg_of, &argv, &mut memo));
                let objs = self.subst_objs(st, &v.objs, &arg_of, &argv, &mut memo);
                if !objs.is_empty() {
                    let v = Val {
                        objs,
                        ..Val::default()
                    };
                    labels.extend(st.deep_taint(&v, self.k));
                }
            }
            if labels.is_empty() {
                continue;
            }
            for (rule, api) in rules {
                let destination = match rule.destination {
                    Some(Port::This) => recv.konst.as_str().cloned(),
                    _ => None,
                };
                let info = Arc::new(SinkInfo {
                    site: (self.m, pc),
                    api,
                    category: rule.category.clone(),
                    rule: rule.id.clone(),
                    conditional: false,
                });
                self.record_sink(info, labels.clone(), Vec::new(), destination, None, false);
            }
        }
    }

    /// Records the constants passed to the parameters of `t` that decide where its flows
    /// go (their destination is a parameter marker, directly or through `t`'s own callees),
    /// so destinations left open at the top resolve from the call sites (`dest.rs`).
    pub(super) fn note_call_args(&mut self, t: MethodId, s: &Summary, argv: &[Val]) {
        let mut params: Vec<u8> = s
            .flows
            .values()
            .filter_map(|f| f.destination.as_deref())
            .filter_map(super::super::dest::marker_param)
            .chain(s.call_args.values().flat_map(|a| a.markers()))
            .chain(s.gated.values().copied())
            .collect();
        params.sort_unstable();
        params.dedup();
        for j in params {
            let k = argv.get(j as usize).map_or(Konst::Top, |v| v.konst.clone());
            self.sum.call_args.entry((t, j)).or_default().add(&k);
        }
    }
}
