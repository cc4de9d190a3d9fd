/// The format module is part of this library's public face: its types (JSON values, keys,
/// records, checkpoints, the verifier) appear in every signature here.
@_exported import LedgerFormat
