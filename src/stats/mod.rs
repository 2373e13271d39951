//! Exact statistics: rates, shares, person-times. Work in progress: see issue 5.
