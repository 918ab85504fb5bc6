extension ContractLinter {
    static let serverTypes = ["api", "athena", "azure", "bigquery", "clickhouse", "databricks", "denodo", "dremio", "duckdb",
                              "glue", "cloudsql", "db2", "hive", "impala", "informix", "kafka", "kinesis", "local", "mysql",
                              "oracle", "postgresql", "postgres", "presto", "pubsub", "redshift", "s3", "sftp", "snowflake",
                              "sqlserver", "synapse", "trino", "vertica", "zen", "custom"]

    static let roleFields: [String: LintReport.Shape] = [
        "id": .string, "role": .string, "description": .string, "access": .string,
        "firstLevelApprovers": .string, "secondLevelApprovers": .string, "customProperties": .list,
    ]

    func lintServiceLevels(_ root: YAMLNode, _ r: inout LintReport) {
        let objects = root["schema"]?.items ?? []
        var seen = [String: Int]()
        r.forEachItem(of: root["slaProperties"], at: YAMLPath("slaProperties")) { r, sla, p in
            guard r.checkObject(sla, at: p, what: "an SLA property",
                                fields: ["id": .string, "property": .string, "value": .scalar, "valueExt": .scalar, "unit": .string,
                                         "element": .string, "driver": .string, "description": .string,
                                         "scheduler": .string, "schedule": .string],
                                required: ["property"]) else { return }
            if r.legacy {
                for key in ["scheduler", "schedule", "description"] where sla[key] != nil { r.newerField(key, at: p.appending(key)) }
            }
            if sla["value"] == nil { r.error("odcs.required", p.appending("value"), "an SLA property is missing required field `value`") }
            guard let name = sla["property"]?.string else { return }
            let level = ServiceLevel(node: sla)
            let key = "\(level.kind?.rawValue ?? name.lowercased())|\(level.element ?? "")|\(sla["driver"]?.string ?? "")"
            if let first = seen[key] {
                r.error("sla.duplicate", p.appending("property"), "SLA '\(name)' is already declared by slaProperties[\(first)] for the same element")
            } else if let i = p.components.last, case .index(let index) = i {
                seen[key] = index
            }
            guard let kind = level.kind else { return }
            if kind.isDuration {
                if sla["value"] != nil {
                    if let n = level.number {
                        if n <= 0 { r.error("sla.value", p.appending("value"), "a \(kind.rawValue) SLA must be greater than 0") }
                    } else {
                        r.error("sla.value", p.appending("value"), "a \(kind.rawValue) SLA needs a numeric `value` with a `unit`")
                    }
                }
                if let unit = level.unitName {
                    if DurationUnit(name: unit) == nil {
                        r.error("sla.unit", p.appending("unit"), "'\(unit)' is not a duration unit; use s, m, h, d, w, y (or second(s), minute(s), hour(s), day(s), week(s), year(s))")
                    }
                } else {
                    r.warning("sla.unit", p.appending("unit"), "no `unit` on a \(kind.rawValue) SLA; Meshwork reads it as days")
                }
            }
            if kind == .timeOfAvailability, let v = sla["value"]?.scalarText,
               v.range(of: #"^([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d)?([+-]\d{2}:?\d{2}|Z)?$"#, options: .regularExpression) == nil {
                r.error("sla.value", p.appending("value"), "timeOfAvailability '\(v)' must be a time of day like 09:00 or 09:00-08:00")
            }
            if kind == .availability, let n = level.number, n < 0 || n > 100 {
                r.error("sla.value", p.appending("value"), "availability is a percentage between 0 and 100")
            }
            if let element = level.element {
                for (i, part) in element.split(separator: ",").enumerated() {
                    let ref = part.trimmingCharacters(in: .whitespaces)
                    if !Self.elementExists(ref, in: objects) {
                        r.error("sla.element", p.appending("element"),
                                "SLA element '\(ref)'\(i > 0 ? " (item \(i + 1))" : "") names no column; write table.column (or column when there is one table)")
                    }
                }
            }
        }
    }

    static func elementExists(_ ref: String, in objects: [YAMLNode]) -> Bool {
        let parts = ref.split(separator: ".").map(String.init)
        func has(_ object: YAMLNode, _ column: String) -> Bool {
            object["properties"]?.items?.contains { $0["name"]?.string == column || $0["physicalName"]?.string == column } ?? false
        }
        if parts.count == 2 {
            return objects.contains { ($0["name"]?.string == parts[0] || $0["physicalName"]?.string == parts[0]) && has($0, parts[1]) }
        }
        if parts.count == 1 {
            if objects.contains(where: { $0["name"]?.string == parts[0] }) { return true }
            return objects.count == 1 && has(objects[0], parts[0])
        }
        return false
    }

    func lintTeamAndSupport(_ root: YAMLNode, _ r: inout LintReport) {
        let memberFields: [String: LintReport.Shape] = [
            "id": .string, "username": .string, "name": .string, "description": .string, "role": .string,
            "dateIn": .string, "dateOut": .string, "replacedByUsername": .string, "tags": .stringList,
            "customProperties": .list, "authoritativeDefinitions": .list,
        ]
        if let team = root["team"] {
            let path = YAMLPath("team")
            var members: YAMLNode?
            var membersPath = path
            if team.items != nil, r.legacy {
                members = team
            } else if team.items == nil, r.legacy {
                r.error("odcs.version", path, "ODCS v3.0.x writes `team` as a list of members; set apiVersion: v3.1.0 for `team: {name, members}`")
            } else if team.items != nil {
                r.warning("odcs.deprecated", path, "a list of members as `team` is deprecated since ODCS v3.1.0; write `team: {name, members}`")
                members = team
            } else if r.checkObject(team, at: path, what: "team",
                                    fields: ["id": .string, "name": .string, "description": .string, "members": .list,
                                             "tags": .stringList, "customProperties": .list, "authoritativeDefinitions": .list]) {
                members = team["members"]
                membersPath = path.appending("members")
                lintCustomProperties(team["customProperties"], at: path.appending("customProperties"), &r)
            }
            r.forEachItem(of: members, at: membersPath) { r, member, p in
                r.checkObject(member, at: p, what: "a team member", fields: memberFields, required: ["username"])
            }
        }
        r.forEachItem(of: root["roles"], at: YAMLPath("roles")) { r, role, p in
            r.checkObject(role, at: p, what: "a role", fields: Self.roleFields, required: ["role"])
        }
        r.forEachItem(of: root["support"], at: YAMLPath("support")) { r, channel, p in
            r.checkObject(channel, at: p, what: "a support channel",
                          fields: ["id": .string, "channel": .string, "url": .string, "description": .string, "tool": .string,
                                   "scope": .string, "invitationUrl": .string, "customProperties": .list],
                          required: ["channel"])
            if r.legacy, channel["customProperties"] != nil { r.newerField("customProperties", at: p.appending("customProperties")) }
            if r.legacy, channel["url"] == nil { r.error("odcs.required", p.appending("url"), "an ODCS v3.0.x support channel is missing required field `url`") }
        }
        var serverNames = Set<String>()
        r.forEachItem(of: root["servers"], at: YAMLPath("servers")) { r, server, p in
            // Server types add their own keys (host, location, project...), so unknown keys are not checked here.
            guard r.checkObject(server, at: p, what: "a server",
                                fields: ["id": .string, "server": .string, "type": .string, "description": .string,
                                         "environment": .string, "roles": .list, "customProperties": .list],
                                required: ["server", "type"], open: true) else { return }
            r.checkEnum(server["type"], at: p.appending("type"), allowed: Self.serverTypes, what: "server type")
            if let name = server["server"]?.string, !serverNames.insert(name).inserted {
                r.error("mesh.uniqueName", p.appending("server"), "server '\(name)' is declared twice")
            }
            r.forEachItem(of: server["roles"], at: p.appending("roles")) { r, role, rp in
                r.checkObject(role, at: rp, what: "a role", fields: Self.roleFields, required: ["role"])
            }
        }
    }
}

import Foundation
