import Hummingbird

/// The clerk a request is made for. On 127.0.0.1 without accounts it is the machine's own
/// user (`Clerk.local`); on an office network it comes from the session cookie.
public struct Clerk: Sendable, Hashable {
    public var id: Int64
    public var name: String

    public init(id: Int64, name: String) {
        self.id = id
        self.name = name
    }

    /// The one clerk of a server that listens on 127.0.0.1 only.
    public static let local = Clerk(id: 0, name: "本机")
}

/// Per-request state: the signed-in clerk (every job route checks it against the job's owner).
public struct ServerRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by the authentication middleware; nil before sign-in.
    public var clerk: Clerk?
    /// The session's CSRF token, set by the authentication middleware; every form carries it
    /// (`<input type=hidden name=csrf>`), every script request sends it as `X-CSRF-Token`.
    public var csrfToken = ""
    /// A fresh nonce per response for the Content-Security-Policy; inline `<script>` and
    /// `<style>` need `nonce="…"` with it.
    public var cspNonce = ""
    /// Uploads are streamed to disk with their own limit (`ServerConfiguration.maxUploadBytes`);
    /// bodies collected in memory (forms) stay small.
    public var maxUploadSize: Int { 1 << 20 }
    /// The peer's IP address ("" when unknown): login attempts are counted per address.
    public var clientAddress: String

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.clerk = nil
        self.clientAddress = source.channel.remoteAddress?.ipAddress ?? ""
    }
}
