@testable import Simulation
import ScenarioFormat
import TestSupport
import Testing

/// Dashboards and traces come from one per-request function, so they agree in numbers.
struct AgreementTests {
    @Test(arguments: Fixture.scenarioIDs)
    func dashboardSharesMatchCountedTraces(_ id: String) {
        var session = Fixture.session(id, seed: 3)
        session.type("status")   // some time passes
        let engine = MetricEngine(model: session.model, world: session.world)
        let from = session.now - .hours(1), to = session.now
        for metricID in ["thumbs_down_pct", "retrieval_error_pct", "tool_error_pct", "http_5xx_pct"] {
            guard let spec = session.scenario.metric(metricID, pack: session.pack),
                  let window = engine.windows([(spec, nil, 0)], from: from, to: to, buckets: 1).first,
                  let dashboard = window.values.first ?? nil else {
                Issue.record("no \(metricID) window")
                continue
            }
            // Count every request in the hour, one by one, as `traces` would list them.
            var total = 0, failing = 0, among = 0
            session.model.forEach(from: from, to: to, world: session.world) { request, _ in
                total += 1
                let shape = session.model.template(of: request)
                switch metricID {
                case "thumbs_down_pct":
                    among += 1
                    if request.feedbackValue == "down" { failing += 1 }
                case "http_5xx_pct":
                    among += 1
                    if session.model.statusCode(request, world: session.world) >= 500 { failing += 1 }
                default:
                    let kind = metricID == "retrieval_error_pct" ? "RETRIEVER" : "TOOL"
                    let spans = shape.spans.indices.filter { shape.spans[$0].kind == kind && session.model.spanPresent($0, of: request) }
                    guard !spans.isEmpty else { return }
                    among += 1
                    if spans.contains(where: { session.model.spanIsError($0, of: request) }) { failing += 1 }
                }
            }
            #expect(total >= 1000, "only \(total) traces in the hour")
            guard among > 0 else { continue }
            let counted = 100 * Double(failing) / Double(among)
            #expect(abs(counted - dashboard) <= 2, "\(id) \(metricID): dashboard \(dashboard), traces \(counted) over \(among)")
        }
    }

    @Test(arguments: Fixture.scenarioIDs)
    func traceModelsMatchTheAliasHistoryAtTheirTime(_ id: String) {
        var session = Fixture.session(id, seed: 5)
        session.type("status")
        var checked = 0
        session.model.forEach(from: session.now - .hours(6), to: session.now, world: session.world, maxPerMinute: 3) { request, _ in
            let trace = session.model.trace(of: request, world: session.world)
            for span in trace.spans where span.kind == "LLM" {
                guard let alias = span.attribute("gen_ai.request.model"), session.scenario.world.alias(alias) != nil else { continue }
                #expect(span.attribute("gen_ai.response.model") == session.world.value("alias/\(alias)", at: request.time))
                checked += 1
            }
        }
        #expect(checked > 500)
    }

    @Test func traceIDsLeadBackToTheirRequest() {
        let session = Fixture.session("silent-alias-upgrade", seed: 11)
        var count = 0
        session.model.forEach(from: .minutes(-90), to: .zero, world: session.world, maxPerMinute: 7) { request, _ in
            let id = session.model.traceID(request)
            #expect(id.count == 12)
            #expect(session.model.request(traceID: id, world: session.world) == request)
            count += 1
        }
        #expect(count > 500)
        #expect(session.model.request(traceID: "ffffffffffff", world: session.world) == nil)
    }

    @Test func theSameSeedGivesTheSameTrafficAndAnotherSeedDoesNot() {
        let a = Fixture.session("silent-alias-upgrade", seed: 21), b = Fixture.session("silent-alias-upgrade", seed: 21)
        let c = Fixture.session("silent-alias-upgrade", seed: 22)
        func ids(_ session: Session) -> [String] {
            var ids: [String] = []
            session.model.forEachNewestFirst(from: .minutes(-10), to: .zero, world: session.world) { ids.append(session.model.traceID($0)); return ids.count < 50 }
            return ids
        }
        #expect(ids(a) == ids(b))
        #expect(ids(a) != ids(c))
    }
}
