//! The annual work report (代表工作年度综述). Work in progress: see issue 5.
