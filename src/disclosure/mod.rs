//! Disclosure inputs (Data safety CSV, disclosure TOML, privacy-policy text) compared with flows.
