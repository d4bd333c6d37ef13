import CLibCrypto
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import GongwenModel

/// The register's secret: one 32-byte key in a file beside the store (`承诺登记.key`, mode 0600),
/// created on first use. ID numbers and phones are stored only as AES-256-GCM ciphertexts, and
/// looked up by an HMAC-SHA256 of the normalised ID number, so a copy of the `.sqlite` file alone
/// reveals neither. Two sub-keys are derived from the file's key (one to encrypt, one for the
/// HMACs), so a lookup hash can never be mistaken for, or help to attack, a ciphertext.
///
/// Whoever backs up the store must back up the key with it: without the key the ciphertexts are
/// unreadable and the check codes of issued 履约证明 cannot be verified.
public struct RegisterKey: Sendable {
    let encryption: [UInt8]
    let mac: [UInt8]

    /// The key from `path`, creating the file (0600, never overwritten) when it does not exist.
    public static func load(path: String) throws(DiagnosticError) -> RegisterKey {
        if !FileManager.default.fileExists(atPath: path) { try create(path) }
        guard let data = FileManager.default.contents(atPath: path), data.count == 32 else {
            throw RegisterError.make("register-key", "密钥文件 \(path) 无法读取或已损坏（应为 32 字节） / bad key file")
        }
        return RegisterKey(master: [UInt8](data))
    }

    init(master: [UInt8]) {
        encryption = HMAC.sha256(key: master, Array("gongwen-register-aes-256-gcm".utf8))
        mac = HMAC.sha256(key: master, Array("gongwen-register-hmac".utf8))
    }

    /// O_EXCL: two processes opening a new store at once cannot write two different keys.
    private static func create(_ path: String) throws(DiagnosticError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if fd < 0 {
            if errno == EEXIST { return }
            throw RegisterError.make("register-key", "无法创建密钥文件 \(path) / cannot create the key file")
        }
        defer { close(fd) }
        let bytes = AESGCM.randomBytes(32)
        guard write(fd, bytes, 32) == 32, fsync(fd) == 0 else {
            unlink(path)
            throw RegisterError.make("register-key", "无法写入密钥文件 \(path) / cannot write the key file")
        }
    }

    /// HMAC-SHA256 with the lookup sub-key.
    func mac(_ text: String) -> [UInt8] { HMAC.sha256(key: mac, Array(text.utf8)) }

    /// nonce (12) ‖ ciphertext ‖ tag (16).
    func seal(_ text: String) -> [UInt8] { AESGCM.seal(Array(text.utf8), key: encryption) }

    func unseal(_ box: [UInt8]) -> String? { AESGCM.open(box, key: encryption).map { String(decoding: $0, as: UTF8.self) } }
}

/// HMAC-SHA256 (RFC 2104) over libcrypto's SHA-256: the module map already exposes SHA-256 for
/// manifests, and this keeps the C shim unchanged.
enum HMAC {
    static func sha256(key: [UInt8], _ message: [UInt8]) -> [UInt8] {
        var k = key.count > 64 ? sha256(key) : key
        k += [UInt8](repeating: 0, count: 64 - k.count)
        let inner = sha256(k.map { $0 ^ 0x36 } + message)
        return sha256(k.map { $0 ^ 0x5C } + inner)
    }

    static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        guard let context = gongwen_sha256_new() else { fatalError("libcrypto: out of memory") }
        defer { gongwen_sha256_free(context) }
        var out = [UInt8](repeating: 0, count: 32)
        _ = bytes.withUnsafeBufferPointer { gongwen_sha256_update(context, $0.baseAddress, $0.count) }
        _ = gongwen_sha256_finish(context, &out)
        return out
    }
}

/// AES-256-GCM through libcrypto's EVP interface (the same in OpenSSL 1.1 and 3), with a random
/// 96-bit nonce per value: a nonce never repeats in practice for the millions of values a
/// register holds, and equal ID numbers give different ciphertexts.
enum AESGCM {
    static let nonceSize = 12
    static let tagSize = 16
    // EVP_CTRL_GCM_GET_TAG / SET_TAG (openssl/evp.h), spelled out: Swift does not import them.
    static let getTag: Int32 = 0x10
    static let setTag: Int32 = 0x11

    static func seal(_ plain: [UInt8], key: [UInt8]) -> [UInt8] {
        let nonce = randomBytes(nonceSize)
        guard let context = EVP_CIPHER_CTX_new() else { fatalError("libcrypto: out of memory") }
        defer { EVP_CIPHER_CTX_free(context) }
        var out = [UInt8](repeating: 0, count: plain.count + 16)
        var length: Int32 = 0, final: Int32 = 0
        var rest = [UInt8](repeating: 0, count: 32)
        var tag = [UInt8](repeating: 0, count: tagSize)
        guard EVP_EncryptInit_ex(context, EVP_aes_256_gcm(), nil, key, nonce) == 1,
              EVP_EncryptUpdate(context, &out, &length, plain, Int32(plain.count)) == 1,
              EVP_EncryptFinal_ex(context, &rest, &final) == 1,
              EVP_CIPHER_CTX_ctrl(context, getTag, Int32(tagSize), &tag) == 1
        else { fatalError("libcrypto: AES-256-GCM failed") }
        // GCM is a stream mode: Final writes no bytes, only checks or makes the tag.
        return nonce + out[0..<Int(length)] + rest[0..<Int(final)] + tag
    }

    /// `count` bytes from the operating system's CSPRNG (SystemRandomNumberGenerator: getrandom,
    /// arc4random), eight per call: one byte per call made 24 system calls a household.
    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count + 8)
        while bytes.count < count { withUnsafeBytes(of: generator.next()) { bytes += $0 } }
        return Array(bytes.prefix(count))
    }

    /// The plain bytes, or nil when the box was not sealed with this key or was altered.
    static func open(_ box: [UInt8], key: [UInt8]) -> [UInt8]? {
        guard box.count >= nonceSize + tagSize, let context = EVP_CIPHER_CTX_new() else { return nil }
        defer { EVP_CIPHER_CTX_free(context) }
        let nonce = Array(box[0..<nonceSize])
        let body = Array(box[nonceSize..<(box.count - tagSize)])
        var tag = Array(box[(box.count - tagSize)...])
        var out = [UInt8](repeating: 0, count: body.count + 16)
        var length: Int32 = 0, final: Int32 = 0
        var rest = [UInt8](repeating: 0, count: 32)
        guard EVP_DecryptInit_ex(context, EVP_aes_256_gcm(), nil, key, nonce) == 1,
              EVP_DecryptUpdate(context, &out, &length, body, Int32(body.count)) == 1,
              EVP_CIPHER_CTX_ctrl(context, setTag, Int32(tagSize), &tag) == 1,
              EVP_DecryptFinal_ex(context, &rest, &final) == 1
        else { return nil }
        return Array(out[0..<Int(length)] + rest[0..<Int(final)])
    }
}
