import Grading
import ScenarioFormat
import Simulation

/// A certificate for people: the candidate, the verdict, each scenario (revealed now that the
/// run is over), the reasons, and the signature's fingerprint to compare with the proctor's key.
public enum CertificateReport {
    static func verdict(_ payload: Certificate.Payload) -> String { payload.overall.passed ? "PASSED" : "NOT PASSED" }

    /// One scenario's result in a word or three.
    static func result(_ scenario: Certificate.Payload.Scenario) -> String {
        if scenario.journal.isEmpty { return "not attempted" }
        if let critical = scenario.failedBy { return "failed: \(critical)" }
        return scenario.passed ? "passed" : "not passed"
    }

    public static func lines(_ payload: Certificate.Payload, width: Int) -> [Line] {
        var lines: [Line] = [Line.blank, Line([Segment(" Certification: \(payload.candidate)", .heading), Segment(" · \(verdict(payload)) · \(payload.overall.score)/100",
                                                                                                         payload.overall.passed ? .good : .bad)])]
        for scenario in payload.scenarios {
            lines.append(Line("   " + scenario.codename.padded(to: 18) + scenario.title.truncated(to: 40).padded(to: 42) + "\(scenario.score)".padded(to: 4, right: true)
                              + "  " + result(scenario)))
        }
        for reason in payload.overall.reasons { lines.append(Line("   - " + reason, .bad)) }
        for warning in payload.warnings { lines.append(Line("   warning: " + warning, .warning)) }
        return lines.flatMap { $0.fitted(to: width, hangingIndent: 5) }
    }

    public static func markdown(_ payload: Certificate.Payload, signature: Certificate.Signature) -> String {
        var out = "# Nightshift certificate: \(escape(payload.candidate))\n\n"
        out += "| | |\n| --- | --- |\n"
        out += "| Candidate | \(escape(payload.candidate)) |\n| Proctor | \(escape(payload.proctor)) |\n"
        out += "| Result | **\(verdict(payload))**, \(payload.overall.score)/100 (pass mark \(payload.overall.passMark), at least \(payload.overall.minimumPerScenario) on every scenario) |\n"
        out += "| Wall time | \(payload.wallStart) to \(payload.wallEnd) |\n"
        out += "| Pack | \(escape(payload.pack.name)) \(payload.pack.version); rubric \(payload.rubric.version); costs \(payload.costs.version); engine \(payload.engine) |\n"
        out += "| Seed | \(payload.seed) |\n| Signed by | Ed25519 key \(signature.fingerprint) |\n\n"
        out += "## Scenarios\n\n| Codename | Scenario | Surface | Time to surface | Score | Result |\n| --- | --- | --- | ---: | ---: | --- |\n"
        for scenario in payload.scenarios {
            let surface = scenario.timeToSurfaceMinutes.map { Format.number($0, decimals: 1) + " min" } ?? "—"
            out += "| \(escape(scenario.codename)) | \(escape(scenario.title)) | \(scenario.surface) | \(surface) | \(scenario.score) | \(result(scenario)) |\n"
        }
        if !payload.overall.reasons.isEmpty { out += "\n## Why it did not pass\n\n" + payload.overall.reasons.map { "- \(escape($0))" }.joined(separator: "\n") + "\n" }
        if !payload.gaps.isEmpty {
            out += "\n## Resume gaps\n\n" + payload.gaps.map { "- \($0.scenario) at \($0.at): \(SimDuration(milliseconds: $0.wallMilliseconds).spoken) away" }.joined(separator: "\n") + "\n"
        }
        if !payload.warnings.isEmpty { out += "\n## Warnings\n\n" + payload.warnings.map { "- \(escape($0))" }.joined(separator: "\n") + "\n" }
        for scenario in payload.scenarios {
            out += "\n## \(escape(scenario.codename)): \(escape(scenario.title))\n\n| Points | Why |\n| ---: | --- |\n"
            for finding in scenario.findings { out += "| \(finding.points > 0 ? "+" : "")\(finding.points) | \(escape(finding.reason)) |\n" }
        }
        out += "\nVerify with `nightshift verify certificate.json --public-key PROCTOR.pub`: it checks the signature, the scenarios against the pack, and regrades every journal.\n"
        return out
    }

    /// The certificate as a page. `played` holds, by scenario id, the grade and replayed session
    /// of each scenario that was played, so its timeline can be drawn; the signed record is the JSON.
    public static func html(_ payload: Certificate.Payload, signature: Certificate.Signature, played: [String: (grade: Grade, session: Session)] = [:]) -> String {
        var body = "<header><p class=\"kicker\">Nightshift · certification</p><h1>\(HTMLReport.escape(payload.candidate))</h1>"
        body += "<p class=\"meta\">Proctored by \(HTMLReport.escape(payload.proctor)) · \(HTMLReport.escape(payload.wallStart)) to \(HTMLReport.escape(payload.wallEnd))</p>"
        body += "<div class=\"score \(payload.overall.passed ? "pass" : "fail")\"><span class=\"number\">\(payload.overall.score)</span><span class=\"of\">/100</span>"
        body += "<span class=\"verdict\">\(verdict(payload).lowercased())</span></div></header>"
        body += "<section><h2>Scenarios</h2><table><thead><tr><th>Codename</th><th>Scenario</th><th>Surface</th><th class=\"num\">Surface at</th><th class=\"num\">Score</th><th>Result</th></tr></thead><tbody>"
        for scenario in payload.scenarios {
            let surface = scenario.timeToSurfaceMinutes.map { Format.number($0, decimals: 1) + " min" } ?? "—"
            let result = result(scenario)
            body += "<tr class=\"\(scenario.passed ? "gain" : "loss")\"><td>\(HTMLReport.escape(scenario.codename))</td><td>\(HTMLReport.escape(scenario.title))</td>"
            body += "<td>\(HTMLReport.escape(scenario.surface))</td><td class=\"num\">\(surface)</td><td class=\"num\">\(scenario.score)</td><td>\(HTMLReport.escape(result))</td></tr>"
        }
        body += "</tbody></table>"
        body += "<p class=\"note\">Pass mark \(payload.overall.passMark), at least \(payload.overall.minimumPerScenario) on every scenario, no critical action.</p></section>"
        if !payload.overall.reasons.isEmpty { body += "<section><h2>Why it did not pass</h2><ul>" + payload.overall.reasons.map { "<li>\(HTMLReport.escape($0))</li>" }.joined() + "</ul></section>" }
        if !payload.warnings.isEmpty { body += "<section><h2>Warnings</h2><ul>" + payload.warnings.map { "<li>\(HTMLReport.escape($0))</li>" }.joined() + "</ul></section>" }
        if !payload.gaps.isEmpty {
            body += "<section><h2>Resume gaps</h2><ul>" + payload.gaps.map { "<li>\(HTMLReport.escape($0.scenario)) at \(HTMLReport.escape($0.at)): \(SimDuration(milliseconds: $0.wallMilliseconds).spoken) away</li>" }.joined() + "</ul></section>"
        }
        for scenario in payload.scenarios {
            body += "<section><h2>\(HTMLReport.escape(scenario.codename)): \(HTMLReport.escape(scenario.title))</h2>"
            if let played = played[scenario.id] {
                body += HTMLReport.timeline(played.grade, session: played.session)
            } else {
                body += "<p class=\"note\">\(HTMLReport.escape(Certification.notAttemptedReason))</p>"
            }
            body += "<table class=\"findings\"><thead><tr><th class=\"num\">Points</th><th>Why</th></tr></thead><tbody>"
            for finding in scenario.findings {
                body += "<tr class=\"\(finding.points > 0 ? "gain" : (finding.points < 0 ? "loss" : "zero"))\"><td class=\"num\">\(finding.points > 0 ? "+" : "")\(finding.points)</td><td>\(HTMLReport.escape(finding.reason))</td></tr>"
            }
            body += "</tbody></table></section>"
        }
        body += "<section><h2>Signature</h2><p>Ed25519, key fingerprint <code>\(HTMLReport.escape(signature.fingerprint))</code>. "
        body += "Pack \(HTMLReport.escape(payload.pack.name)) \(HTMLReport.escape(payload.pack.version)), rubric \(HTMLReport.escape(payload.rubric.version)), engine \(HTMLReport.escape(payload.engine)), seed \(payload.seed).</p>"
        body += "<p class=\"note\">This page is a rendering. The signed record is certificate.json: <code>nightshift verify certificate.json --public-key PROCTOR.pub</code> checks it.</p></section>"
        return HTMLReport.page(title: "Nightshift certificate: \(payload.candidate)", body: body)
    }

    static func escape(_ text: String) -> String { MarkdownReport.escape(text) }
}
