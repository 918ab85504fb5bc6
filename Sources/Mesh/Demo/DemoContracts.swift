/// The ODCS contracts of the demo mesh, one per domain; `mesh demo` also writes them to
/// `DIR/contracts/` for users to read, edit and re-register.
public enum DemoContracts {
    /// `customers-profiles.odcs.yaml`.
    public static let customersProfiles = #"""
apiVersion: v3.1.0
kind: DataContract
id: customers-profiles
name: Customer profiles
version: 1.0.0
status: active
domain: customers
dataProduct: profiles
description:
  purpose: One row per customer with the attributes risk and personalisation models use, refreshed as profiles change.
  limitations: Closed accounts are removed after 30 days. fico_score is the latest bureau pull, not a history.
  usage: Join on customer_id; use updated_at for point-in-time lookups.
tags: [customers, training-data]
schema:
  - name: profiles
    physicalType: table
    description: Current customer profiles.
    quality:
      - id: profiles_row_count
        metric: rowCount
        mustBeGreaterThan: 100
    properties:
      - name: customer_id
        logicalType: string
        primaryKey: true
        primaryKeyPosition: 1
        required: true
        unique: true
        description: Customer id, stable for the customer's lifetime.
        classification: internal
        quality:
          - id: customer_id_not_null
            metric: nullValues
            mustBe: 0
      - name: full_name
        logicalType: string
        description: The customer's full name.
        classification: confidential
        tags: [pii]
        customProperties:
          - property: allowedPurposes
            value: [customer-support, fraud-detection]
      - name: email
        logicalType: string
        description: Contact e-mail address.
        classification: confidential
        tags: [pii]
        customProperties:
          - property: allowedPurposes
            value: [customer-support]
        quality:
          - id: email_shape
            metric: invalidValues
            arguments:
              pattern: '^[^@ ]+@[^@ ]+$'
            mustBe: 0
      - name: country
        logicalType: string
        required: true
        description: ISO 3166 country of residence.
        classification: public
        quality:
          - id: country_valid
            metric: invalidValues
            arguments:
              validValues: [DE, FR, GB, NL, SE, US]
            mustBe: 0
      - name: segment
        logicalType: string
        description: Commercial segment.
        classification: internal
      - name: fico_score
        logicalType: integer
        physicalType: int
        description: Latest bureau FICO score.
        classification: confidential
        authoritativeDefinitions:
          - type: glossaryTerm
            url: glossary:fico_score
        quality:
          - id: fico_score_nulls
            metric: nullValues
            mustBeLessThan: 5
            unit: percent
      - name: updated_at
        logicalType: timestamp
        required: true
        description: When the profile last changed (UTC).
        classification: public
        quality:
          - id: updated_at_fresh
            type: custom
            engine: meshwork
            implementation:
              metric: freshness
              mustBeLessOrEqualTo: 24
              unit: h
slaProperties:
  - property: latency
    value: 24
    unit: h
    element: profiles.updated_at
  - property: retention
    value: 365
    unit: d
team:
  name: customers-data
  description: Customer data platform team.
  members:
    - username: chen
      role: owner
support:
  - channel: '#customers-data'
    tool: slack
"""#

    /// `payments-transactions.odcs.yaml`.
    public static let paymentsTransactions = #"""
apiVersion: v3.1.0
kind: DataContract
id: payments-transactions
name: Card transactions
version: 1.0.0
status: active
domain: payments
dataProduct: transactions
description:
  purpose: Every settled card transaction, one row per authorisation, for fraud models and finance reporting.
  limitations: Declined authorisations are excluded.
  usage: Join on customer_id to customers.profiles; use event_time for time-based splits.
tags: [payments, transactions, training-data]
schema:
  - name: transactions
    physicalType: table
    description: Settled card transactions.
    quality:
      - id: transactions_row_count
        metric: rowCount
        mustBeGreaterThan: 1000
    properties:
      - name: transaction_id
        logicalType: string
        primaryKey: true
        primaryKeyPosition: 1
        required: true
        unique: true
        description: Authorisation id assigned by the card processor.
        classification: internal
        quality:
          - id: transaction_id_not_null
            metric: nullValues
            mustBe: 0
      - name: customer_id
        logicalType: string
        required: true
        description: Customer id, joins to customers.profiles.customer_id.
        classification: confidential
        tags: [pii]
        customProperties:
          - property: allowedPurposes
            value: [fraud-detection, finance-reporting, recommendations]
      - name: merchant_category
        logicalType: string
        required: true
        description: Merchant category (grocery, travel, ...).
        classification: public
      - name: amount
        logicalType: number
        logicalTypeOptions:
          minimum: 0
        physicalType: double
        required: true
        description: Settled amount in currency units.
        classification: internal
        quality:
          - id: amount_mean_range
            type: custom
            engine: meshwork
            severity: warning
            implementation:
              metric: mean
              mustBeBetween: [5, 500]
      - name: currency
        logicalType: string
        required: true
        description: ISO 4217 currency code.
        classification: public
        authoritativeDefinitions:
          - type: glossaryTerm
            url: glossary:currency_code
      - name: event_time
        logicalType: timestamp
        required: true
        description: When the authorisation happened (UTC).
        classification: public
        quality:
          - id: event_time_fresh
            type: custom
            engine: meshwork
            implementation:
              metric: freshness
              mustBeLessOrEqualTo: 6
              unit: h
slaProperties:
  - property: latency
    value: 4
    unit: h
    element: transactions.event_time
  - property: retention
    value: 365
    unit: d
team:
  name: payments-data
  description: Payments data engineering.
  members:
    - username: aline
      role: owner
support:
  - channel: '#payments-data'
    tool: slack
customProperties:
  - property: inputPorts
    value: [customers.profiles]
"""#

    /// `fraud-risk-scores.odcs.yaml`.
    public static let fraudRiskScores = #"""
apiVersion: v3.1.0
kind: DataContract
id: fraud-risk-scores
name: Transaction risk scores
version: 1.0.0
status: active
domain: fraud
dataProduct: risk_scores
description:
  purpose: A fraud risk score and review band for every settled transaction, derived from payments.transactions.
  limitations: Scores come from the production model named in model_version; they are not calibrated probabilities.
  usage: Join on transaction_id; route risk_band high and critical to manual review.
tags: [fraud, training-data]
schema:
  - name: risk_scores
    physicalType: table
    description: One score per transaction.
    quality:
      - id: risk_scores_row_count
        metric: rowCount
        mustBeGreaterThan: 1000
    properties:
      - name: transaction_id
        logicalType: string
        primaryKey: true
        primaryKeyPosition: 1
        required: true
        unique: true
        description: The scored transaction.
        classification: internal
        quality:
          - id: risk_transaction_not_null
            metric: nullValues
            mustBe: 0
      - name: risk_score
        logicalType: number
        physicalType: double
        required: true
        logicalTypeOptions:
          minimum: 0
          maximum: 1
        description: Model score, higher is riskier.
        classification: internal
        quality:
          - id: risk_score_mean
            type: custom
            engine: meshwork
            severity: warning
            implementation:
              metric: mean
              mustBeLessThan: 0.5
      - name: risk_band
        logicalType: string
        required: true
        description: Review routing band.
        classification: internal
        authoritativeDefinitions:
          - type: glossaryTerm
            url: glossary:risk_band
      - name: model_version
        logicalType: string
        required: true
        description: The scoring model's version.
        classification: public
      - name: scored_at
        logicalType: timestamp
        required: true
        description: When the score was computed (UTC).
        classification: public
        quality:
          - id: scored_at_fresh
            type: custom
            engine: meshwork
            implementation:
              metric: freshness
              mustBeLessOrEqualTo: 12
              unit: h
slaProperties:
  - property: latency
    value: 6
    unit: h
    element: risk_scores.scored_at
  - property: retention
    value: 180
    unit: d
team:
  name: fraud-ml
  description: Fraud detection models and features.
  members:
    - username: farah
      role: owner
support:
  - channel: '#fraud-ml'
    tool: slack
customProperties:
  - property: inputPorts
    value: [payments.transactions]
"""#

    /// `recommendations-merchant-affinity.odcs.yaml`.
    public static let recommendationsMerchantAffinity = #"""
apiVersion: v3.1.0
kind: DataContract
id: recommendations-merchant-affinity
name: Merchant affinity features
version: 1.0.0
status: active
domain: recommendations
dataProduct: merchant_affinity
description:
  purpose: Per customer and merchant category, how strongly the customer favours it, as features for offer ranking.
  limitations: Computed daily over the last 90 days of transactions.
  usage: Join on customer_id; computed_at is the feature's event time.
tags: [recommendations, features]
schema:
  - name: merchant_affinity
    physicalType: table
    description: Affinity per customer and category.
    quality:
      - id: affinity_row_count
        metric: rowCount
        mustBeGreaterThan: 100
    properties:
      - name: customer_id
        logicalType: string
        required: true
        description: The customer.
        classification: internal
      - name: merchant_category
        logicalType: string
        required: true
        description: Merchant category.
        classification: public
      - name: affinity
        logicalType: number
        physicalType: double
        required: true
        logicalTypeOptions:
          minimum: 0
          maximum: 1
        description: Share of the customer's spend in the category.
        classification: internal
      - name: computed_at
        logicalType: timestamp
        required: true
        description: When the feature was computed (UTC).
        classification: public
        quality:
          - id: computed_at_fresh
            type: custom
            engine: meshwork
            implementation:
              metric: freshness
              mustBeLessOrEqualTo: 30
              unit: h
slaProperties:
  - property: latency
    value: 24
    unit: h
    element: merchant_affinity.computed_at
  - property: retention
    value: 90
    unit: d
team:
  name: recommendations-ml
  description: Personalisation and ranking.
  members:
    - username: ravi
      role: owner
support:
  - channel: '#reco-ml'
    tool: slack
customProperties:
  - property: inputPorts
    value: [payments.transactions]
"""#

    /// Every contract with the file name it is written under, in registration order.
    public static let all: [(file: String, yaml: String)] = [
        ("customers-profiles.odcs.yaml", customersProfiles),
        ("payments-transactions.odcs.yaml", paymentsTransactions),
        ("fraud-risk-scores.odcs.yaml", fraudRiskScores),
        ("recommendations-merchant-affinity.odcs.yaml", recommendationsMerchantAffinity),
    ]
}
