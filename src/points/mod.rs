//! Duty-point scoring (履职积分). Work in progress: see issue 2.
