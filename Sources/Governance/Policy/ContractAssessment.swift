import Contracts
import Foundation

/// The outcome of checking one contract at registration: its lint problems and, when a
/// policy is given, the policy decisions. It renders the `mesh contract lint` output.
public struct ContractAssessment: Sendable, Hashable, Codable {
    /// The file or name the contract came from.
    public var source: String
    /// The product id, when the contract names one.
    public var product: String?
    /// Every lint problem.
    public var problems: [LintProblem]
    /// Every policy decision (passes included), empty without a policy.
    public var decisions: [PolicyDecision]
    /// The policy bundle applied, if any.
    public var policy: String?

    /// Lints YAML text and, when `engine` is given and the contract parses, evaluates the policy.
    public init(source: String, yaml: String, engine: PolicyEngine? = nil) {
        self.source = source
        problems = ContractLinter().lint(yaml: yaml)
        let contract = try? DataContract(yaml: yaml)
        product = contract?.productID
        if let engine, let contract {
            decisions = engine.evaluate(contract)
            policy = engine.bundle(forDomain: contract.domain).reference
        } else {
            decisions = []
            policy = nil
        }
    }

    /// True when nothing blocks: no lint error and no blocking policy failure.
    public var accepted: Bool { problems.errors.isEmpty && !decisions.blocks }

    /// One line per problem and per failed policy decision, then a summary line.
    public func text() -> String {
        var lines = problems.map { "\(source): \($0.description)" }
        for d in decisions.failures {
            lines.append("\(source): \(d.severity == .error ? "error" : "warning"): policy \(d.description)")
        }
        let errors = problems.errors.count + decisions.failures.filter(\.blocks).count
        let warnings = problems.warnings.count + decisions.failures.filter { !$0.blocks }.count
        let checked = policy.map { " against \($0)" } ?? ""
        lines.append(accepted
            ? "\(source): valid\(checked) (\(warnings) warning(s))"
            : "\(source): rejected\(checked): \(errors) error(s), \(warnings) warning(s)")
        return lines.joined(separator: "\n")
    }

    /// The assessment as pretty-printed JSON with sorted keys.
    public func json() throws -> String {
        struct Output: Encodable {
            let source: String, product: String?, accepted: Bool, policy: String?
            let problems: [LintProblem], decisions: [PolicyDecision]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let output = Output(source: source, product: product, accepted: accepted, policy: policy, problems: problems, decisions: decisions)
        return String(decoding: try encoder.encode(output), as: UTF8.self)
    }
}
