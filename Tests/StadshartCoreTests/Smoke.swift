import Testing
@testable import StadshartCore
@Test func smoke() { #expect(true) }
