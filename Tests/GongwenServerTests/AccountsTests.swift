import Foundation
import Testing
@testable import GongwenServer

@Suite("Accounts (gongwen users)")
struct AccountsTests {
    @Test("add, list, passwd, remove")
    func lifecycle() async throws {
        let harness = try AuthHarness(clerks: [])
        defer { harness.remove() }
        let accounts = harness.accounts
        try accounts.add(name: "王芳", password: "first-password")
        try accounts.add(name: "li", password: "second-password")
        #expect(try accounts.list().map(\.name) == ["li", "王芳"])
        #expect(try accounts.count() == 2)
        #expect(try await accounts.verify(name: "王芳", password: "first-password")?.name == "王芳")
        try accounts.setPassword(name: "王芳", password: "changed-password")
        #expect(try await accounts.verify(name: "王芳", password: "first-password") == nil)
        #expect(try await accounts.verify(name: "王芳", password: "changed-password") != nil)
        try accounts.remove(name: "li")
        #expect(try accounts.list().map(\.name) == ["王芳"])
        #expect(try await accounts.verify(name: "li", password: "second-password") == nil)
    }

    @Test("errors are in Chinese: duplicate, unknown, bad name, short password")
    func errors() throws {
        let harness = try AuthHarness(clerks: [])
        defer { harness.remove() }
        let accounts = harness.accounts
        try accounts.add(name: "alice", password: "alice-password")
        #expect(throws: AccountError.duplicateName("ALICE")) { try accounts.add(name: "ALICE", password: "other-password") }
        #expect(AccountError.duplicateName("alice").description.contains("已存在"))
        #expect(throws: AccountError.unknownName("bob")) { try accounts.remove(name: "bob") }
        #expect(throws: AccountError.unknownName("bob")) { try accounts.setPassword(name: "bob", password: "long-enough") }
        #expect(AccountError.unknownName("bob").description.contains("没有名为“bob”的账户"))
        for name in ["", "a b", "../x", "a/b", "x\u{7}", String(repeating: "名", count: 33)] {
            #expect(throws: AccountError.invalidName(name)) { try accounts.add(name: name, password: "long-enough") }
        }
        #expect(throws: AccountError.passwordTooShort(minimum: 8)) { try accounts.add(name: "carol", password: "short") }
        #expect(AccountError.passwordTooShort(minimum: 8).description.contains("密码太短"))
    }

    @Test("passwords are bcrypt hashes of cost 12, salted, and slow to make")
    func hashing() throws {
        let harness = try AuthHarness(clerks: [])
        defer { harness.remove() }
        let accounts = Accounts(database: harness.database)
        let start = ContinuousClock.now
        try accounts.add(name: "one", password: "same-password")
        let elapsed = ContinuousClock.now - start
        try accounts.add(name: "two", password: "same-password")
        let one = try #require(try accounts.passwordHash(name: "one")), two = try #require(try accounts.passwordHash(name: "two"))
        #expect(one.hasPrefix("$2b$12$") || one.hasPrefix("$2y$12$") || one.hasPrefix("$2a$12$"))
        #expect(PasswordHasher.cost(of: one) == 12)
        #expect(PasswordHasher.cost >= 12)
        #expect(one != two, "each hash has its own salt")
        #expect(!one.contains("same-password"))
        #expect(elapsed > .milliseconds(50), "cost 12 takes a noticeable time: \(elapsed)")
        #expect(PasswordHasher.verify("same-password", hash: one) && PasswordHasher.verify("same-password", hash: two))
        #expect(!PasswordHasher.verify("same-passwore", hash: one))
    }
}
