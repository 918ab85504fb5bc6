/// The `Governance` module.
