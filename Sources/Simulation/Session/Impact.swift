import ScenarioFormat

/// The harm an incident has done over a stretch of time, from the same per-request
/// function as everything else. Expected values, so two runs agree exactly.
public struct Impact: Sendable, Equatable {
    /// Bad answers served beyond the healthy rate.
    public var badAnswers: Int = 0
    /// Requests from legitimate callers that failed outright (5xx, revoked key, rate limit).
    public var failedRequests: Int = 0
    /// Distinct users who got at least one bad or failed answer (estimated).
    public var usersAffected: Int = 0
    /// Money spent beyond normal (attackers, longer answers).
    public var dollars: Double = 0
    /// Conversations dropped by harmful actions.
    public var conversationsDropped: Int = 0

    public var isEmpty: Bool { badAnswers == 0 && failedRequests == 0 && dollars < 0.005 && conversationsDropped == 0 }
}

extension Session {
    /// Impact accrued in [from, to), counting harmful actions' one-off costs taken in it.
    /// How many simulated requests (every source) fall in a window: what a scan of it walks.
    public func requestCount(from: SimDuration, to: SimDuration) -> Int {
        var count = 0
        model.forEach(from: from, to: to, world: world) { _, _ in count += 1 }
        return count
    }

    public func impact(from: SimDuration, to: SimDuration) -> Impact {
        var impact = Impact()
        guard to > from else { return impact }
        let baseBad = model.templates[0].bad
        var bad = 0.0, failed = 0.0, dollars = 0.0
        let scan = model.scan(world)
        // Only minutes with traffic: walking every empty minute of a far-off window took unbounded time.
        for minute in TrafficModel.minutes(from: from, to: to) {
            // The part of this minute inside the range.
            let start = max(from, SimDuration.minutes(Int64(minute))), end = min(to, SimDuration.minutes(Int64(minute + 1)))
            let fraction = Double((end - start).milliseconds) / 60_000
            for source in 0..<model.sourceCount {
                let count = model.count(source: source, minute: minute, world: world)
                guard count > 0 else { continue }
                let stride = max(1, count / 30)
                var sampled = 0.0, badSum = 0.0, failedSum = 0.0, extraCost = 0.0
                var ordinal = Int(Draw.hash(model.seed, UInt64(bitPattern: Int64(minute)), 77) % UInt64(stride))
                let legit = source == 0 || model.streams[source - 1].legit
                while ordinal < count {
                    let request = model.sketch(source: source, minute: minute, ordinal: ordinal, count: count, scan: scan)
                    let shape = model.templates[request.template]
                    sampled += 1
                    if shape.synthetic != nil || model.statusCode(request, world: world) >= 500 {
                        if legit { failedSum += 1 }
                    } else if legit {
                        badSum += max(0, shape.bad - baseBad)
                    }
                    let cost = model.usage(request, world: world).cost
                    if !legit {
                        extraCost += cost
                    } else if request.template != 0, shape.synthetic == nil {
                        let healthy = RequestSketch(key: request.key, time: request.time, source: 0, template: 0, bad: false, feedback: 0)
                        extraCost += max(0, cost - model.usage(healthy, world: world).cost)
                    }
                    ordinal += stride
                }
                guard sampled > 0 else { continue }
                let scale = Double(count) / sampled * fraction
                bad += badSum * scale
                failed += failedSum * scale
                dollars += extraCost * scale
            }
        }
        impact.badAnswers = Int(bad.rounded())
        impact.failedRequests = Int(failed.rounded())
        for consequence in record.consequences where consequence.at >= from && consequence.at < to {
            impact.conversationsDropped += consequence.conversations
            dollars += consequence.dollars
        }
        impact.dollars = dollars
        let harmed = Double(impact.badAnswers + impact.failedRequests + impact.conversationsDropped)
        if let userClass = model.userClass, case .pool(let size, _) = model.classes[0][userClass].kind {
            let pool = Double(size)
            impact.usersAffected = Int((pool * (1 - Foundation.exp(-harmed / pool))).rounded())
        } else {
            impact.usersAffected = Int(harmed.rounded())
        }
        return impact
    }
}

import Foundation
