import Hummingbird

/// `barehttp PORT`: a bare Hummingbird server answering `GET /constant` with a constant body —
/// the ceiling of the HTTP stack on this machine, which `meshbench serve` compares the mesh
/// server's routes with.
let port = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 8282 : 8282
let router = Router()
router.get("constant") { _, _ in "{\"status\":\"ok\"}" }
router.get("health") { _, _ in "ok" }
let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "bare"))
try await app.runService()
