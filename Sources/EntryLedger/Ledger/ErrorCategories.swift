import LedgerFormat

// The exit category of each of the domain's and the store's errors, in one place.

extension BackupError: CategorizedError { public var exitCategory: ExitCategory { .input } }
extension BundleError: CategorizedError { public var exitCategory: ExitCategory { .input } }
extension ABIError: CategorizedError { public var exitCategory: ExitCategory { .input } }
extension ACEResponseError: CategorizedError { public var exitCategory: ExitCategory { .input } }
extension EntryValidationError: CategorizedError { public var exitCategory: ExitCategory { .input } }
extension EntryNumberError: CategorizedError { public var exitCategory: ExitCategory { .input } }
