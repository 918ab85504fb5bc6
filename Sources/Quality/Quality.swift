/// The `Quality` module.
