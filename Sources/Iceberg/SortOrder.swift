import Avro

/// The direction of a sort field.
public enum SortDirection: String, Sendable, Hashable {
    /// Smallest first.
    case ascending = "asc"
    /// Largest first.
    case descending = "desc"
}

/// Where nulls sort.
public enum NullOrder: String, Sendable, Hashable {
    /// Nulls before all values.
    case nullsFirst = "nulls-first"
    /// Nulls after all values.
    case nullsLast = "nulls-last"
}

/// One field of a sort order.
public struct SortField: Sendable, Hashable {
    /// The source column's field id.
    public var sourceID: Int
    /// The transform applied before sorting.
    public var transform: Transform
    /// The direction.
    public var direction: SortDirection
    /// Where nulls go.
    public var nullOrder: NullOrder

    /// Creates a sort field.
    public init(sourceID: Int, transform: Transform = .identity, direction: SortDirection = .ascending, nullOrder: NullOrder = .nullsFirst) {
        self.sourceID = sourceID
        self.transform = transform
        self.direction = direction
        self.nullOrder = nullOrder
    }
}

/// A sort order: an id and an ordered list of sort fields. Order id 0 is the unsorted order.
public struct SortOrder: Sendable, Hashable {
    /// The order id.
    public var orderID: Int
    /// The fields, most significant first.
    public var fields: [SortField]

    /// Creates a sort order.
    public init(orderID: Int, fields: [SortField]) {
        self.orderID = orderID
        self.fields = fields
    }

    /// The unsorted order (id 0, no fields).
    public static let unsorted = SortOrder(orderID: 0, fields: [])

    /// The order as JSON (`order-id`, `fields`).
    public var json: JSONValue {
        .object([JSONMember("order-id", .int(Int64(orderID))), JSONMember("fields", .array(fields.map { f in
            .object([JSONMember("transform", .string(f.transform.name)), JSONMember("source-id", .int(Int64(f.sourceID))),
                     JSONMember("direction", .string(f.direction.rawValue)), JSONMember("null-order", .string(f.nullOrder.rawValue))])
        }))])
    }

    /// Parses a sort order object.
    public init(json: JSONValue) throws(IcebergError) {
        guard let id = json["order-id"]?.intValue, let fieldsJSON = json["fields"]?.arrayValue else {
            throw IcebergError(.invalidMetadata, "a sort order needs 'order-id' and 'fields'")
        }
        var fields: [SortField] = []
        for f in fieldsJSON {
            guard let source = f["source-id"]?.intValue ?? f["source-ids"]?.arrayValue?.first?.intValue,
                let transform = f["transform"]?.stringValue,
                let direction = f["direction"]?.stringValue.flatMap(SortDirection.init(rawValue:)),
                let nulls = f["null-order"]?.stringValue.flatMap(NullOrder.init(rawValue:))
            else { throw IcebergError(.invalidMetadata, "malformed sort field \(f.serialized())", context: "order \(id)") }
            fields.append(SortField(sourceID: Int(source), transform: Transform(transform), direction: direction, nullOrder: nulls))
        }
        self.init(orderID: Int(id), fields: fields)
    }
}
