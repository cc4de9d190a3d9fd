import Foundation

/// Prints the HTML report to PDF with headless Chromium (Debian's `chromium`), where it is
/// installed: `$ENTRYLEDGER_CHROMIUM`, else `chromium`, `chromium-browser` or `google-chrome`
/// on the PATH. The page size follows the printer's default (Letter or A4); the report's CSS
/// fits both.
///
/// ```swift
/// try ReportPDF.print(html: html, to: "accounting.pdf")
/// ```
public enum ReportPDF {
    /// The browser to print with, or nil when none is installed.
    public static func browser() -> String? {
        let env = ProcessInfo.processInfo.environment
        if let b = env["ENTRYLEDGER_CHROMIUM"], !b.isEmpty { return FileManager.default.isExecutableFile(atPath: b) ? b : nil }
        for dir in (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            for name in ["chromium", "chromium-browser", "google-chrome"] {
                let p = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: p) { return p }
            }
        }
        return nil
    }

    /// How long the browser may take to print (a report of 100,000 entries is long).
    public static let timeoutSeconds = 600

    /// Writes the PDF of `html` to `path`, whole or not at all.
    public static func print(html: String, to path: String) throws(ReportError) {
        guard let browser = browser() else {
            throw ReportError("a PDF needs headless Chromium, and none is installed (apt-get install chromium); write --format html and print it from a browser instead")
        }
        let work = NSTemporaryDirectory() + "entryledger-pdf-" + UUID().uuidString
        do { try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true) } catch {
            throw ReportError("cannot make a temporary folder for the PDF: \(error)")
        }
        defer { try? FileManager.default.removeItem(atPath: work) }
        let page = work + "/report.html", pdf = work + "/report.pdf"
        guard FileManager.default.createFile(atPath: page, contents: Data(html.utf8)) else { throw ReportError("cannot write \(page)") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: browser)
        p.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(work)/profile", "--no-pdf-header-footer",
                       "--print-to-pdf-no-header", "--print-to-pdf=\(pdf)", "file://\(page)"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        let done = DispatchSemaphore(value: 0)
        p.terminationHandler = { _ in done.signal() }
        do { try p.run() } catch { throw ReportError("cannot run \(browser): \(error)") }
        if done.wait(timeout: .now() + .seconds(timeoutSeconds)) == .timedOut {
            p.terminate()
            _ = done.wait(timeout: .now() + .seconds(5))
            throw ReportError("\(browser) did not finish printing the report within \(timeoutSeconds) seconds")
        }
        guard let bytes = FileManager.default.contents(atPath: pdf), bytes.starts(with: Data("%PDF".utf8)) else {
            throw ReportError("\(browser) did not print the report to PDF (exit \(p.terminationStatus))")
        }
        try ReportFile.write([UInt8](bytes), to: path)
    }
}
