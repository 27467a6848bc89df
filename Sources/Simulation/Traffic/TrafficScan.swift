import ScenarioFormat

/// The world's state turned into fast lookups for one pass over many requests: where each
/// overlay's condition holds is worked out once, not once per request.
final class TrafficScan {
    let model: TrafficModel
    let world: WorldState
    private var worldIntervals: [Intervals?]
    private var boundIntervals: [[Int: Intervals]]

    init(model: TrafficModel, world: WorldState) {
        self.model = model
        self.world = world
        worldIntervals = Array(repeating: nil, count: model.overlays.count)
        boundIntervals = Array(repeating: [:], count: model.overlays.count)
    }

    /// Where overlay `number`'s condition holds (for one value of its bound class, or -1).
    func intervals(overlay number: Int, binding: Int) -> Intervals {
        if binding < 0, let known = worldIntervals[number] { return known }
        if binding >= 0, let known = boundIntervals[number][binding] { return known }
        let overlay = model.overlays[number]
        let classNames: (Int, Int) -> String = { [model] in model.classes[0][$0].valueName($1) }
        let made = model.cachedIntervals(overlay: number, fingerprint: world.fingerprint, binding: binding) {
            if binding >= 0, let bound = overlay.bindingClass {
                return Intervals(of: overlay.predicate, world: world, classValue: { $0 == bound ? binding : -1 }, classNames: classNames)
            }
            return Intervals(of: overlay.predicate, world: world, classNames: classNames)
        }
        if binding < 0 { worldIntervals[number] = made } else { boundIntervals[number][binding] = made }
        return made
    }
}
