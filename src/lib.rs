//! dexflow: a static analyzer for Android apps that follows personal information from
//! contact-, social- and device-API sources to network sinks and reports every flow the app
//! does not disclose.
//!
//! Modules are listed in the order data flows through them. Parsers (`apk` .. `bytecode`)
//! know nothing of analysis; only `report` and the binary serialize.

/// the finding-code registry
pub mod codes;
/// diagnostics every stage returns
pub mod diag;

/// input path -> container (APK, split set, AAB, bare dex)
pub mod apk;
/// binary and protobuf XML -> element tree
pub mod axml;
/// manifest model, layouts, string resources
pub mod manifest;
/// native libraries: JNI exports, network imports
pub mod native;
/// DEX format views
pub mod dex;
/// opcodes, decoder, IR, `Program`, CFG, constants, def-use
pub mod bytecode;
/// decode stage: container -> `DecodedApp`
pub mod app;
/// the `info` inventory of a decoded app
pub mod info;

/// permission-maps/: sources, sinks, propagation, SDKs, permissions
pub mod maps;
/// class hierarchy with the framework model
pub mod hierarchy;
/// the one constant environment: string resources, constant-making calls (framework data)
pub mod consts;
/// entry points and call graph
pub mod callgraph;
/// decoded app -> program, hierarchy, call graph (shared by every command)
pub mod analysis;
/// the dataflow engine: sources to sinks
pub mod taint;

/// one app end to end -> `AppReport`
pub mod scan;
/// disclosure inputs and the verdict of each flow
pub mod disclosure;
/// the report model and its formats
pub mod report;
/// deterministic split of batch inputs across processes (`scan --shard I/N`)
pub mod shard;
