import Foundation

/// Slows down password guessing: 5 failures for one name, or 20 from one address, within
/// 15 minutes lock that name or address out for 30 s, doubling with each lock-out up to 15 min.
/// A success clears the name's count. Kept in memory: a restart forgets it, which costs an
/// attacker a restart they cannot cause.
actor LoginThrottle {
    struct Policy: Sendable {
        var perName = 5
        var perAddress = 20
        var window: TimeInterval = 15 * 60
        var firstLockout: TimeInterval = 30
        var longestLockout: TimeInterval = 15 * 60
    }

    private struct Entry {
        var failures = 0
        var lastFailure = Date.distantPast
        var lockouts = 0
        var lockedUntil = Date.distantPast
    }

    private let policy: Policy
    private let now: @Sendable () -> Date
    private var entries: [String: Entry] = [:]
    private static let maxEntries = 10_000

    init(policy: Policy = Policy(), now: @escaping @Sendable () -> Date) {
        self.policy = policy
        self.now = now
    }

    /// Seconds left until `name` from `address` may try again, or nil when it may now.
    func wait(name: String, address: String) -> TimeInterval? {
        let time = now()
        let waits = [Self.nameKey(name), Self.addressKey(address)].compactMap { key -> TimeInterval? in
            guard let entry = entries[key], entry.lockedUntil > time else { return nil }
            return entry.lockedUntil.timeIntervalSince(time)
        }
        return waits.max()
    }

    func recordFailure(name: String, address: String) {
        let time = now()
        if entries.count > Self.maxEntries {
            entries = entries.filter { time.timeIntervalSince(max($0.value.lastFailure, $0.value.lockedUntil)) < policy.window }
        }
        bump(Self.nameKey(name), limit: policy.perName, at: time)
        bump(Self.addressKey(address), limit: policy.perAddress, at: time)
    }

    func recordSuccess(name: String) {
        entries[Self.nameKey(name)] = nil
    }

    private func bump(_ key: String, limit: Int, at time: Date) {
        var entry = entries[key] ?? Entry()
        // Forgotten only after a quiet window that starts when the last lock-out ends, so waiting
        // out a long lock-out does not start the doubling over.
        if time.timeIntervalSince(max(entry.lastFailure, entry.lockedUntil)) > policy.window { entry = Entry() }
        entry.failures += 1
        entry.lastFailure = time
        if entry.failures >= limit {
            let lockout = min(policy.firstLockout * pow(2, Double(entry.lockouts)), policy.longestLockout)
            entry.lockouts += 1
            entry.failures = 0
            entry.lockedUntil = time.addingTimeInterval(lockout)
        }
        entries[key] = entry
    }

    private static func nameKey(_ name: String) -> String { "name:" + name.lowercased() }
    private static func addressKey(_ address: String) -> String { "addr:" + address }
}
