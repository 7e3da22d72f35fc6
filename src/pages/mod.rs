//! One file per route. Each page reads the bundle and route parameters and lays out components.

pub mod article;
pub mod articles;
pub mod category;
pub mod home;
pub mod project;
pub mod projects;
pub mod saved;
