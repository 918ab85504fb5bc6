/// The demo mesh's global policy bundle (the same as `Examples/global-policy.yaml`).
public enum DemoPolicy {
    /// `global-policy.yaml`.
    public static let global = #"""
# The organisation-wide policy bundle. Reviewed by the governance guild in pull requests.
apiVersion: meshwork/v1
kind: PolicyBundle
name: meshwork-global
version: 1.2.0
scope: global
description: Rules every data product in the mesh follows.

requiredMetadata:
  owner: true
  description: true
  supportChannel: true

naming:
  product: '^[a-z][a-z0-9_]*$'
  table: '^[a-z][a-z0-9_]*$'
  column: '^[a-z][a-z0-9_]*$'

classification:
  levels: [public, internal, confidential, restricted]
  piiTag: pii
  piiMinimumLevel: confidential
  piiRequiresPurposes: true
  piiMaximumRetentionDays: 400
  requireClassification: false

requiredChecks:
  freshnessSLA: true
  maximumLatencyHours: 48
  primaryKeyNullCheck: true

glossary:
  - id: fico_score
    name: FICO score
    definition: Credit bureau FICO score of a customer at the time of scoring.
    type: integer
    unit: points
    minimum: 300
    maximum: 850
    owner: risk-office
  - id: active_user
    name: Active user
    definition: A customer with at least one authenticated session in the last 30 days.
    type: boolean
    owner: growth-analytics
  - id: currency_code
    name: Currency code
    definition: ISO 4217 alphabetic currency code.
    type: string
    pattern: '^[A-Z]{3}$'
    owner: finance-data
  - id: risk_band
    name: Risk band
    definition: Banded fraud risk used for manual review routing.
    type: string
    allowedValues: [low, medium, high, critical]
    owner: risk-office

rules:
  - id: training-data-quality
    description: Products tagged training-data declare at least three quality rules
    when: "'training-data' in product.tags"
    require: "size(product.qualityRules) >= 3"
  - id: deprecated-needs-successor-note
    description: Deprecated products explain what replaces them
    severity: warning
    when: "product.status == 'deprecated'"
    require: "contains(lower(product.description), 'replaced by')"
  - id: training-data-volume
    description: Training data products publish at least 1,000 rows per version
    stage: publish
    when: "'training-data' in product.tags"
    require: "stats.rowCount >= 1000"

access:
  belowClearance:
    internal: mask
    confidential: mask
    restricted: drop
  purposeNotAllowed: drop
"""#
}
