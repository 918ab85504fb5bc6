/// The `Contracts` module.
