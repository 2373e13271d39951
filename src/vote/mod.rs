//! Livelihood-project votes (民生实事项目票决) and participatory budgeting.
//! Work in progress: see issue 4.

pub mod pabulib;
