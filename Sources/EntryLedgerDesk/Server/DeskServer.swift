import FlyingFox
import FlyingSocks
import Foundation

/// The desk on a socket: FlyingFox's HTTP/1.1 server handing every request to a ``DeskApp``.
public enum DeskServer {
    /// Whether `host` is a loopback address the desk may bind without `--listen`.
    public static func isLoopback(_ host: String) -> Bool {
        host == "127.0.0.1" || host == "::1" || host == "localhost"
    }

    /// Serves `app` on `host:port` until the task is cancelled; `ready` is called with the
    /// port once it listens (port 0 picks a free one).
    public static func run(_ app: DeskApp, host: String, port: UInt16, ready: @escaping @Sendable (UInt16) -> Void) async throws {
        let address: sockaddr_in
        if host == "localhost" { address = try .inet(ip4: "127.0.0.1", port: port) } else if host.contains(":") {
            try await serve(app, try sockaddr_in6.inet6(ip6: host, port: port), ready: ready)
            return
        } else { address = try .inet(ip4: host, port: port) }
        try await serve(app, address, ready: ready)
    }

    static func serve(_ app: DeskApp, _ address: some SocketAddress, ready: @escaping @Sendable (UInt16) -> Void) async throws {
        let server = HTTPServer(address: address, timeout: 30, handler: Adapter(app: app))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            group.addTask {
                try await server.waitUntilListening()
                if case .ip4(_, let p)? = await server.listeningAddress { ready(p) } else if case .ip6(_, let p)? = await server.listeningAddress { ready(p) }
            }
            try await group.waitForAll()
        }
    }

    struct Adapter: HTTPHandler {
        let app: DeskApp
        func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
            var headers: [String: String] = [:]
            for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
            var query: [String: String] = [:]
            for item in request.query where query[item.name] == nil { query[item.name] = item.value }
            let body = try await request.bodyData
            guard body.count <= 4 << 20 else { return HTTPResponse(statusCode: .payloadTooLarge) }
            let r = await app.handle(DeskRequest(method: request.method.rawValue, path: request.path, query: query, headers: headers, body: [UInt8](body)))
            var out = HTTPHeaders()
            for (k, v) in r.headers { out.addValue(v, for: HTTPHeader(k)) }
            return HTTPResponse(statusCode: HTTPStatusCode(r.status, phrase: phrase(r.status)), headers: out, body: Data(r.body))
        }

        func phrase(_ code: Int) -> String {
            switch code {
            case 200: "OK"
            case 303: "See Other"
            case 400: "Bad Request"
            case 401: "Unauthorized"
            case 403: "Forbidden"
            case 404: "Not Found"
            case 413: "Payload Too Large"
            case 421: "Misdirected Request"
            case 422: "Unprocessable Content"
            case 429: "Too Many Requests"
            default: "Error"
            }
        }
    }
}
