//! The other records of deputy work (training, contacts, mediation, …). Work in progress: see issue 5.
