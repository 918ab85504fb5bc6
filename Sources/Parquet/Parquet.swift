/// The `Parquet` module.
