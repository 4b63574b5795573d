//! Android and Java specifics of a call: reflective targets (`Method.invoke`,
//! `Constructor.newInstance`, names from constants), native methods, intents leaving a
//! component (ICC), and intents other apps fill.
//!
//! Must never: resolve reflection or intents on its own: the call graph decides targets; this
//! only maps values onto them.

use super::*;

impl MethodAnalysis<'_, '_> {
    /// The target's view of a reflective call: `Method.invoke(obj, Object[] args)` passes `obj`
    /// as receiver and the array's (coarse) contents as every parameter;
    /// `Constructor.newInstance(Object[] args)` and `Class.newInstance()` construct a fresh object
    /// (the call's result) that is the `<init>` receiver. Returns the argument values for a 1:1
    /// mapping and, for constructors, the new object to join into the result. `None` for other
    /// reflective edges (lambdas, method references), which map 1:1 already.
    pub(super) fn reflective_args(
        &self,
        st: &State,
        pc: u32,
        api: MethodId,
        target: MethodId,
        argv: &[Val],
    ) -> Option<(Vec<Val>, Option<Val>)> {
        let p = self.ctx.program;
        let r = p.method(api);
        let class = p.type_name(r.class);
        let target_static = p.method_def(target).is_some_and(|d| d.is_static());
        let nparams = p.method(target).params.len();
        let contents = |arr: Option<&Val>| -> Val {
            let Some(a) = arr else {
                return Val::default();
            };
            let mut v = self.read_path(st, a, &[FKey::Content]);
            v.labels.union_with(&a.labels);
            v
        };
        let (recv, array, ret) = match (class, &*r.name) {
            ("Ljava/lang/reflect/Method;", "invoke") => (argv.get(1).cloned(), argv.get(2), None),
            ("Ljava/lang/reflect/Constructor;", "newInstance") => {
                let obj = Val {
                    objs: [Obj::Call {
                        pc,
                        port: CallPort::Ret,
                        path: Path::default(),
                    }]
                    .into_iter()
                    .collect(),
                    ..Val::default()
                };
                (Some(obj.clone()), argv.get(1), Some(obj))
            }
            ("Ljava/lang/Class;", "newInstance") => {
                let obj = Val {
                    objs: [Obj::Call {
                        pc,
                        port: CallPort::Ret,
                        path: Path::default(),
                    }]
                    .into_iter()
                    .collect(),
                    ..Val::default()
                };
                (Some(obj.clone()), None, Some(obj))
            }
            _ => return None,
        };
        let params = contents(array);
        let mut out = Vec::with_capacity(nparams + 1);
        if !target_static {
            out.push(recv.unwrap_or_default());
        }
        out.extend(std::iter::repeat_n(params, nparams));
        Some((out, ret))
    }

    /// `Method.invoke` of a framework/SDK method known only by constant class and method name
    /// (the call graph has no body to link): the target's models apply with the invoke's
    /// object as receiver and the argument array's contents as every parameter.
    pub(super) fn reflective_framework_call(
        &mut self,
        st: &mut State,
        pc: u32,
        mref: MethodId,
        argv: &[Val],
        result: &mut Val,
    ) -> bool {
        let p = self.ctx.program;
        let r = p.method(mref);
        if &*r.name != "invoke" || p.type_name(r.class) != "Ljava/lang/reflect/Method;" {
            return false;
        }
        let Some(mark) = argv.first().and_then(|v| v.konst.as_str()).cloned() else {
            return false;
        };
        let Some((class, name)) = mark
            .strip_prefix(REFL_MARK)
            .and_then(|m| m.split_once("->"))
        else {
            return false;
        };
        let models = self.ctx.models.models_by_name(class, name);
        if models.is_empty() {
            return false;
        }
        let mut params = argv
            .get(2)
            .map(|a| self.read_path(st, a, &[FKey::Content]))
            .unwrap_or_default();
        if let Some(a) = argv.get(2) {
            params.labels.union_with(&a.labels);
        }
        let mut rargv = vec![argv.get(1).cloned().unwrap_or_default()];
        rargv.extend(std::iter::repeat_n(params, 6));
        // no registers stand for these values: writes go to the heap only
        let rargs = vec![Reg::MAX; rargv.len()];
        for model in models {
            self.apply_model(st, pc, mref, model, false, &rargs, &rargv, result);
        }
        true
    }

    /// Broad rule set: data handed to an app's own native method that returns no object
    /// leaves what bytecode analysis can follow (category `native`).
    pub(super) fn native_sink(&mut self, st: &State, pc: u32, mref: MethodId, argv: &[Val]) {
        if self.ctx.opts.rule_set != crate::maps::RuleSet::Broad {
            return;
        }
        let Some(def) = self.ctx.program.method_def(mref) else {
            return;
        };
        // a native function returning an object is treated as a transformation (its result
        // carries the arguments' taint by the default rule); one returning nothing or a
        // status code is where the data goes
        let ret = self
            .ctx
            .program
            .type_name(self.ctx.program.method(mref).ret);
        if def.access_flags & crate::bytecode::program::ACC_NATIVE == 0
            || ret.starts_with('L')
            || ret.starts_with('[')
        {
            return;
        }
        let mut labels = Labels::new();
        for v in argv.iter().skip(usize::from(!def.is_static())) {
            labels.extend(st.deep_taint(v, self.k));
        }
        if labels.is_empty() {
            return;
        }
        let info = Arc::new(SinkInfo {
            site: (self.m, pc),
            api: mref,
            category: Arc::from("native"),
            rule: Arc::from("native-method"),
            conditional: false,
        });
        self.record_sink(info, labels, Vec::new(), None, None, false);
    }

    /// The `intent.external` source at `site` (broad rule set only).
    pub(super) fn external_intent(&self, site: (MethodId, u32), api: MethodId) -> Option<Label> {
        if self.ctx.opts.rule_set != crate::maps::RuleSet::Broad {
            return None;
        }
        Some(Label::Src(Arc::new(SourceOcc {
            site,
            api,
            category: Arc::from(EXTERNAL_INTENT_CATEGORY),
            rule: Arc::from(EXTERNAL_INTENT_RULE),
            confidence: Confidence::High,
            chain: Vec::new(),
            arg: None,
            tag: false,
        })))
    }

    /// A call the call graph resolved to components of this app (startActivity,
    /// startService, sendBroadcast, ...): what its arguments carry is delivered to each
    /// receiving component's intent channel.
    pub(super) fn icc_send(&mut self, st: &mut State, pc: u32, is_static: bool, argv: &[Val]) {
        let k = self.k;
        let p = self.ctx.program;
        let mut classes: Vec<(bool, crate::bytecode::TypeId)> = self
            .ctx
            .cg
            .targets(self.m, pc)
            .iter()
            .filter(|t| t.kind == EdgeKind::Icc)
            .map(|t| (is_result_callback(p, t.method), p.method(t.method).class))
            .collect();
        if classes.is_empty() {
            return;
        }
        classes.sort();
        classes.dedup();
        let mut labels = Labels::new();
        for v in argv.iter().skip(usize::from(!is_static)) {
            labels.extend(st.deep_taint(v, k));
        }
        if labels.is_empty() {
            return;
        }
        let add = Val {
            labels,
            ..Val::default()
        };
        for (result, c) in classes {
            let name = self.ctx.program.type_name(c);
            let root = if result {
                icc_result_root(name)
            } else {
                icc_root(name)
            };
            let mut cur = st.global(&root);
            cur.join(&add);
            st.globals.insert(root, cur);
        }
    }
}
