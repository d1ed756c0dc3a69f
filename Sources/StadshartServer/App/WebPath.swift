import StadshartCore
import Vapor

/// A page address: the pattern the router matches and the links that point at it come from
/// the same value, so a link cannot point at a route that is gone.
struct WebPath: Sendable {
    let pattern: String

    var components: [PathComponent] { pattern.pathComponents }

    /// Fills the ":name" parts in order: `Web.plan.link("assen", 2019)` → "/assen/jaarplan/2019".
    func link(_ values: CustomStringConvertible...) -> String {
        var remaining = values.makeIterator()
        let parts = pattern.split(separator: "/").map { part -> String in
            guard part.hasPrefix(":") else { return String(part) }
            let value = remaining.next()?.description ?? ""
            return value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? value
        }
        return "/" + parts.joined(separator: "/")
    }
}

/// Every page of the web interface.
enum Web {
    static let home = WebPath(pattern: "")
    static let privacy = WebPath(pattern: "privacy")
    static let accessibility = WebPath(pattern: "toegankelijkheid")
    static let centre = WebPath(pattern: ":centre")
    static let newPlan = WebPath(pattern: ":centre/jaarplannen")
    static let plan = WebPath(pattern: ":centre/jaarplan/:year")
    static let whoDoesWhat = WebPath(pattern: ":centre/jaarplan/:year/wie-doet-wat")
    static let newAction = WebPath(pattern: ":centre/jaarplan/:year/acties/nieuw")
    static let adopt = WebPath(pattern: ":centre/jaarplan/:year/vaststellen")
    static let planPeriod = WebPath(pattern: ":centre/jaarplan/:year/looptijd")
    static let nextYear = WebPath(pattern: ":centre/jaarplan/:year/volgend-jaar")
    static let exportCSV = WebPath(pattern: ":centre/jaarplan/:year/export.csv")
    static let action = WebPath(pattern: ":centre/acties/:id")
    static let editAction = WebPath(pattern: ":centre/acties/:id/bewerken")
    static let addProgress = WebPath(pattern: ":centre/acties/:id/voortgang")
    static let deleteAction = WebPath(pattern: ":centre/acties/:id/verwijderen")
    static let newKeyPoint = WebPath(pattern: ":centre/themalijnen/:code/kernpunten/nieuw")
    static let editKeyPoint = WebPath(pattern: ":centre/kernpunten/:id/bewerken")

    static let signIn = WebPath(pattern: "inloggen")
    static let secondStep = WebPath(pattern: "inloggen/code")
    static let signOut = WebPath(pattern: "uitloggen")
    static let account = WebPath(pattern: "account")
    static let changePassword = WebPath(pattern: "account/wachtwoord")
    static let twoStep = WebPath(pattern: "account/tweestaps")
    static let twoStepOff = WebPath(pattern: "account/tweestaps/uit")
    static let tokens = WebPath(pattern: "account/tokens")
    static let revokeToken = WebPath(pattern: "account/tokens/:id/intrekken")

    static let register = WebPath(pattern: ":centre/panden")
    static let registerMap = WebPath(pattern: ":centre/kaart")
    static let premises = WebPath(pattern: ":centre/panden/:key")
    static let business = WebPath(pattern: ":centre/vestigingen/:key")
    static let temporaryUse = WebPath(pattern: ":centre/panden/:key/tijdelijk-gebruik")
    static let plannedChange = WebPath(pattern: ":centre/panden/:key/verkleuring")
    static let zones = WebPath(pattern: ":centre/zones")
    static let coreZone = WebPath(pattern: ":centre/zones/kernwinkelgebied")
    static let registerImport = WebPath(pattern: ":centre/register/import")
    static let premisesCSV = WebPath(pattern: ":centre/register/panden.csv")
    static let businessesCSV = WebPath(pattern: ":centre/register/vestigingen.csv")
    static let premisesVacant = WebPath(pattern: ":centre/panden/:key/leeg")
    static let premisesLet = WebPath(pattern: ":centre/panden/:key/niet-leeg")
    static let vacancy = WebPath(pattern: ":centre/leegstand")
    static let available = WebPath(pattern: ":centre/beschikbare-panden")

    static let auditLog = WebPath(pattern: ":centre/logboek")
    static let auditCSV = WebPath(pattern: ":centre/logboek.csv")
    static let history = WebPath(pattern: ":centre/geschiedenis/:kind/:id")

    static let monitor = WebPath(pattern: ":centre/monitor")
    static let indicator = WebPath(pattern: ":centre/monitor/indicatoren/:key")
    static let newIndicator = WebPath(pattern: ":centre/monitor/indicatoren/nieuw")
    static let editIndicator = WebPath(pattern: ":centre/monitor/indicatoren/:key/bewerken")
    static let recordMeasurement = WebPath(pattern: ":centre/monitor/indicatoren/:key/metingen")
    static let deleteMeasurement = WebPath(pattern: ":centre/monitor/metingen/:id/verwijderen")
    static let monitorReport = WebPath(pattern: ":centre/monitor/verslag")
    static let monitorImport = WebPath(pattern: ":centre/monitor/import")
    static let measurementsCSV = WebPath(pattern: ":centre/monitor/metingen.csv")
    static let monitorAreas = WebPath(pattern: ":centre/monitor/gebieden")
    static let progress = WebPath(pattern: ":centre/voortgang")

    static let agenda = WebPath(pattern: ":centre/economische-agenda")
    static let agendaTag = WebPath(pattern: ":centre/economische-agenda/koppelingen")
    static let newProgramme = WebPath(pattern: ":centre/economische-agenda/programmas")
    static let agendaCellText = WebPath(pattern: ":centre/economische-agenda/cellen/:cell/tekst")
    static let agendaUntag = WebPath(pattern: ":centre/economische-agenda/cellen/:cell/acties/:id/ontkoppelen")

    static let events = WebPath(pattern: ":centre/evenementen")
    static let eventsFeed = WebPath(pattern: ":centre/evenementen.ics")
    static let event = WebPath(pattern: ":centre/evenementen/:id")
    static let eventCalendar = WebPath(pattern: ":centre/kalender")
    static let newEvent = WebPath(pattern: ":centre/kalender/nieuw")
    static let editEvent = WebPath(pattern: ":centre/kalender/evenementen/:id")
    static let acknowledge = WebPath(pattern: ":centre/kalender/erkenningen")
    static let eventImport = WebPath(pattern: ":centre/kalender/import")
    static let eventSettings = WebPath(pattern: ":centre/kalender/instellingen")
    static let decideProposal = WebPath(pattern: ":centre/kalender/evenementen/:id/besluit")
    static let proposals = WebPath(pattern: ":centre/voorstellen")
    static let newProposal = WebPath(pattern: ":centre/voorstellen/nieuw")
    static let proposal = WebPath(pattern: ":centre/voorstellen/:id")
    static let withdrawProposal = WebPath(pattern: ":centre/voorstellen/:id/intrekken")
    static let openingHours = WebPath(pattern: ":centre/openingstijden")
    static let eventSources = WebPath(pattern: ":centre/kalender/bronnen")
    static let eventSource = WebPath(pattern: ":centre/kalender/bronnen/:key")
    static let fetchEventSource = WebPath(pattern: ":centre/kalender/bronnen/:key/ophalen")

    static let accounts = WebPath(pattern: ":centre/beheer/accounts")
    static let accountAdmin = WebPath(pattern: ":centre/beheer/accounts/:id")
    static let addRole = WebPath(pattern: ":centre/beheer/accounts/:id/rollen")
    static let removeRole = WebPath(pattern: ":centre/beheer/accounts/:id/rollen/:role/verwijderen")
    static let resetPassword = WebPath(pattern: ":centre/beheer/accounts/:id/wachtwoord")
    static let disable = WebPath(pattern: ":centre/beheer/accounts/:id/blokkeren")
    static let enable = WebPath(pattern: ":centre/beheer/accounts/:id/deblokkeren")
    static let endSessions = WebPath(pattern: ":centre/beheer/accounts/:id/sessies")
    static let personalData = WebPath(pattern: ":centre/beheer/accounts/:id/gegevens.json")
    static let erase = WebPath(pattern: ":centre/beheer/accounts/:id/wissen")
    static let liftLockout = WebPath(pattern: ":centre/beheer/accounts/:id/inlogblokkade-opheffen")
}

/// What every page's frame needs: the title and the navigation of the centre in view.
struct Layout: Encodable {
    var title: String
    var centreName: String?
    var centreLink: String?
    /// One link to the plan (the working year's, else the newest this person may see), not one
    /// per year: the other years are on the plan page and the start page.
    var planLinks: [Link] = []
    /// What the form before this page changed ("Opgeslagen: …"), shown once.
    var notice: String?
    /// The demo's working day ("1 juni 2020"), for the banner that says the demo is on that day.
    var workingDay: String?
    /// Where the public reaches the centre's partnership, for the footer.
    var contact: ContactView?
    var privacyLink = Web.privacy.link()
    var accessibilityLink = Web.accessibility.link()
    /// The signed-in person's name, and what their roles open up in this centre.
    var userName: String?
    var demoAccount = false
    var auditLink: String?
    var accountsLink: String?
    var registerLink: String?
    var vacancyLink: String?
    var monitorLink: String?
    var progressLink: String?
    var eventsLink: String?
    /// The regional calendars' sources, for the coordinator's calendar pages.
    var eventSourcesLink: String?
    /// Every form that changes something carries this (see CSRFMiddleware).
    var csrf: String = ""
    /// The account pages, for the header and the account forms.
    var paths = AccountPaths()

    struct AccountPaths: Encodable {
        var account = Web.account.link()
        var changePassword = Web.changePassword.link()
        var twoStep = Web.twoStep.link()
        var twoStepOff = Web.twoStepOff.link()
        var tokens = Web.tokens.link()
        var signIn = Web.signIn.link()
        var secondStep = Web.secondStep.link()
        var signOut = Web.signOut.link()
    }

    struct Link: Encodable {
        var label: String
        var href: String
    }

    init(title: String, request: Request, centre: Centre? = nil, years: [Int] = []) {
        self.title = title
        workingDay = request.application.clock.workingDay?.dutch
        notice = request.notice
        let principal = request.principal
        userName = principal?.user.name
        demoAccount = principal?.user.demo ?? false
        csrf = principal?.session?.csrfToken ?? request.pendingSession?.csrfToken ?? ""
        if let centre {
            centreName = centre.name
            centreLink = Web.centre.link(centre.slug)
            let year = years.contains(request.today.year) ? request.today.year : years.first
            planLinks = year.map { [Link(label: "Jaarplan", href: Web.plan.link(centre.slug, $0))] } ?? []
            contact = centre.contact.map(ContactView.init)
            let grants = request.grants
            vacancyLink = Web.vacancy.link(centre.slug)
            progressLink = Web.progress.link(centre.slug)
            eventsLink = Web.events.link(centre.slug)
            if Access.allows(grants, .readMonitor, in: centre.slug) { monitorLink = Web.monitor.link(centre.slug) }
            if Access.allows(grants, .readRegister, in: centre.slug) { registerLink = Web.register.link(centre.slug) }
            if Access.allows(grants, .readAudit, in: centre.slug) { auditLink = Web.auditLog.link(centre.slug) }
            if Access.allows(grants, .manageAccounts, in: centre.slug) { accountsLink = Web.accounts.link(centre.slug) }
            if Access.allows(grants, .editEvents, in: centre.slug) {
                eventSourcesLink = Web.eventSources.link(centre.slug)
            }
        }
    }
}

extension Layout {
    /// The frame of a centre's page, with the plan years this person may open.
    static func centre(_ title: String, _ centre: Centre, request: Request) async throws -> Layout {
        let years = try await PlanService.visibleYears(centre, for: request.grants, on: request.db)
        return Layout(title: title, request: request, centre: centre, years: years)
    }
}

/// One option of a <select>.
struct SelectOption: Encodable {
    var value: String
    var label: String
    var selected: Bool
}

extension Request {
    /// Web pages answer a finished form with 303 See Other, so a reload does not post again.
    func seeOther(_ location: String) -> Response {
        redirect(to: location, redirectType: .normal)
    }
}
