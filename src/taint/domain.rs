//! The abstract domain of the engine: labels (what a value may carry), abstract objects (what a
//! reference may point to), access paths, and the per-program-point state with its join.
//!
//! Must never: grow without bound. Access paths are capped at `k` fields (the object at the cap
//! stands for everything below it), and every set here only grows by join, so the per-method
//! fixpoint terminates.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::sync::Arc;

use crate::bytecode::{FieldId, MethodId};

use super::Confidence;
use super::set::SortedSet;

/// One step of an access path: a field, or the contents of an array / collection / string
/// builder / any object treated as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FKey {
    Field(FieldId),
    Content,
    /// in labels only: any field directly below (what a sink taking a whole object sends)
    AnyField,
    /// the element at a constant index of an array allocated in the method being analyzed
    /// (never in summaries or access paths); `Content` still holds every element
    Elem(i64),
}

/// Where a method's inputs come from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Root {
    /// parameter register i on entry (receiver is 0 for instance methods)
    Param(u8),
    /// a static field (global)
    Static(FieldId),
    /// a keyed channel (`intent-extra:secret`): intents, bundles, preferences, files
    Chan(Arc<str>),
}

/// A field path below a root, shared: copying a label or object that holds one is a
/// reference-count increment, never an allocation.
pub type Path = Arc<[FKey]>;

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct AccessPath {
    pub root: Root,
    pub path: Path,
}

impl AccessPath {
    pub fn new(root: Root) -> Self {
        AccessPath {
            root,
            path: Arc::from([]),
        }
    }
    pub fn child(&self, f: FKey) -> Self {
        AccessPath {
            root: self.root.clone(),
            path: child_path(&self.path, f),
        }
    }
}

/// `path` with `f` appended.
pub fn child_path(path: &[FKey], f: FKey) -> Path {
    let mut p = Vec::with_capacity(path.len() + 1);
    p.extend_from_slice(path);
    p.push(f);
    Arc::from(p)
}

/// A call site inside the program: (method, pc).
pub type SiteKey = (MethodId, u32);

/// A source occurrence. Equality and order ignore `chain` (the call sites the value was
/// returned through), so one source site is one label whatever way it arrived.
#[derive(Clone, Debug)]
pub struct SourceOcc {
    pub site: SiteKey,
    pub api: MethodId,
    pub category: Arc<str>,
    pub rule: Arc<str>,
    pub confidence: Confidence,
    /// return sites from the source outward, innermost first
    pub chain: Vec<SiteKey>,
    /// the constant argument that says what was read, when the site gives one: the content
    /// URI of a provider query, the key of a constant-gated source (settings name, intent
    /// extra). Decided at the site, like the category, so it is not part of the identity.
    pub arg: Option<Arc<str>>,
    /// a provenance tag, not data: the value came from a `[[stream_factory]]` call whose tag
    /// is `category` (`network-stream`). Tags travel like taint but never make a flow; a sink
    /// rule with `requires = TAG` fires only when its receiver carries the tag.
    pub tag: bool,
}

impl SourceOcc {
    /// Is this label personal data (as opposed to a provenance tag)?
    pub fn is_data(&self) -> bool {
        !self.tag
    }
    fn key(&self) -> (SiteKey, &str, &str) {
        (self.site, &self.category, &self.rule)
    }
}
impl PartialEq for SourceOcc {
    fn eq(&self, o: &Self) -> bool {
        self.key() == o.key()
    }
}
impl Eq for SourceOcc {}
impl PartialOrd for SourceOcc {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for SourceOcc {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        self.key().cmp(&o.key())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Label {
    /// sensitive data from a source
    Src(Arc<SourceOcc>),
    /// whatever the caller's value at this access path carried on entry (summaries)
    In(AccessPath),
}

pub type Labels = SortedSet<Label>;
pub type Objs = SortedSet<Obj>;

/// Where an [`Obj::Call`] object came out of its instruction. The order (parameters, element,
/// return) is the order objects iterate in, so output order does not depend on it changing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CallPort {
    /// a field below parameter n received it
    Param(u8),
    /// an element read (`aget`) from an array nothing is known about
    Elem,
    /// the return value
    Ret,
}

/// An abstract heap object.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Obj {
    /// new-instance / new-array / filled-new-array at this pc
    Alloc(u32),
    /// the object reachable from an input access path on entry
    Entry(AccessPath),
    /// an object produced by the instruction at `pc` (a call without a body, or an array
    /// read with nothing known about the array), at `port`; `path` below that
    Call { pc: u32, port: CallPort, path: Path },
}

/// Light string constant propagation (URLs, hosts, keys, Uris).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Konst {
    #[default]
    Bot,
    Str(Arc<str>),
    /// an integer constant (array indices, `substring` bounds)
    Int(i64),
    Top,
}

impl Konst {
    pub fn join(&mut self, o: &Konst) -> bool {
        let new = match (&*self, o) {
            (_, Konst::Bot) => return false,
            (Konst::Bot, x) => x.clone(),
            (Konst::Str(a), Konst::Str(b)) if a == b => return false,
            (Konst::Int(a), Konst::Int(b)) if a == b => return false,
            (Konst::Top, _) => return false,
            _ => Konst::Top,
        };
        *self = new;
        true
    }
    pub fn as_str(&self) -> Option<&Arc<str>> {
        match self {
            Konst::Str(s) => Some(s),
            _ => None,
        }
    }
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Konst::Int(i) => Some(*i),
            _ => None,
        }
    }
}

thread_local! {
    /// Elements merged by joins on this thread: a deterministic measure of the work one method
    /// analysis does (a method runs on one thread), read by the method's widening bound.
    static JOIN_WORK: Cell<usize> = const { Cell::new(0) };
}

/// Join work done on this thread so far (compare two readings).
pub fn join_work() -> usize {
    JOIN_WORK.with(|w| w.get())
}

fn add_join_work(n: usize) {
    JOIN_WORK.with(|w| w.set(w.get().wrapping_add(n)));
}

/// Most objects a value may point to, and most labels it carries (see `Val::cap`).
pub const MAX_OBJS: usize = 24;
pub const MAX_LABELS: usize = 48;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Val {
    pub labels: Labels,
    pub objs: Objs,
    pub konst: Konst,
}

impl Val {
    pub fn join(&mut self, o: &Val) -> bool {
        add_join_work(1 + o.labels.len() + o.objs.len());
        let mut changed = self.labels.union_with(&o.labels);
        changed |= self.objs.union_with(&o.objs);
        changed |= self.konst.join(&o.konst);
        if changed {
            self.cap();
        }
        changed
    }

    /// Keeps value sets bounded: beyond the caps the greatest elements go first, which are
    /// input labels and call-result objects (sources sort first and are kept).
    pub fn cap(&mut self) {
        self.objs.truncate(MAX_OBJS);
        self.labels.truncate(MAX_LABELS);
    }
    pub fn konst(s: Arc<str>) -> Val {
        Val {
            konst: Konst::Str(s),
            ..Val::default()
        }
    }
    pub fn top() -> Val {
        Val {
            konst: Konst::Top,
            ..Val::default()
        }
    }
}

/// The state at a program point.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct State {
    pub regs: Vec<Val>,
    /// fields and contents of abstract objects, for entries written or read so far
    pub heap: BTreeMap<(Obj, FKey), Val>,
    /// statics and channels written or read so far
    pub globals: BTreeMap<Root, Val>,
    /// the value of the last invoke / filled-new-array, for move-result
    pub pending: Val,
    /// the exception in flight, for move-exception
    pub exc: Val,
    /// implicit flows: labels of tainted branch conditions, with the pc where each region ends
    pub ctl: BTreeMap<u32, Labels>,
}

/// The value an unwritten heap entry has: lazily materialized entry objects for inputs, a
/// per-path object for call results, nothing for fresh allocations.
pub fn heap_default(o: &Obj, f: FKey, k: usize) -> (Obj, FKey, Val) {
    match o {
        Obj::Entry(ap) => {
            if ap.path.len() >= k {
                let mut v = Val::top();
                v.labels.insert(Label::In(ap.clone()));
                v.objs.insert(o.clone());
                (o.clone(), FKey::Content, v)
            } else if let Some(i) = ap.path.iter().position(|x| *x == f) {
                // a field met again (x = x.next): the path folds back onto its first
                // occurrence, so recursive structures stay finite
                let c = AccessPath {
                    root: ap.root.clone(),
                    path: Arc::from(&ap.path[..=i]),
                };
                let mut v = Val::top();
                v.labels.insert(Label::In(c.clone()));
                v.objs.insert(Obj::Entry(c));
                (o.clone(), f, v)
            } else {
                let c = ap.child(f);
                let mut v = Val::top();
                v.labels.insert(Label::In(c.clone()));
                v.objs.insert(Obj::Entry(c));
                (o.clone(), f, v)
            }
        }
        Obj::Call { pc, port, path } => {
            if path.len() >= k {
                let mut v = Val::top();
                v.objs.insert(o.clone());
                (o.clone(), FKey::Content, v)
            } else if let Some(i) = path.iter().position(|x| *x == f) {
                let mut v = Val::top();
                v.objs.insert(Obj::Call {
                    pc: *pc,
                    port: *port,
                    path: Arc::from(&path[..=i]),
                });
                (o.clone(), f, v)
            } else {
                let mut v = Val::top();
                v.objs.insert(Obj::Call {
                    pc: *pc,
                    port: *port,
                    path: child_path(path, f),
                });
                (o.clone(), f, v)
            }
        }
        Obj::Alloc(_) => (o.clone(), f, Val::default()),
    }
}

pub fn global_default(r: &Root) -> Val {
    let ap = AccessPath::new(r.clone());
    let mut v = Val::top();
    v.labels.insert(Label::In(ap.clone()));
    v.objs.insert(Obj::Entry(ap));
    v
}

impl State {
    /// Number of abstract elements held (registers, heap entries, globals, and the labels and
    /// objects of their values): what copying or joining this state costs.
    pub fn size(&self) -> usize {
        let val = |v: &Val| 1 + v.labels.len() + v.objs.len();
        self.regs.iter().map(val).sum::<usize>()
            + self.heap.values().map(val).sum::<usize>()
            + self.globals.values().map(val).sum::<usize>()
            + self.ctl.values().map(|l| l.len()).sum::<usize>()
    }

    /// Normalized heap key (objects at the access-path cap collapse their fields).
    pub fn key(o: &Obj, f: FKey, k: usize) -> (Obj, FKey) {
        let capped = match o {
            Obj::Entry(ap) => ap.path.len() >= k,
            Obj::Call { path, .. } => path.len() >= k,
            Obj::Alloc(_) => false,
        };
        (o.clone(), if capped { FKey::Content } else { f })
    }

    pub fn read_field(&self, o: &Obj, f: FKey, k: usize) -> Val {
        let key = Self::key(o, f, k);
        match self.heap.get(&key) {
            Some(v) => v.clone(),
            None => heap_default(o, f, k).2,
        }
    }

    /// Reads field `f` of every object `v` may point to.
    pub fn read(&self, v: &Val, f: FKey, k: usize) -> Val {
        let mut out = Val::default();
        for o in &v.objs {
            out.join(&self.read_field(o, f, k));
        }
        out
    }

    /// Writes field `f` of the objects of `base`: strong update when there is exactly one.
    pub fn write(&mut self, base: &Val, f: FKey, val: Val, k: usize) {
        let strong = base.objs.len() == 1;
        for o in &base.objs {
            let key = Self::key(o, f, k);
            if strong && key.1 == f {
                self.heap.insert(key, val.clone());
            } else {
                let cur = match self.heap.get(&key) {
                    Some(v) => v.clone(),
                    None => heap_default(o, f, k).2,
                };
                let mut n = cur;
                n.join(&val);
                self.heap.insert(key, n);
            }
        }
    }

    /// Weak write (union) to field `f` of every object of `base`.
    pub fn write_weak(&mut self, base: &Val, f: FKey, val: &Val, k: usize) {
        for o in &base.objs {
            let key = Self::key(o, f, k);
            match self.heap.get_mut(&key) {
                Some(cur) => {
                    cur.join(val);
                }
                None => {
                    let mut n = heap_default(o, f, k).2;
                    n.join(val);
                    self.heap.insert(key, n);
                }
            }
        }
    }

    pub fn global(&self, r: &Root) -> Val {
        match self.globals.get(r) {
            Some(v) => v.clone(),
            None => global_default(r),
        }
    }

    /// Labels a value carries: its own plus the contents of its objects.
    pub fn taint(&self, v: &Val, k: usize) -> Labels {
        let mut out = v.labels.clone();
        for o in &v.objs {
            let c = self.read_field(o, FKey::Content, k);
            out.extend(c.labels);
        }
        out
    }

    /// Like `taint`, and also the fields written directly into the value's objects (one level):
    /// what a sink taking a whole object may send.
    pub fn deep_taint(&self, v: &Val, k: usize) -> Labels {
        let mut out = self.taint(v, k);
        for o in &v.objs {
            let lo = (o.clone(), FKey::Field(FieldId(0)));
            for ((_, _), fv) in self.heap.range(lo..).take_while(|((oo, _), _)| oo == o) {
                out.extend(
                    fv.labels
                        .iter()
                        .filter(|l| matches!(l, Label::Src(o) if o.is_data()))
                        .cloned(),
                );
            }
            if let Obj::Entry(ap) = o
                && ap.path.len() < k
            {
                out.insert(Label::In(ap.child(FKey::AnyField)));
            }
        }
        out
    }

    pub fn join(&mut self, o: &State, k: usize) -> bool {
        let mut changed = false;
        if self.regs.len() < o.regs.len() {
            self.regs.resize(o.regs.len(), Val::default());
            changed = true;
        }
        for (a, b) in self.regs.iter_mut().zip(o.regs.iter()) {
            changed |= a.join(b);
        }
        for (key, v) in &o.heap {
            match self.heap.get_mut(key) {
                Some(cur) => changed |= cur.join(v),
                None => {
                    let mut n = heap_default(&key.0, key.1, k).2;
                    n.join(v);
                    self.heap.insert(key.clone(), n);
                    changed = true;
                }
            }
        }
        for (key, cur) in self.heap.iter_mut() {
            if !o.heap.contains_key(key) {
                changed |= cur.join(&heap_default(&key.0, key.1, k).2);
            }
        }
        for (r, v) in &o.globals {
            match self.globals.get_mut(r) {
                Some(cur) => changed |= cur.join(v),
                None => {
                    let mut n = global_default(r);
                    n.join(v);
                    self.globals.insert(r.clone(), n);
                    changed = true;
                }
            }
        }
        for (r, cur) in self.globals.iter_mut() {
            if !o.globals.contains_key(r) {
                changed |= cur.join(&global_default(r));
            }
        }
        changed |= self.pending.join(&o.pending);
        changed |= self.exc.join(&o.exc);
        for (end, ls) in &o.ctl {
            let e = self.ctl.entry(*end).or_default();
            for l in ls {
                changed |= e.insert(l.clone());
            }
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn param(i: u8) -> Val {
        let ap = AccessPath::new(Root::Param(i));
        let mut v = Val::top();
        v.labels.insert(Label::In(ap.clone()));
        v.objs.insert(Obj::Entry(ap));
        v
    }

    fn secret() -> Label {
        Label::In(AccessPath::new(Root::Static(FieldId(99))))
    }

    /// The widening used for methods past `intra::WIDEN_COST` is a shorter access-path bound:
    /// what is written below the bound must still be read back (merged with its siblings into
    /// the capped object's `Content`), never dropped.
    #[test]
    fn shorter_access_paths_merge_fields_instead_of_dropping_taint() {
        let k = 2;
        let mut st = State::default();
        let x = param(1);
        let a = st.read(&x, FKey::Field(FieldId(1)), k);
        let ab = st.read(&a, FKey::Field(FieldId(2)), k);
        // x.a.b is at the bound: its fields collapse into one entry
        assert!(
            ab.objs
                .iter()
                .all(|o| matches!(o, Obj::Entry(ap) if ap.path.len() == 2))
        );
        let mut tainted = Val::default();
        tainted.labels.insert(secret());
        st.write(&ab, FKey::Field(FieldId(3)), tainted, k);
        let same = st.read(&ab, FKey::Field(FieldId(3)), k);
        let sibling = st.read(&ab, FKey::Field(FieldId(4)), k);
        assert!(same.labels.contains(&secret()));
        assert!(
            sibling.labels.contains(&secret()),
            "a field below the bound shares the capped object's contents"
        );
        // the same write at the full bound keeps the fields apart
        let k = 5;
        let mut st = State::default();
        let a = st.read(&x, FKey::Field(FieldId(1)), k);
        let ab = st.read(&a, FKey::Field(FieldId(2)), k);
        let mut tainted = Val::default();
        tainted.labels.insert(secret());
        st.write(&ab, FKey::Field(FieldId(3)), tainted, k);
        assert!(
            !st.read(&ab, FKey::Field(FieldId(4)), k)
                .labels
                .contains(&secret())
        );
        assert!(
            st.read(&ab, FKey::Field(FieldId(3)), k)
                .labels
                .contains(&secret())
        );
    }

    /// The widening bound counts merged elements, so a state that keeps growing is noticed.
    #[test]
    fn join_work_and_state_size_grow_with_the_values_merged() {
        let before = join_work();
        let mut v = Val::default();
        let mut o = param(0);
        o.labels.insert(secret());
        v.join(&o);
        assert!(join_work() - before >= o.labels.len() + o.objs.len());

        let mut st = State::default();
        let empty = st.size();
        st.regs.push(o.clone());
        st.write(&param(2), FKey::Content, o.clone(), 5);
        assert!(st.size() >= empty + 2 * (1 + o.labels.len() + o.objs.len()));
    }
}
