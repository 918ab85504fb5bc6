import Catalog
import Foundation
import Hummingbird
import Mesh

/// `/api/v1/trainsets` and `/api/v1/models`: building and replaying training sets, and the
/// models trained on them.
struct TrainingSetRoutes: Sendable {
    let service: MeshService

    struct NewModel: Decodable {
        let name: String
        let trainingSet: String
        let metrics: String?
    }

    func add(to api: RouterGroup<MeshRequestContext>) {
        api.post("trainsets") { request, context in
            let caller = try context.caller()
            let spec = try await APIHandler.text(request, what: "training-set spec YAML")
            let name = APIHandler.query(request, "name")
            return try await APIHandler.respond(status: .created) { try service.buildTrainingSet(specYAML: spec, name: name, by: caller) }
        }
        api.get("trainsets") { _, context in
            _ = try context.caller()
            return try await APIHandler.respond { try service.trainingSets() }
        }
        api.get("trainsets/{name}") { _, context in
            _ = try context.caller()
            let name = try APIHandler.path("name", context)
            return try await APIHandler.respond { try service.trainingSet(name) }
        }
        api.post("trainsets/{name}/replay") { _, context in
            let caller = try context.caller()
            let name = try APIHandler.path("name", context)
            return try await APIHandler.respond { try service.replayTrainingSet(name: name, by: caller) }
        }
        api.post("models") { request, context in
            let caller = try context.caller()
            let body = try await APIHandler.decode(NewModel.self, request)
            return try await APIHandler.respond(status: .created) {
                try service.registerModel(name: body.name, trainingSet: body.trainingSet, metrics: body.metrics, by: caller)
            }
        }
        api.get("models") { request, context in
            _ = try context.caller()
            let trainingSet = APIHandler.query(request, "trainset")
            return try await APIHandler.respond { try service.models(trainingSet: trainingSet) }
        }
        api.get("models/{name}") { _, context in
            _ = try context.caller()
            let name = try APIHandler.path("name", context)
            return try await APIHandler.respond { try service.model(name) }
        }
    }
}
