//! Class hierarchy of the app plus a bundled model of the framework types it extends or
//! implements (data in `permission-maps/framework/`). Contract used by callgraph and taint.
//!
//! To be implemented: `Hierarchy::build(&mut Program, &FrameworkModel) -> (Hierarchy, Vec<Diagnostic>)`
//! with `supertypes(t)` (transitive, nearest first, classes then interfaces), `subtypes(t)`
//! (transitive), `is_subtype(t, of)`, and `resolve_virtual(receiver_type, method)`.
