//! Reports (text, JSON, JSON Lines, SARIF, HTML) from one typed model.
