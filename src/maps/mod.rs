//! Loading `permission-maps/`: validated, with file:line errors.
