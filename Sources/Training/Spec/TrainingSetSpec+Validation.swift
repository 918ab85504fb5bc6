extension TrainingSetSpec {
    /// Every consistency problem in the spec (names, keys, column collisions, split windows, pins); empty when valid.
    public func problems() -> [SpecProblem] {
        var out: [SpecProblem] = []
        func add(_ path: String, _ message: String) { out.append(SpecProblem(path: path, message: message)) }

        if !name.isEmpty && !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_-.".contains($0)) }) {
            add("name", "\"\(name)\" may only hold letters, digits, '_', '-' and '.'")
        }
        let labelKeySet = Set(label.keys)
        if labelKeySet.count != label.keys.count { add("label.keys", "a key column is named twice") }
        for (i, column) in label.columns.enumerated() where labelKeySet.contains(column) || column == label.eventTime {
            add("label.columns[\(i)]", "\"\(column)\" is already a key or the event time")
        }
        if labelKeySet.contains(label.eventTime) { add("label.eventTime", "\"\(label.eventTime)\" is also a key column") }

        var aliases: [String: Int] = [:]
        for (i, feature) in features.enumerated() {
            let path = "features[\(i)]"
            if feature.keys.isEmpty { add("\(path).keys", "map at least one feature key to a label key") }
            for mapping in feature.keys where !labelKeySet.contains(mapping.label) {
                add("\(path).keys.\(mapping.feature)", "\"\(mapping.label)\" is not one of the label keys (\(label.keys.joined(separator: ", ")))")
            }
            if Set(feature.keys.map(\.feature)).count != feature.keys.count { add("\(path).keys", "a feature key column is named twice") }
            if Set(feature.keys.map(\.label)).count != feature.keys.count { add("\(path).keys", "a label key is mapped twice") }
            if Set(feature.columns).count != feature.columns.count { add("\(path).columns", "a column is named twice") }
            if feature.alias.isEmpty || feature.alias.contains(where: { $0.isWhitespace }) {
                add("\(path).alias", "\"\(feature.alias)\" is not usable as a column prefix")
            }
            if let previous = aliases[feature.alias] {
                add("\(path).alias", "\"\(feature.alias)\" is already used by features[\(previous)]; give one of them another alias")
            }
            aliases[feature.alias] = aliases[feature.alias] ?? i
        }

        var seenSplits: Set<String> = []
        for (i, split) in splits.enumerated() {
            if !seenSplits.insert(split.name).inserted { add("splits[\(i)].name", "\"\(split.name)\" is used twice") }
            if split.from >= split.until { add("splits[\(i)].until", "\(split.until) is not after from (\(split.from))") }
        }
        let ordered = splits.enumerated().sorted { $0.element.from < $1.element.from }
        for (a, b) in zip(ordered, ordered.dropFirst()) where b.element.from < a.element.until && a.element.from < a.element.until {
            add("splits[\(b.offset)]", "[\(b.element.from), \(b.element.until)) overlaps splits[\(a.offset)] [\(a.element.from), \(a.element.until))")
        }
        if entityDisjoint && splits.count < 2 { add("entityDisjoint", "needs at least two splits") }

        let products = Set([label.product] + features.map(\.product))
        for product in pins.keys.sorted() where !products.contains(product) {
            add("pins.\(product)", "is neither the label product nor a feature product")
        }
        if out.isEmpty {
            // Output names only make sense once keys and aliases are consistent.
            let layout = OutputLayout(spec: self)
            for (name, count) in layout.duplicateNames() {
                add("features", "the output column \"\(name)\" would appear \(count) times; rename a column or set an alias")
            }
        }
        return out
    }
}
