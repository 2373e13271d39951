//! The suggestion life cycle (代表建议: 提、交、办、督、评). Work in progress: see issue 3.
