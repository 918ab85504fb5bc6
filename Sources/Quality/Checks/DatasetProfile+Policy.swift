import Governance

extension DatasetProfile {
    /// The `stats` variable of publish-stage policy rules (`PolicyEngine.evaluatePublication`):
    /// `stats.rowCount` and `stats.columns.<name>.{count, nullCount, nullPercent, distinctCount,
    /// min, max, mean, stddev}` (absent figures are null; min/max of strings are strings).
    public var expressionStatistics: [String: ExpressionValue] {
        var columns: [String: ExpressionValue] = [:]
        for c in self.columns {
            func number(_ v: Double?) -> ExpressionValue { v.map(ExpressionValue.double) ?? .null }
            func stat(_ v: StatValue?) -> ExpressionValue {
                switch v {
                case .integer(let i)?: return .int(Int(i))
                case .string(let s)?: return .string(s)
                case .boolean(let b)?: return .bool(b)
                case let other?: return number(other.doubleValue)
                case nil: return .null
                }
            }
            columns[c.name] = .map([
                "count": .int(c.count),
                "nullCount": .int(c.nullCount),
                "nullPercent": .double(c.nullFraction * 100),
                "distinctCount": .int(c.distinctCount),
                "min": stat(c.minimum),
                "max": stat(c.maximum),
                "mean": number(c.mean),
                "stddev": number(c.standardDeviation),
            ])
        }
        return ["rowCount": .int(rowCount), "columns": .map(columns)]
    }
}
