import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import GongwenServer

@Suite("Login rate limit")
struct RateLimitTests {
    @Test("5 failures lock the name out for 30 s, then 60 s; even the right password waits")
    func perName() async throws {
        let harness = try AuthHarness()
        defer { harness.remove() }
        try await harness.app(try harness.router()).test(.router) { client in
            var browser = TestBrowser(client)
            for _ in 0..<5 { #expect(try await browser.signIn("alice", "wrong-password").status == .unauthorized) }
            let locked = try await browser.signIn("alice", "alice-password")
            #expect(locked.status == .tooManyRequests)
            #expect(locked.headers[.retryAfter] == "30")
            #expect(String(buffer: locked.body).contains("登录失败次数过多，请 30 秒后再试"))
            #expect(try await browser.signIn("bob", "bob-password").status == .seeOther, "another name is not locked")

            harness.clock.advance(31)
            var again = TestBrowser(client)
            #expect(try await again.signIn("alice", "alice-password").status == .seeOther)

            var guesser = TestBrowser(client)
            for _ in 0..<5 { try await guesser.signIn("alice", "wrong-password") }
            #expect(try await guesser.signIn("alice", "wrong-password").headers[.retryAfter] == "30", "a success started over")
        }
    }

    @Test("20 failures from one address lock it out for every name")
    func perAddress() async throws {
        let harness = try AuthHarness()
        defer { harness.remove() }
        try await harness.app(try harness.router()).test(.router) { client in
            var browser = TestBrowser(client)
            for i in 0..<20 { #expect(try await browser.signIn("name\(i)", "wrong-password").status == .unauthorized) }
            let locked = try await browser.signIn("bob", "bob-password")
            #expect(locked.status == .tooManyRequests)
            harness.clock.advance(31)
            #expect(try await browser.signIn("bob", "bob-password").status == .seeOther)
        }
    }

    @Test("lock-outs double up to 15 minutes and are forgotten after a quiet window")
    func doubling() async {
        let clock = TestClock()
        let throttle = LoginThrottle(now: { clock.now })
        var waits: [Int] = []
        for _ in 0..<8 {
            for _ in 0..<5 { await throttle.recordFailure(name: "alice", address: "10.0.0.1") }
            let wait = await throttle.wait(name: "alice", address: "10.0.0.2") ?? 0
            waits.append(Int(wait))
            clock.advance(wait + 1)
        }
        #expect(waits == [30, 60, 120, 240, 480, 900, 900, 900])
        clock.advance(16 * 60)
        for _ in 0..<5 { await throttle.recordFailure(name: "alice", address: "10.0.0.1") }
        #expect(await throttle.wait(name: "alice", address: "10.0.0.3") == 30)
    }
}
