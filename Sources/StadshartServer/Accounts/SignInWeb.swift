import Fluent
import StadshartCore
import Vapor

/// Signing in (password, then the one-time code when the account has one) and out.
enum SignInWeb {
    struct SignInPage: Encodable {
        var layout: Layout
        var email: String
        var back: String
        var error: String?
    }

    struct CodePage: Encodable {
        var layout: Layout
        var back: String
        var error: String?
    }

    static func register(_ routes: Pages) {
        routes.get(Web.signIn, .anyone) { req in
            try await req.view.render(
                "signin", SignInPage(layout: Layout(title: "Inloggen", request: req), email: "", back: back(req)))
        }
        routes.post(Web.signIn, .anyone) { req -> Response in
            let form = FormBody(req)
            let back = safeBack(form["terug"])
            do {
                let result = try await AccountService.signIn(
                    email: form["email"], password: form["password"], address: req.clientAddress,
                    passwords: req.password.async, delay: req.application.environment != .testing, on: req.db,
                    now: req.now)
                let (user, pending) =
                    switch result {
                    case .signedIn(let user): (user, false)
                    case .needsCode(let user): (user, true)
                    }
                let token = try await AccountService.startSession(
                    for: user, pendingSecondStep: pending, address: req.clientAddress,
                    replacing: req.principal?.session ?? req.pendingSession, on: req.db, now: req.now)
                let response = req.seeOther(
                    pending ? Web.secondStep.link() + "?terug=" + back : try await landing(back, for: user, on: req.db))
                response.setSessionCookie(token, for: req)
                return response
            } catch let error as StadshartError where [.unauthorized, .tooManyRequests].contains(error.status) {
                let page = SignInPage(
                    layout: Layout(title: "Inloggen", request: req), email: form["email"] ?? "", back: back,
                    error: error.detail)
                let response = try await req.view.render("signin", page).encodeResponse(for: req)
                response.status = error.status
                return response
            }
        }
        routes.get(Web.secondStep, .anyone) { req -> Response in
            guard req.pendingSession != nil else { return req.seeOther(Web.signIn.link()) }
            return try await req.view.render(
                "code", CodePage(layout: Layout(title: "Code", request: req), back: back(req))
            ).encodeResponse(for: req)
        }
        routes.post(Web.secondStep, .anyone) { req -> Response in
            guard let session = req.pendingSession else { return req.seeOther(Web.signIn.link()) }
            let form = FormBody(req)
            let user = try await User.find(session.$user.id, on: req.db)!
            guard try await TwoStep.verify(user, code: form["code"], on: req.db, now: req.now) else {
                let exhausted = try await AccountService.wrongSecondStep(
                    session, of: user,
                    by: Actor(userID: user.id, name: user.name, address: req.clientAddress, now: req.now), on: req.db)
                if exhausted {
                    let page = SignInPage(
                        layout: Layout(title: "Inloggen", request: req), email: user.email, back: Web.home.link(),
                        error: "Te vaak een verkeerde code. Log opnieuw in.")
                    let response = try await req.view.render("signin", page).encodeResponse(for: req)
                    response.status = .unauthorized
                    response.setSessionCookie(nil, for: req)
                    return response
                }
                let page = CodePage(
                    layout: Layout(title: "Code", request: req), back: safeBack(form["terug"]),
                    error: "Deze code klopt niet. Probeer de nieuwste code uit uw app, of een herstelcode.")
                let response = try await req.view.render("code", page).encodeResponse(for: req)
                response.status = .unauthorized
                return response
            }
            let token = try await AccountService.startSession(
                for: user, pendingSecondStep: false, address: req.clientAddress, replacing: session, on: req.db,
                now: req.now)
            let response = req.seeOther(try await landing(safeBack(form["terug"]), for: user, on: req.db))
            response.setSessionCookie(token, for: req)
            return response
        }
        routes.post(Web.signOut, .ownSession) { req -> Response in
            if let session = req.principal?.session {
                try await AccountService.signOut(session, by: req.actor, on: req.db)
            }
            let response = req.seeOther(Web.home.link())
            response.setSessionCookie(nil, for: req)
            return response
        }
    }

    /// Where a person lands after signing in: the page they came from, or else the start page of
    /// the centre they work in (the first, for the rare person with roles in several).
    static func landing(_ back: String, for user: User, on db: any Database) async throws -> String {
        guard back == Web.home.link(), let id = user.id else { return back }
        let centres = try await AccountService.grants(of: id, on: db).map(\.centre)
        return centres.sorted().first.map { Web.centre.link($0) } ?? back
    }

    static func back(_ req: Request) -> String {
        safeBack(req.query["terug"])
    }

    /// Only a path on this site: a sign-in link must not send people elsewhere.
    static func safeBack(_ path: String?) -> String {
        guard let path, path.hasPrefix("/"), !path.hasPrefix("//"),
            path.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" }),
            let components = URLComponents(string: path), components.host == nil, components.scheme == nil
        else { return "/" }
        return path
    }
}
