import LedgerFormat
import Crypto
import CryptoExtras
import Foundation

/// The encrypted container of a backup file:
///
///     "ELBACKUP" || u32be(header length) || header (canonical JSON) || chunk_0 || ... || chunk_n
///
/// The key material is scrypt(passphrase, salt) -> 64 bytes: the first 32 encrypt, the last 32
/// make the header's `check` value (so a wrong passphrase is told apart from damage). Each
/// chunk is ChaCha20-Poly1305 over at most `chunk_size` plaintext bytes with nonce
/// 0x00000000 || u64be(index) and associated data header || u64be(index) || final-flag byte.
/// Every chunk but the last holds exactly `chunk_size` bytes; the last holds fewer (maybe none),
/// so a cut-off file, a reordered chunk or an edited header all fail to authenticate.
enum SealedStream {
    static let magic = Array("ELBACKUP".utf8)
    static let chunkSize = 1 << 20
    static let format = "entryledger-backup"

    struct Keys {
        let encryption: SymmetricKey
        let check: [UInt8]
    }

    static func deriveKeys(passphrase: String, salt: [UInt8], params: KeyFile.ScryptParameters) throws -> Keys {
        let raw = try KDF.Scrypt.deriveKey(
            from: Array(passphrase.utf8), salt: salt, outputByteCount: 64, rounds: 1 << params.logN,
            blockSize: params.r, parallelism: params.p, maxMemory: 128 * params.r * (1 << params.logN) * params.p + (1 << 21))
        let bytes = raw.withUnsafeBytes { [UInt8]($0) }
        let checkKey = SymmetricKey(data: bytes[32..<64])
        let check = Array(HMAC<SHA256>.authenticationCode(for: Array("entryledger-backup-check".utf8), using: checkKey)).prefix(16)
        return Keys(encryption: SymmetricKey(data: bytes[0..<32]), check: Array(check))
    }

    static func nonce(_ index: UInt64) throws -> ChaChaPoly.Nonce {
        var n = [UInt8](repeating: 0, count: 4)
        withUnsafeBytes(of: index.bigEndian) { n.append(contentsOf: $0) }
        return try ChaChaPoly.Nonce(data: n)
    }

    static func aad(header: [UInt8], index: UInt64, final: Bool) -> [UInt8] {
        var a = header
        withUnsafeBytes(of: index.bigEndian) { a.append(contentsOf: $0) }
        a.append(final ? 1 : 0)
        return a
    }

    /// Encrypts what `produce` writes into `out`, chunk by chunk as it comes: no plaintext
    /// copy of the container is ever on disk.
    static func seal(to out: FileHandle, passphrase: String, params: KeyFile.ScryptParameters,
                     produce: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws {
        let salt = KeyFile.randomBytes(16)
        let keys = try deriveKeys(passphrase: passphrase, salt: salt, params: params)
        let header = try CanonicalJSON.encode([
            "format": .string(format), "version": 1, "aead": "chacha20poly1305", "chunk_size": .int(Int64(chunkSize)),
            "kdf": ["algorithm": "scrypt", "log_n": .int(Int64(params.logN)), "r": .int(Int64(params.r)), "p": .int(Int64(params.p)),
                    "salt": .string(Base64.encode(salt))],
            "check": .string(Base64.encode(keys.check)),
        ])
        var prefix = magic
        withUnsafeBytes(of: UInt32(header.count).bigEndian) { prefix.append(contentsOf: $0) }
        try out.write(contentsOf: prefix + header)
        var index: UInt64 = 0
        var pending: [UInt8] = []
        func emit(_ chunk: ArraySlice<UInt8>, final: Bool) throws {
            let box = try ChaChaPoly.seal(chunk, using: keys.encryption, nonce: nonce(index), authenticating: aad(header: header, index: index, final: final))
            try out.write(contentsOf: box.ciphertext + box.tag)
            CrashPoint.step("sealed chunk")
            index += 1
        }
        try produce { bytes in
            pending += bytes
            // A full chunk goes out only once more follows: the last chunk is always short.
            while pending.count > chunkSize {
                try emit(pending[0..<chunkSize], final: false)
                pending.removeFirst(chunkSize)
            }
        }
        if pending.count == chunkSize {
            try emit(pending[0..<chunkSize], final: false)
            pending = []
        }
        try emit(pending[...], final: true)
    }

    /// Decrypts `archive` into `consume`, authenticating every chunk before handing it on; the
    /// last call comes only after the final chunk authenticated (a cut-off file throws).
    static func open(archive path: String, passphrase: String, into consume: (Data) throws -> Void) throws {
        guard let fh = FileHandle(forReadingAtPath: path) else { throw BackupError.notABackup("cannot read \(path)") }
        defer { try? fh.close() }
        let total = try fh.seekToEnd()
        try fh.seek(toOffset: 0)
        let start = try fh.read(upToCount: 12) ?? Data()
        guard start.count == 12, Array(start.prefix(8)) == magic else { throw BackupError.notABackup("it does not start with ELBACKUP") }
        let headerLength = start.suffix(4).reduce(0) { $0 << 8 | Int($1) }
        guard headerLength > 0, headerLength <= 4096, UInt64(12 + headerLength) <= total else { throw BackupError.tampered("header length") }
        let header = [UInt8](try fh.read(upToCount: headerLength) ?? Data())
        let h: JSONValue
        do { h = try JSONReader.parseCanonical(header) } catch { throw BackupError.tampered("header is not canonical JSON") }
        guard h["format"]?.stringValue == format else { throw BackupError.notABackup("format is not \(format)") }
        guard let version = h["version"]?.intValue else { throw BackupError.tampered("no version") }
        guard version == 1 else { throw BackupError.unsupportedVersion(version) }
        guard h["aead"]?.stringValue == "chacha20poly1305", h["chunk_size"]?.intValue == Int64(chunkSize),
            let kdf = h["kdf"], kdf["algorithm"]?.stringValue == "scrypt",
            let logN = kdf["log_n"]?.intValue, let r = kdf["r"]?.intValue, let p = kdf["p"]?.intValue,
            let saltText = kdf["salt"]?.stringValue, let salt = Base64.decode(saltText), salt.count == 16,
            let checkText = h["check"]?.stringValue, let check = Base64.decode(checkText)
        else { throw BackupError.tampered("header fields") }
        let params = KeyFile.ScryptParameters(logN: Int(logN), r: Int(r), p: Int(p))
        guard KeyFile.ScryptParameters.isAcceptable(params) else { throw BackupError.tampered("scrypt parameters out of range") }
        let keys = try deriveKeys(passphrase: passphrase, salt: salt, params: params)
        guard keys.check == check else { throw BackupError.wrongPassphrase }

        var remaining = total - UInt64(12 + headerLength)
        var index: UInt64 = 0
        let full = UInt64(chunkSize + 16)
        while true {
            let final = remaining < full
            guard remaining >= 16 else { throw BackupError.tampered("the file is cut short") }
            let n = final ? remaining : full
            let bytes = try fh.read(upToCount: Int(n)) ?? Data()
            guard bytes.count == Int(n) else { throw BackupError.tampered("the file is cut short") }
            let plain: Data
            do {
                let box = try ChaChaPoly.SealedBox(nonce: nonce(index), ciphertext: bytes.prefix(bytes.count - 16), tag: bytes.suffix(16))
                plain = try ChaChaPoly.open(box, using: keys.encryption, authenticating: aad(header: header, index: index, final: final))
            } catch {
                throw BackupError.tampered("chunk \(index) does not authenticate")
            }
            try consume(plain)
            CrashPoint.step("opened chunk")
            remaining -= n
            if final { break }
            index += 1
        }
        guard remaining == 0 else { throw BackupError.tampered("data after the last chunk") }
    }
}
