// Shared phrases for reading conformance statements: section titles, template text, and the negation
// words network.ts reads in port descriptions. Fact-group patterns live beside their group in
// facts/<group>.ts; claim vocabulary in features.ts; polarity triggers in negation.ts.
// Every pattern is linear: no nested quantifiers, every gap bounded ({0,N}).

/** Words that turn a claim round when they share its clause. */
export const NEGATION =
  /\b(?:not|no|never|none|cannot|can't|won't|doesn't|don't|isn't|aren't|without|neither|nor|unsupported|disabled|disable|prohibited|refused|refuses|rejected|rejects|deprecated|forbidden|n\/a|no longer)\b/i;

// --- template text ----------------------------------------------------------------------------
/** Instructions to the author in PS3.2's template, not claims about a product. */
export const TEMPLATE_INSTRUCTION =
  /\b(?:shall|should|must) be (?:described|specified|listed|declared|documented|stated|provided|given)\b|\b(?:shall|should) (?:declare|describe|specify|list|state)\b|\b(?:can|may) be (?:described|specified) here\b|\bdescribed here\b|\bspecified here\b/i;
/** A placeholder such as <Product Name>, [vendor], YYYYMMDD, |product|, xxx. */
export const PLACEHOLDER = /<(?!https?:|mailto:|ftp:)[a-z][^<>:]{0,60}>|\[(?:insert|vendor|product|company|name|version|date|tbd)\b[^\]]{0,60}\]|\byyyy-?mm-?dd\b|\bx{3,}\b|^\s*(?:tbd|tba|n\/a|-|–)\s*$/i;

// --- section titles ----------------------------------------------------------------------------
export const TITLE = {
  security: /^(?:dicom |network |system )?security(?: profiles?| features| measures| considerations| overview| and privacy| support)?$|^cyber ?security$|^security$/i,
  securityAny: /\bsecurity\b/i,
  securityProfiles: /\bsecurity profiles?\b/i,
  associationLevel: /\bassociation[- ]level security\b/i,
  applicationLevel: /\bapplication[- ]level security\b/i,
  acceptance: /\bassociation acceptance\b|\baccepting associations?\b/i,
  aeMapping: /\bae title\b|\bpresentation address\b|\bapplication entit(?:y|ies)\b|\baets?\b/i,
  networkInterfaces: /\bnetwork interfaces?\b|\bphysical network\b|\bcommunication profiles?\b|\btcp\/ip\b/i,
  configuration: /\bconfiguration\b|\bparameters\b|\blisteners?\b|\bports?\b/i,
  web: /\bdicom ?web\b|\bwado\b|\bqido\b|\bstow\b|\bweb services?\b|\brest(?:ful)?\b|\bhttp\b/i,
  audit: /\baudit\b|\batna\b|\bsyslog\b|\blogging\b/i,
  /** Sections whose sentences define or cite, rather than claim. */
  skip: /\b(?:terms and definitions|definitions|glossary|abbreviations|acronyms|references|bibliography|related (?:documents|standards|publications)|further reading|contact (?:information|details|us)|basics of dicom communication|revision history|document history|change history|change log|table of contents|contents|audience|remarks|disclaimer|trademarks?|copyright|legal notice)\b/i,
};
