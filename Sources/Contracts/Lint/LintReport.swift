import Foundation

/// Collects problems while linting, resolving each path to its source line.
struct LintReport {
    let root: YAMLNode
    private(set) var problems: [LintProblem] = []
    /// True for ODCS v3.0.x documents, whose schema lacks the v3.1 additions.
    let legacy: Bool

    init(root: YAMLNode) {
        self.root = root
        legacy = root["apiVersion"]?.string?.hasPrefix("v3.0") ?? false
    }

    /// Reports a field that exists only from ODCS v3.1.0 on, in a v3.0.x document.
    mutating func newerField(_ key: String, at path: YAMLPath) {
        error("odcs.version", path, "`\(key)` is not part of ODCS \(root["apiVersion"]?.string ?? "v3.0"); set apiVersion: v3.1.0 to use it")
    }

    /// The line of the node at `path`, or of its nearest existing ancestor.
    func line(at path: YAMLPath) -> Int? {
        var p = path
        while true {
            if let node = root[path: p], let line = node.line { return line }
            if p.isRoot { return nil }
            p = p.parent
        }
    }

    mutating func error(_ rule: String, _ path: YAMLPath, _ message: String) {
        problems.append(LintProblem(.error, rule: rule, path: path, line: line(at: path), message: message))
    }

    mutating func warning(_ rule: String, _ path: YAMLPath, _ message: String) {
        problems.append(LintProblem(.warning, rule: rule, path: path, line: line(at: path), message: message))
    }

    // MARK: Shape checks

    /// The shape a field must have.
    enum Shape {
        case string, boolean, integer, number, mapping, list, stringList, scalar, any
    }

    /// Checks `node` is a mapping whose keys are all in `fields` (unless `open`) and whose values
    /// have the listed shapes, and that `required` keys are present. Returns false when `node`
    /// is not a mapping.
    @discardableResult
    mutating func checkObject(_ node: YAMLNode, at path: YAMLPath, what: String, fields: [String: Shape],
                              required: [String] = [], open: Bool = false) -> Bool {
        guard let entries = node.entries else {
            error("odcs.type", path, "\(what) must be a mapping, not \(node.shapeName)")
            return false
        }
        for key in required where node[key] == nil || node[key]?.isNull == true {
            error("odcs.required", path.appending(key), "\(what) is missing required field `\(key)`")
        }
        var seen = Set<String>()
        for entry in entries {
            let fieldPath = path.appending(entry.key)
            if !seen.insert(entry.key).inserted {
                error("odcs.duplicateKey", fieldPath, "`\(entry.key)` appears twice in \(what)")
            }
            if entry.key == "id", !path.isRoot, let id = entry.value.string,
               id.range(of: "^[A-Za-z0-9_-]+$", options: .regularExpression) == nil {
                error("odcs.id", fieldPath, "id '\(id)' may hold only letters, digits, '_' and '-'")
            }
            if legacy, !path.isRoot, entry.key == "id" || entry.key == "relationships" {
                newerField(entry.key, at: fieldPath)
                continue
            }
            guard let shape = fields[entry.key] else {
                if !open {
                    error("odcs.unknownField", fieldPath, "`\(entry.key)` is not an ODCS field of \(what); put extensions in `customProperties`")
                }
                continue
            }
            checkShape(entry.value, shape, at: fieldPath)
        }
        return true
    }

    /// Reports a value of the wrong shape.
    mutating func checkShape(_ value: YAMLNode, _ shape: Shape, at path: YAMLPath) {
        let ok: Bool
        var expected: String
        switch shape {
        case .string:
            ok = value.string != nil && !value.isPlainTimestamp
            expected = "a string"
            if !ok, value.scalarKind == .integer || value.scalarKind == .float || value.isPlainTimestamp {
                expected = "a string (quote it: '\(value.scalarText ?? "")')"
            }
        case .boolean: ok = value.bool != nil; expected = "true or false"
        case .integer: ok = value.scalarKind == .integer; expected = "an integer"
        case .number: ok = value.double != nil; expected = "a number"
        case .mapping: ok = value.entries != nil; expected = "a mapping"
        case .list: ok = value.items != nil; expected = "a list"
        case .stringList: ok = value.strings != nil; expected = "a list of strings"
        case .scalar: ok = value.scalarKind != nil; expected = "a single value"
        case .any: ok = true; expected = ""
        }
        if !ok { error("odcs.type", path, "must be \(expected), not \(value.isPlainTimestamp ? "a date" : value.shapeName)") }
    }

    /// Checks a field holds one of `allowed` (case-sensitive), when present and a string.
    mutating func checkEnum(_ node: YAMLNode?, at path: YAMLPath, allowed: [String], rule: String = "odcs.enum", what: String) {
        guard let node, let value = node.string else { return }
        if !allowed.contains(value) {
            error(rule, path, "'\(value)' is not a valid \(what); use one of: \(allowed.joined(separator: ", "))")
        }
    }

    /// Iterates the items of a list field, reporting a non-list.
    mutating func forEachItem(of node: YAMLNode?, at path: YAMLPath, _ body: (inout LintReport, YAMLNode, YAMLPath) -> Void) {
        guard let node else { return }
        guard let items = node.items else { return }
        for (i, item) in items.enumerated() { body(&self, item, path.appending(i)) }
    }
}
