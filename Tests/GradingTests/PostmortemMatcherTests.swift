import Grading
import Testing

struct PostmortemMatcherTests {
    static let aliases: Set<String> = ["chat-default"]

    @Test(arguments: [
        ("vendor-chat-2025-06-15", "vendor-chat-2025-06-15 behind chat-default (was vendor-chat-2025-03-01)", true),
        ("chat-default → VENDOR-CHAT-2025-06-15", "vendor-chat-2025-06-15 behind chat-default (was vendor-chat-2025-03-01)", true),
        ("vendor-chat-2025-03-01", "vendor-chat-2025-06-15 behind chat-default (was vendor-chat-2025-03-01)", false),
        ("unchanged", "vendor-chat-2025-06-15 behind chat-default (was vendor-chat-2025-03-01)", false),
        ("unchanged", "unchanged (support-v41)", true),
        ("Unchanged (support-v41)", "unchanged (support-v41)", true),
        ("unchanged (support-v40)", "unchanged (support-v41)", false),
        ("support-v41", "unchanged (support-v41)", false),
        ("same as before", "unchanged", true),
        ("kb-prod-r2 was down but left in rotation", "kb-prod replica kb-prod-r2 (us-east-1b) down since its node left the cluster; build b-0313 unchanged", true),
        ("kb-prod-r3 down", "kb-prod replica kb-prod-r2 (us-east-1b) down since its node left the cluster; build b-0313 unchanged", false),
        ("unchanged (kb_search v2, order_lookup v5)", "unchanged (kb_search v2, order_lookup v5, refund_request v3)", true),
    ])
    func factsMatchWithSensibleTolerance(_ answer: String, _ truth: String, _ expected: Bool) {
        #expect(PostmortemMatcher.factMatches(answer: answer, truth: truth, aliases: Self.aliases) == expected)
    }

    @Test func surfaceListsIgnoreOrderAndCase() {
        #expect(PostmortemMatcher.surfacesMatch(answer: "Prompt, eval", truth: ["eval", "prompt"]))
        #expect(PostmortemMatcher.surfacesMatch(answer: "none", truth: []))
        #expect(PostmortemMatcher.surfacesMatch(answer: "", truth: []))
        #expect(!PostmortemMatcher.surfacesMatch(answer: "prompt", truth: ["eval", "prompt"]))
    }
}
