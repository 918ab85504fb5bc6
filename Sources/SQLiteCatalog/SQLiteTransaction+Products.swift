import Catalog
import Foundation
import GRDB

extension SQLiteTransaction {
    // MARK: Products and contracts

    func insertProduct(_ product: Product) throws(CatalogError) {
        let tags = try Stored.json(product.tags), tables = try Stored.json(product.tables)
        try run(duplicate: CatalogError(.alreadyExists, "product '\(product.id)' already exists", context: product.id),
                missingReference: CatalogError(.invalid, "product '\(product.id)' names domain '\(product.domain)', which does not exist", context: product.id)) { db in
            try db.executeCached(
                sql: """
                    INSERT INTO products(id, domain, name, description, owner, status, tags, tables, contract_version, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [product.id, product.domain, product.name, product.description, product.owner, product.status, tags, tables,
                            product.contractVersion, Stored.date(product.createdAt), Stored.date(product.updatedAt)])
        }
    }

    func updateProduct(_ product: Product) throws(CatalogError) {
        let tags = try Stored.json(product.tags), tables = try Stored.json(product.tables)
        let changed = try run(
            missingReference: CatalogError(.invalid, "product '\(product.id)' names domain '\(product.domain)', which does not exist", context: product.id)
        ) { db in
            try db.executeCached(
                sql: """
                    UPDATE products SET domain = ?, name = ?, description = ?, owner = ?, status = ?, tags = ?, tables = ?,
                        contract_version = ?, created_at = ?, updated_at = ?
                    WHERE id = ?
                    """,
                arguments: [product.domain, product.name, product.description, product.owner, product.status, tags, tables,
                            product.contractVersion, Stored.date(product.createdAt), Stored.date(product.updatedAt), product.id])
            return db.changesCount
        }
        if changed == 0 { throw CatalogError(.notFound, "no product '\(product.id)'", context: product.id) }
    }

    func product(_ id: String) throws(CatalogError) -> Product? {
        try run { db in try db.cachedRow(sql: "SELECT * FROM products WHERE id = ?", arguments: [id]).map(Product.init(row:)) }
    }

    func products(domain: String?) throws(CatalogError) -> [Product] {
        try run { db in
            if let domain {
                return try db.cachedRows(sql: "SELECT * FROM products WHERE domain = ? ORDER BY id", arguments: [domain]).map(Product.init(row:))
            }
            return try db.cachedRows(sql: "SELECT * FROM products ORDER BY id").map(Product.init(row:))
        }
    }

    func insertContract(_ contract: ContractRecord) throws(CatalogError) {
        try run(
            duplicate: CatalogError(.alreadyExists, "contract version \(contract.version) of '\(contract.productID)' is already registered", context: contract.productID),
            missingReference: CatalogError(.invalid, "no product '\(contract.productID)' to register a contract for", context: contract.productID)
        ) { db in
            try db.executeCached(sql: "INSERT INTO contracts(product_id, version, yaml, registered_at, registered_by) VALUES (?, ?, ?, ?, ?)",
                           arguments: [contract.productID, contract.version, contract.yaml, Stored.date(contract.registeredAt), contract.registeredBy])
        }
    }

    func contract(productID: String, version: String?) throws(CatalogError) -> ContractRecord? {
        try run { db in
            if let version {
                return try db.cachedRow(sql: "SELECT * FROM contracts WHERE product_id = ? AND version = ?", arguments: [productID, version])
                    .map(ContractRecord.init(row:))
            }
            return try db.cachedRow(sql: "SELECT * FROM contracts WHERE product_id = ? ORDER BY id DESC LIMIT 1", arguments: [productID])
                .map(ContractRecord.init(row:))
        }
    }

    func contracts(productID: String) throws(CatalogError) -> [ContractRecord] {
        try run { db in
            try db.cachedRows(sql: "SELECT * FROM contracts WHERE product_id = ? ORDER BY id", arguments: [productID]).map(ContractRecord.init(row:))
        }
    }

    // MARK: Versions

    func insertVersion(_ version: ProductVersion) throws(CatalogError) {
        let snapshots = try Stored.json(version.snapshots), inputs = try Stored.json(version.inputs)
        try run(
            duplicate: CatalogError(.alreadyExists, "version \(version.version) of '\(version.productID)' already exists", context: version.ref.description),
            missingReference: CatalogError(.invalid, "no product '\(version.productID)' to add a version to", context: version.ref.description)
        ) { db in
            try db.executeCached(
                sql: """
                    INSERT INTO product_versions(product_id, version, tag, snapshots, row_count, added_rows, mode, contract_version,
                        published_at, published_by, newest_event_time, statistics, checks, inputs, status, revoked_reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [version.productID, version.version, version.tag, snapshots, version.rowCount, version.addedRows, version.mode,
                            version.contractVersion, Stored.date(version.publishedAt), version.publishedBy, version.newestEventTime.map(Stored.date),
                            version.statistics, version.checks, inputs, version.status.rawValue, version.revokedReason])
        }
    }

    func updateVersion(_ version: ProductVersion) throws(CatalogError) {
        let snapshots = try Stored.json(version.snapshots), inputs = try Stored.json(version.inputs)
        try update(
            """
            UPDATE product_versions SET tag = ?, snapshots = ?, row_count = ?, added_rows = ?, mode = ?, contract_version = ?,
                published_at = ?, published_by = ?, newest_event_time = ?, statistics = ?, checks = ?, inputs = ?, status = ?, revoked_reason = ?
            WHERE product_id = ? AND version = ?
            """,
            [version.tag, snapshots, version.rowCount, version.addedRows, version.mode, version.contractVersion, Stored.date(version.publishedAt),
             version.publishedBy, version.newestEventTime.map(Stored.date), version.statistics, version.checks, inputs, version.status.rawValue,
             version.revokedReason, version.productID, version.version],
            missing: CatalogError(.notFound, "no version \(version.version) of '\(version.productID)'", context: version.ref.description))
    }

    func version(productID: String, version: Int) throws(CatalogError) -> ProductVersion? {
        try run { db in
            try db.cachedRow(sql: "SELECT * FROM product_versions WHERE product_id = ? AND version = ?", arguments: [productID, version])
                .map(ProductVersion.init(row:))
        }
    }

    func latestVersion(productID: String) throws(CatalogError) -> ProductVersion? {
        try run { db in
            try db.cachedRow(sql: "SELECT * FROM product_versions WHERE product_id = ? ORDER BY version DESC LIMIT 1", arguments: [productID])
                .map(ProductVersion.init(row:))
        }
    }

    func versions(productID: String) throws(CatalogError) -> [ProductVersion] {
        try run { db in
            try db.cachedRows(sql: "SELECT * FROM product_versions WHERE product_id = ? ORDER BY version", arguments: [productID])
                .map(ProductVersion.init(row:))
        }
    }

    func insertRejection(_ rejection: RejectedPublish) throws(CatalogError) {
        try run(missingReference: CatalogError(.invalid, "no product '\(rejection.productID)' to record a rejected publish for", context: rejection.productID)) { db in
            try db.executeCached(
                sql: """
                    INSERT INTO rejected_publishes(product_id, attempted_at, attempted_by, contract_version, row_count, checks, reason)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [rejection.productID, Stored.date(rejection.attemptedAt), rejection.attemptedBy, rejection.contractVersion,
                            rejection.rowCount, rejection.checks, rejection.reason])
        }
    }

    func rejections(productID: String) throws(CatalogError) -> [RejectedPublish] {
        try run { db in
            try db.cachedRows(sql: "SELECT * FROM rejected_publishes WHERE product_id = ? ORDER BY id", arguments: [productID])
                .map(RejectedPublish.init(row:))
        }
    }
}
