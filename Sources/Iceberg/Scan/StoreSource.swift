import Parquet

/// Random access to one object of an ``ObjectStore``, for the Parquet reader.
struct StoreSource: RandomAccessSource {
    let store: any ObjectStore
    let key: String
    let size: Int

    init(store: any ObjectStore, key: String) throws(IcebergError) {
        self.store = store
        self.key = key
        self.size = try store.size(key)
    }

    func read(offset: Int, count: Int) throws(ParquetError) -> [UInt8] {
        do {
            return try store.read(key, range: offset..<(offset + count))
        } catch {
            throw ParquetError(.io, error.description, offset: offset)
        }
    }
}
