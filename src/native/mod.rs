//! Native libraries (`lib/<abi>/*.so`) read with goblin: architecture, JNI exports, network imports.
