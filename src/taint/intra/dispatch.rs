//! Dispatch and constants across calls: exact runtime classes of receivers, summaries
//! specialized to argument classes, the library default propagation, and the string constants
//! (URLs, keys) that flow through calls.
//!
//! Must never: guess a class it does not know: an unknown receiver goes to every target the
//! call graph gives.

use super::*;
use crate::consts::{Applied, Effect};

impl MethodAnalysis<'_, '_> {
    /// The summary of `t` specialized to the exact classes of this call's arguments, when
    /// `t` dispatches on a parameter whose argument here has known classes (a strategy
    /// object passed in: `run(new SafeTask())` runs only `SafeTask`'s override inside).
    /// Otherwise, or past the budget, the general summary.
    pub(super) fn specialize(
        &mut self,
        t: MethodId,
        kind: EdgeKind,
        general: Arc<Summary>,
        argv: &[Val],
    ) -> Arc<Summary> {
        if general.dispatch_params.is_empty()
            || !self.param_types.is_empty()
            || !matches!(kind, EdgeKind::Direct | EdgeKind::Virtual)
            || self.ctx.current.contains_key(&t)
        {
            return general;
        }
        let mut ctx_types: ParamTypes = vec![None; argv.len()];
        let mut any = false;
        for &i in &general.dispatch_params {
            let Some(v) = argv.get(i as usize) else {
                continue;
            };
            let mut ts = BTreeSet::new();
            let known = !v.objs.is_empty()
                && v.objs.iter().all(|o| match self.exact_types(o) {
                    Some(x) => {
                        ts.extend(x);
                        true
                    }
                    None => false,
                });
            if known {
                ctx_types[i as usize] = Some(ts);
                any = true;
            }
        }
        if !any {
            return general;
        }
        let key = (t, ctx_types);
        if let Some(s) = self.specialized.get(&key) {
            return s.clone();
        }
        if self.specialized.len() >= MAX_SPECIALIZED {
            return general;
        }
        let Some(body) = self.ctx.program.body(t) else {
            return general;
        };
        let s = Arc::new(analyze_in_context(self.ctx, t, &body, key.1.clone(), Start::default()).0);
        self.specialized.insert(key, s.clone());
        s
    }

    /// The receiver each virtual target sees: only the objects whose exact runtime class
    /// (allocation site, or a callee's returned allocation) dispatches to that target, so
    /// `(flag ? new A() : new B()).m()` runs `A.m` on the `A` object and `B.m` on the `B`
    /// object. Per target: `Some(None)` = the receiver unchanged, `Some(Some(v))` = narrowed,
    /// `None` = no receiver object can reach the target (skipped). When no target would run
    /// at all (a resolution this method does not understand), every target keeps the whole
    /// receiver.
    pub(super) fn receivers_by_target(
        &self,
        targets: &[(MethodId, EdgeKind)],
        is_static: bool,
        argv: &[Val],
    ) -> Vec<Option<Option<Val>>> {
        let unchanged = || vec![Some(None); targets.len()];
        let Some(recv) = argv.first().filter(|r| !is_static && !r.objs.is_empty()) else {
            return unchanged();
        };
        let typed: Vec<(&Obj, Option<BTreeSet<TypeId>>)> =
            recv.objs.iter().map(|o| (o, self.exact_types(o))).collect();
        if typed.iter().all(|(_, t)| t.is_none()) {
            return unchanged();
        }
        let out: Vec<Option<Option<Val>>> = targets
            .iter()
            .map(|&(t, kind)| {
                if kind != EdgeKind::Virtual {
                    return Some(None);
                }
                let objs: Objs = typed
                    .iter()
                    .filter(|(_, ts)| match ts {
                        None => true,
                        Some(ts) => ts
                            .iter()
                            .any(|ty| self.dispatch(*ty, t).is_none_or(|m| m == t)),
                    })
                    .map(|(o, _)| (*o).clone())
                    .collect();
                if objs.is_empty() {
                    None
                } else if objs.len() == recv.objs.len() {
                    Some(None)
                } else {
                    Some(Some(Val {
                        objs,
                        ..recv.clone()
                    }))
                }
            })
            .collect();
        if out.iter().all(Option::is_none) {
            return unchanged();
        }
        out
    }

    /// The exact classes an object may have at run time, when known: the class of a
    /// `new-instance` in this method, or what the callee returning it allocated.
    pub(super) fn exact_types(&self, o: &Obj) -> Option<BTreeSet<TypeId>> {
        match o {
            Obj::Alloc(apc) => {
                let i = self.body.index_of_pc(*apc)?;
                match &self.body.insns.get(i)?.op {
                    Op::NewInstance { ty, .. } => Some([*ty].into_iter().collect()),
                    _ => None,
                }
            }
            Obj::Call {
                pc,
                port: CallPort::Ret,
                path,
            } if path.is_empty() => self.call_types.get(pc).cloned(),
            Obj::Entry(AccessPath {
                root: Root::Param(i),
                path,
            }) if path.is_empty() => self.param_types.get(*i as usize).cloned().flatten(),
            _ => None,
        }
    }

    /// The method a virtual call of `target`'s signature runs on an object of exact class
    /// `ty`: the nearest definition up the superclass chain. `None` when the chain leaves the
    /// app's classes first (framework or missing code decides).
    pub(super) fn dispatch(&self, ty: TypeId, target: MethodId) -> Option<MethodId> {
        let p = self.ctx.program;
        let want = p.method(target);
        let mut cur = Some(ty);
        let mut guard = 0;
        while let Some(c) = cur {
            guard += 1;
            if guard > 64 {
                return None;
            }
            let cd = p.class(c)?;
            for d in &cd.virtual_methods {
                let r = p.method(d.id);
                if r.name == want.name && r.params == want.params && r.ret == want.ret {
                    return (!d.is_abstract()).then_some(d.id);
                }
            }
            cur = cd.super_class;
        }
        None
    }

    /// No model and no body: the result carries the inputs' taint; a receiver that looks like
    /// a container being filled takes the arguments' taint.
    pub(super) fn default_call(
        &mut self,
        st: &mut State,
        pc: u32,
        method: Option<MethodId>,
        is_static: bool,
        argv: &[Val],
        result: &mut Val,
    ) {
        let k = self.k;
        let p = self.ctx.program;
        let (name, ret_void) = match method {
            Some(m) => {
                let r = p.method(m);
                (r.name.clone(), p.type_name(r.ret) == "V")
            }
            None => (Arc::from(""), false),
        };
        let mut all = Labels::new();
        for v in argv {
            all.extend(st.taint(v, k));
        }
        if !ret_void {
            result.labels.extend(all.iter().cloned());
        }
        if !is_static && argv.len() > 1 {
            let n: &str = &name;
            let fills = [
                "add", "put", "set", "append", "insert", "offer", "push", "write",
            ]
            .iter()
            .any(|p| n.starts_with(p))
                || n == "<init>";
            if fills {
                let mut ls = Labels::new();
                for v in &argv[1..] {
                    ls.extend(st.taint(v, k));
                }
                if !ls.is_empty() {
                    let content = Val {
                        labels: ls,
                        ..Val::default()
                    };
                    st.write_weak(&argv[0], FKey::Content, &content, k);
                }
            }
        }
        if !result.labels.is_empty() || result.objs.is_empty() {
            result.objs.insert(Obj::Call {
                pc,
                port: CallPort::Ret,
                path: Path::default(),
            });
        }
    }

    /// Light constant propagation through calls without bodies: URL/Uri/builder wrappers,
    /// `StringBuilder.append`, and objects derived from a constant receiver (a connection
    /// from a URL, a stream from a connection, a client from a builder) keep its constant.
    pub(super) fn konst_through_call(
        &self,
        st: &mut State,
        pc: u32,
        method: MethodId,
        is_static: bool,
        argv: &[Val],
        result: &mut Val,
    ) {
        let p = self.ctx.program;
        let r = p.method(method);
        let name = r.name.clone();
        let ret = p.type_name(r.ret);
        let n: &str = &name;
        let recv_k = if is_static {
            None
        } else {
            argv.first().and_then(|v| v.konst.as_str().cloned())
        };
        let first_str = argv
            .iter()
            .skip(usize::from(!is_static))
            .find_map(|v| v.konst.as_str().cloned());
        let marked = |k: &Option<Arc<str>>| k.as_deref().is_some_and(super::super::dest::is_marker);
        // `getString(R.string.x)`: the string resource the constant id names
        if let Some(rs) = &self.ctx.cg.resource_strings
            && rs.is_getter(method)
        {
            if let Some(s) = argv
                .get(1)
                .and_then(|v| v.konst.as_int())
                .and_then(|id| rs.call_string(method, id))
            {
                result.konst = Konst::Str(s);
            }
            return;
        }
        // reflection with constant names: `Class.forName("a.b.C")` and `getMethod("m", ..)`
        // become markers that no real string can be (they start with NUL)
        let class_name = p.type_name(r.class);
        if class_name == "Ljava/lang/Class;" || class_name == "Ljava/lang/ClassLoader;" {
            match n {
                "forName" | "loadClass" => {
                    if let Some(s) = first_str
                        .filter(|s| !s.starts_with(REFL_MARK) && !super::super::dest::is_marker(s))
                    {
                        let d = format!("{REFL_MARK}L{};", s.replace('.', "/"));
                        result.konst = Konst::Str(Arc::from(d));
                    }
                    return;
                }
                "getMethod" | "getDeclaredMethod" => {
                    if let (Some(c), Some(m)) = (&recv_k, &first_str)
                        && c.starts_with(REFL_MARK)
                        && !c.contains("->")
                    {
                        result.konst = Konst::Str(Arc::from(format!("{c}->{m}")));
                    }
                    return;
                }
                _ => {}
            }
        }
        // the calls of permission-maps/framework/constants.toml (`Uri.parse`, `new URL(s)`,
        // `StringBuilder.append`, `String.substring`, builders), evaluated as everywhere else
        let off = usize::from(!is_static);
        let effect = crate::consts::Knowledge::builtin().effect(class_name, n);
        match effect {
            // a decorator (`wraps_arg`: `new OutputStreamWriter(stream, "UTF-8")`) stands for
            // the object it wraps, not for a charset name
            Some(Effect::ReceiverFromArg)
                if let Some(a) = self
                    .ctx
                    .models
                    .call_models(p, method)
                    .iter()
                    .find_map(|m| m.wraps_arg) =>
            {
                if let Some(s) = argv.get(usize::from(a) + 1).and_then(|v| v.konst.as_str()) {
                    self.set_receiver_konst(st, pc, s.clone());
                }
                return;
            }
            // an unknown argument after a constant part is an unknown part of a destination
            // pattern (`"https://h/?id=" + imei`); an empty builder given one is unknown
            Some(Effect::Concat) if !is_static && !marked(&recv_k) && !marked(&first_str) => {
                let Some(a) = recv_k else { return };
                let piece = match (
                    argv.get(1).map(|v| &v.konst),
                    r.params.first().map(|t| p.type_name(*t)),
                ) {
                    (Some(Konst::Str(b)), _) => Some(b.to_string()),
                    (Some(Konst::Int(i)), Some("C")) => u32::try_from(*i)
                        .ok()
                        .and_then(char::from_u32)
                        .map(String::from),
                    (Some(Konst::Int(i)), Some("I" | "J" | "S" | "B")) => Some(i.to_string()),
                    _ => None,
                };
                let s: Arc<str> = match piece {
                    Some(b) => Arc::from(format!("{a}{b}")),
                    None if a.is_empty() => {
                        if n == "append" {
                            self.set_receiver_value(st, pc, Konst::Top);
                        }
                        return;
                    }
                    None => super::super::dest::then_unknown(&a),
                };
                if n == "append" {
                    self.set_receiver_konst(st, pc, s.clone());
                }
                result.konst = Konst::Str(s);
                return;
            }
            Some(Effect::Format) if is_static => {
                if let Some(f) = first_str.filter(|f| !super::super::dest::is_marker(f)) {
                    let s = super::super::dest::format_pattern(&f);
                    if super::super::dest::has_known_part(&s) {
                        result.konst = Konst::Str(s);
                    }
                }
                return;
            }
            _ => {}
        }
        let applied = effect.and_then(|e| {
            // a parameter marker stands for a whole value: it is not concatenated
            if e == Effect::Concat && (marked(&recv_k) || marked(&first_str)) {
                return Some(Applied::default());
            }
            let int_arg = |i: usize| argv.get(off + i).and_then(|v| v.konst.as_int());
            crate::consts::apply(
                e,
                is_static,
                recv_k.as_ref(),
                first_str.as_ref(),
                &int_arg,
                argv.len().saturating_sub(off),
            )
        });
        match applied {
            Some(a) => {
                if let Some(s) = a.receiver {
                    self.set_receiver_konst(st, pc, s);
                }
                if let Some(s) = a.result {
                    result.konst = Konst::Str(s);
                }
            }
            None => {
                let derived = ret.starts_with('L') || ret.starts_with('[');
                // else from an object argument (client.newCall(request) -> the call)
                let from_obj_arg = || {
                    r.params
                        .iter()
                        .zip(argv.iter().skip(usize::from(!is_static)))
                        .filter(|(t, _)| {
                            let t = p.type_name(**t);
                            t.starts_with('L') && t != "Ljava/lang/String;"
                        })
                        .find_map(|(_, v)| v.konst.as_str().cloned())
                };
                if matches!(result.konst, Konst::Bot | Konst::Top)
                    && (derived || n == "toString")
                    && let Some(a) = recv_k.or_else(from_obj_arg)
                    && !a.starts_with(REFL_MARK)
                {
                    result.konst = Konst::Str(a);
                }
            }
        }
    }

    /// Sets the constant of the receiver register of the invoke at `pc` (constructors and
    /// builders: `new URL("https://...")`, `sb.append("...")`).
    pub(super) fn set_receiver_konst(&self, st: &mut State, pc: u32, s: Arc<str>) {
        self.set_receiver_value(st, pc, Konst::Str(s));
    }

    fn set_receiver_value(&self, st: &mut State, pc: u32, k: Konst) {
        let Some(i) = self.body.index_of_pc(pc) else {
            return;
        };
        if let Op::Invoke { args, .. } = &self.body.insns[i].op
            && let Some(&r) = args.first()
            && let Some(v) = st.regs.get_mut(r as usize)
        {
            v.konst = k;
        }
    }
}
