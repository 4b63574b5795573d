//! Builds small programs by hand for the call-graph tests: classes, methods with register IR
//! bodies, a manifest.

#![allow(dead_code)]

use std::sync::Arc;

use dexflow::bytecode::*;
use dexflow::callgraph::{self, CallGraph, CallGraphOptions, EdgeKind};
use dexflow::diag::Diagnostic;
use dexflow::hierarchy::{FrameworkModel, Hierarchy};
use dexflow::manifest::{Component, ComponentKind, IntentFilter, LayoutHandlers, Manifest};

pub struct Pb {
    pub p: Program,
}

pub struct ClassSpec<'a> {
    pub name: &'a str,
    pub sup: &'a str,
    pub ifaces: &'a [&'a str],
    pub flags: u32,
}

pub fn cls<'a>(name: &'a str, sup: &'a str, ifaces: &'a [&'a str]) -> ClassSpec<'a> {
    ClassSpec {
        name,
        sup,
        ifaces,
        flags: ACC_PUBLIC,
    }
}

/// A method to add: (name, params, ret, flags, body ops, registers). Parameters land in the
/// last registers as in Dalvik.
pub struct M {
    pub name: &'static str,
    pub params: Vec<&'static str>,
    pub ret: &'static str,
    pub flags: u32,
    pub regs: u16,
    pub ops: Vec<Op>,
}

pub fn m(
    name: &'static str,
    params: &[&'static str],
    ret: &'static str,
    regs: u16,
    ops: Vec<Op>,
) -> M {
    M {
        name,
        params: params.to_vec(),
        ret,
        flags: ACC_PUBLIC,
        regs,
        ops,
    }
}

pub fn sm(
    name: &'static str,
    params: &[&'static str],
    ret: &'static str,
    regs: u16,
    ops: Vec<Op>,
) -> M {
    M {
        flags: ACC_PUBLIC | ACC_STATIC,
        ..m(name, params, ret, regs, ops)
    }
}

pub fn abs(name: &'static str, params: &[&'static str], ret: &'static str) -> M {
    M {
        flags: ACC_PUBLIC | ACC_ABSTRACT,
        ..m(name, params, ret, 0, vec![])
    }
}

impl Pb {
    pub fn new() -> Self {
        Pb { p: Program::new() }
    }

    pub fn mref(&mut self, class: &str, name: &str, params: &[&str], ret: &str) -> MethodId {
        self.p.intern_method_parts(class, name, params, ret)
    }

    pub fn ty(&mut self, d: &str) -> TypeId {
        self.p.intern_type(d)
    }

    pub fn class(&mut self, spec: ClassSpec, methods: Vec<M>) -> Vec<MethodId> {
        let ty = self.p.intern_type(spec.name);
        let super_class = Some(self.p.intern_type(spec.sup));
        let interfaces = spec.ifaces.iter().map(|i| self.p.intern_type(i)).collect();
        let mut direct = Vec::new();
        let mut virt = Vec::new();
        let mut ids = Vec::new();
        for mm in methods {
            let id = self
                .p
                .intern_method_parts(spec.name, mm.name, &mm.params, mm.ret);
            ids.push(id);
            let is_static = mm.flags & ACC_STATIC != 0;
            let n_params = mm.params.len() as u16 + u16::from(!is_static);
            let first = mm.regs.saturating_sub(n_params);
            let param_regs = (0..n_params).map(|i| first + i).collect();
            let insns = mm
                .ops
                .into_iter()
                .enumerate()
                .map(|(i, op)| Insn {
                    pc: (i as u32) * 3,
                    op,
                })
                .collect();
            let def = if mm.flags & ACC_ABSTRACT != 0 {
                MethodDef::new(id, mm.flags, None)
            } else {
                MethodDef::with_body(
                    id,
                    mm.flags,
                    Body {
                        registers: mm.regs,
                        param_regs,
                        insns,
                        tries: vec![],
                    },
                )
            };
            if mm.name.starts_with('<') || is_static {
                direct.push(def);
            } else {
                virt.push(def);
            }
        }
        self.p.add_class(ClassDef {
            ty,
            access_flags: spec.flags,
            super_class,
            interfaces,
            dex: 0,
            annotations: vec![],
            static_fields: vec![],
            instance_fields: vec![],
            direct_methods: direct,
            virtual_methods: virt,
        });
        ids
    }

    pub fn hierarchy(&mut self) -> (Hierarchy, Vec<Diagnostic>) {
        let fw = FrameworkModel::builtin().unwrap();
        Hierarchy::build(&mut self.p, &fw)
    }

    pub fn graph(
        &mut self,
        manifest: Option<&Manifest>,
        layouts: &[LayoutHandlers],
        options: &CallGraphOptions,
    ) -> (Hierarchy, CallGraph, Vec<Diagnostic>) {
        let (h, mut d) = self.hierarchy();
        let (cg, d2) = callgraph::build(&self.p, &h, manifest, layouts, options);
        d.extend(d2);
        (h, cg, d)
    }

    pub fn sig(&self, m: MethodId) -> String {
        self.p.method_signature(m)
    }

    pub fn id(&self, sig: &str) -> MethodId {
        (0..self.p.method_count() as u32)
            .map(MethodId)
            .find(|m| self.p.method_signature(*m) == sig)
            .unwrap_or_else(|| panic!("no method {sig}"))
    }
}

// ---- instruction shorthands ----
pub fn new(dst: Reg, ty: TypeId) -> Op {
    Op::NewInstance { dst, ty }
}
pub fn call(kind: InvokeKind, method: MethodId, args: &[Reg]) -> Op {
    Op::Invoke {
        kind,
        method,
        args: args.to_vec(),
    }
}
pub fn direct(method: MethodId, args: &[Reg]) -> Op {
    call(InvokeKind::Direct, method, args)
}
pub fn virt(method: MethodId, args: &[Reg]) -> Op {
    call(InvokeKind::Virtual, method, args)
}
pub fn iface(method: MethodId, args: &[Reg]) -> Op {
    call(InvokeKind::Interface, method, args)
}
pub fn stat(method: MethodId, args: &[Reg]) -> Op {
    call(InvokeKind::Static, method, args)
}
pub fn res(dst: Reg) -> Op {
    Op::MoveResult { dst }
}
pub fn cstr(dst: Reg, s: &str) -> Op {
    Op::ConstString {
        dst,
        value: Arc::from(s),
    }
}
pub fn cclass(dst: Reg, ty: TypeId) -> Op {
    Op::ConstClass { dst, ty }
}
pub fn ret() -> Op {
    Op::ReturnVoid
}

pub fn component(kind: ComponentKind, name: &str, enabled: bool, actions: &[&str]) -> Component {
    Component {
        kind,
        name: name.to_string(),
        exported: !actions.is_empty(),
        exported_explicit: None,
        enabled,
        permission: None,
        intent_filters: if actions.is_empty() {
            vec![]
        } else {
            vec![IntentFilter {
                actions: actions.iter().map(|s| s.to_string()).collect(),
                ..Default::default()
            }]
        },
        authorities: vec![],
        target_activity: None,
        process: None,
    }
}

pub fn manifest(components: Vec<Component>) -> Manifest {
    Manifest {
        package: "com.ex".into(),
        application_enabled: true,
        components,
        ..Default::default()
    }
}

/// Targets of every call site in `caller` to methods with signature `callee`, with kinds.
pub fn edge_kinds(pb: &Pb, cg: &CallGraph, caller: MethodId, callee: &str) -> Vec<EdgeKind> {
    let mut out = Vec::new();
    for ((c, _), ts) in cg.sorted_sites() {
        if c != caller {
            continue;
        }
        for t in ts {
            if pb.sig(t.method) == callee {
                out.push(t.kind);
            }
        }
    }
    out
}

pub fn reachable_sigs(pb: &Pb, cg: &CallGraph) -> Vec<String> {
    let mut v: Vec<String> = cg.reachable.iter().map(|m| pb.sig(*m)).collect();
    v.sort();
    v
}
