//! Per-instruction transfer: what each register-IR instruction does to the abstract state
//! (moves, constants, fields, arrays, statics, returns, throws), class initialization at first
//! use, and the field-level helpers it needs.
//!
//! Must never: decide anything about calls: an invoke goes to `calls.rs`.

use super::*;

impl MethodAnalysis<'_, '_> {
    pub(super) fn step(&mut self, st: &mut State, i: usize, covered: bool) {
        let k = self.k;
        let insn = &self.body.insns[i];
        let pc = insn.pc;
        match &insn.op {
            Op::Nop | Op::MonitorEnter { .. } | Op::MonitorExit { .. } => {}
            Op::CheckCast { .. } | Op::FillArrayData { .. } => {}
            Op::Move { dst, src } => {
                let v = self.reg(st, *src);
                self.def(st, *dst, v);
            }
            Op::MoveResult { dst } => {
                let v = std::mem::take(&mut st.pending);
                self.def(st, *dst, v);
            }
            Op::MoveException { dst } => {
                let mut v = st.exc.clone();
                v.objs.insert(Obj::Alloc(pc));
                self.def(st, *dst, v);
            }
            Op::ReturnVoid => {
                self.exit_with(st);
            }
            Op::Return { src } => {
                let v = self.reg(st, *src);
                self.ret.join(&v);
                self.exit_with(st);
            }
            Op::Const { dst, value } => self.def(
                st,
                *dst,
                Val {
                    konst: Konst::Int(*value),
                    ..Val::default()
                },
            ),
            Op::ConstClass { dst, .. }
            | Op::ConstOther { dst }
            | Op::InstanceOf { dst, .. }
            | Op::ArrayLength { dst, .. } => self.def(st, *dst, Val::top()),
            Op::ConstString { dst, value } => self.def(st, *dst, Val::konst(value.clone())),
            Op::NewInstance { dst, ty } => {
                self.class_init(st, pc, *ty);
                let mut v = Val::top();
                v.objs.insert(Obj::Alloc(pc));
                self.def(st, *dst, v);
            }
            Op::NewArray { dst, .. } => {
                let mut v = Val::top();
                v.objs.insert(Obj::Alloc(pc));
                self.def(st, *dst, v);
            }
            Op::FilledNewArray { args, .. } => {
                let mut arr = Val::top();
                arr.objs.insert(Obj::Alloc(pc));
                let mut content = Val::default();
                for a in args {
                    let v = self.reg(st, *a);
                    content.labels.extend(st.taint(&v, k));
                }
                st.write_weak(&arr, FKey::Content, &content, k);
                st.pending = arr;
            }
            Op::Throw { src } => {
                let v = self.reg(st, *src);
                let mut exc = v.clone();
                exc.labels = st.taint(&v, k);
                if covered {
                    st.exc = exc;
                } else {
                    self.thrown.extend(exc.labels);
                    self.exit_with(st);
                }
            }
            Op::Goto { .. } | Op::Switch { .. } => {}
            Op::If { a, b, target, .. } => {
                if self.ctx.opts.implicit {
                    let mut ls = {
                        let v = self.reg(st, *a);
                        st.taint(&v, k)
                    };
                    if let Some(b) = b {
                        let v = self.reg(st, *b);
                        ls.extend(st.taint(&v, k));
                    }
                    // provenance tags are not data: a branch on a stream is no implicit flow
                    ls.retain(|l| !matches!(l, Label::Src(o) if !o.is_data()));
                    if !ls.is_empty() && *target > pc {
                        let end = self.region_end(*target);
                        st.ctl.entry(end).or_default().extend(ls);
                    }
                }
            }
            Op::Unop { dst, src, .. } | Op::BinopLit { dst, src, .. } => {
                let v = self.reg(st, *src);
                let mut out = Val::top();
                out.labels = st.taint(&v, k);
                self.def(st, *dst, out);
            }
            Op::Binop { dst, a, b, .. } => {
                let va = self.reg(st, *a);
                let vb = self.reg(st, *b);
                let mut out = Val::top();
                out.labels = st.taint(&va, k);
                out.labels.extend(st.taint(&vb, k));
                self.def(st, *dst, out);
            }
            Op::AGet { dst, array, index } => {
                let arr = self.reg(st, *array);
                let mut v = st.read(&arr, FKey::Content, k);
                if let Some(i) = self.reg(st, *index).konst.as_int()
                    && let Some(ls) = self.element_labels(st, &arr, i)
                {
                    v.labels = ls;
                }
                v.labels.union_with(&arr.labels);
                if v.objs.is_empty() {
                    v.objs.insert(Obj::Call {
                        pc,
                        port: CallPort::Elem,
                        path: Path::default(),
                    });
                }
                self.def(st, *dst, v);
            }
            Op::APut { src, array, index } => {
                let arr = self.reg(st, *array);
                let sv = self.reg(st, *src);
                let mut v = sv.clone();
                v.labels = st.taint(&sv, k);
                st.write_weak(&arr, FKey::Content, &v, k);
                if !arr.objs.is_empty() && arr.objs.iter().all(|o| matches!(o, Obj::Alloc(_))) {
                    let idx = self.reg(st, *index).konst.as_int();
                    let slot = FKey::Elem(idx.unwrap_or(UNKNOWN_INDEX));
                    let labels = Val {
                        labels: v.labels,
                        ..Val::default()
                    };
                    if idx.is_some() && arr.objs.len() == 1 {
                        st.write(&arr, slot, labels, k);
                    } else {
                        st.write_weak(&arr, slot, &labels, k);
                    }
                    for o in &arr.objs {
                        if let Obj::Alloc(apc) = o {
                            self.keyed_objects.insert(*apc);
                        }
                    }
                }
            }
            Op::IGet { dst, obj, field } => {
                let field = &self.canonical_field(*field);
                let base = self.reg(st, *obj);
                let mut v = st.read(&base, FKey::Field(*field), k);
                self.field_source(&mut v, pc, *field);
                // an object tainted as a whole (collapsed at the path cap, or filled by a
                // model) taints each of its fields
                for o in &base.objs {
                    if let Some(c) = st.heap.get(&(o.clone(), FKey::Content)) {
                        v.labels.union_with(&c.labels);
                    }
                }
                // so does a library object made from tainted data (`Message.obtain(h, what,
                // arg1, arg2)`, `Parcel.readValue`): the app reads its fields
                if made_by_library(&base) {
                    v.labels.union_with(&base.labels);
                }
                self.def(st, *dst, v);
            }
            Op::IPut { src, obj, field } => {
                let field = &self.canonical_field(*field);
                let base = self.reg(st, *obj);
                let mut v = self.reg(st, *src);
                if self.ctx.opts.implicit {
                    for ls in st.ctl.values() {
                        v.labels.extend(ls.iter().cloned());
                    }
                }
                st.write(&base, FKey::Field(*field), v, k);
            }
            Op::SGet { dst, field } => {
                let field = &self.canonical_field(*field);
                let mut v = st.global(&Root::Static(*field));
                if let Some(s) = self.static_konst(*field) {
                    v.konst = Konst::Str(s);
                }
                self.field_source(&mut v, pc, *field);
                self.def(st, *dst, v);
            }
            Op::SPut { src, field } => {
                let field = &self.canonical_field(*field);
                let mut v = self.reg(st, *src);
                if self.ctx.opts.implicit {
                    for ls in st.ctl.values() {
                        v.labels.extend(ls.iter().cloned());
                    }
                }
                st.globals.insert(Root::Static(*field), v);
            }
            Op::Invoke { kind, method, args } => {
                if *kind == InvokeKind::Static {
                    let class = self.ctx.program.method(*method).class;
                    self.class_init(st, pc, class);
                }
                self.call(
                    st,
                    pc,
                    Some(*method),
                    *kind == InvokeKind::Static,
                    args,
                    covered,
                );
            }
            Op::InvokeCustom { site, args } => {
                self.call(st, pc, site.implementation, true, args, covered);
            }
        }
    }

    /// `new C()` and `C.staticMethod()` initialize class `C` (JLS 12.4.1): `C.<clinit>` runs
    /// here, so what it writes into objects reached through statics (`Main.instance.f = id`)
    /// meets this method's view of those objects. Weak: the class may be initialized already.
    pub(super) fn class_init(&mut self, st: &mut State, pc: u32, ty: TypeId) {
        let own = self.ctx.program.method(self.m).class;
        if ty == own {
            return;
        }
        let mut ran = false;
        for clinit in class_initializers(self.ctx.program, self.ctx.opts, ty) {
            if clinit == self.m {
                continue;
            }
            if let Some(s) = self.ctx.summary(clinit).cloned() {
                ran = true;
                let mut ignored = Val::default();
                let mut exc = Val::default();
                self.apply_summary(
                    st,
                    pc,
                    &[],
                    &s,
                    EdgeKind::Direct,
                    false,
                    &mut ignored,
                    &mut exc,
                );
            }
        }
        if ran {
            self.keyed_after_call(st, &[], true);
        }
    }

    /// What `arr[i]` holds for a constant `i` when every object `arr` may be is an array
    /// allocated here: the labels written at index `i` or at unknown indices, plus whatever the
    /// array's contents hold that no constant-index write explains (filled by a callee, a
    /// model, `filled-new-array`). `None`: use the whole contents.
    pub(super) fn element_labels(&self, st: &State, arr: &Val, i: i64) -> Option<Labels> {
        if arr.objs.is_empty() || !arr.objs.iter().all(|o| matches!(o, Obj::Alloc(_))) {
            return None;
        }
        let mut out = Labels::new();
        for o in &arr.objs {
            let content = st.read_field(o, FKey::Content, self.k).labels;
            let mut explained = Labels::new();
            let lo = (o.clone(), FKey::Elem(i64::MIN));
            for ((_, fk), v) in st.heap.range(lo..).take_while(|((oo, _), _)| oo == o) {
                let FKey::Elem(j) = fk else { continue };
                if *j == i || *j == UNKNOWN_INDEX {
                    out.union_with(&v.labels);
                }
                explained.union_with(&v.labels);
            }
            out.extend(content.iter().filter(|l| !explained.contains(l)).cloned());
        }
        Some(out)
    }

    /// After a call: the constant-index arrays the call may have written lose their index
    /// precision (their whole contents become readable at every index). A call that runs
    /// app code (`app_code`) may reach any of them through statics and fields; a library call
    /// only the arrays reachable from its arguments.
    pub(super) fn keyed_after_call(&self, st: &mut State, argv: &[Val], app_code: bool) {
        if self.keyed_objects.is_empty() {
            return;
        }
        let reach: Objs = if app_code {
            Objs::new()
        } else {
            let mut seen: Objs = Objs::new();
            let mut stack: Vec<Obj> = argv.iter().flat_map(|v| v.objs.iter().cloned()).collect();
            while let Some(o) = stack.pop() {
                if seen.len() > 256 || !seen.insert(o.clone()) {
                    continue;
                }
                let lo = (o.clone(), FKey::Field(FieldId(0)));
                for (_, v) in st.heap.range(lo..).take_while(|((oo, _), _)| *oo == o) {
                    stack.extend(v.objs.iter().filter(|x| !seen.contains(*x)).cloned());
                }
            }
            seen
        };
        for pc in &self.keyed_objects {
            let o = Obj::Alloc(*pc);
            if !app_code && !reach.contains(&o) {
                continue;
            }
            let content = st.read_field(&o, FKey::Content, self.k).labels;
            if content.is_empty() {
                continue;
            }
            let base = Val {
                objs: [o].into_iter().collect(),
                ..Val::default()
            };
            let v = Val {
                labels: content,
                ..Val::default()
            };
            st.write_weak(&base, FKey::Elem(UNKNOWN_INDEX), &v, self.k);
        }
    }

    /// End of the region controlled by a forward branch to `target`: the join after an else
    /// branch when the then-branch ends in a forward goto, else the target.
    pub(super) fn region_end(&self, target: u32) -> u32 {
        if let Some(ti) = self.body.index_of_pc(target)
            && ti > 0
            && let Op::Goto { target: g } = self.body.insns[ti - 1].op
            && g > target
        {
            return g;
        }
        target
    }

    /// The field a reference resolves to: `Sub.f` names the `f` declared by the nearest
    /// superclass defining it, so both spellings are one heap location.
    pub(super) fn canonical_field(&self, f: FieldId) -> FieldId {
        let p = self.ctx.program;
        let fr = p.field(f);
        let mut cur = Some(fr.class);
        let mut guard = 0;
        while let Some(c) = cur {
            guard += 1;
            if guard > 64 {
                break;
            }
            let Some(cd) = p.class(c) else { break };
            for d in cd.instance_fields.iter().chain(cd.static_fields.iter()) {
                let dr = p.field(d.id);
                if dr.name == fr.name && dr.ty == fr.ty {
                    return d.id;
                }
            }
            cur = cd.super_class;
        }
        f
    }

    /// Reads of source fields (`Build.SERIAL`) carry the source.
    pub(super) fn field_source(&self, v: &mut Val, pc: u32, field: FieldId) {
        let Some(fs) = self.ctx.models.field_source(self.ctx.program, field) else {
            return;
        };
        // the api of a field source is reported as the method of its class that reads it:
        // keep the enclosing method id so signatures stay printable
        v.labels.insert(Label::Src(Arc::new(SourceOcc {
            site: (self.m, pc),
            api: self.m,
            category: fs.category,
            rule: fs.rule,
            confidence: Confidence::High,
            chain: Vec::new(),
            arg: Some(Arc::from(self.ctx.program.field_signature(field))),
            tag: false,
        })));
    }

    pub(super) fn static_konst(&self, f: FieldId) -> Option<Arc<str>> {
        let p = self.ctx.program;
        let sig = p.field_signature(f);
        if let Some(u) = self.ctx.models.uri_field(&sig) {
            return Some(u);
        }
        let fr = p.field(f);
        let c = p.class(fr.class)?;
        let def = c.static_fields.iter().find(|d| d.id == f)?;
        if def.access_flags & crate::bytecode::program::ACC_FINAL == 0 {
            return None;
        }
        match &def.initial_value {
            Some(Value::String(s)) => Some(s.clone()),
            _ => None,
        }
    }
}
