/// The `TextFormats` module.
