extension YAMLNode {
    /// Sets `key` to `value` in this mapping, keeping the key's position when present (and
    /// appending it otherwise); a nil value removes the key. An existing value equal to the new
    /// one is left untouched so its style and source line survive. A non-mapping becomes an
    /// empty mapping first.
    public mutating func set(_ key: String, _ value: YAMLNode?) {
        var list = entries ?? []
        if let index = list.firstIndex(where: { $0.key == key }) {
            if let value {
                if list[index].value != value { list[index].value = value }
            } else {
                list.remove(at: index)
            }
        } else if let value {
            list.append(Entry(key: key, value: value))
        }
        let position = (line, column)
        self = YAMLNode(.mapping(list), line: position.0, column: position.1)
    }

    /// Sets `key` to a string, or removes it for nil.
    public mutating func set(_ key: String, string value: String?) {
        set(key, value.map { YAMLNode.string($0) })
    }

    /// Sets a field the typed view reads as `""` when absent: an empty value leaves an absent key absent.
    public mutating func set(_ key: String, requiredString value: String) {
        if value.isEmpty, self[key] == nil { return }
        set(key, string: value)
    }

    /// Sets `key` to a boolean, or removes it for nil.
    public mutating func set(_ key: String, bool value: Bool?) {
        set(key, value.map { YAMLNode.boolean($0) })
    }

    /// Sets `key` to a list of strings, or removes it for nil.
    public mutating func set(_ key: String, strings value: [String]?) {
        set(key, value.map { YAMLNode.strings($0) })
    }

    /// Sets `key` to a list of nodes, removing the key when the list is empty and the key was absent.
    public mutating func set(_ key: String, list value: [YAMLNode]) {
        if value.isEmpty, self[key] == nil { return }
        set(key, YAMLNode.sequence(value))
    }

    /// Replaces the node at `path` (creating intermediate mappings for missing keys), or removes
    /// it for nil. Throws when the path runs through a scalar or past the end of a sequence.
    public mutating func set(at path: YAMLPath, _ value: YAMLNode?) throws {
        guard let first = path.components.first else {
            guard let value else { throw ContractError(.invalidPath, "cannot remove the document root") }
            self = value
            return
        }
        let rest = YAMLPath(components: Array(path.components.dropFirst()))
        switch first {
        case .key(let key):
            if rest.isRoot {
                guard entries != nil || value == nil else {
                    if case .mapping = content {} else if isNull { set(key, value); return }
                    throw ContractError(.invalidPath, "\(shapeName) has no keys", path: path)
                }
                set(key, value)
                return
            }
            var child = self[key] ?? YAMLNode(.mapping([]))
            try child.set(at: rest, value)
            set(key, child)
        case .index(let index):
            guard var list = items, list.indices.contains(index) else {
                throw ContractError(.invalidPath, "no item \(index) here", path: path)
            }
            if rest.isRoot {
                if let value { list[index] = value } else { list.remove(at: index) }
            } else {
                try list[index].set(at: rest, value)
            }
            self = YAMLNode(.sequence(list), line: line, column: column)
        }
    }
}
