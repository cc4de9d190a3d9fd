import Foundation
import LedgerFormat

/// One HTTP response from the desk's handlers.
public struct DeskResponse: Sendable {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(String, String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    public var text: String { String(decoding: body, as: UTF8.self) }

    static func html(_ page: String, status: Int = 200) -> DeskResponse {
        DeskResponse(status: status, headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(page.utf8))
    }

    static func json(_ value: JSONValue, status: Int = 200) -> DeskResponse {
        DeskResponse(status: status, headers: [("Content-Type", "application/json")],
                     body: Array(((try? CanonicalJSON.encodeString(value)) ?? "null").utf8))
    }

    static func redirect(_ location: String) -> DeskResponse {
        DeskResponse(status: 303, headers: [("Location", location)])
    }

    static func refused(_ status: Int, _ message: String) -> DeskResponse {
        DeskResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Array((message + "\n").utf8))
    }
}
