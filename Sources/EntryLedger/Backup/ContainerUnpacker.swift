import LedgerFormat
import Crypto
import Foundation

/// Unpacks a backup's container as it is decrypted, chunk by chunk, straight into its files in
/// a private work folder: `u64be(manifest length) || manifest || each file's bytes`. No
/// decrypted copy of the container itself is ever written. Each file is checked against the
/// manifest's size and SHA-256 as it ends.
final class ContainerUnpacker {
    struct Member {
        let name: String
        let size: Int64
        let sha256: String
    }

    let folder: String
    private var buffer = Data()
    private(set) var manifest: JSONValue?
    private var members: [Member] = []
    private var current: (member: Member, out: FileHandle, left: Int64, hash: SHA256)?
    private var next = 0

    init(into folder: String) { self.folder = folder }

    /// Takes the next decrypted bytes.
    func consume(_ data: Data) throws {
        buffer.append(data)
        if manifest == nil {
            guard buffer.count >= 8 else { return }
            let length = buffer.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            guard length <= 16 << 20 else { throw BackupError.tampered("manifest too large") }
            guard buffer.count >= 8 + Int(length) else { return }
            let m: JSONValue
            do { m = try JSONReader.parse([UInt8](buffer.dropFirst(8).prefix(Int(length)))) } catch {
                throw BackupError.tampered("manifest is not JSON")
            }
            guard let files = m["files"]?.arrayValue, m["records"]?.intValue != nil, m["head_hash"]?.stringValue != nil,
                m["origin"]?.stringValue != nil else { throw BackupError.tampered("manifest fields") }
            for f in files {
                guard let name = f["path"]?.stringValue, let size = f["size"]?.intValue, size >= 0, let sha = f["sha256"]?.stringValue,
                    name == "ledger.db" || Backup.isSafeMember(name)
                else { throw BackupError.tampered("a file entry in the manifest") }
                members.append(Member(name: name, size: size, sha256: sha))
            }
            manifest = m
            buffer = Data(buffer.dropFirst(8 + Int(length)))
            try FileManager.default.createDirectory(atPath: folder + "/evidence", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: folder + "/batches", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: folder + "/responses", withIntermediateDirectories: true)
        }
        while true {
            if current == nil {
                guard next < members.count else {
                    guard buffer.isEmpty else { throw BackupError.tampered("bytes after the last file") }
                    return
                }
                let m = members[next]
                next += 1
                let dest = folder + "/" + m.name
                if m.name.hasPrefix("batches/") {
                    try FileManager.default.createDirectory(atPath: URL(fileURLWithPath: dest).deletingLastPathComponent().path, withIntermediateDirectories: true)
                }
                guard FileManager.default.createFile(atPath: dest, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                    throw BackupError.tampered("\(m.name) cannot be created (named twice?)")
                }
                current = (m, try FileHandle(forWritingTo: URL(fileURLWithPath: dest)), m.size, SHA256())
            }
            guard var c = current else { return }
            if c.left > 0 {
                guard !buffer.isEmpty else { return }
                let take = buffer.prefix(Int(min(c.left, Int64(buffer.count))))
                c.hash.update(data: take)
                try c.out.write(contentsOf: take)
                CrashPoint.step("restore unpacked chunk")
                c.left -= Int64(take.count)
                buffer = Data(buffer.dropFirst(take.count))
            }
            if c.left == 0 {
                try c.out.close()
                guard Hex.encode(c.hash.finalize()) == c.member.sha256 else { throw BackupError.tampered("\(c.member.name) does not match its hash") }
                current = nil
            } else {
                current = c
                return
            }
        }
    }

    /// After the last decrypted bytes: the manifest, once every file it names was complete.
    func finish() throws -> JSONValue {
        guard let manifest else { throw BackupError.tampered("no manifest") }
        if let c = current { throw BackupError.tampered("\(c.member.name) is cut short") }
        guard next == members.count else { throw BackupError.tampered("\(members[next].name) is cut short") }
        return manifest
    }
}
