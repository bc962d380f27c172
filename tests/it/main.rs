//! salve's integration tests: one binary, each module a kind of check. The
//! harness copies a fixture site into a temp folder and runs the real `salve`
//! binary on it, so what is tested is what a writer runs.

mod audits;
mod build;
mod check;
mod crash;
mod crawl;
mod external;
mod fields;
mod harness;
mod images;
mod incremental;
mod interrupt;
mod invalid;
mod kinds;
mod languages;
mod lists;
mod memory;
mod pages;
mod properties;
mod publishing;
mod reading;
mod report;
mod review;
mod safety;
mod serve;
mod share;
mod strings;
mod symlinks;
mod urls;
