import LedgerFormat
import Crypto

/// A built ABI batch file of one application: `A`, then per (filer code, port) a block
/// `B` + transactions + `Y`, then `Z`. Every line is exactly 80 characters and ends with `\n`
/// (the last one too). Built by ``ABIBatchBuilder``; the same items and settings give the same
/// bytes.
public struct ABIBatch: Sendable, Equatable {
    public let application: ABIApplication
    /// The file's bytes (ASCII).
    public let bytes: [UInt8]
    /// Every transaction, in file order.
    public let transactions: [ABIBatchTransaction]

    public init(application: ABIApplication, text: String, transactions: [ABIBatchTransaction]) {
        self.init(application: application, bytes: Array(text.utf8), transactions: transactions)
    }

    init(application: ABIApplication, bytes: [UInt8], transactions: [ABIBatchTransaction]) {
        self.application = application
        self.bytes = bytes
        self.transactions = transactions
    }

    /// The file's text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// SHA-256 of ``bytes``, lower-case hex (for the replay manifest).
    public var sha256: String { Hex.encode(SHA256.hash(data: bytes)) }

    /// A file name for the batch: `SE.abi` or `AE.abi`.
    public var fileName: String { "\(application.rawValue).abi" }

    /// The transaction an `X0` batch error points at.
    public func transaction(block: Int, number: Int) -> ABIBatchTransaction? {
        transactions.first { $0.block == block && $0.number == number }
    }

    /// The transaction of an entry.
    public func transaction(for entryNumber: EntryNumber) -> ABIBatchTransaction? {
        transactions.first { $0.entryNumber == entryNumber }
    }
}
