import Foundation
import Hummingbird

/// GET/POST /login and POST /logout.
struct LoginRoutes: Sendable {
    let access: AccessControl

    func add(to router: Router<ServerRequestContext>) {
        router.get("/login") { _, context -> Response in
            if let clerk = context.clerk {
                return AuthPage.html(.ok, title: "公文生成 · 已登录", body: AuthPage.signedIn(clerk, csrf: context.csrfToken))
            }
            return AuthPage.html(.ok, title: "公文生成 · 登录", body: AuthPage.login(csrf: context.csrfToken))
        }
        router.post("/login") { request, context -> Response in
            try await signIn(request, context: context)
        }
        router.post("/logout") { request, _ -> Response in
            if let value = request.cookies[AccessControl.sessionCookie]?.value { try access.sessions.delete(cookieValue: value) }
            var response = Response(status: .seeOther, headers: [.location: "/login"])
            response.setCookie(AccessControl.expiredCookie(AccessControl.sessionCookie))
            return response
        }
    }

    private func signIn(_ request: Request, context: ServerRequestContext) async throws -> Response {
        if try access.isOpenLocal() { return Response(status: .seeOther, headers: [.location: "/"]) }
        var request = request
        let fields = FormFields.parse(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        let name = (fields["name"] ?? "").trimmingCharacters(in: .whitespaces)
        let password = fields["password"] ?? ""
        let address = context.clientAddress

        if let wait = await access.throttle.wait(name: name, address: address) {
            let seconds = Int(wait.rounded(.up))
            return AuthPage.html(.tooManyRequests, title: "公文生成 · 登录",
                                 body: AuthPage.login(csrf: context.csrfToken, name: name, message: "登录失败次数过多，请 \(seconds) 秒后再试。"),
                                 headers: [.retryAfter: String(seconds)])
        }
        guard !name.isEmpty, !password.isEmpty, let clerk = try await access.accounts.verify(name: name, password: password) else {
            await access.throttle.recordFailure(name: name, address: address)
            return AuthPage.html(.unauthorized, title: "公文生成 · 登录",
                                 body: AuthPage.login(csrf: context.csrfToken, name: name, message: "账户名或密码不正确。"))
        }
        await access.throttle.recordSuccess(name: name)
        let (cookieValue, _) = try access.sessions.create(for: clerk)
        var response = Response(status: .seeOther, headers: [.location: "/"])
        response.setCookie(AccessControl.cookie(AccessControl.sessionCookie, cookieValue))
        return response
    }
}
