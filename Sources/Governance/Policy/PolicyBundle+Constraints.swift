import Contracts

extension PolicyBundle {
    /// The publish-time rules on a contract's data, for the Quality engine to evaluate on the
    /// statistics of each new version: glossary ranges, value lists and patterns for bound
    /// columns, and zero nulls plus uniqueness on primary keys when the bundle requires
    /// primary-key checks.
    public func constraints(for contract: DataContract) -> [ColumnConstraint] {
        let product = contract.productID ?? contract.id ?? "(unnamed)"
        var out: [ColumnConstraint] = []
        for object in contract.schema {
            for p in object.properties {
                if let termID = p.glossaryTerm, let term = term(termID) {
                    let rule = "glossary.\(termID)", reason = "bound to glossary term \(termID) (\(reference))"
                    if term.minimum != nil || term.maximum != nil {
                        out.append(ColumnConstraint(ruleID: rule, product: product, object: object.name, column: p.name,
                                                    requirement: .range(minimum: term.minimum, maximum: term.maximum), reason: reason))
                    }
                    if !term.allowedValues.isEmpty {
                        out.append(ColumnConstraint(ruleID: rule, product: product, object: object.name, column: p.name,
                                                    requirement: .allowedValues(term.allowedValues), reason: reason))
                    }
                    if let pattern = term.pattern {
                        out.append(ColumnConstraint(ruleID: rule, product: product, object: object.name, column: p.name,
                                                    requirement: .pattern(pattern), reason: reason))
                    }
                }
                if requiredChecks.primaryKeyNullCheck, p.isPrimaryKey {
                    let reason = "primary key column; \(reference) requires primary-key checks"
                    out.append(ColumnConstraint(ruleID: "checks.primary-key-null", product: product, object: object.name, column: p.name,
                                                requirement: .maximumNullPercent(0), reason: reason))
                    if object.primaryKey.count == 1 {
                        out.append(ColumnConstraint(ruleID: "checks.primary-key-unique", product: product, object: object.name, column: p.name,
                                                    requirement: .unique, reason: reason))
                    }
                }
            }
        }
        return out
    }
}

extension ColumnConstraint {
    /// Checks an observed value (for `range`, `allowedValues`, `pattern`), giving the decision
    /// that explains the outcome; nil for requirements judged on aggregate statistics.
    public func check(value: ScalarValue) -> PolicyDecision.Outcome? {
        switch requirement {
        case .range(let minimum, let maximum):
            guard let n = value.number else { return value == .null ? .pass : .fail }
            if let minimum, n < minimum { return .fail }
            if let maximum, n > maximum { return .fail }
            return .pass
        case .allowedValues(let values):
            if value == .null { return .pass }
            return values.contains(where: { $0.text == value.text }) ? .pass : .fail
        case .pattern(let pattern):
            guard let text = value.text else { return .pass }
            return Evaluation.matches(text, "^(?:\(pattern))$") || Evaluation.matches(text, pattern) ? .pass : .fail
        case .maximumNullPercent, .unique:
            return nil
        }
    }
}
