//! One call site: models of the referenced API, call-graph targets with their summaries
//! (narrowed receivers, strong updates through a sole callee, specialized summaries), stream
//! provenance, and the library default when nothing is known.
//!
//! Must never: analyze a callee body itself: summaries come from the driver (or `specialize`).

use super::*;

impl MethodAnalysis<'_, '_> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn call(
        &mut self,
        st: &mut State,
        pc: u32,
        method: Option<MethodId>,
        is_static: bool,
        args: &[Reg],
        covered: bool,
    ) {
        let app_code = self.call_inner(st, pc, method, is_static, args, covered);
        if !self.keyed_objects.is_empty() {
            // a keyed container's own put/get model says exactly what it does to the receiver
            let keyed_model = !is_static
                && method.is_some_and(|m| {
                    self.ctx
                        .models
                        .call_models(self.ctx.program, m)
                        .iter()
                        .any(|mm| mm.key_arg.is_some())
                });
            let argv: Vec<Val> = args
                .iter()
                .skip(usize::from(keyed_model))
                .map(|r| self.reg(st, *r))
                .collect();
            self.keyed_after_call(st, &argv, app_code);
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn call_inner(
        &mut self,
        st: &mut State,
        pc: u32,
        method: Option<MethodId>,
        is_static: bool,
        args: &[Reg],
        covered: bool,
    ) -> bool {
        let argv: Vec<Val> = args.iter().map(|r| self.reg(st, *r)).collect();
        let mut app_code = false;
        let mut result = Val::default();
        let mut exc = Val::default();
        let mut modeled = false;
        let mut sanitized = false;
        if let Some(mref) = method {
            let models = self.ctx.models.call_models(self.ctx.program, mref);
            if !models.is_empty() {
                modeled = true;
                for model in models {
                    sanitized |= model.sanitizer;
                    self.apply_model(st, pc, mref, model, is_static, args, &argv, &mut result);
                    // a decorator (`new Formatter(sb)`) may be the object it wraps: writes
                    // into it reach the wrapped object's contents
                    if let Some(a) = model.wraps_arg
                        && !is_static
                        && let Some(wrapped) = argv.get(a as usize + 1)
                        && let Some(&recv) = args.first()
                        && let Some(v) = st.regs.get_mut(recv as usize)
                    {
                        v.objs.union_with(&wrapped.objs);
                        v.cap();
                    }
                }
            }
            if self.apply_retrofit(st, pc, mref, is_static, &argv) {
                modeled = true;
            }
        }
        self.icc_send(st, pc, is_static, &argv);
        if let Some(mref) = method {
            self.native_sink(st, pc, mref, &argv);
        }
        let mut targets = body_targets(
            self.ctx.program,
            self.ctx.cg,
            self.ctx.opts,
            self.m,
            pc,
            method,
        );
        let has_body = !targets.is_empty();
        // megamorphic sites (e.g. Parcelable.writeToParcel over every implementation) are
        // treated as an unknown library call: applying dozens of summaries costs more than
        // it tells; the targets are still analyzed on their own
        let megamorphic = targets.len() > MAX_TARGETS;
        if megamorphic {
            targets.clear();
        }
        if !is_static
            && targets
                .iter()
                .filter(|(_, k)| *k == EdgeKind::Virtual)
                .count()
                > 1
            && let Some(recv) = argv.first()
        {
            for o in &recv.objs {
                if let Obj::Entry(AccessPath {
                    root: Root::Param(i),
                    path,
                }) = o
                    && path.is_empty()
                {
                    self.sum.dispatch_params.insert(*i);
                }
            }
        }
        let receivers = self.receivers_by_target(&targets, is_static, &argv);
        // one callee runs for sure: what it overwrites on every path is overwritten here
        let sole = receivers.iter().filter(|r| r.is_some()).count() == 1;
        let mut ret_types: Option<BTreeSet<TypeId>> =
            (!targets.is_empty() && !modeled).then(BTreeSet::new);
        for ((t, kind), recv) in targets.into_iter().zip(receivers) {
            let Some(recv) = recv else { continue };
            app_code = true;
            let narrowed;
            let argv: &[Val] = match recv {
                Some(r) => {
                    let mut a = argv.clone();
                    a[0] = r;
                    narrowed = a;
                    &narrowed
                }
                None => &argv,
            };
            if let Some(s) = self.ctx.summary(t).cloned() {
                let s = self.specialize(t, kind, s, argv);
                match (&mut ret_types, &s.ret_types) {
                    (Some(acc), Some(ts)) if kind != EdgeKind::Reflective => acc.extend(ts),
                    _ => ret_types = None,
                }
                if kind == EdgeKind::Reflective
                    && let Some(refl) =
                        method.and_then(|m| self.reflective_args(st, pc, m, t, argv))
                {
                    let (rargv, ret) = refl;
                    ret_types = None;
                    self.apply_summary(
                        st,
                        pc,
                        &rargv,
                        &s,
                        EdgeKind::Direct,
                        false,
                        &mut result,
                        &mut exc,
                    );
                    if let Some(obj) = ret {
                        result.join(&obj);
                    }
                    continue;
                }
                let strong = sole && matches!(kind, EdgeKind::Direct | EdgeKind::Virtual);
                self.apply_summary(st, pc, argv, &s, kind, strong, &mut result, &mut exc);
                if matches!(kind, EdgeKind::Direct | EdgeKind::Virtual) {
                    self.note_call_args(t, &s, argv);
                }
            } else {
                ret_types = None;
            }
        }
        match ret_types {
            Some(ts) if !ts.is_empty() && !megamorphic => {
                self.call_types.insert(pc, ts);
            }
            _ => {
                self.call_types.remove(&pc);
            }
        }
        if let Some(mref) = method
            && !is_static
            && &*self.ctx.program.method(mref).name == "<init>"
            && let Some(cbs) = self
                .ctx
                .ctor_callbacks
                .get(&self.ctx.program.method(mref).class)
        {
            let kind = EdgeKind::Async {
                receiver_arg: 0,
                params_from: None,
            };
            for cb in cbs {
                app_code = true;
                if let Some(s) = self.ctx.summary(*cb).cloned() {
                    let mut ignored = Val::default();
                    let mut exc2 = Val::default();
                    self.apply_summary(st, pc, &argv, &s, kind, false, &mut ignored, &mut exc2);
                }
            }
        }
        if let Some(mref) = method
            && !has_body
        {
            modeled |= self.reflective_framework_call(st, pc, mref, &argv, &mut result);
        }
        if let Some(mref) = method {
            self.konst_through_call(st, pc, mref, is_static, &argv, &mut result);
            if !is_static && &*self.ctx.program.method(mref).name == "<init>" {
                self.return_sinks_at_construction(st, pc, mref, args);
            }
        }
        if !modeled && (!has_body || megamorphic) {
            self.default_call(st, pc, method, is_static, &argv, &mut result);
        }
        if sanitized {
            result.labels.clear();
        }
        if let Some(mref) = method
            && let Some(tag) = self.ctx.models.stream_factory(self.ctx.program, mref)
        {
            let occ = Label::Src(Arc::new(SourceOcc {
                site: (self.m, pc),
                api: mref,
                category: tag,
                rule: Arc::from("stream_factory"),
                confidence: Confidence::High,
                chain: Vec::new(),
                arg: None,
                tag: true,
            }));
            // a constructor factory (`new FileOutputStream(f)`) tags the object it builds,
            // which every alias of the new object sees; a method factory tags its result
            if !is_static
                && &*self.ctx.program.method(mref).name == "<init>"
                && let Some(recv) = argv.first()
            {
                let mut c = Val::default();
                c.labels.insert(occ);
                st.write_weak(recv, FKey::Content, &c, self.k);
            } else {
                result.labels.insert(occ);
            }
        }
        if let Some(mref) = method {
            let r = self.ctx.program.method(mref);
            if &*r.name == "getIntent"
                && r.params.is_empty()
                && self.ctx.program.type_name(r.ret) == INTENT
            {
                let root = icc_root(self.ctx.program.type_name(r.class));
                let v = st.global(&root);
                result.labels.extend(v.labels);
                if self.ctx.cg.external_intents.contains(&r.class)
                    && let Some(l) = self.external_intent((self.m, pc), mref)
                {
                    result.labels.insert(l);
                }
            }
            // one Application instance per process: what one component stores in its fields
            // another component reads back
            if &*r.name == "getApplication"
                && r.params.is_empty()
                && self.ctx.program.type_name(r.ret) == "Landroid/app/Application;"
            {
                let v = st.global(&Root::Chan(Arc::from(APPLICATION_CHANNEL)));
                result.join(&v);
            }
        }
        if result.objs.is_empty() {
            result.objs.insert(Obj::Call {
                pc,
                port: CallPort::Ret,
                path: Path::default(),
            });
        }
        if self.ctx.opts.implicit {
            for ls in st.ctl.values() {
                result.labels.extend(ls.iter().cloned());
            }
        }
        if result.konst == Konst::Bot {
            result.konst = Konst::Top;
        }
        st.pending = result;
        if !exc.labels.is_empty() {
            if covered {
                st.exc = exc;
            } else {
                self.thrown.extend(exc.labels);
            }
        }
        app_code
    }
}
