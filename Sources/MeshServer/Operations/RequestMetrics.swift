import Foundation
import Hummingbird

/// Counts every request and times it, by route pattern (`/api/v1/products/{id}`, never the
/// concrete path, so the series stay few), method and final status.
public struct RequestMetrics: RouterMiddleware {
    public typealias Context = MeshRequestContext

    /// Where the figures go.
    public let metrics: ServerMetrics

    /// Creates the middleware recording into `metrics`.
    public init(metrics: ServerMetrics) { self.metrics = metrics }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        func seconds() -> Double {
            let d = ContinuousClock.now - start
            return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        let route = context.endpointPath ?? "unmatched"
        do {
            let response = try await next(request, context)
            metrics.recordRequest(method: request.method.rawValue, route: route, status: Int(response.status.code), seconds: seconds())
            return response
        } catch {
            // The ErrorResponder inside turns errors into answers; anything reaching here is a 500.
            metrics.recordRequest(method: request.method.rawValue, route: route, status: (error as? any HTTPResponseError).map { Int($0.status.code) } ?? 500,
                                  seconds: seconds())
            throw error
        }
    }
}
