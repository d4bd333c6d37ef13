import Dispatch
import HummingbirdBcrypt

/// Passwords are stored only as bcrypt hashes (salted, cost 12 = 4096 rounds, about a quarter
/// of a second each). Hashing runs off the server's threads so a login never stalls others.
enum PasswordHasher {
    /// The cost of new hashes; never lower in production (tests make throwaway accounts with 4).
    static let cost: UInt8 = 12

    static func hash(_ password: String, cost: UInt8 = PasswordHasher.cost) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    static func verify(_ password: String, hash: String) -> Bool {
        Bcrypt.verify(password, hash: hash)
    }

    /// `verify` on a global queue.
    static func verifyInBackground(_ password: String, hash: String) async -> Bool {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: verify(password, hash: hash)) }
        }
    }

    /// Checked against when the name is unknown, so an unknown name costs as long as a wrong password.
    static func decoy(cost: UInt8) -> String { cost >= Self.cost ? decoy : cheapDecoy }
    private static let decoy = Bcrypt.hash("gongwen-decoy-password", cost: cost)
    /// For accounts made with a lower cost (tests only).
    private static let cheapDecoy = Bcrypt.hash("gongwen-decoy-password", cost: 4)

    /// The cost written in a bcrypt hash (`$2b$12$…`), or nil.
    static func cost(of hash: String) -> Int? {
        let parts = hash.split(separator: "$")
        guard parts.count >= 3, parts[0].hasPrefix("2") else { return nil }
        return Int(parts[1])
    }
}
