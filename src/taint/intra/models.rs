//! Model application: sources, sinks, propagations, keyed containers and channels declared in
//! `permission-maps/` applied at a call, and Retrofit interface methods as network sinks.
//!
//! Must never: know a library by name in code: what a call does comes from its model.

use super::*;

impl MethodAnalysis<'_, '_> {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn apply_model(
        &mut self,
        st: &mut State,
        pc: u32,
        mref: MethodId,
        model: &MethodModel,
        is_static: bool,
        args: &[Reg],
        argv: &[Val],
        result: &mut Val,
    ) {
        let k = self.k;
        let rs = self.ctx.opts.rule_set;
        let port_val = |p: Port| port_arg(p, is_static, argv.len()).map(|i| &argv[i]);
        for src in &model.sources {
            if src.kind != SourceKind::Call || !rule_applies(&src.rule_sets, rs) {
                continue;
            }
            let mut gate_conf = Confidence::High;
            let mut read: Option<Arc<str>> = None;
            if let Some((arg, values)) = self.ctx.models.const_gate(&src.id) {
                let k = port_val(Port::Arg(arg)).map(|v| &v.konst);
                match k.and_then(super::super::dest::real) {
                    Some(s) if values.iter().any(|x| x == s) => read = Some(s.clone()),
                    Some(_) => continue,
                    None => gate_conf = Confidence::Low,
                }
                // the key is a parameter: the callers' constants decide (dest.rs)
                if let Some(j) = k
                    .and_then(|k| k.as_str())
                    .and_then(|s| super::super::dest::marker_param(s))
                {
                    self.sum.gated.insert(((self.m, pc), src.id.clone()), j);
                }
            }
            let (category, confidence) = match src.uri_arg {
                None => (src.category.clone(), gate_conf),
                Some(ua) => {
                    let uri = port_val(Port::Arg(ua))
                        .and_then(|v| super::super::dest::real(&v.konst).cloned());
                    // the app's own provider holds the app's data, not the user's
                    if uri
                        .as_deref()
                        .is_some_and(|u| self.ctx.models.own_provider(u))
                    {
                        continue;
                    }
                    read = uri.clone();
                    match uri.and_then(|u| self.ctx.models.classify_uri(&u)) {
                        Some((c, conf)) => (c, conf),
                        None => (Arc::from("content_provider"), Confidence::Low),
                    }
                }
            };
            let occ = Label::Src(Arc::new(SourceOcc {
                site: (self.m, pc),
                api: mref,
                category,
                rule: src.id.clone(),
                confidence,
                chain: Vec::new(),
                tag: false,
                arg: read,
            }));
            match port_arg(src.port, is_static, argv.len()) {
                None => {
                    result.labels.insert(occ);
                }
                Some(i) => {
                    let mut c = Val::default();
                    c.labels.insert(occ.clone());
                    st.write_weak(&argv[i], FKey::Content, &c, k);
                    if let Some(v) = st.regs.get_mut(args[i] as usize) {
                        v.labels.insert(occ);
                    }
                }
            }
        }
        let icc_resolved = self
            .ctx
            .cg
            .targets(self.m, pc)
            .iter()
            .any(|t| t.kind == EdgeKind::Icc)
            || self.ctx.cg.undelivered_icc.contains(&(self.m, pc));
        for sink in &model.sinks {
            if !rule_applies(&sink.rule_sets, rs) {
                continue;
            }
            // an intent delivered to a component of this app keeps its data inside the app:
            // the receiving side reads it back through the intent-extra channel
            if icc_resolved && &*sink.category == "intent" {
                continue;
            }
            let mut labels = Labels::new();
            for p in &sink.ports {
                if let Some(v) = port_val(*p) {
                    labels.extend(st.deep_taint(v, k));
                }
            }
            if labels.is_empty() {
                continue;
            }
            let destination = match sink.destination {
                Some(d) => port_val(d).and_then(|v| v.konst.as_str().cloned()),
                // no destination port: an object derived from a constant URL (connection,
                // stream, request) still knows where it goes
                None => port_val(Port::This).and_then(|v| v.konst.as_str().cloned()),
            };
            // `requires = TAG`: the receiver's provenance decides (known now, or through the
            // receiver's input labels once a caller substitutes them)
            let guard = self.ctx.models.sink_requirement(&sink.id).map(|tag| {
                let recv = port_val(Port::This)
                    .map(|v| st.taint(v, k))
                    .unwrap_or_default();
                (tag, recv)
            });
            let info = Arc::new(SinkInfo {
                site: (self.m, pc),
                api: mref,
                category: sink.category.clone(),
                rule: sink.id.clone(),
                conditional: guard.is_some(),
            });
            self.record_sink(info, labels, Vec::new(), destination, guard, false);
        }
        // a keyed container allocated here (`map.put("k", v)` / `map.get("k")`): its slot for
        // a constant key (unknown keys share `UNKNOWN_INDEX`)
        let keyed = model
            .key_arg
            .filter(|_| {
                !is_static
                    && !argv[0].objs.is_empty()
                    && argv[0].objs.iter().all(|o| matches!(o, Obj::Alloc(_)))
            })
            .map(|a| match port_val(Port::Arg(a)).map(|v| &v.konst) {
                Some(Konst::Str(s))
                    if super::super::dest::real(&Konst::Str(s.clone())).is_some() =>
                {
                    key_slot(s)
                }
                Some(Konst::Int(i)) if *i != UNKNOWN_INDEX => *i,
                _ => UNKNOWN_INDEX,
            });
        for prop in &model.propagations {
            let mut ls = Labels::new();
            for p in &prop.from {
                if let Some(v) = port_val(*p) {
                    match (p, keyed) {
                        (Port::This, Some(slot)) if slot != UNKNOWN_INDEX => {
                            ls.union_with(&v.labels);
                            ls.extend(self.element_labels(st, v, slot).unwrap_or_default());
                        }
                        // a serializer sends the fields written into the object too
                        _ if model.deep => ls.extend(st.deep_taint(v, k)),
                        _ => ls.extend(st.taint(v, k)),
                    }
                }
            }
            if let Some(slot) = keyed
                && prop.to.contains(&Port::This)
            {
                let v = Val {
                    labels: ls.clone(),
                    ..Val::default()
                };
                if slot != UNKNOWN_INDEX && argv[0].objs.len() == 1 {
                    st.write(&argv[0], FKey::Elem(slot), v, k);
                } else {
                    st.write_weak(&argv[0], FKey::Elem(slot), &v, k);
                }
                for o in &argv[0].objs {
                    if let Obj::Alloc(apc) = o {
                        self.keyed_objects.insert(*apc);
                    }
                }
            }
            if ls.is_empty() {
                continue;
            }
            for to in &prop.to {
                match port_arg(*to, is_static, argv.len()) {
                    None => result.labels.extend(ls.iter().cloned()),
                    Some(i) => {
                        let c = Val {
                            labels: ls.clone(),
                            ..Val::default()
                        };
                        if argv[i].objs.is_empty() {
                            if let Some(v) = st.regs.get_mut(args[i] as usize) {
                                v.labels.extend(ls.iter().cloned());
                            }
                        } else {
                            st.write_weak(&argv[i], FKey::Content, &c, k);
                        }
                    }
                }
            }
        }
        for ch in &model.channels {
            let key: Arc<str> = match ch.key_arg {
                None => Arc::from("*"),
                Some(a) => {
                    match port_val(Port::Arg(a)).and_then(|v| super::super::dest::real(&v.konst)) {
                        Some(s) => s.clone(),
                        None => Arc::from("?"),
                    }
                }
            };
            let root = Root::Chan(Arc::from(format!("{}:{}", ch.channel, key)));
            if ch.put {
                let Some(v) = port_val(ch.value) else {
                    continue;
                };
                let ls = st.deep_taint(v, k);
                let add = Val {
                    labels: ls.clone(),
                    ..Val::default()
                };
                let mut cur = st.global(&root);
                cur.join(&add);
                st.globals.insert(root, cur);
                if !is_static && !ls.is_empty() && ch.value != Port::This {
                    let c = argv[0].clone();
                    st.write_weak(&c, FKey::Content, &add, k);
                }
            } else {
                let received = !is_static
                    && &*ch.channel == "intent-extra"
                    && argv.first().is_some_and(|r| {
                        st.taint(r, k).iter().any(|l| {
                            matches!(l, Label::In(ap) if matches!(&ap.root, Root::Chan(c) if c.starts_with("icc:") || c.starts_with("icc-result:")))
                        })
                    });
                // an intent or bundle this method was given, read with a key it cannot resolve:
                // what it holds is decided by the caller (its own puts into the object, or
                // the sender's extras for a delivered intent), not by every put of every key
                // in the app, which would tie unrelated code together
                let from_input = !is_static
                    && &*ch.channel == "intent-extra"
                    && ch.key_arg.is_some()
                    && &*key == "?"
                    && argv.first().is_some_and(|r| {
                        !r.objs.is_empty()
                            && r.objs.iter().all(|o| {
                                matches!(o, Obj::Entry(ap) if matches!(ap.root, Root::Param(_)))
                            })
                    });
                let v = if received || from_input {
                    // an intent delivered to this component: its extras are what its senders
                    // put in (resolved per receiving component), not every intent's extras
                    Val {
                        labels: st.deep_taint(&argv[0], k),
                        ..Val::default()
                    }
                } else {
                    st.global(&root)
                };
                match port_arg(ch.value, is_static, argv.len()) {
                    None => {
                        result.labels.extend(v.labels);
                    }
                    Some(i) => {
                        let c = Val {
                            labels: v.labels,
                            ..Val::default()
                        };
                        st.write_weak(&argv[i], FKey::Content, &c, k);
                    }
                }
            }
        }
        let _ = result.konst;
    }

    /// Retrofit: a call to an interface method carrying an HTTP-request annotation of the maps
    /// (`annotations.toml`: `@GET`, `@POST`, ...) sends its parameters over the network; the
    /// annotation's value, when it carries the URL, is the destination.
    pub(super) fn apply_retrofit(
        &mut self,
        st: &mut State,
        pc: u32,
        mref: MethodId,
        is_static: bool,
        argv: &[Val],
    ) -> bool {
        let p = self.ctx.program;
        let Some(def) = p.method_def(mref) else {
            return false;
        };
        let mut dest: Option<Arc<str>> = None;
        let mut is_http = false;
        for a in &def.annotations {
            let Some(carries_url) = self.ctx.models.http_request(p.type_name(a.ty)) else {
                continue;
            };
            is_http = true;
            if !carries_url {
                continue;
            }
            for (name, v) in &a.elements {
                if (&**name == "value" || &**name == "path")
                    && let Value::String(s) = v
                {
                    dest = Some(s.clone());
                }
            }
        }
        if !is_http {
            return false;
        }
        // the proxy from Retrofit.create carries the base URL given to Retrofit.Builder
        if let Some(base) = (!is_static)
            .then(|| {
                argv.first()
                    .and_then(|v| super::super::dest::real(&v.konst).cloned())
            })
            .flatten()
        {
            dest = Some(match &dest {
                Some(rel) if rel.contains("://") => rel.clone(),
                Some(rel) => Arc::from(format!(
                    "{}/{}",
                    base.trim_end_matches('/'),
                    rel.trim_start_matches('/')
                )),
                None => base,
            });
        }
        let k = self.k;
        let mut labels = Labels::new();
        let off = usize::from(!is_static);
        for (i, v) in argv.iter().enumerate().skip(off) {
            let _annotated = def
                .parameter_annotations
                .get(i - off)
                .is_some_and(|l| !l.is_empty());
            labels.extend(st.deep_taint(v, k));
        }
        if labels.is_empty() {
            return true;
        }
        let info = Arc::new(SinkInfo {
            site: (self.m, pc),
            api: mref,
            category: Arc::from("network"),
            rule: Arc::from("retrofit"),
            conditional: false,
        });
        self.record_sink(info, labels, Vec::new(), dest, None, false);
        true
    }
}
