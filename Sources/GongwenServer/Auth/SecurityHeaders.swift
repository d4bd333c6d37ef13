import HTTPTypes
import Hummingbird

/// Headers on every response. Pages may only run scripts and inline styles that carry the
/// request's nonce; previews of generated documents get `previewPolicy`, which runs no script at all.
public enum SecurityHeaders {
    /// The policy of every page.
    public static func pagePolicy(nonce: String) -> String {
        // script-src 'self': the one script file (/static/app.js: progress, confirmations); no
        // inline code runs without the nonce. frame-src 'self': the preview frame.
        "default-src 'none'; script-src 'self' 'nonce-\(nonce)'; style-src 'self' 'nonce-\(nonce)'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; frame-src 'self'; form-action 'self'; frame-ancestors 'self'; base-uri 'none'"
    }

    /// For a generated document shown as a preview (set it as the response's
    /// Content-Security-Policy; the middleware leaves a policy set by a route alone): no script,
    /// no form, no plugin, no request to anywhere but this server's own style sheets, images and
    /// fonts, and a sandbox (unique origin) so even markup that slipped through can do nothing.
    public static func previewPolicy(nonce: String) -> String {
        "default-src 'none'; style-src 'self' 'nonce-\(nonce)'; img-src 'self' data:; font-src 'self' data:; "
            + "form-action 'none'; frame-ancestors 'self'; base-uri 'none'; sandbox"
    }

    /// Adds the headers a route did not set itself.
    static func apply(to headers: inout HTTPFields, nonce: String, path: String) {
        if headers[.contentSecurityPolicy] == nil { headers[.contentSecurityPolicy] = pagePolicy(nonce: nonce) }
        headers[.xContentTypeOptions] = "nosniff"
        // same-origin, not no-referrer: under no-referrer a browser sends `Origin: null` with every
        // form it posts (Fetch, "serializing a request origin"), and the origin check below could
        // not tell the office's own forms from another site's. Nothing is sent to other sites.
        headers[.referrerPolicy] = "same-origin"
        if headers[.xFrameOptions] == nil { headers[.xFrameOptions] = "SAMEORIGIN" }
        headers[.crossOriginOpenerPolicy] = "same-origin"
        if headers[.cacheControl] == nil, !AccessControl.isStaticAsset(path) { headers[.cacheControl] = "no-store" }
    }
}

extension HTTPField.Name {
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
    static let xFrameOptions = HTTPField.Name("X-Frame-Options")!
    static let crossOriginOpenerPolicy = HTTPField.Name("Cross-Origin-Opener-Policy")!
    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
    static let xCSRFToken = HTTPField.Name("X-CSRF-Token")!
}
