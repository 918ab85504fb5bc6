import Testing
@testable import Training

@Suite struct TimeSpanTests {
    @Test func parsesUnitsAndSums() throws {
        #expect(TimeSpan(parsing: "30d") == TimeSpan(seconds: 30 * 86_400))
        #expect(TimeSpan(parsing: "12h") == TimeSpan(seconds: 12 * 3_600))
        #expect(TimeSpan(parsing: "1d12h") == TimeSpan(seconds: 36 * 3_600))
        #expect(TimeSpan(parsing: "2w") == TimeSpan(seconds: 14 * 86_400))
        #expect(TimeSpan(parsing: "90m") == TimeSpan(seconds: 5_400))
        #expect(TimeSpan(parsing: "45s") == TimeSpan(seconds: 45))
        #expect(TimeSpan(parsing: "2000ms") == TimeSpan(seconds: 2))
    }

    @Test func rejectsMalformed() {
        for text in ["", "3x", "d", "12", "1.5h", "-1d", "1500ms", "99999999999999999999d"] {
            #expect(TimeSpan(parsing: text) == nil, "\(text)")
        }
    }

    @Test func canonicalText() {
        #expect(TimeSpan(seconds: 36 * 3_600).description == "1d12h")
        #expect(TimeSpan(seconds: 14 * 86_400).description == "2w")
        #expect(TimeSpan(seconds: 15 * 86_400).description == "15d")
        #expect(TimeSpan(seconds: 0).description == "0s")
    }

    @Test func instants() throws {
        #expect(Instant(parsing: "1970-01-02")?.microseconds == 86_400_000_000)
        #expect(Instant(parsing: "2024-03-01T06:30:00Z")?.microseconds == Instant(parsing: "2024-03-01T08:30:00+02:00")?.microseconds)
        #expect(Instant(parsing: "2024-02-29")?.microseconds == 1_709_164_800_000_000)
        #expect(Instant(parsing: "2024-01-01T00:00:00.5Z")?.microseconds == 1_704_067_200_500_000)
        for bad in ["2023-02-29", "2024-13-01", "2024-1-1", "yesterday", "2024-01-01T25:00", "2024-01-01Z"] {
            #expect(Instant(parsing: bad) == nil, "\(bad)")
        }
        #expect(Instant(microseconds: 1_704_067_200_500_000).text == "2024-01-01T00:00:00.500000Z")
        #expect(Instant(microseconds: 1_709_164_800_000_000).text == "2024-02-29")
    }
}
