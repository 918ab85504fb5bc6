import Columnar

extension FeatureSide {
    /// For every label row, the global row number (batches concatenated) of the chosen
    /// feature row, or -1.
    func match(_ index: LabelIndex, labelSide: LabelSide) -> [Int32] {
        let unit = TimeScale.commonUnit([labelTimeType, timeType] + (knownAtType.map { [$0] } ?? []))
        let labelFactor = TimeScale.factor(labelTimeType, to: unit)
        let entries = prepareEntries(index, unit: unit)
        let ttl = source.ttl.map { $0.ticks(per: unit.perSecond) } ?? .max
        var matches = [Int32](repeating: -1, count: labelSide.count)
        let groups = index.entityCount
        entries.entries.withUnsafeBufferPointer { features in
            entries.start.withUnsafeBufferPointer { fstart in
                index.order.withUnsafeBufferPointer { order in
                    index.groupStart.withUnsafeBufferPointer { lstart in
                        index.orderedTimes.withUnsafeBufferPointer { times in
                            matches.withUnsafeMutableBufferPointer { out in
                                for g in 0..<groups {
                                    var p = Int(fstart[g])
                                    let end = Int(fstart[g + 1])
                                    if p == end { continue }
                                    var best = -1
                                    for l in Int(lstart[g])..<Int(lstart[g + 1]) {
                                        let row = Int(order[l])
                                        let t = TimeScale.scale(times[l], labelFactor)
                                        while p < end && features[p].available <= t {
                                            if best < 0 || features[p].beats(features[best]) { best = p }
                                            p += 1
                                        }
                                        if best >= 0 {
                                            let age = t &- features[best].event
                                            if age >= 0 && age <= ttl { out[row] = features[best].row }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return matches
    }

    /// The feature rows that match a label entity, grouped like the label index and ordered
    /// within each group by availability time.
    private func prepareEntries(_ index: LabelIndex, unit: TimeUnit) -> (entries: [FeatureEntry], start: [Int32]) {
        let total = batches.reduce(0) { $0 + $1.count }
        precondition(total < Int(Int32.max), "a feature source is limited to 2^31 rows per join")
        var entity = [Int32](repeating: -1, count: total)
        var times: [Int64] = []
        var known: [Int64] = []
        times.reserveCapacity(total)
        if knownAtType != nil { known.reserveCapacity(total) }
        var row = 0
        var scratch: [UInt8] = []
        for batch in batches {
            let keys = KeyColumns(columns: featureKeys.map { batch.column(named: $0)! })
            let timeColumn = batch.column(named: source.eventTime)!
            TimeScale.append(timeColumn, unit: unit, to: &times)
            let knownColumn = knownAtType != nil ? batch.column(named: knownAtColumn)! : nil
            if let knownColumn { TimeScale.append(knownColumn, unit: unit, to: &known) }
            let nullable = keys.columns.contains { $0.nullCount > 0 } || timeColumn.nullCount > 0
                || (source.asOfKnownTime && (knownColumn?.nullCount ?? 0) > 0)
            if integerKeys && !nullable, case .int64(let b) = keys.columns[0].values {
                entity.withUnsafeMutableBufferPointer { out in
                    b.withUnsafeBufferPointer { p in for v in p { out[row] = index.table.find(integer: v); row += 1 } }
                }
                continue
            }
            for i in 0..<batch.count {
                defer { row += 1 }
                if nullable && (keys.hasNull(i) || timeColumn.isNull(i) || (source.asOfKnownTime && knownColumn!.isNull(i))) { continue }
                if integerKeys {
                    entity[row] = index.table.find(integer: KeyColumns.integer(keys.columns[0].values, i))
                } else {
                    scratch.removeAll(keepingCapacity: true)
                    keys.encode(i, into: &scratch)
                    entity[row] = index.table.find(bytes: scratch)
                }
            }
        }
        let groups = index.entityCount
        var start = [Int32](repeating: 0, count: groups + 1)
        for e in entity where e >= 0 { start[Int(e) + 1] += 1 }
        for g in 0..<groups { start[g + 1] += start[g] }
        var fill = start
        let asOf = source.asOfKnownTime
        var entries = [FeatureEntry](repeating: FeatureEntry(available: 0, event: 0, known: 0, row: 0), count: Int(start[groups]))
        entries.withUnsafeMutableBufferPointer { out in
            times.withUnsafeBufferPointer { times in
                known.withUnsafeBufferPointer { known in
                    entity.withUnsafeBufferPointer { entity in
                        for r in 0..<total {
                            let e = Int(entity[r])
                            if e < 0 { continue }
                            let k = known.isEmpty ? 0 : known[r]
                            let t = times[r]
                            out[Int(fill[e])] = FeatureEntry(available: asOf ? max(t, k) : t, event: t, known: k, row: Int32(r))
                            fill[e] += 1
                        }
                    }
                }
            }
            for g in 0..<groups {
                GroupSort.byKey(out, Int(start[g])..<Int(start[g + 1])) { $0.available }
            }
        }
        return (entries, start)
    }

    /// The gathered output columns of this source (its feature columns, then its event time
    /// when carried), each one row per label row.
    func outputColumns(matches: [Int32]) -> [Column] {
        var names = source.columns
        if includeTime { names.append(source.eventTime) }
        return names.map { name in
            Gather.column(batches.map { $0.column(named: name)! }, type: columnTypes[name]!, matches: matches)
        }
    }
}
