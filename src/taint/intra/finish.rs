//! Summary building: the method's exit state turned into its summary (output ports with their
//! labels and aliased input objects, bounded by `MAX_OUTS` with paths cut into `Content`), or
//! the flow-insensitive widening when a budget was hit.
//!
//! Must never: let the summary grow past its bound: coarser ports, never dropped ones.

use super::*;

impl MethodAnalysis<'_, '_> {
    pub(super) fn finish(mut self) -> Summary {
        if self.coarse {
            self.coarse_summary();
            return self.sum;
        }
        let Some(exit) = self.exit.take() else {
            return self.sum;
        };
        let k = self.k;
        let mut outs: BTreeMap<OutPort, OutVal> = BTreeMap::new();
        let entry_objs = |objs: &Objs| -> BTreeSet<AccessPath> {
            objs.iter()
                .filter_map(|o| match o {
                    Obj::Entry(ap) => Some(ap.clone()),
                    _ => None,
                })
                .collect()
        };
        let ret = std::mem::take(&mut self.ret);
        if !ret.objs.is_empty() {
            let mut ts = BTreeSet::new();
            let known = ret.objs.iter().all(|o| match self.exact_types(o) {
                Some(t) => {
                    ts.extend(t);
                    true
                }
                None => false,
            });
            self.sum.ret_types = known.then_some(ts);
        }
        if !ret.labels.is_empty() || !ret.objs.is_empty() || ret.konst != Konst::Bot {
            outs.insert(
                OutPort::Ret(Vec::new()),
                OutVal {
                    labels: ret.labels.clone(),
                    objs: entry_objs(&ret.objs),
                    konst: ret.konst.clone(),
                    fresh: ret.objs.iter().any(|o| !matches!(o, Obj::Entry(_))),
                },
            );
            let mut seen = BTreeSet::new();
            walk(
                &exit,
                &ret.objs,
                &mut Vec::new(),
                k,
                &mut seen,
                &mut |p, v| {
                    put_out(&mut outs, OutPort::Ret(p), v, &entry_objs);
                },
            );
        }
        for i in 0..self.body.param_regs.len().min(255) {
            let ap = AccessPath::new(Root::Param(i as u8));
            let start: Objs = [Obj::Entry(ap)].into_iter().collect();
            let mut seen = BTreeSet::new();
            walk(&exit, &start, &mut Vec::new(), k, &mut seen, &mut |p, v| {
                put_out(&mut outs, OutPort::Param(i as u8, p), v, &entry_objs);
            });
        }
        for (root, v) in &exit.globals {
            let ap = AccessPath::new(root.clone());
            let identity = v.labels.len() == 1
                && v.labels.contains(&Label::In(ap.clone()))
                && v.objs.len() == 1
                && v.objs.contains(&Obj::Entry(ap.clone()));
            if !identity {
                put_out(
                    &mut outs,
                    OutPort::Global(root.clone(), Vec::new()),
                    v,
                    &entry_objs,
                );
            }
            let mut start = v.objs.clone();
            start.insert(Obj::Entry(ap));
            let mut seen = BTreeSet::new();
            walk(&exit, &start, &mut Vec::new(), k, &mut seen, &mut |p, v| {
                put_out(&mut outs, OutPort::Global(root.clone(), p), v, &entry_objs);
            });
        }
        // entries below input objects that were read before being written (x = this.f; x.g = v)
        for ((o, fk), v) in &exit.heap {
            let Obj::Entry(ap) = o else { continue };
            let mut p = ap.path.to_vec();
            p.push(*fk);
            // objects at the cap keep everything below them under `Content`
            if p.len() > k + 1 || *v == super::super::domain::heap_default(o, *fk, k).2 {
                continue;
            }
            let port = match &ap.root {
                Root::Param(i) => OutPort::Param(*i, p),
                r => OutPort::Global(r.clone(), p),
            };
            put_out(&mut outs, port, v, &entry_objs);
        }
        if !self.thrown.is_empty() {
            outs.insert(
                OutPort::Thrown,
                OutVal {
                    labels: std::mem::take(&mut self.thrown),
                    ..OutVal::default()
                },
            );
        }
        if outs.len() > MAX_OUTS {
            for l in (0..k).rev() {
                let w = widen_outs(&outs, l);
                if w.len() <= MAX_OUTS || l == 0 {
                    outs = w;
                    break;
                }
            }
        }
        self.sum.outs = outs;
        self.sum
    }
}

/// Most output ports a summary keeps; beyond it, paths are cut and what lies below the cut is
/// merged into the cut object's `Content` (sound for taint, coarser for fields).
pub(super) const MAX_OUTS: usize = 48;

pub(super) fn widen_outs(outs: &BTreeMap<OutPort, OutVal>, l: usize) -> BTreeMap<OutPort, OutVal> {
    let cut = |p: &Vec<FKey>| -> Vec<FKey> {
        if p.len() > l + 1 {
            let mut q = p[..l].to_vec();
            q.push(FKey::Content);
            q
        } else {
            p.clone()
        }
    };
    let mut w: BTreeMap<OutPort, OutVal> = BTreeMap::new();
    for (port, v) in outs {
        let np = match port {
            OutPort::Ret(p) => OutPort::Ret(cut(p)),
            OutPort::Param(i, p) => OutPort::Param(*i, cut(p)),
            OutPort::Global(r, p) => OutPort::Global(r.clone(), cut(p)),
            OutPort::Thrown => OutPort::Thrown,
        };
        let e = w.entry(np).or_default();
        e.labels.union_with(&v.labels);
        e.objs.extend(v.objs.iter().cloned());
        e.konst.join(&v.konst);
        e.fresh |= v.fresh;
    }
    w
}

pub(super) fn put_out(
    outs: &mut BTreeMap<OutPort, OutVal>,
    port: OutPort,
    v: &Val,
    entry_objs: &dyn Fn(&Objs) -> BTreeSet<AccessPath>,
) {
    let e = outs.entry(port).or_default();
    e.labels.union_with(&v.labels);
    e.objs.extend(entry_objs(&v.objs));
    e.konst.join(&v.konst);
    e.fresh |= v.objs.iter().any(|o| !matches!(o, Obj::Entry(_)));
}

/// Visits every written heap entry reachable from `objs`, with its access path.
pub(super) fn walk(
    st: &State,
    objs: &Objs,
    path: &mut Vec<FKey>,
    k: usize,
    seen: &mut BTreeSet<(Obj, usize)>,
    f: &mut dyn FnMut(Vec<FKey>, &Val),
) {
    if path.len() >= k {
        return;
    }
    for o in objs {
        if !seen.insert((o.clone(), path.len())) {
            continue;
        }
        let lo = (o.clone(), FKey::Field(FieldId(0)));
        let entries: Vec<(FKey, &Val)> = st
            .heap
            .range(lo..)
            .take_while(|((oo, _), _)| oo == o)
            .map(|((_, fk), v)| (*fk, v))
            .collect();
        for (fk, v) in entries {
            // constant-index slots repeat what `Content` holds, for this method only
            if matches!(fk, FKey::Elem(_)) {
                continue;
            }
            let (_, _, def) = super::super::domain::heap_default(o, fk, k);
            path.push(fk);
            if *v != def {
                f(path.clone(), v);
            }
            walk(st, &v.objs, path, k, seen, f);
            path.pop();
        }
    }
}
