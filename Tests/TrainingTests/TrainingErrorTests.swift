import Testing
import Training

@Suite struct TrainingErrorTests {
    @Test func descriptionNamesTheContext() {
        let error = TrainingError(.invalidSpec, "\"3x\" is not a duration", context: "features[1].ttl")
        #expect(error.description == "features[1].ttl: \"3x\" is not a duration")
        #expect(TrainingError(.leakage, "entity C1 is in train and test").description == "entity C1 is in train and test")
    }
}
