// The starter .dicomsec.yaml that `dicomsec init` writes: every key, commented, with the schema
// pointer so editors complete it.
export function starterConfig(packs: string[]): string {
  return `# dicomsec configuration: the reviewer's. It governs every run started in this folder or below
# it (or passed with --config). A .dicomsec.yaml inside the folders you review (a vendor's zip) is
# not applied, only reported, unless trustNestedConfigs below names it.
# Schema: rules/schema/config.schema.json in the dicomsec package. Check what governs a file with
# \`dicomsec print-config <file>\`.
# yaml-language-server: $schema=./node_modules/dicomsec/rules/schema/config.schema.json

# Built-in rule packs: true to use, false to switch off.
packs:
${packs.map((p) => `  ${p}: true`).join('\n')}

# Your own rule packs (YAML, see rules/README.md), relative to this file. Only this file loads them.
# customPacks:
#   - ./our-hospital-rules.yaml

# Severity overrides by rule id: error, warning, info or off.
# rules:
#   MDS2-PAUT-004: error

# Severity overrides for some documents only (globs relative to this file); later entries win.
# overrides:
#   - files: "vendors/northwind/**"
#     rules:
#       MDS2-PAUT-004: warning

# Lowest severity that makes \`dicomsec lint\` exit 1: error, warning, info or none.
failOn: error

# Files not to review, as globs relative to this file.
# ignore:
#   - "archive/**"

# Accepted gaps. Each needs a justification; an expired waiver stops applying and is reported.
# waivers:
#   - rule: MDS2-PAUT-004
#     documents: "vendors/northwind/**"
#     question: PAUT-8
#     justification: MFA is enforced by the jump host in front of the device (risk acceptance R-1).
#     expires: 2027-06-30
#     by: Name, role

# Configuration files inside the reviewed folders that may govern their own folder (globs of their
# path relative to this file), e.g. a folder your own team maintains. Never a vendor's. A trusted
# nested file still never loads customPacks.
# trustNestedConfigs:
#   - "vendors/our-own/**"

# Filled-in vendor questionnaires (lint --format questionnaire-xlsx, answered and decided) whose
# accepted rows become waivers, as globs relative to this file. Only ones you decided yourself:
# any other questionnaire is shown, its decisions not applied.
# questionnaires:
#   - "vendors/northwind/questions-2026-01.xlsx"

# A known-exploited vulnerability list you keep (the CISA KEV catalogue as JSON or CSV, or CVE ids
# one a line; dicomsec never downloads it): advisory vulnerabilities it names are errors. Relative
# to this file and inside this folder, or an absolute path; --known-exploited wins. Only this file
# sets it.
# knownExploited: ./known_exploited_vulnerabilities.json

# Documents of the same product whose names do not match: an MDS2 form with its conformance
# statement, SBOM or advisory, or an SBOM with an advisory.
# pairs:
#   - mds2: vendors/northwind/mds2.xlsx
#     conformance: vendors/northwind/dicom-cs.pdf
#     sbom: vendors/northwind/nw-scope.cdx.json
`;
}
