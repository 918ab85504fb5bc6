/// A row filter over top-level column names: the mesh's one filter language.
///
/// Build one in code or parse the SQL-like text form with ``parse(_:schema:)``. It is
/// evaluated row by row with ``evaluate(_:)`` (SQL three-valued logic: a comparison with a
/// null is unknown and selects no row), and the Parquet and Iceberg readers use it to skip
/// data whose statistics prove that no row can match.
///
/// The type is named `FilterPredicate` rather than `Predicate` so that it never clashes with
/// `Foundation.Predicate` in files that import both modules.
///
/// Values compare across compatible kinds: integers of any width, floating-point numbers,
/// decimals of any scale, dates, timestamps of any unit, strings and binary (unsigned bytes).
public indirect enum FilterPredicate: Sendable, Hashable {
    /// `column = value`.
    case equal(String, Value)
    /// `column != value`.
    case notEqual(String, Value)
    /// `column < value`.
    case lessThan(String, Value)
    /// `column <= value`.
    case lessThanOrEqual(String, Value)
    /// `column > value`.
    case greaterThan(String, Value)
    /// `column >= value`.
    case greaterThanOrEqual(String, Value)
    /// `low <= column <= high`.
    case between(String, Value, Value)
    /// `column IN (values)`.
    case isIn(String, [Value])
    /// `column IS NULL`.
    case isNull(String)
    /// `column IS NOT NULL`.
    case isNotNull(String)
    /// Both hold.
    case and(FilterPredicate, FilterPredicate)
    /// Either holds.
    case or(FilterPredicate, FilterPredicate)
    /// The predicate does not hold.
    case not(FilterPredicate)

    /// The column names the predicate mentions.
    public var columns: Set<String> {
        switch self {
        case .equal(let c, _), .notEqual(let c, _), .lessThan(let c, _), .lessThanOrEqual(let c, _),
             .greaterThan(let c, _), .greaterThanOrEqual(let c, _), .between(let c, _, _), .isIn(let c, _),
             .isNull(let c), .isNotNull(let c):
            [c]
        case .and(let a, let b), .or(let a, let b): a.columns.union(b.columns)
        case .not(let p): p.columns
        }
    }
}
