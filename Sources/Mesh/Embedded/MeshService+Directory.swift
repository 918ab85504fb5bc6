import Catalog
import Foundation
import Iceberg
import SQLiteCatalog

/// The embedded mesh: one directory holding the SQLite catalog, the Iceberg warehouse and the
/// publish locks.
///
/// ```
/// DIR/catalog.sqlite   the catalog store (records and Iceberg table pointers)
/// DIR/warehouse/       the tables' files, at DOMAIN/PRODUCT[/TABLE]
/// DIR/locks/           one flock file per product being published
/// ```
public enum MeshDirectory {
    /// The catalog database's file name.
    public static let catalogFile = "catalog.sqlite"
    /// The warehouse folder's name.
    public static let warehouseFolder = "warehouse"
    /// The lock folder's name.
    public static let locksFolder = "locks"

    /// Whether `directory` holds a mesh.
    public static func isMesh(_ directory: String) -> Bool {
        FileManager.default.fileExists(atPath: URL(fileURLWithPath: directory).appendingPathComponent(catalogFile).path)
    }

    /// `path` made absolute against the current directory, without `.`/`..` segments.
    static func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}

extension MeshService {
    /// Creates a new embedded mesh in `directory` (created if missing) and opens it.
    ///
    /// Records the local administrator principal (`admin`) and the mesh settings.
    ///
    /// - Throws: ``MeshError/Kind/conflict`` when a mesh already exists there;
    ///   ``MeshError/Kind/invalidInput`` when the directory holds other files.
    public static func initialize(directory: String, now: @escaping @Sendable () -> Date = { Date() }) throws(MeshError) -> MeshService {
        let path = MeshDirectory.absolute(directory)
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        let existed = fm.fileExists(atPath: path, isDirectory: &isDirectory)
        if existed {
            guard isDirectory.boolValue else {
                throw MeshError(.invalidInput, "\(path) is a file, not a directory; choose a new or empty directory for the mesh", context: path)
            }
            if MeshDirectory.isMesh(path) {
                throw MeshError(.conflict, "a mesh already exists at \(path); use it with `--mesh \(directory)`", context: path)
            }
            let entries = (try? fm.contentsOfDirectory(atPath: path)) ?? []
            guard entries.isEmpty else {
                throw MeshError(.invalidInput, "\(path) is not empty and holds no mesh (found \(entries.sorted().prefix(3).joined(separator: ", "))); choose a new or empty directory",
                                context: path)
            }
        }
        do {
            try fm.createDirectory(atPath: path + "/" + MeshDirectory.warehouseFolder, withIntermediateDirectories: true)
            try fm.createDirectory(atPath: path + "/" + MeshDirectory.locksFolder, withIntermediateDirectories: true)
        } catch {
            throw MeshError(.storage, "cannot create the mesh directory: \(error.localizedDescription)", context: path)
        }
        do {
            let service = try open(path: path, now: now)
            try service.recordInitialSettings()
            return service
        } catch {
            // Leave nothing half-made behind.
            if existed {
                for entry in (try? fm.contentsOfDirectory(atPath: path)) ?? [] { try? fm.removeItem(atPath: path + "/" + entry) }
            } else {
                try? fm.removeItem(atPath: path)
            }
            throw error
        }
    }

    /// Opens the embedded mesh in `directory`.
    ///
    /// - Throws: ``MeshError/Kind/notFound`` ("no mesh at DIR; create one with `mesh init DIR`").
    public static func open(directory: String, now: @escaping @Sendable () -> Date = { Date() }) throws(MeshError) -> MeshService {
        let path = MeshDirectory.absolute(directory)
        guard MeshDirectory.isMesh(path) else {
            throw MeshError(.notFound, "no mesh at \(directory); create one with `mesh init \(directory)`", context: path)
        }
        return try open(path: path, now: now)
    }

    private static func open(path: String, now: @escaping @Sendable () -> Date) throws(MeshError) -> MeshService {
        let store: SQLiteCatalogStore
        do { store = try SQLiteCatalogStore(path: path + "/" + MeshDirectory.catalogFile) } catch { throw MeshError(error) }
        let warehouse: LocalFileStore
        do { warehouse = try LocalFileStore(root: path + "/" + MeshDirectory.warehouseFolder) } catch { throw MeshError.warehouse(error) }
        return MeshService(store: store, warehouse: warehouse, directory: path, now: now)
    }
}
