import Crypto
import CryptoExtras
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading and writing EntryLedger key files.
///
/// A private key file is a canonical JSON object (mode 0600); the public key file beside it
/// (`PATH.pub`) holds the public half. A sealed private key keeps its seed encrypted with
/// ChaCha20-Poly1305 under a key derived from the passphrase by scrypt; the header is the
/// associated data, so no field of it can be changed either. See `schemas/ledger-format.md`.
public enum KeyFile {
    public static let privateFormat = "entryledger-private-key"
    public static let publicFormat = "entryledger-public-key"
    static let sealedAlgorithm = "scrypt-chacha20poly1305"

    /// scrypt cost used when sealing: N = 2^15, r = 8, p = 1 (32 MiB, about 0.1 s).
    public struct ScryptParameters: Equatable, Sendable {
        public var logN: Int
        public var r: Int
        public var p: Int
        public init(logN: Int, r: Int, p: Int) {
            self.logN = logN
            self.r = r
            self.p = p
        }
        public static let standard = ScryptParameters(logN: 15, r: 8, p: 1)
        /// Bounds on what a file may ask for, so that a hostile file cannot exhaust memory:
        /// scrypt needs 128 * r * N * p bytes, here at most 256 MiB (the standard uses 32 MiB).
        package static func isAcceptable(_ s: ScryptParameters) -> Bool {
            guard (10...20).contains(s.logN), (1...16).contains(s.r), (1...4).contains(s.p) else { return false }
            return 128 * s.r * (1 << s.logN) * s.p <= 256 << 20
        }
    }

    // MARK: writing

    /// Writes `PATH` (private, 0600) and `PATH.pub`. Refuses to overwrite either.
    public static func write(_ key: LedgerSigningKey, to path: String, passphrase: String? = nil,
                             scrypt: ScryptParameters = .standard) throws {
        let pubPath = path + ".pub"
        for p in [path, pubPath] where FileManager.default.fileExists(atPath: p) {
            throw KeyError.exists(path: p)
        }
        var obj: [String: JSONValue] = [
            "format": .string(privateFormat),
            "version": 1,
            "name": .string(key.name),
            "key_id": .string(key.keyID),
            "public_key": .string(key.publicKey.base64),
        ]
        if let passphrase {
            let salt = randomBytes(16)
            obj["seal"] = .object([
                "algorithm": .string(sealedAlgorithm),
                "log_n": .int(Int64(scrypt.logN)), "r": .int(Int64(scrypt.r)), "p": .int(Int64(scrypt.p)),
                "salt": .string(Base64.encode(salt)),
            ])
            let aad = try CanonicalJSON.encode(.object(obj))
            let k = try deriveKey(passphrase: passphrase, salt: salt, params: scrypt)
            let box = try ChaChaPoly.seal(key.seed, using: k, authenticating: aad)
            obj["sealed_private_key"] = .string(Base64.encode(box.combined))
        } else {
            obj["private_key"] = .string(Base64.encode(key.seed))
        }
        var bytes = try CanonicalJSON.encode(.object(obj))
        bytes.append(0x0A)
        try writeFile(path, bytes, mode: 0o600)
        try writeFile(pubPath, publicKeyFileBytes(key.publicKey, proof: ProofOfPossession.make(key)), mode: 0o644)
    }

    /// The bytes of a public key file for `key`, with its proof of possession when known.
    public static func publicKeyFileBytes(_ key: LedgerPublicKey, proof: [UInt8]? = nil) -> [UInt8] {
        var obj: [String: JSONValue] = [
            "format": .string(publicFormat), "version": 1, "name": .string(key.name),
            "key_id": .string(key.keyID), "public_key": .string(key.base64),
        ]
        if let proof { obj["proof"] = .string(Base64.encode(proof)) }
        var bytes = try! CanonicalJSON.encode(.object(obj))
        bytes.append(0x0A)
        return bytes
    }

    static func writeFile(_ path: String, _ bytes: [UInt8], mode: mode_t) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard fd >= 0 else { throw KeyError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        fchmod(fd, mode)  // the umask must not widen or narrow what we asked for
        var written = 0
        while written < bytes.count {
            let n = bytes[written...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            guard n > 0 else { throw KeyError.cannotWrite(path: path, reason: String(cString: strerror(errno))) }
            written += n
        }
        fsync(fd)
    }

    // MARK: reading

    /// Loads a private key. `passphrase` is asked for only when the file is sealed.
    public static func loadPrivate(_ path: String, passphrase: () throws -> String?) throws -> LedgerSigningKey {
        var st = stat()
        guard stat(path, &st) == 0 else {
            if errno == ENOENT { throw KeyError.missing(path: path) }
            throw KeyError.unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard st.st_mode & S_IFMT != S_IFDIR else { throw KeyError.isFolder(path: path) }
        // A public key is readable by anyone on purpose: say what it is rather than advise chmod.
        if st.st_mode & 0o077 != 0 {
            if (try? readObject(path, maxBytes: 4096))?["format"]?.stringValue == publicFormat { throw KeyError.publicNotPrivate(path: path) }
            throw KeyError.tooOpen(path: path, mode: UInt32(st.st_mode))
        }
        let obj = try readObject(path, maxBytes: 4096)
        if obj["format"]?.stringValue == publicFormat { throw KeyError.publicNotPrivate(path: path) }
        guard obj["format"]?.stringValue == privateFormat else {
            throw KeyError.corrupt(path: path, reason: "not a private key file (format should be \(privateFormat))")
        }
        guard obj["version"]?.intValue == 1 else { throw KeyError.corrupt(path: path, reason: "unsupported version") }
        guard let name = obj["name"]?.stringValue, let pubText = obj["public_key"]?.stringValue,
            let pub = Base64.decode(pubText), pub.count == 32
        else { throw KeyError.corrupt(path: path, reason: "missing or malformed name or public_key") }

        let seed: [UInt8]
        if let plain = obj["private_key"]?.stringValue {
            guard let s = Base64.decode(plain), s.count == 32 else {
                throw KeyError.corrupt(path: path, reason: "private_key should be 32 bytes in base64")
            }
            seed = s
        } else if let sealedText = obj["sealed_private_key"]?.stringValue, let seal = obj["seal"]?.objectValue {
            guard seal["algorithm"]?.stringValue == sealedAlgorithm,
                let logN = seal["log_n"]?.intValue, let r = seal["r"]?.intValue, let p = seal["p"]?.intValue,
                let saltText = seal["salt"]?.stringValue, let salt = Base64.decode(saltText),
                let sealed = Base64.decode(sealedText), sealed.count == 12 + 32 + 16
            else { throw KeyError.corrupt(path: path, reason: "malformed seal") }
            let params = ScryptParameters(logN: Int(logN), r: Int(r), p: Int(p))
            guard ScryptParameters.isAcceptable(params) else {
                throw KeyError.corrupt(path: path, reason: "scrypt parameters out of the accepted range")
            }
            guard let passphrase = try passphrase(), !passphrase.isEmpty else { throw KeyError.passphraseRequired(path: path) }
            var header = obj
            header["sealed_private_key"] = nil
            let aad = try CanonicalJSON.encode(.object(header))
            let k = try deriveKey(passphrase: passphrase, salt: salt, params: params)
            do {
                let box = try ChaChaPoly.SealedBox(combined: sealed)
                seed = [UInt8](try ChaChaPoly.open(box, using: k, authenticating: aad))
            } catch {
                throw KeyError.wrongPassphrase(path: path)
            }
        } else {
            throw KeyError.corrupt(path: path, reason: "neither private_key nor sealed_private_key")
        }
        let key: LedgerSigningKey
        do { key = try LedgerSigningKey(name: name, seed: seed) } catch {
            throw KeyError.corrupt(path: path, reason: "private key bytes are not a valid Ed25519 key")
        }
        guard key.publicKey.raw == pub else {
            throw KeyError.corrupt(path: path, reason: "public_key does not match the private key")
        }
        return key
    }

    /// Loads a public key file (`.pub`).
    public static func loadPublic(_ path: String) throws -> LedgerPublicKey {
        try loadPublicWithProof(path).key
    }

    /// Loads a public key file and its proof of possession, which must be valid if present.
    public static func loadPublicWithProof(_ path: String) throws -> (key: LedgerPublicKey, proof: [UInt8]?) {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { throw KeyError.missing(path: path) }
        guard !isDir.boolValue else { throw KeyError.isFolder(path: path) }
        let obj = try readObject(path, maxBytes: 4096)
        if obj["format"]?.stringValue == privateFormat { throw KeyError.privateNotPublic(path: path) }
        guard obj["format"]?.stringValue == publicFormat else {
            throw KeyError.corrupt(path: path, reason: "not a public key file (format should be \(publicFormat))")
        }
        guard let name = obj["name"]?.stringValue, let text = obj["public_key"]?.stringValue,
            let raw = Base64.decode(text), raw.count == 32, let key = try? LedgerPublicKey(rawRepresentation: raw, name: name)
        else { throw KeyError.corrupt(path: path, reason: "missing or malformed name or public_key") }
        if let id = obj["key_id"]?.stringValue, id != key.keyID {
            throw KeyError.corrupt(path: path, reason: "key_id \(id) does not match the public key (should be \(key.keyID))")
        }
        guard let proofValue = obj["proof"] else { return (key, nil) }
        guard let text = proofValue.stringValue, let proof = Base64.decode(text), ProofOfPossession.isValid(proof, for: key) else {
            throw KeyError.corrupt(path: path, reason: "its proof of possession does not verify")
        }
        return (key, proof)
    }

    private static func readObject(_ path: String, maxBytes: Int) throws -> [String: JSONValue] {
        let data: [UInt8]
        do throws(InputFileError) { data = try InputFile.readAll(path, limit: maxBytes, what: "key file") } catch {
            throw error.reason.contains("larger than") ? KeyError.corrupt(path: path, reason: "file is too large for a key")
                : KeyError.unreadable(path: path, reason: error.reason)
        }
        guard !data.isEmpty else { throw KeyError.corrupt(path: path, reason: "file is empty") }
        do {
            guard let obj = try JSONReader.parse(data).objectValue else {
                throw KeyError.corrupt(path: path, reason: "not a JSON object")
            }
            return obj
        } catch let e as CanonicalJSONError {
            throw KeyError.corrupt(path: path, reason: e.description)
        }
    }

    static func deriveKey(passphrase: String, salt: [UInt8], params: ScryptParameters) throws -> SymmetricKey {
        try KDF.Scrypt.deriveKey(
            from: Array(passphrase.utf8), salt: salt, outputByteCount: 32,
            rounds: 1 << params.logN, blockSize: params.r, parallelism: params.p,
            maxMemory: 128 * params.r * (1 << params.logN) * params.p + (1 << 20) * 2)
    }

    package static func randomBytes(_ n: Int) -> [UInt8] {
        var g = SystemRandomNumberGenerator()
        return (0..<n).map { _ in UInt8.random(in: 0...255, using: &g) }
    }
}
