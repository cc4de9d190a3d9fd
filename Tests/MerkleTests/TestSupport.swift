import Foundation
import Testing
@testable import LedgerFormat

/// Shared helpers: vector files next to this source, hex, and deterministic leaves.
enum Support {
    static func vector(_ name: String) throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Vectors").appendingPathComponent(name)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url))
        return try #require(object as? [String: Any])
    }

    static func hex(_ text: String) throws -> [UInt8] { try #require(Hex.decode(text)) }

    /// Leaf hashes of the inputs "leaf 0", "leaf 1", ...: distinct and reproducible.
    static func leaves(_ count: Int) -> [[UInt8]] {
        (0..<count).map { ReferenceMerkle.leafHash(Array("leaf \($0)".utf8)) }
    }

    static func flipped(_ hashes: [[UInt8]], element: Int, byte: Int) -> [[UInt8]] {
        var copy = hashes
        copy[element][byte] ^= 0x01
        return copy
    }
}
