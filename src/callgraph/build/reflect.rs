//! Reflective and statically resolved calls in the call-graph fixpoint: `Class.forName` /
//! `getMethod` / `newInstance` targets the constant scan resolved, and static methods referenced
//! through a subclass. It must never guess a reflective target that no constant names.

use super::*;

impl Builder<'_> {
    /// A static method referenced through a subclass: the first app superclass defining it.
    pub(super) fn resolve_static(&self, class: TypeId, m0: MethodId) -> Option<MethodId> {
        let r = self.program.method(m0);
        for &t in self.h.supertypes(class) {
            if !self.h.is_app_class(t) {
                break;
            }
            let probe = MethodRef {
                class: t,
                name: r.name.clone(),
                params: r.params.clone(),
                ret: r.ret,
            };
            if let Some(m) = self.program.lookup_method(&probe)
                && self.program.method_def(m).is_some()
            {
                return Some(m);
            }
        }
        None
    }

    pub(super) fn apply_reflective(&mut self, site: CallSiteKey, r: &Reflect) {
        let program = self.program;
        match r {
            Reflect::Invoke(t, name) => {
                let chain: Vec<TypeId> = std::iter::once(*t)
                    .chain(self.h.supertypes(*t).iter().copied())
                    .filter(|c| self.h.is_app_class(*c))
                    .collect();
                for c in chain {
                    let Some(cd) = program.class(c) else { continue };
                    let ms: Vec<MethodId> = cd
                        .methods()
                        .filter(|d| *program.method(d.id).name == **name)
                        .map(|d| d.id)
                        .collect();
                    if !ms.is_empty() {
                        self.init_class(c);
                    }
                    for m in ms {
                        self.add_edge(site, m, EdgeKind::Reflective);
                    }
                }
            }
            Reflect::New(t, all) => {
                if !self.h.is_app_class(*t) {
                    return;
                }
                self.instantiate(*t);
                let Some(cd) = program.class(*t) else { return };
                let ms: Vec<MethodId> = cd
                    .direct_methods
                    .iter()
                    .filter(|d| {
                        let r = program.method(d.id);
                        &*r.name == "<init>" && (*all || r.params.is_empty())
                    })
                    .map(|d| d.id)
                    .collect();
                for m in ms {
                    self.add_edge(site, m, EdgeKind::Reflective);
                }
            }
        }
    }
}
