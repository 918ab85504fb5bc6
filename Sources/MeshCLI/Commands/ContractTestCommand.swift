import ArgumentParser
import Columnar
import Contracts
import Foundation
import Governance
import Parquet
import Quality
import TextFormats

/// `mesh contract test CONTRACT.yaml DATA`: statistics and every check's result for a data file.
struct ContractTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Test a data file (CSV, JSON Lines or Parquet) against a contract.",
        discussion: """
        Computes per-column statistics in one pass and evaluates every check: schema match, \
        distribution bounds, freshness, the contract's quality rules, glossary and policy \
        constraints with --policy, and drift against a previous profile when --baseline is given. Exits 1 when an error-severity check fails, 2 when the \
        inputs cannot be read.
        """
    )

    @Argument(help: "The ODCS v3 contract (YAML).")
    var contract: String

    @Argument(help: "The data: .csv, .tsv, .jsonl, .ndjson or .parquet.")
    var data: String

    @Flag(help: "Print the report as JSON.")
    var json = false

    @Option(help: "A global policy bundle: glossary constraints, primary-key checks and publish-stage rules are evaluated too.")
    var policy: String?

    @Option(name: .customLong("domain-policy"), help: "A domain policy bundle (repeatable); needs --policy.")
    var domainPolicies: [String] = []

    @Option(help: "The contract's schema object the data is (default: the first).")
    var object: String?

    @Option(help: "The previous version's profile (JSON written by --profile-out), for drift checks.")
    var baseline: String?

    @Option(name: .customLong("profile-out"), help: "Write this data's profile (JSON) here, to serve as the next baseline.")
    var profileOut: String?

    @Option(help: "The instant freshness is measured at (ISO 8601; default: now).")
    var now: String?

    @Option(name: .customLong("published-at"), help: "When the data was published (ISO 8601), for freshness without an event-time column.")
    var publishedAt: String?

    @Option(name: .customLong("event-time"), help: "The event-time column (default: the latency SLA's element or the first timestamp column).")
    var eventTime: String?

    func run() throws {
        let contractText: String
        do { contractText = try String(contentsOfFile: contract, encoding: .utf8) } catch {
            throw fail("cannot read contract '\(contract)': \(error.localizedDescription)")
        }
        let parsed: DataContract
        do { parsed = try DataContract(yaml: contractText) } catch { throw fail("\(contract): \(error)") }
        var options = QualityOptions(object: object, eventTimeColumn: eventTime)
        if let policy {
            do { options.policy = try CommandSupport.engine(global: policy, domains: domainPolicies) } catch { throw ExitCode(2) }
        } else if !domainPolicies.isEmpty {
            throw fail("--domain-policy needs --policy")
        }
        if let now { options.now = try instant(now, "--now") }
        if let publishedAt { options.lastPublished = try instant(publishedAt, "--published-at") }
        if let baseline {
            guard let bytes = FileManager.default.contents(atPath: baseline) else { throw fail("cannot read baseline profile '\(baseline)'") }
            do { options.baseline = try DatasetProfile.decode(json: bytes) } catch { throw fail("\(baseline): \(error)") }
        }
        let report: QualityReport
        do { report = try DataFileEvaluation(path: data, contract: parsed, options: options).run() } catch let error as ValidationError {
            throw fail(error.message)
        } catch {
            throw fail("\(error)")
        }
        if let profileOut {
            do { try report.profile.jsonData().write(to: URL(fileURLWithPath: profileOut)) } catch {
                throw fail("cannot write profile '\(profileOut)': \(error.localizedDescription)")
            }
        }
        if json {
            let data = try report.jsonData(pretty: true)
            FileHandle.standardOutput.write(data)
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            FileHandle.standardOutput.write(Data(report.text().utf8))
        }
        if report.blocking { throw ExitCode(1) }
    }

    func instant(_ text: String, _ option: String) throws -> Date {
        let full = ISO8601DateFormatter()
        let dateOnly = ISO8601DateFormatter()
        dateOnly.formatOptions = [.withFullDate]
        guard let date = full.date(from: text) ?? dateOnly.date(from: text) else {
            throw fail("\(option) '\(text)' is not an ISO 8601 date or date-time (e.g. 2026-05-01T12:00:00Z)")
        }
        return date
    }

    func fail(_ message: String) -> ExitCode {
        FileHandle.standardError.write(Data("mesh contract test: \(message)\n".utf8))
        return ExitCode(2)
    }
}
