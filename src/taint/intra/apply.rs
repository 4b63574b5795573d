//! Summary application: a callee summary applied at a call site by substituting each input
//! label with the caller's value at that access path (memoized per application), then writing
//! its output ports into the caller's state and re-recording its sink facts.
//!
//! Must never: write the state before every port is substituted (all ports see the values at
//! call time).

use super::*;

impl MethodAnalysis<'_, '_> {
    pub(super) fn read_path(&self, st: &State, start: &Val, path: &[FKey]) -> Val {
        let mut v = start.clone();
        for f in path {
            v = self.read_step(st, &v, *f);
        }
        v
    }

    /// One step of `read_path`: the field or contents `f` of `v`.
    pub(super) fn read_step(&self, st: &State, v: &Val, f: FKey) -> Val {
        let mut next = st.read(v, f, self.k);
        // an object tainted as a whole by sensitive data taints each of its fields (as at
        // `iget`; symbolic contents are left to the callee's own reads)
        if matches!(f, FKey::Field(_)) {
            if made_by_library(v) {
                next.labels.extend(
                    v.labels
                        .iter()
                        .filter(|l| matches!(l, Label::Src(_)))
                        .cloned(),
                );
            }
            for o in &v.objs {
                if let Some(c) = st.heap.get(&(o.clone(), FKey::Content)) {
                    next.labels.extend(
                        c.labels
                            .iter()
                            .filter(|l| matches!(l, Label::Src(_)))
                            .cloned(),
                    );
                }
            }
        }
        next
    }

    /// The caller's value at the callee's input access path `ap` (None: no such argument).
    /// Memoized per summary application: the ports and sink facts of one summary name the
    /// same few input paths over and over, and each path is read from its cached prefix, so
    /// one application costs one heap read per distinct path instead of one per label.
    pub(super) fn input_at<'m>(
        &self,
        st: &State,
        ap: &AccessPath,
        arg_of: &dyn Fn(u8) -> Option<usize>,
        argv: &[Val],
        memo: &'m mut InputMemo,
    ) -> Option<&'m Val> {
        if !memo.contains_key(ap) {
            let v = match ap.path.split_last() {
                None => match &ap.root {
                    Root::Param(j) => arg_of(*j).and_then(|i| argv.get(i)).cloned(),
                    r => Some(st.global(r)),
                },
                Some((last, prefix)) => {
                    let parent = AccessPath {
                        root: ap.root.clone(),
                        path: Arc::from(prefix),
                    };
                    self.input_at(st, &parent, arg_of, argv, memo)
                        .map(|base| self.read_step(st, base, *last))
                }
            };
            memo.insert(ap.clone(), v);
        }
        memo.get(ap).and_then(|v| v.as_ref())
    }

    pub(super) fn subst(
        &self,
        st: &State,
        pc: u32,
        labels: &Labels,
        arg_of: &dyn Fn(u8) -> Option<usize>,
        argv: &[Val],
        memo: &mut InputMemo,
    ) -> Labels {
        // one sort at the end instead of a merge per input label: a wide summary names
        // hundreds of inputs, each bringing dozens of labels
        let mut out: Vec<Label> = Vec::new();
        for l in labels {
            match l {
                Label::Src(occ) => {
                    if occ.chain.len() < MAX_CHAIN {
                        let mut o = (**occ).clone();
                        o.chain.push((self.m, pc));
                        out.push(Label::Src(Arc::new(o)));
                    } else {
                        out.push(l.clone());
                    }
                }
                Label::In(ap) => {
                    if ap.path.last() == Some(&FKey::AnyField) {
                        let base = AccessPath {
                            root: ap.root.clone(),
                            path: Arc::from(&ap.path[..ap.path.len() - 1]),
                        };
                        if let Some(b) = self.input_at(st, &base, arg_of, argv, memo) {
                            out.extend(st.deep_taint(b, self.k));
                        }
                        continue;
                    }
                    if let Some(v) = self.input_at(st, ap, arg_of, argv, memo) {
                        out.extend(v.labels.iter().cloned());
                    }
                }
            }
        }
        Labels::from_vec_first_wins(out)
    }

    pub(super) fn subst_objs(
        &self,
        st: &State,
        objs: &BTreeSet<AccessPath>,
        arg_of: &dyn Fn(u8) -> Option<usize>,
        argv: &[Val],
        memo: &mut InputMemo,
    ) -> Objs {
        let mut out = Objs::new();
        for ap in objs {
            if let Some(v) = self.input_at(st, ap, arg_of, argv, memo) {
                out.union_with(&v.objs);
            }
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn apply_summary(
        &mut self,
        st: &mut State,
        pc: u32,
        argv: &[Val],
        s: &Summary,
        kind: EdgeKind,
        strong: bool,
        result: &mut Val,
        exc: &mut Val,
    ) {
        let k = self.k;
        let n = argv.len();
        let arg_of = move |j: u8| -> Option<usize> {
            let j = j as usize;
            let i = match kind {
                EdgeKind::Async {
                    receiver_arg,
                    params_from,
                } => {
                    if j == 0 {
                        receiver_arg as usize
                    } else {
                        params_from? as usize + j - 1
                    }
                }
                _ => j,
            };
            (i < n).then_some(i)
        };
        let is_async = matches!(kind, EdgeKind::Async { .. });
        // the callee's parameter markers (dest.rs) become this call's argument constants
        let arg_konst = |j: u8| arg_of(j).and_then(|i| argv.get(i)).map(|v| v.konst.clone());
        // the state is not written until every port is substituted: one memo serves all
        let mut memo = InputMemo::new();
        // sinks first: they see the values at call time
        let facts: Vec<SinkFact> = s.sinks.values().cloned().collect();
        for f in facts {
            // sources held back by a pending provenance requirement did not pass this call:
            // keep them as they are; substitute the inputs
            let (held, ins): (Labels, Labels) = f
                .labels
                .iter()
                .cloned()
                .partition(|l| matches!(l, Label::Src(_)));
            let mut labels = self.subst(st, pc, &ins, &arg_of, argv, &mut memo);
            labels.extend(held);
            if labels.is_empty() {
                continue;
            }
            let guard = f.requires.as_ref().map(|tag| {
                (
                    tag.clone(),
                    self.subst(st, pc, &f.guard, &arg_of, argv, &mut memo),
                )
            });
            let chain = self.chain_through(pc, &f.chain);
            let dest = super::super::dest::subst_dest(&f.destination, &arg_konst);
            self.record_sink(f.sink.clone(), labels, chain, dest, guard, f.widened);
        }
        let outs: Vec<(OutPort, Labels, Objs, Konst, bool)> = s
            .outs
            .iter()
            .map(|(p, v)| {
                (
                    p.clone(),
                    self.subst(st, pc, &v.labels, &arg_of, argv, &mut memo),
                    self.subst_objs(st, &v.objs, &arg_of, argv, &mut memo),
                    super::super::dest::subst(&v.konst, &arg_konst),
                    v.fresh || v.objs.is_empty(),
                )
            })
            .collect();
        for (port, labels, mut objs, konst, fresh) in outs {
            match port {
                OutPort::Ret(path) => {
                    if is_async {
                        continue;
                    }
                    if path.is_empty() {
                        result.labels.extend(labels);
                        result.objs.extend(objs);
                        if fresh {
                            result.objs.insert(Obj::Call {
                                pc,
                                port: CallPort::Ret,
                                path: Path::default(),
                            });
                        }
                        result.konst.join(&konst);
                    } else {
                        let base = self.read_path(st, result, &path[..path.len() - 1]);
                        if fresh {
                            objs.insert(Obj::Call {
                                pc,
                                port: CallPort::Ret,
                                path: Path::from(path.as_slice()),
                            });
                        }
                        let v = Val {
                            labels,
                            objs,
                            konst: konst.clone(),
                        };
                        st.write_weak(&base, path[path.len() - 1], &v, k);
                    }
                }
                OutPort::Param(j, path) => {
                    let Some(i) = arg_of(j) else { continue };
                    if path.is_empty() {
                        continue;
                    }
                    let base = self.read_path(st, &argv[i], &path[..path.len() - 1]);
                    if fresh {
                        objs.insert(Obj::Call {
                            pc,
                            port: CallPort::Param(j),
                            path: Path::from(path.as_slice()),
                        });
                    }
                    let last = path[path.len() - 1];
                    // the callee overwrote this field of its parameter on every path (the
                    // old value, its own input label, is gone): a strong update of the one
                    // object the argument is (`setName(this, null)` clears `this.name`)
                    let overwritten = strong
                        && path.len() == 1
                        && matches!(last, FKey::Field(_))
                        && base.objs.len() == 1
                        && s.outs
                            .get(&OutPort::Param(j, path.clone()))
                            .is_some_and(|o| {
                                let own = AccessPath {
                                    root: Root::Param(j),
                                    path: Path::from(path.as_slice()),
                                };
                                !o.labels.contains(&Label::In(own.clone()))
                                    && !o.objs.contains(&own)
                            });
                    let v = Val {
                        labels,
                        objs,
                        konst: konst.clone(),
                    };
                    if overwritten {
                        st.write(&base, last, v, k);
                    } else {
                        st.write_weak(&base, last, &v, k);
                    }
                }
                OutPort::Global(root, path) => {
                    let v = Val {
                        labels,
                        objs,
                        konst,
                    };
                    if path.is_empty() {
                        let mut cur = st.global(&root);
                        cur.join(&v);
                        st.globals.insert(root, cur);
                    } else {
                        let g = st.global(&root);
                        let base = self.read_path(st, &g, &path[..path.len() - 1]);
                        st.write_weak(&base, path[path.len() - 1], &v, k);
                    }
                }
                OutPort::Thrown => {
                    exc.labels.extend(labels);
                }
            }
        }
    }
}
