import Hummingbird

/// The sign-in pages and refusals, in Chinese.
enum AuthPage {
    static func html(_ status: HTTPResponse.Status, title: String, body: String, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: Page.shell(title: title, body: body))))
    }

    static func refusal(_ status: HTTPResponse.Status, _ message: String, nonce: String, headers: HTTPFields = [:]) -> Response {
        html(status, title: "公文生成", body: "<h1>公文生成</h1><p role=\"alert\">\(Page.escape(message))</p><p><a href=\"/\">返回首页</a></p>",
             headers: headers)
    }

    static func login(csrf: String, name: String = "", message: String? = nil) -> String {
        let alert = message.map { "<p role=\"alert\">\(Page.escape($0))</p>" } ?? ""
        return """
            <h1>公文生成 · 登录</h1>
            \(alert)
            <form method="post" action="/login" id="login-form">
            <input type="hidden" name="csrf" value="\(Page.escape(csrf))">
            <p><label>账户名 <input id="login-name" name="name" value="\(Page.escape(name))" autocomplete="username" required autofocus></label></p>
            <p><label>密码 <input id="login-password" type="password" name="password" autocomplete="current-password" required></label></p>
            <p><button type="submit" id="login-button">登录</button></p>
            </form>
            """
    }

    static func signedIn(_ clerk: Clerk, csrf: String) -> String {
        """
        <h1>公文生成</h1>
        <p id="signed-in">已登录：\(Page.escape(clerk.name))</p>
        <p><a href="/">进入首页</a></p>
        <form method="post" action="/logout">
        <input type="hidden" name="csrf" value="\(Page.escape(csrf))">
        <button type="submit" id="logout-button">退出登录</button>
        </form>
        """
    }
}
