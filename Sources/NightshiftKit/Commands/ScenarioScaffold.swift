import ScenarioFormat

/// The file `nightshift scenario new` writes: a small, whole scenario that lints clean and
/// plays (an expert scores above 85, the classic runbook fails), each section opened by a
/// `# TODO:` saying what to change. Kept here so an installed binary can scaffold anywhere.
enum ScenarioScaffold {
    static let placeholder = "__ID__"

    static let template = #"""
# From `nightshift scenario new`: lints clean and plays. Edit a section, re-run `nightshift scenario lint`.
nightshift: scenario/1
# TODO: Describe your incident. id and title name the cause; trainees see them only in the debrief
# (docs/scenario-format.md#top-level-keys).
id: __ID__
title: Reranking switched off for one plan's tenants
summary: >-
  To save reranker GPUs, the search team set the kb-rerank-v2 flag to skip reranking for one plan's
  tenants. The assistant now answers them from the wrong article and their thumbs-down climbs; nothing
  was deployed. The flag registry and search.rerank on retriever spans show what moved.
difficulty: intro
minutes: 15
# TODO: Name the public incident or essay this is grounded in (docs/writing-a-scenario.md, step 1).
modelled_on:
  - "Reference essays (AI incident retrospectives; the six postmortem fields): the system keeps 'working' while it confidently answers wrong, and the postmortem must record the retrieval state that served during the bad window"
  - "Reference essays (the AI-literacy prerequisite for on-call): the retrieval pipeline is one of the axes an LLM feature adds, and its failures do not show on the dashboards a classic on-call reads"
tags: [retrieval, no-deploy, feature-flag, tenant-slice]

# TODO: Vary at least two things the trainee must find (which, when, how much); seed 0 plays the
# first choices (docs/scenario-format.md#parameters-and-seeded-variants).
parameters:
  tier:
    choices:
      - {plan: business, tenants: "initech, umbrella"}
      - {plan: enterprise, tenants: "acme, globex"}
  onset: {choices: [1h50m, 1h20m, 2h35m]}

# TODO: Reuse a shared page (Family A): a symptom that never names the surface (docs/scenario-format.md#the-page).
page:
  at: 2026-03-14T02:47:00Z
  severity: SEV-2
  service: support-assistant
  title: "AI assistant degraded — thumbs-down rate {{thumbs_down_pct}}% (baseline {{thumbs_down_pct.baseline}}%)"
  trigger: quality-slo-burn

# TODO: Keep every registry full and healthy; change only what the cause needs (docs/scenario-format.md#the-world).
world:
  regions: [us-east-1, eu-west-1]
  services:
    - {id: support-api, owner: platform-oncall, pods: 6, version: 2026.03.13-1, role: "HTTP front end of the assistant: auth, guardrails, orchestration"}
    - {id: llm-gateway, owner: ml-platform, pods: 4, version: 2026.03.11-2, role: "Routes model calls to providers, meters tokens, resolves aliases"}
    - {id: kb-search, owner: search-infra, pods: 3, version: 2026.03.10-1, role: "Search router, vector search and reranking over the help-centre knowledge base"}
    - {id: order-service, owner: commerce-integrations, pods: 4, version: 2026.02.27-2, role: "Wraps the ShopCore order API for the assistant's tools"}
  deploys:
    - {id: d-4817, service: llm-gateway, at: -2d5h, version: 2026.03.11-2, by: ci (merge !2297), change: "Emit gen_ai.client.token.usage per tenant; no routing changes"}
    - {id: d-4824, service: support-api, at: -19h, version: 2026.03.13-1, by: ci (merge !2304), change: "Raise idle keep-alive to 75s to match the load balancer; fixes intermittent 502s"}
  models:
    - alias: chat-default
      provider: vendor
      policy: pinned
      owner: ml-platform
      versions: [{id: vendor-chat-2025-06-15, released: -40d, price: {input: 3.00, output: 15.00}, context: 200000}]
      history: [{at: -12d, version: vendor-chat-2025-06-15, by: ml-platform (CHG-1184), note: "upgrade after its gate run passed"}]
  prompts:
    - id: support-system
      owner: ml-platform
      versions:
        - {id: support-v41, at: -6d, author: m.chen, change: "Ask for the order number before looking it up", text: "You are the support assistant for ShopCore merchants. Answer only from the retrieved help-centre articles and the order record. When you quote a policy, cite the article title. Ask for the order number before calling order_lookup. If the articles do not cover the question, say so and offer a human agent."}
      serving:
        - {at: -6d, region: all, version: support-v41, by: "prompt-release train (PR-0296)"}
  indexes:
    - id: kb-prod
      owner: search-infra
      embedding: vendor-embed-3
      documents: 48260
      builds:
        - {id: b-0312, at: -1d22h47m, documents: 48210, source: help-centre export, status: ok}
        - {id: b-0313, at: -22h47m, documents: 48260, source: help-centre export, status: ok}
      replicas:
        - {id: kb-prod-r1, zone: us-east-1a, build: b-0313, history: [{at: -41d, status: up, by: search-infra, note: provisioned}]}
        - {id: kb-prod-r2, zone: us-east-1b, build: b-0313, history: [{at: -41d, status: up, by: search-infra, note: provisioned}]}
        - {id: kb-prod-r3, zone: us-east-1c, build: b-0313, history: [{at: -41d, status: up, by: search-infra, note: provisioned}]}
  # TODO: The incident's own change, timed by a parameter (docs/scenario-format.md#state-paths).
  changes:
    - {at: "-${onset}", set: flag/kb-rerank-v2, to: "on-except-${tier.plan}", by: "search-infra (r.osei, SRCH-2291)", note: "cost review: skip reranking for ${tier.plan} tenants"}
  evals:
    sets: [{id: support-golden, owner: ai-quality, cases: 420, built: -9d, description: "Golden conversations sampled from production; each case replays the articles retrieved at the time", mix: {order-status: 30, returns: 23, billing: 18, shipping-change: 17, account: 12}}]
    judges: [{id: helpfulness-judge, model: judge-large-2025-01, threshold: 0.80, history: [{at: -60d, config: v3, by: ai-quality, note: "rubric v3: grounded, correct policy, concise"}]}]
    runs:
      - {id: run-8820, at: -6d, set: support-golden, target: prompt support-v41, judge: helpfulness-judge, score: 0.91, passed: true}
      - {id: run-8841, at: -1h47m, set: support-golden, target: "nightly: chat-default + support-v41", judge: helpfulness-judge, score: 0.91, passed: true}
  tools:
    - {id: kb_search, provider: internal, owner: search-infra, access: read, timeout: 3s, description: "Search the help-centre index", history: [{at: -90d, schema: v2}]}
    - {id: order_lookup, provider: shopcore, owner: commerce-integrations, access: read, timeout: 4s, description: "Fetch an order by number", history: [{at: -70d, schema: v5}]}
    - {id: refund_request, provider: shopcore, owner: commerce-integrations, access: write, timeout: 4s, description: "Open a refund request for a human to approve", history: [{at: -70d, schema: v3}]}
  keys:
    - {id: sk-prod-support, owner: platform-oncall, tenants: all, shared: true, created: -220d, scopes: [chat, embeddings], note: "The assistant's production key; every tenant's traffic uses it"}
  tenants:
    - {id: acme, plan: enterprise, share: 34}
    - {id: globex, plan: enterprise, share: 22}
    - {id: initech, plan: business, share: 18}
    - {id: umbrella, plan: business, share: 14}
    - {id: hooli, plan: starter, share: 12}
  flags:
    - {id: assistant-human-fallback, owner: platform-oncall, description: "Kill switch: route every assistant conversation to human agents", history: [{at: -180d, value: "off", by: platform-oncall}]}
    - {id: kb-rerank-v2, owner: search-infra, description: "Rerank retrieved articles with the v2 cross-encoder: on, off, or on-except-PLAN", history: [{at: -10d, value: "on", by: search-infra}]}
    - {id: streaming-responses, owner: platform-oncall, description: "Stream answers token by token", history: [{at: -150d, value: "on", by: platform-oncall}]}

# TODO: Give every surface an owner. The cause's owner acts (`can:`) when told the surface or the
# evidence; other teams bounce with what they checked (docs/scenario-format.md#teams).
teams:
  - {id: platform-oncall, name: Platform on-call (you), owns: [infra], responds: 1m, bounces: "That's you: you are platform on-call."}
  - {id: ml-platform, name: ML platform on-call, owns: [model, prompt], responds: 9m, bounces: "chat-default is pinned and support-v41 has served for six days; provider latency and finish reasons are flat. The bad answers quote the articles they were given, so look at what retrieval hands the model."}
  - id: search-infra
    name: Search infrastructure on-call
    owns: [retrieval]
    responds: 12m
    acknowledges: "Search infra here. Looking at kb-rerank-v2 and the reranker pool now."
    can:
      - {do: flag kb-rerank-v2 on, takes: 6m, says: "Set kb-rerank-v2 back to on for every plan. SRCH-2291 skipped reranking for ${tier.plan} tenants to free reranker GPUs; recall on the canaries looked fine, but they all run as a starter tenant. We'll measure per plan before trying it again."}
  - {id: commerce-integrations, name: Commerce integrations on-call, owns: [tool], responds: 15m, bounces: "order_lookup and refund_request are healthy: ShopCore answers in under 300ms with no schema warnings. kb_search is not ours."}
  - {id: ai-quality, name: AI quality (evals), owns: [eval], responds: 20m, bounces: "Last night's gated run passed at 0.91. support-golden replays the articles recorded with each case, so it never calls live search and cannot see a change there."}
  - {id: security, name: Security on-call, owns: [abuse], responds: 10m, bounces: "Spend by key and tenant is normal and no key looks unusual. Nothing for security here."}

# TODO: Describe one healthy request with GenAI attribute names and OpenInference span kinds
# (docs/scenario-format.md#the-base-request-and-spans).
traffic:
  rate: {baseline: 405, noise: 4%}
  classes:
    region: {us-east-1: 62, eu-west-1: 38}
    tenant: tenants
    key: sk-prod-support
    user: {pool: 14000}
    intent: {order-status: 31, returns: 22, billing: 18, shipping-change: 17, account: 12}
  request:
    name: POST /v1/assist
    service: support-api
    overhead: {median: 18ms, p95: 40ms}
    attributes: {http.request.method: POST, http.route: /v1/assist, http.response.status_code: "200"}
    bad: 3%
    logs:
      - {id: access-log, level: INFO, text: "POST /v1/assist 200 {duration_ms}ms tenant={tenant} intent={intent} trace={trace}", every: 40}
    spans:
      - {id: retrieve, name: execute_tool kb_search, kind: RETRIEVER, service: kb-search, duration: {median: 84ms, p95: 170ms}, attributes: {gen_ai.operation.name: execute_tool, gen_ai.tool.name: kb_search, gen_ai.data_source.id: kb-prod, search.rerank: cross-encoder-v2, retrieval.documents: 5}}
      - {id: rerank, parent: retrieve, name: rerank kb-rerank-v2, kind: RERANKER, service: kb-search, duration: {median: 38ms, p95: 75ms}, attributes: {reranker.model_name: kb-rerank-v2, reranker.top_k: 5}}
      - {id: lookup, name: execute_tool order_lookup, kind: TOOL, service: order-service, present: 45%, duration: {median: 140ms, p95: 320ms}, attributes: {gen_ai.operation.name: execute_tool, gen_ai.tool.name: order_lookup, tool.schema.version: {state: tool/order_lookup}}}
      - id: chat
        name: chat chat-default
        kind: LLM
        service: llm-gateway
        duration: {median: 1.08s, p95: 1.95s}
        attributes:
          gen_ai.operation.name: chat
          gen_ai.provider.name: vendor
          gen_ai.request.model: chat-default
          gen_ai.response.model: {state: alias/chat-default}
          gen_ai.usage.input_tokens: {median: 2210, p95: 3400}
          gen_ai.usage.output_tokens: {median: 310, p95: 530}
          gen_ai.response.finish_reasons: {choose: {end_turn: 98, max_tokens: 2}}
          prompt.version: {state: "prompt/support-system/{region}"}
    samples:
      - {quality: good, ask: "Can I return a blender I bought 40 days ago?", answer: "Returns are accepted within 30 days of delivery, so this one is outside the window. If it is faulty, the 12-month warranty still covers it. (Article: Returns and refunds)"}
      - {quality: good, ask: "Do you ship to Norway?", answer: "Yes: we ship to Norway with DHL Express in 3–5 working days, and import VAT is collected at checkout. (Article: International shipping)"}
      - {quality: good, ask: "why was I charged twice", answer: "That is one charge and one pre-authorisation; the pre-authorisation drops off within 3–5 working days. (Article: Pending charges)"}
      - {quality: bad, ask: "How do I close my account?", answer: "I'm not able to help with that. Is there anything else?"}
      - {quality: bad, ask: "Is there a fee to change my plan?", answer: "Plan changes are handled by billing. Please contact billing."}
      - {quality: bad, ask: "Tracking on order 50533 hasn't updated in four days", answer: "Tracking usually updates within 24 hours. Please check again later."}
  # TODO: The first matching overlay wins: human fallback, then consequences of wrong moves, then
  # the cause, with `when` on the cause's state (docs/scenario-format.md#overlays).
  overlays:
    - id: human-fallback
      when: flag/assistant-human-fallback = on
      bad: 20%
      drop: [retrieve, lookup, chat]
      feedback: {good: {handoff: 100}, bad: {handoff: 100}}
      samples:
        - {quality: good, ask: "Where is my order 48877?", answer: "(Routed to a human agent. Position in queue: 14. Estimated wait: 22 minutes.)"}
        - {quality: good, ask: "I need to change the delivery address on 50331", answer: "(Routed to a human agent. Position in queue: 9. Estimated wait: 17 minutes.)"}
        - {quality: good, ask: "Why was I charged twice?", answer: "(Routed to a human agent. Position in queue: 21. Estimated wait: 26 minutes.)"}
        - {quality: bad, ask: "Can I return an item after 40 days?", answer: "(Routed to a human agent. The customer left the queue after 24 minutes without an answer.)"}
        - {quality: bad, ask: "Where is order 51877?", answer: "(Routed to a human agent. The customer left the queue after 19 minutes without an answer.)"}
        - {quality: bad, ask: "is anyone there??", answer: "(Routed to a human agent. The customer left the queue after 31 minutes without an answer.)"}
    - id: keepalive-502
      when: deploy/d-4824 = rolled-back
      share: 5%
      bad: 100%
      attributes: {http.response.status_code: "502"}
      drop: [retrieve, lookup, chat]
      logs: [{id: lb-502, level: ERROR, text: "http: closed idle keep-alive connection at 60s while the load balancer (75s) reused it; client got 502 trace={trace}", every: 3}]
    # The cause: those tenants' searches (everyone's, if the flag goes off) skip the reranker.
    - id: no-rerank
      when: "flag/kb-rerank-v2 = off or (flag/kb-rerank-v2 = on-except-${tier.plan} and tenant in [${tier.tenants}])"
      bad: 30%
      drop: [rerank]
      spans:
        retrieve: {attributes: {search.rerank: skipped}, logs: [{id: rerank-skipped, level: INFO, text: "query index=kb-prod tenant={tenant} hits=5 rerank=skipped (flag kb-rerank-v2) trace={trace}", every: 30}]}
      samples:
        - {quality: bad, ask: "Can I return a blender I bought 40 days ago?", answer: "Yes: digital purchases can be refunded within 60 days if unused, so you're in time. (Article: Refunds for digital goods)"}
        - {quality: bad, ask: "Do you ship to Norway?", answer: "We ship within the EU only, so Norway isn't covered. (Article: EU shipping zones)"}
        - {quality: bad, ask: "Is there a fee to change my plan?", answer: "Yes, a change within the first 30 days costs a one-off $15 fee. (Article: Plan trial terms)"}

# TODO: Add `metrics:` only for signals not made of requests (docs/scenario-format.md#metrics-and-dashboards).

# TODO: The cause's own log line (evidence `log:ID`), healthy lines elsewhere (docs/scenario-format.md#obj-log).
logs:
  - {id: flag-change, service: kb-search, at: "-${onset}", level: INFO, text: "config: kb-rerank-v2 = on-except-${tier.plan} (SRCH-2291, r.osei); reranker skipped for ${tier.plan} tenants"}
  - {id: kb-serving, service: kb-search, every: 15m, level: INFO, text: "kb-prod serving build b-0313 on 3/3 replicas"}
  - {id: gateway-health, service: llm-gateway, every: 10m, level: INFO, text: "upstream vendor healthy; p95 1.2s; 0 rate-limit responses in the last 10m"}
  - {id: api-health, service: support-api, every: 5m, level: INFO, text: "healthcheck ok (6/6 pods ready)"}
  - {id: orders-health, service: order-service, every: 10m, level: INFO, text: "shopcore api ok; 0 schema warnings"}

# TODO: `burning` stops at containment, `unfixed` at the fix (docs/scenario-format.md#obj-timeline-event).
timeline:
  - {id: support-lead, at: +10m, from: "Support lead (Dana Ruiz)", if: burning, text: "Several ${tier.plan} merchants say the bot quotes the wrong help article: digital refunds for a blender, EU-only shipping to Norway. Our other merchants aren't complaining."}
  - {id: manager, at: +25m, from: "Engineering manager", if: unfixed, text: "Exec channel is asking about the assistant. Nothing shipped tonight, so what changed? Please post an update."}
  - {id: recovery, at: +6m, counting_from: fix, from: "Support lead (Dana Ruiz)", if: fixed, text: "The ${tier.plan} merchants' answers cite the right articles again."}

# TODO: Optional: this service's own runbook; delete it to show the pack's classic one.
runbook: |
  RUNBOOK: support-assistant -- "AI assistant degraded"
  1. Check `dash overview` and `deploys`; roll back the latest deploy if one shipped in 24h.
  2. Restart the gateway, then the front end (`restart SERVICE`); scale out if CPU is above 80%.
  3. Not better after 30 minutes: page the service owner (`escalate`).

# TODO: Three hints, each stronger: a question, then where to look, then the registry and the move.
hints:
  - "Latency is flat (a little better, even) and nothing was deployed. Is everyone getting worse answers, or only some merchants?"
  - "Break thumbs-down down by tenant (`traces --by tenant --where feedback=down --window 1h`), then compare what their searches did: `traces --by search.rerank --window 1h`."
  - "`flags` shows kb-rerank-v2 set to on-except-${tier.plan} ${onset} before the page. Set it back with `flag kb-rerank-v2 on` and page search-infra."

# TODO: What the grader reads: a cause the fix ends, evidence ids the screens show, right and harmful
# moves, owners (docs/scenario-format.md#truth, #evidence-ids).
truth:
  surface: retrieval
  cause: "flag/kb-rerank-v2 != on"
  evidence:
    - {ref: "flag:kb-rerank-v2", says: "The flag registry shows kb-rerank-v2 changed to on-except-${tier.plan} by search-infra ${onset} before the page, when thumbs-down began to climb."}
    - {ref: "attr:search.rerank=skipped", says: "Retriever spans of ${tier.plan} tenants (${tier.tenants}) carry search.rerank=skipped and no reranker span; the thumbs-down conversations are among them."}
    - {ref: "log:flag-change", says: "kb-search logged the config change: reranker skipped for ${tier.plan} tenants."}
  time_to_surface: {target: 15m, limit: 45m}
  containment: [{action: flag assistant-human-fallback on, says: "Routing conversations to human agents stops the wrong answers at once, at the cost of a queue."}]
  mitigations: [{action: flag kb-rerank-v2 on, says: "Setting the flag back to on reranks every plan's searches again, and answers quote the right article."}]
  harmful:
    - action: restart llm-gateway
      says: "The gateway was healthy; a restart cut in-flight streams and changed nothing about which articles search returned."
      consequence:
        says: "llm-gateway restarting: in-flight streams were cut; 131 conversations ended with an error."
        for: 2m
        share: 35%
        conversations: 131
        request: {attributes: {http.response.status_code: "502"}, bad: 100%, spans: {chat: {status: {error: 100%, type: connection_reset}}}}
    - action: restart support-api
      says: "The front end was healthy; restarting it dropped conversations and fixed nothing."
      consequence: {says: "support-api restarting: 61 open conversations were dropped mid-answer.", conversations: 61}
    - action: rollback deploy d-4824
      says: "d-4824 shipped nineteen hours earlier and was unrelated; rolling it back brought back the short keep-alive it had fixed, and 502s began."
      consequence: {says: "support-api is back on 2026.03.11-1, whose 60s keep-alive is shorter than the load balancer's 75s: intermittent 502s are back."}
    - action: flag kb-rerank-v2 off
      says: "Turning reranking off for everyone spread the wrong answers to every plan."
      consequence: {says: "kb-rerank-v2 is off: every tenant's searches now skip the reranker."}
  owners: [search-infra]
  # TODO: Six facts ("unchanged (VALUE)" where nothing moved); each option list needs a `right: true`
  # (docs/scenario-format.md#obj-postmortem).
  postmortem:
    facts:
      prompt: unchanged (support-v41)
      model: unchanged (vendor-chat-2025-06-15)
      judge: unchanged (helpfulness-judge v3)
      index: "kb-prod reranking skipped for ${tier.plan} tenants (kb-rerank-v2 = on-except-${tier.plan}); build b-0313 unchanged"
      tools: unchanged (kb_search v2, order_lookup v5, refund_request v3)
      traffic: unchanged
    detected: "The thumbs-down SLO burn alert, about ${onset} after the flag changed; support heard it from ${tier.plan} merchants first."
    detection:
      - {id: per-tenant-quality, right: true, text: "Alert on thumbs-down per plan and tenant, not only overall"}
      - {id: flag-annotations, right: true, text: "Annotate quality dashboards with retrieval flag changes"}
      - {id: latency-alert, text: "Tighter latency p95 alerts on the gateway"}
    prevention:
      - {id: measure-per-plan, right: true, text: "Roll out retrieval flags gradually, with online quality measured per plan before and after"}
      - {id: more-gateway-pods, text: "Give the gateway more pods"}
      - {id: raise-retries, text: "Raise the client retry budget"}

# TODO: Three short paragraphs: what happened, where the evidence was, the real incident behind it.
debrief: |
  ${onset} before the page, a cost review set kb-rerank-v2 to skip reranking for ${tier.plan}
  tenants (${tier.tenants}). Their searches returned articles in raw vector order and the
  assistant answered from the first: digital refunds for a blender, EU-only shipping to Norway.

  The evidence sat below the model: thumbs-down concentrated on one plan's tenants, whose
  retriever spans carried search.rerank=skipped, and the flag registry dated the change.
  Restarts and rolling back d-4824 touched nothing that had moved; turning the flag off
  spread the harm to everyone.

  The reference essays warn that an LLM system keeps "working" while it answers wrong, and
  that a postmortem must record the retrieval state that served. Here it was a flag value:
  set it back, page its owner, and measure quality per plan before the next change.
"""#
}
