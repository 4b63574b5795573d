//! dexflow: a static analyzer for Android apps that follows personal information from
//! contact-, social- and device-API sources to network sinks and reports every flow the app
//! does not disclose.
//!
//! Modules are listed in the order data flows through them. Parsers (`apk` .. `bytecode`)
//! know nothing of analysis; only `report` and the binary serialize.

pub mod diag;

pub mod analysis;
pub mod apk;
pub mod app;
pub mod axml;
pub mod bytecode;
pub mod callgraph;
pub mod codes;
pub mod dex;
pub mod disclosure;
pub mod hierarchy;
pub mod info;
pub mod manifest;
pub mod maps;
pub mod native;
pub mod report;
pub mod scan;
pub mod taint;
