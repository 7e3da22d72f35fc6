//! Reusable pieces of the reader's pages. Each takes plain data and renders it; none fetches.

pub mod blocks;
pub mod browse;
pub mod cards;
pub mod contact;
pub mod layout;
pub mod library;
pub mod meta;
pub mod reading;
pub mod share;
pub mod states;
