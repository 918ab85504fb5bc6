import Contracts

extension PolicyBundle {
    /// Decides a read of `contract`'s product: whether it is allowed and, per column, whether
    /// it is shown, masked or dropped, with the rule and reason for each.
    ///
    /// - A principal needs a grant covering the product; a grant listing purposes must list
    ///   the request's purpose. Retired products are never served.
    /// - A column classified above the grant's clearance gets ``Access/belowClearance`` for
    ///   its level (drop when unset); unclassified columns count as the least sensitive level.
    /// - A PII column whose `allowedPurposes` does not list the purpose gets
    ///   ``Access/purposeNotAllowed``.
    public func decideAccess(_ request: AccessRequest, to contract: DataContract) -> AccessDecision {
        let product = contract.productID ?? contract.id ?? "(unnamed)"
        var decisions: [PolicyDecision] = []
        func record(_ rule: String, _ outcome: PolicyDecision.Outcome, value: String? = nil, _ reason: String) {
            decisions.append(PolicyDecision(ruleID: rule, bundle: reference, product: product, value: value, outcome: outcome, reason: reason))
        }
        let deny = { (columns: [ColumnAccess]) in
            AccessDecision(product: product, principal: request.principal, purpose: request.purpose, allowed: false, decisions: decisions, columns: columns)
        }
        if contract.lifecycle == .retired {
            record("access.lifecycle", .fail, value: contract.status, "product \(product) is retired and no longer served")
            return deny([])
        }
        let grants = request.grants.filter { $0.principal == request.principal && $0.covers(product: product) }
        guard !grants.isEmpty else {
            record("access.grant", .fail, value: request.principal, "\(request.principal) holds no grant covering \(product)")
            return deny([])
        }
        let usable = grants.filter { $0.purposes.isEmpty || $0.purposes.contains(request.purpose) }
        guard !usable.isEmpty else {
            let allowed = Set(grants.flatMap(\.purposes)).sorted().joined(separator: ", ")
            record("access.purpose", .fail, value: request.purpose, "\(request.principal)'s grants for \(product) allow purposes \(allowed), not \(request.purpose)")
            return deny([])
        }
        // The most permissive usable grant decides the clearance.
        let clearanceRank = usable.compactMap { rank(ofLevel: $0.clearance) }.max() ?? (classification.levels.isEmpty ? Int.max : -1)
        let clearance = usable.first { rank(ofLevel: $0.clearance) == clearanceRank }?.clearance ?? usable[0].clearance
        record("access.grant", .pass, value: clearance, "\(request.principal) may read \(product) for \(request.purpose) with clearance \(clearance)")

        var columns: [ColumnAccess] = []
        for object in contract.schema {
            for p in object.properties {
                let level = p.classification ?? classification.levels.first ?? "unclassified"
                let levelRank = rank(ofLevel: level) ?? (classification.levels.isEmpty ? 0 : classification.levels.count)
                var action = PolicyBundle.Access.Action.show
                var rule = "access.clearance", reason = "\(level) is within clearance \(clearance)"
                if levelRank > clearanceRank {
                    action = access.belowClearance[level] ?? .drop
                    reason = "\(level) is above clearance \(clearance)"
                }
                let pii = p.tags.contains { $0.lowercased() == classification.piiTag.lowercased() }
                if pii, !(p.allowedPurposes ?? []).contains(request.purpose), access.purposeNotAllowed > action {
                    action = access.purposeNotAllowed
                    rule = "access.pii-purpose"
                    reason = "personal data allowed for \((p.allowedPurposes ?? []).joined(separator: ", ")), not \(request.purpose)"
                }
                columns.append(ColumnAccess(object: object.name, column: p.name, action: action, ruleID: rule, reason: reason))
            }
        }
        if !columns.isEmpty, columns.allSatisfy({ $0.action == .drop }) {
            record("access.columns", .fail, "every column of \(product) is dropped for this principal and purpose")
            return deny(columns)
        }
        return AccessDecision(product: product, principal: request.principal, purpose: request.purpose, allowed: true,
                              decisions: decisions, columns: columns)
    }
}
