//! Participatory budgeting on the Pabulib `.pb` format. Work in progress: see issue 4.
