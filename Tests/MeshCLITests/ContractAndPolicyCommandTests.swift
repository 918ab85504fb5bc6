import Foundation
import Testing
import TestSupport

/// Runs the built `mesh` executable and checks output and exit codes.
enum Mesh {
    /// The `mesh` binary next to the test runner in the build folder.
    static var executable: URL? {
        var candidates: [URL] = []
        if let arg0 = CommandLine.arguments.first {
            var dir = URL(fileURLWithPath: arg0).deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(dir.appendingPathComponent("mesh"))
                dir = dir.deletingLastPathComponent()
            }
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("mesh"))
        candidates.append(Interop.repositoryRoot.appendingPathComponent(".build/debug/mesh"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String]) throws -> Result {
        let binary = try #require(executable, "the mesh executable was not built")
        let p = Process()
        p.executableURL = binary
        p.arguments = arguments
        p.currentDirectoryURL = Interop.repositoryRoot
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static let contracts = "Tests/ContractsTests/Fixtures"
    static let governance = "Tests/GovernanceTests/Fixtures"
}

@Suite("mesh contract / mesh policy")
struct ContractAndPolicyCommandTests {
    @Test("lint of a valid contract exits 0")
    func lintValid() throws {
        let r = try Mesh.run(["contract", "lint", "\(Mesh.contracts)/valid/payments-transactions.odcs.yaml"])
        #expect(r.status == 0)
        #expect(r.stdout.hasSuffix("valid (0 warning(s))\n"))
    }

    @Test("lint lists every problem and exits 1")
    func lintInvalid() throws {
        let path = "\(Mesh.contracts)/invalid/quality-errors.odcs.yaml"
        let r = try Mesh.run(["contract", "lint", path])
        #expect(r.status == 1)
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 20)
        #expect(lines.first == "\(path): error: schema[0].quality[0].metric (line 11): nullValues is a property-level metric; move it to a column's `quality` [quality.level]")
        #expect(lines.last == "\(path): rejected: 19 error(s), 0 warning(s)")
    }

    @Test("lint --json gives the problems with paths and lines")
    func lintJSON() throws {
        let r = try Mesh.run(["contract", "lint", "--json", "\(Mesh.contracts)/invalid/missing-fundamentals.odcs.yaml"])
        #expect(r.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(object["accepted"] as? Bool == false)
        let problems = try #require(object["problems"] as? [[String: Any]])
        #expect(problems.count == 8)
        #expect(problems[0]["path"] as? String == "apiVersion" && problems[0]["line"] as? Int == 1 && problems[0]["rule"] as? String == "odcs.required")
    }

    @Test("lint --policy rejects a glossary violation and names the rule")
    func lintPolicy() throws {
        let r = try Mesh.run(["contract", "lint", "\(Mesh.governance)/contracts/fraud-fico-out-of-range.odcs.yaml",
                              "--policy", "\(Mesh.governance)/global-policy.yaml"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("glossary.fico_score fraud.risk_scores/risk_scores.fico_score value=fico_score: bound to glossary term fico_score but declares maximum 900 above the term's 850"))
        let ok = try Mesh.run(["contract", "lint", "\(Mesh.contracts)/valid/payments-transactions.odcs.yaml",
                               "--policy", "\(Mesh.governance)/global-policy.yaml", "--domain-policy", "\(Mesh.governance)/domain-payments.yaml"])
        #expect(ok.status == 0, "\(ok.stdout)\(ok.stderr)")
        #expect(ok.stdout.contains("valid against meshwork-global+payments-policy@1.2.0+0.4.0"))
    }

    @Test("a weakening domain policy is an error on stderr")
    func weakeningPolicy() throws {
        let r = try Mesh.run(["contract", "lint", "\(Mesh.contracts)/valid/payments-transactions.odcs.yaml",
                              "--policy", "\(Mesh.governance)/global-policy.yaml", "--domain-policy", "\(Mesh.governance)/domain-weakening.yaml"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("error: "))
        #expect(r.stderr.contains("would weaken global rule classification.pii-retention"))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test("a missing file is one error line on stderr")
    func missingFile() throws {
        let r = try Mesh.run(["contract", "lint", "no-such-contract.yaml"])
        #expect(r.status == 1)
        #expect(r.stderr.hasPrefix("error: cannot read no-such-contract.yaml"))
        #expect(r.stdout.isEmpty)
    }

    @Test("diff exits 1 for a breaking change without a major bump, 0 otherwise")
    func diff() throws {
        let e = "\(Mesh.contracts)/evolution"
        let rejected = try Mesh.run(["contract", "diff", "\(e)/breaking-without-major.old.yaml", "\(e)/breaking-without-major.new.yaml"])
        #expect(rejected.status == 1)
        #expect(rejected.stdout.contains("Breaking changes (7):"))
        #expect(rejected.stdout.contains("Verdict: rejected"))
        let accepted = try Mesh.run(["contract", "diff", "\(e)/breaking-with-major.old.yaml", "\(e)/breaking-with-major.new.yaml"])
        #expect(accepted.status == 0)
        #expect(accepted.stdout.contains("Verdict: accepted"))
        let json = try Mesh.run(["contract", "diff", "--json", "\(e)/compatible-minor.old.yaml", "\(e)/compatible-minor.new.yaml"])
        #expect(json.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["accepted"] as? Bool == true)
        #expect((object["changes"] as? [[String: Any]])?.count == 5)
        #expect(object["requiredBump"] as? String == "patch")
    }

    @Test("policy dry-run lists what newly fails and exits 1 when it would block")
    func dryRun() throws {
        let g = Mesh.governance
        let contracts = ["payments-transactions", "fraud-risk-scores", "customers-profiles"].map { "\(g)/contracts/\($0).odcs.yaml" }
        let r = try Mesh.run(["policy", "dry-run", "\(g)/global-policy-proposed.yaml"] + contracts + ["--current", "\(g)/global-policy.yaml"])
        #expect(r.status == 1)
        #expect(r.stdout.contains("Newly failing (3):"))
        #expect(r.stdout.contains("checks.max-latency customers.profiles value=24 h"))
        let same = try Mesh.run(["policy", "dry-run", "\(g)/global-policy.yaml"] + contracts + ["--current", "\(g)/global-policy.yaml", "--json"])
        #expect(same.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(same.stdout.utf8)) as? [String: Any])
        #expect((object["newlyFailing"] as? [Any])?.isEmpty == true)
        #expect(object["productCount"] as? Int == 3)
    }

    @Test("without --current every failure of the proposal is new")
    func dryRunWithoutCurrent() throws {
        let g = Mesh.governance
        let r = try Mesh.run(["policy", "dry-run", "\(g)/global-policy.yaml", "\(g)/contracts/fraud-fico-out-of-range.odcs.yaml"])
        #expect(r.status == 1)
        #expect(r.stdout.hasPrefix("Dry run of meshwork-global@1.2.0 against 1 product(s):\nNewly failing (1):"))
    }

    @Test("dry-run needs contracts")
    func dryRunValidation() throws {
        let r = try Mesh.run(["policy", "dry-run", "\(Mesh.governance)/global-policy.yaml"])
        #expect(r.status != 0)
    }
}
