import EntryLedger
import EntryLedgerDesk
import Foundation
import LedgerFormat
import Testing

/// Sign-in, sessions and the guards every request passes: Host, Origin, session, CSRF.
@Suite struct DeskDoorTests {
    @Test func aClerkSignsInWithTheirSealedKeyAndSeesTheirName() async throws {
        let f = try DeskFixture()
        let (session, _) = try await f.signIn()
        let r = await f.request("GET", "/", session: session)
        #expect(r.status == 200)
        #expect(r.text.contains("alice (clerk)"))
        #expect(await f.app.sessionCount == 1)
        // The cookie is the session's random id alone, out of scripts' reach.
        #expect(session.count == 64)
    }

    @Test func aWrongPassphraseOpensNoSession() async throws {
        let f = try DeskFixture()
        let page = await f.request("GET", "/signin")
        let token = try #require(DeskFixture.cookie(page, "desk_signin"))
        let r = await f.request("POST", "/signin", form: [("csrf", token), ("key", "alice.key"), ("passphrase", "guess")],
                                headers: ["cookie": "desk_signin=\(token)"])
        #expect(r.status == 401)
        #expect(r.text.contains("Wrong passphrase for alice.key"))
        #expect(DeskFixture.cookie(r, "desk_session") == nil)
        #expect(await f.app.sessionCount == 0)
    }

    @Test func fiveWrongPassphrasesLockTheKeyForAMinute() async throws {
        let f = try DeskFixture()
        let page = await f.request("GET", "/signin")
        let token = try #require(DeskFixture.cookie(page, "desk_signin"))
        func attempt(_ passphrase: String) async -> Int {
            await f.request("POST", "/signin", form: [("csrf", token), ("key", "alice.key"), ("passphrase", passphrase)],
                            headers: ["cookie": "desk_signin=\(token)"]).status
        }
        for _ in 0..<5 { #expect(await attempt("guess") == 401) }
        #expect(await attempt(DeskFixture.passphrase) == 429, "even the right passphrase waits")
        #expect(await f.app.sessionCount == 0)
        f.clock.advance(61)
        #expect(await attempt(DeskFixture.passphrase) == 303)
        // Another key is not locked by alice's failures.
        _ = try await f.signIn("supervisor.key")
    }

    @Test func anUnsealedKeyFileOrAKeyOutsideTheFolderIsRefused() async throws {
        let f = try DeskFixture()
        try KeyFile.write(LedgerSigningKey(name: "bob"), to: f.dir + "/keys/bob.key")
        let page = await f.request("GET", "/signin")
        let token = try #require(DeskFixture.cookie(page, "desk_signin"))
        let unsealed = await f.request("POST", "/signin", form: [("csrf", token), ("key", "bob.key"), ("passphrase", "")],
                                       headers: ["cookie": "desk_signin=\(token)"])
        #expect(unsealed.status == 401)
        #expect(unsealed.text.contains("sealed keys only"))
        let outside = await f.request("POST", "/signin", form: [("csrf", token), ("key", "../keys/alice.key"), ("passphrase", DeskFixture.passphrase)],
                                      headers: ["cookie": "desk_signin=\(token)"])
        #expect(outside.status == 401)
        #expect(await f.app.sessionCount == 0)
    }

    @Test func aSealedKeyNotEnrolledInTheLedgerIsRefused() async throws {
        let f = try DeskFixture()
        try KeyFile.write(LedgerSigningKey(name: "mallory"), to: f.dir + "/keys/mallory.key", passphrase: DeskFixture.passphrase, scrypt: DeskFixture.scrypt)
        let page = await f.request("GET", "/signin")
        let token = try #require(DeskFixture.cookie(page, "desk_signin"))
        let r = await f.request("POST", "/signin", form: [("csrf", token), ("key", "mallory.key"), ("passphrase", DeskFixture.passphrase)],
                                headers: ["cookie": "desk_signin=\(token)"])
        #expect(r.status == 401)
        #expect(r.text.contains("not enrolled"))
    }

    @Test func signInWithoutTheFormsTokenIsRefused() async throws {
        let f = try DeskFixture()
        let r = await f.request("POST", "/signin", form: [("key", "alice.key"), ("passphrase", DeskFixture.passphrase)])
        #expect(r.status == 403)
        #expect(await f.app.sessionCount == 0)
    }

    @Test func everyRequestWithoutASessionIsRefused() async throws {
        let f = try DeskFixture()
        let page = await f.request("GET", "/")
        #expect(page.status == 303)
        #expect(page.header("Location") == "/signin")
        for path in ["/new", "/incident", "/supervisor", "/entries/EL7-1000005-9", "/entries/EL7-1000005-9/forms.pdf", "/desk.js"] {
            #expect((await f.request("GET", path)).status == 303, "GET \(path)")
        }
        for path in ["/api/check", "/api/submit", "/api/draft", "/entries/EL7-1000005-9/release", "/signout"] {
            let r = await f.request("POST", path, json: DeskFixture.body(try DeskFixture.sample()))
            #expect(r.status == 401, "POST \(path)")
        }
        // A made-up session id is no session.
        #expect((await f.request("POST", "/api/check", session: String(repeating: "a", count: 64), csrf: "x", json: "{}")).status == 401)
        #expect(try f.recordCount() == 3)
    }

    @Test func aRequestFromAnotherOriginIsRefusedEvenWithASession() async throws {
        let f = try DeskFixture()
        let (session, csrf) = try await f.signIn()
        let body = DeskFixture.body(try DeskFixture.sample())
        for origin in ["http://evil.example", "http://127.0.0.1:9999", "https://127.0.0.1:8461", "null"] {
            let r = await f.request("POST", "/api/submit", session: session, csrf: csrf, json: body, headers: ["origin": origin])
            #expect(r.status == 403, "Origin \(origin)")
        }
        let get = await f.request("GET", "/", session: session, headers: ["origin": "http://evil.example"])
        #expect(get.status == 403)
        let crossSite = await f.request("GET", "/entries/EL7-1000005-9/forms.pdf", session: session, headers: ["sec-fetch-site": "cross-site"])
        #expect(crossSite.status == 403)
        // A POST with no Origin at all (not what a browser sends) is refused too.
        var h = ["host": "127.0.0.1:8461", "cookie": "desk_session=\(session)", "x-csrf-token": csrf]
        h["content-type"] = "application/json"
        let bare = await f.app.handle(DeskRequest(method: "POST", path: "/api/submit", headers: h, body: Array(body.utf8)))
        #expect(bare.status == 403)
        #expect(try f.recordCount() == 3)
    }

    @Test func anotherHostNameIsRefused() async throws {
        let f = try DeskFixture()
        let (session, _) = try await f.signIn()
        for host in ["evil.example:8461", "127.0.0.1:8462", "attacker.127.0.0.1.nip.io:8461"] {
            let r = await f.request("GET", "/", session: session, headers: ["host": host])
            #expect(r.status == 421, "Host \(host)")
        }
        #expect((await f.request("GET", "/", session: session, headers: ["host": "localhost:8461"])).status == 200)
    }

    @Test func everyPostNeedsTheSessionsCSRFToken() async throws {
        let f = try DeskFixture()
        let (session, csrf) = try await f.signIn()
        let other = try await f.signIn()
        let body = DeskFixture.body(try DeskFixture.sample())
        #expect((await f.request("POST", "/api/submit", session: session, json: body)).status == 403)
        #expect((await f.request("POST", "/api/submit", session: session, csrf: other.csrf, json: body)).status == 403)
        #expect((await f.request("POST", "/entries/EL7-1000005-9/release", session: session, form: [("date", "2026-11-20")])).status == 403)
        #expect((await f.request("POST", "/signout", session: session, form: [])).status == 403)
        #expect(try f.recordCount() == 3)
        #expect((await f.request("POST", "/api/check", session: session, csrf: csrf, json: body)).status == 200)
    }

    @Test func aSessionEndsAfterTheIdleTimeoutAndActivityKeepsItAlive() async throws {
        let f = try DeskFixture(idleTimeout: 600)
        let (session, csrf) = try await f.signIn()
        f.clock.advance(500)
        #expect((await f.request("GET", "/", session: session)).status == 200)
        f.clock.advance(500)
        #expect((await f.request("POST", "/api/check", session: session, csrf: csrf, json: "{\"entry\":{}}")).status == 200)
        f.clock.advance(601)
        let r = await f.request("GET", "/", session: session)
        #expect(r.status == 303)
        #expect(r.header("Location") == "/signin?expired=1")
        #expect(await f.app.sessionCount == 0)
        #expect((await f.request("POST", "/api/check", session: session, csrf: csrf, json: "{\"entry\":{}}")).status == 401)
        #expect((await f.request("GET", "/signin?expired=1")).text.contains("without activity"))
    }

    @Test func signingOutEndsTheSession() async throws {
        let f = try DeskFixture()
        let (session, csrf) = try await f.signIn()
        let r = await f.request("POST", "/signout", session: session, csrf: csrf, form: [])
        #expect(r.status == 303)
        #expect(await f.app.sessionCount == 0)
        #expect((await f.request("GET", "/", session: session)).status == 303)
    }

    @Test func theSupervisorsPagesNeedTheSupervisorsKey() async throws {
        let f = try DeskFixture()
        let clerk = try await f.signIn()
        #expect((await f.request("GET", "/supervisor", session: clerk.session)).status == 403)
        let sup = try await f.signIn("supervisor.key")
        let page = await f.request("GET", "/supervisor", session: sup.session)
        #expect(page.status == 200)
        #expect(page.text.contains("EL7-1000001-8 to EL7-1000050-5"))
        #expect(page.text.contains(f.clerk.keyID))
    }

    @Test func everyResponseForbidsFramingAndForeignScripts() async throws {
        let f = try DeskFixture()
        for r in [await f.request("GET", "/signin"), await f.request("GET", "/"), await f.request("GET", "/x", headers: ["host": "evil"])] {
            #expect(r.header("X-Frame-Options") == "DENY")
            #expect(r.header("Content-Security-Policy")?.contains("script-src 'self'") == true)
            #expect(r.header("Cache-Control") == "no-store")
        }
        let (session, _) = try await f.signIn()
        let page = await f.request("GET", "/", session: session)
        #expect(!page.text.contains("<script>"), "no inline script: the CSP would block it")
    }
}
