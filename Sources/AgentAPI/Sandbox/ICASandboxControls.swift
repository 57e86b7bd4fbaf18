import AgentCore
import Foundation
import GovernmentSimulator
import HTTPCore

/// `/sandbox/…`: what a test or an integrator drives (no token: the sandbox holds only
/// synthetic people). The clock, the people and the outages of the simulator behind it.
struct ICASandboxControls: Sendable {
    let simulator: Simulator
    let auth: ICASandboxAuth
    let cases: ICASandboxCases

    func register(on router: RouterBuilder<AgentContext>) {
        let tags = ["sandbox"]
        router.get("/sandbox/clock", RouteDocumentation("The sandbox's date.", tags: tags, responses: [.json("200", ICASandboxSchemas.today)])) { _, _ in
            ICASandboxRoutes.json(["today": simulator.today().iso])
        }
        router.post("/sandbox/clock", RouteDocumentation("Set the date or advance it by federal work days; due agency work runs first.",
                                                         tags: tags, requestSchema: ICASandboxSchemas.clock,
                                                         responses: [.json("200", ICASandboxSchemas.today)])) { request, _ in
            var body = try RequestBody(request)
            let date = body.date("set_date")
            let days = body.int("advance_work_days", range: 0...Simulator.maximumAdvanceWorkDays)
            if (date == nil) == (days == nil) {
                body.note(FieldIssue(field: "set_date", code: FieldIssue.required, message: "Give exactly one of set_date and advance_work_days."))
            }
            try body.finish()
            let today: CivilDate
            if let date { today = try await simulator.setDate(date) } else { today = try await simulator.advance(workDays: days ?? 0) }
            return ICASandboxRoutes.json(["today": today.iso])
        }
        router.post("/sandbox/people", RouteDocumentation("Add a synthetic person (the fields of POST simulator/people).", tags: tags,
                                                          requestSchema: SimulatedPersonSchema.request,
                                                          responses: [.json("201", ICASandboxSchemas.person, "Created")])) { request, _ in
            let person = try SimulatorRoutes.person(from: request)
            try await simulator.addPerson(person)
            return ICASandboxRoutes.json(["ssn": PIIMask.ssn(person.ssn)], status: .created)
        }
        router.post("/sandbox/outages", RouteDocumentation("Fail: a window {from, to}, or {error_rate, seed, latency_ms}.", tags: tags,
                                                           requestSchema: ICASandboxSchemas.outages, responses: [.json("200", ICASandboxSchemas.state)])) { request, _ in
            // Up to a minute of latency here: the fault tests make a slow sandbox.
            let outage = try OutageRequest(request, maxLatencyMs: 60_000)
            if let from = outage.from, let to = outage.to {
                _ = try await simulator.setOutage(from: from, to: to)
            } else if outage.rate != nil || outage.latencyMs != nil {
                try await simulator.setFaults(errorRate: outage.rate ?? 0, seed: UInt64(outage.seed ?? 0), latencyMs: outage.latencyMs ?? 0)
            } else {
                throw OutageRequest.neither
            }
            let status = await simulator.status()
            return ICASandboxRoutes.json(["up": status.up, "detail": status.detail])
        }
        router.delete("/sandbox/outages", RouteDocumentation("Back to normal: no outage windows, no failures, no latency.", tags: tags,
                                                             responses: [.json("200", ICASandboxSchemas.state)])) { _, _ in
            try await simulator.clearOutages()
            try await simulator.setFaults(errorRate: 0, seed: 0, latencyMs: 0)
            let status = await simulator.status()
            return ICASandboxRoutes.json(["up": status.up, "detail": status.detail])
        }
        router.post("/sandbox/answers", RouteDocumentation(
            "The next new case's submission answers this case_status instead of the real one (how does a client treat a value it does not know?).",
            tags: tags, requestSchema: ICASandboxSchemas.answers, responses: [.json("200", ICASandboxSchemas.nextStatus)])) { request, _ in
            var body = try RequestBody(request)
            let status = body.string("next_case_status", required: true, maxLength: 60)
            try body.finish()
            cases.answerNextSubmit(with: status)
            return ICASandboxRoutes.json(["next_case_status": status ?? NSNull()])
        }
        router.get("/sandbox/status", RouteDocumentation("Logins so far and the simulator's state.", tags: tags,
                                                          responses: [.json("200", ICASandboxSchemas.status)])) { _, _ in
            let status = await simulator.status()
            return ICASandboxRoutes.json(["logins": auth.logins, "login_attempts": auth.loginAttempts, "up": status.up, "today": simulator.today().iso])
        }
    }
}
