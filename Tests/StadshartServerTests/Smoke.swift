import Testing
import VaporTesting
@testable import StadshartServer
@Test func smoke2() { #expect(true) }
