import Catalog
import Foundation
import Testing

/// Training sets and models behave alike in every store.
@Suite("Catalog store conformance: training sets and models")
struct TrainingSetModelConformanceTests {
    static func trainingSet(_ name: String, inputs: [VersionRef] = [VersionRef(productID: "customers.profiles", version: 2)]) -> TrainingSetRecord {
        TrainingSetRecord(name: name, specYAML: "name: \(name)\nlabel: {product: customers.profiles}\n", specHash: String(repeating: "ab", count: 32),
                          table: "trainsets.\(name)", manifest: #"{"inputs":[{"product":"customers.profiles","version":2}],"rows":{"train":80}}"#,
                          contentHash: String(repeating: "cd", count: 32), inputs: inputs, owner: "risk-ml", builtAt: Fixture.t(50), builtBy: "mia")
    }

    @Test(arguments: StoreKind.allCases)
    func trainingSetsRoundTripUniqueByName(_ kind: StoreKind) throws {
        let store = try kind.make()
        let loan = Self.trainingSet("loan_risk", inputs: [VersionRef(productID: "customers.profiles", version: 2), VersionRef(productID: "payments.transactions", version: 7)])
        let churn = Self.trainingSet("churn")
        try write(store) { tx throws(CatalogError) in
            try tx.insertTrainingSet(loan)
            try tx.insertTrainingSet(churn)
        }
        let duplicate = catalogError { () throws(CatalogError) in try write(store) { tx throws(CatalogError) in try tx.insertTrainingSet(Self.trainingSet("churn")) } }
        #expect(duplicate?.kind == .alreadyExists)
        #expect(duplicate?.context == "churn")
        try read(store) { tx throws(CatalogError) in
            #expect(try tx.trainingSet("loan_risk") == loan)
            #expect(try tx.trainingSet("missing") == nil)
            #expect(try tx.trainingSets() == [churn, loan])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func modelsNeedTheirTrainingSetAndListByTrainingSet(_ kind: StoreKind) throws {
        let store = try kind.make()
        try write(store) { tx throws(CatalogError) in
            try tx.insertTrainingSet(Self.trainingSet("loan_risk"))
            try tx.insertTrainingSet(Self.trainingSet("churn"))
        }
        let a = ModelRecord(name: "loan_risk_gbm", trainingSet: "loan_risk", metrics: #"{"auc":0.91}"#, owner: "risk-ml", registeredAt: Fixture.t(60), registeredBy: "mia")
        let b = ModelRecord(name: "loan_risk_lr", trainingSet: "loan_risk", owner: "risk-ml", registeredAt: Fixture.t(61), registeredBy: "mia")
        let c = ModelRecord(name: "churn_v1", trainingSet: "churn", owner: "crm-ml", registeredAt: Fixture.t(62), registeredBy: "ravi")
        try write(store) { tx throws(CatalogError) in
            for model in [b, c, a] { try tx.insertModel(model) }
        }
        let orphan = catalogError { () throws(CatalogError) in
            try write(store) { tx throws(CatalogError) in
                try tx.insertModel(ModelRecord(name: "orphan", trainingSet: "nowhere", owner: "x", registeredAt: Fixture.t(70), registeredBy: "x"))
            }
        }
        #expect(orphan?.kind == .invalid)
        #expect(orphan?.context == "nowhere")
        let duplicate = catalogError { () throws(CatalogError) in try write(store) { tx throws(CatalogError) in try tx.insertModel(a) } }
        #expect(duplicate?.kind == .alreadyExists)
        try read(store) { tx throws(CatalogError) in
            #expect(try tx.model("loan_risk_gbm") == a)
            #expect(try tx.model("orphan") == nil)
            #expect(try tx.models(trainingSet: nil) == [c, a, b])
            #expect(try tx.models(trainingSet: "loan_risk") == [a, b])
            #expect(try tx.models(trainingSet: "none").isEmpty)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aFailedWriteLeavesNoTrainingSet(_ kind: StoreKind) throws {
        let store = try kind.make()
        _ = catalogError { () throws(CatalogError) in
            try write(store) { tx throws(CatalogError) in
                try tx.insertTrainingSet(Self.trainingSet("loan_risk"))
                throw CatalogError(.conflict, "abort")
            }
        }
        #expect(try read(store) { tx throws(CatalogError) in try tx.trainingSets() }.isEmpty)
    }
}
