//! The one integration-test crate (ripgrep's layout): each module tests one area through the
//! library or the `dexflow` binary; `util` is the one helper for golden files and test data.
//! One crate links the library once instead of once per test file.

mod architecture;
mod util;

mod apk_common;
mod axml_support;
mod callgraph_support;
mod report_common;

mod analysis_open;
mod apk_corpus;
mod apk_kinds;
mod apk_native;
mod apk_speed;
mod apk_zip;
mod apk_zip_differential;
mod axml_fixtures;
mod axml_hostile;
mod bytecode_cfg_proptest;
mod bytecode_cfg_real;
mod callgraph_component_bases;
mod callgraph_entry;
mod callgraph_icc;
mod callgraph_proptest;
mod callgraph_real;
mod callgraph_samples;
mod cli;
mod codes;
mod dex_container;
mod dex_corpus;
mod dex_crosscheck;
mod dex_load;
mod dex_perf;
mod dex_proptest;
mod disclosure_fuzz;
mod disclosure_verdicts;
mod manifest_crosscheck;
mod manifest_model;
mod maps_builtin;
mod maps_data_path;
mod maps_flowdroid;
mod maps_robustness;
mod maps_validation;
mod report_baseline;
mod report_golden;
mod report_hosts;
mod report_overview;
mod report_schema;
mod samples_info;
mod samples_scan_golden;
mod scan_evidence;
mod scan_real;
mod shard_merge;
mod taint_droidbench;
mod taint_engine;
mod taint_icc;
mod taint_samples;
