//! The DEX format: zero-copy, lazy views over borrowed bytes with typed indices.
