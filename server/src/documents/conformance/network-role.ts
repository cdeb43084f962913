// The product's network role, derived from what the statement says: does it offer network services
// at all, accept DICOM associations (listener), open them (initiator), serve web endpoints, or call
// them. Rules declare the roles they presuppose (`requires:`); a rule whose roles the product does
// not have is reported as not applicable instead of becoming a finding.
//
// Fail closed: a role is ruled out only on positive grounds — the statement says there is no
// network service, every SOP class it lists is SCU only, it is DICOMweb only, it says it never
// accepts associations. When the statement gives no grounds either way, a DIMSE role is assumed
// (listed in `assumed`), so a silent statement is still held to the DIMSE rules.
import type { Evidence } from '../../core/findings.js';
import type { ConformanceStatement } from './model.js';
import { evidenceOf, type Unit } from './units.js';

export type NetworkRoleName = 'offline' | 'listener' | 'initiator' | 'webServer' | 'webClient';

export interface NetworkRole {
  /** The statement says the product offers no network service (standalone, media only, viewer without networking). */
  offline: boolean;
  /** Accepts DICOM associations (SCP roles, a DICOM listen port). */
  listener: boolean;
  /** Opens DICOM associations (SCU roles). */
  initiator: boolean;
  /** Serves DICOMweb or a web user interface. */
  webServer: boolean;
  /** Calls DICOMweb services as a user agent. */
  webClient: boolean;
  /** Roles held true only because nothing in the statement rules them out. */
  assumed: NetworkRoleName[];
  /** Why each role is what it is, one line each (shown in not-applicable reasons). */
  basis: Record<NetworkRoleName, string>;
}

/** A sentence of the statement with where it is; what the phrase scan reads. */
export interface RoleSentence {
  text: string;
  evidence: Evidence;
  /** Title of the innermost section, when known. */
  section?: string;
  /** From front matter, template instructions or a reference list: never a claim. */
  incidental?: boolean;
}

/** The claim shape of cs.claims (see briefs/claims-vocab.md), read when the statement has it. */
interface ClaimLike {
  feature: string;
  polarity: string;
  scope?: string;
  evidence?: Evidence | Evidence[];
}

const NEG = String.raw`(?:does|do|will|shall|can|could)\s+not|doesn't|don't|won't|cannot|can't|never|no\s+longer`;

/** The whole product offers no network service. */
const OFFLINE_PHRASES: RegExp[] = [
  new RegExp(String.raw`\b(?:${NEG})\s+(?:support|provide|offer|implement|use|have|include)\s+(?:any\s+)?(?:dicom\s+)?(?:network(?:ing)?|communication)\s*(?:services?|functions?|functionality|communication|connectivity|capabilit(?:y|ies)|features?|interfaces?|support)?\b`, 'i'),
  new RegExp(String.raw`\b(?:${NEG})\s+(?:communicate|connect)\s+(?:over|via|through|to)\s+(?:a|an|the|any)\s+(?:computer\s+|hospital\s+|customer\s+)?network\b`, 'i'),
  /\bno\s+(?:dicom\s+)?network(?:ing)?\s+(?:services?|functions?|functionality|communication|connectivity|capabilit(?:y|ies)|interfaces?|support|connections?)\s+(?:is|are)\s+(?:supported|provided|offered|implemented|available|used|present|required)\b/i,
  /\b(?:has|have|with|offers?|provides?|supports?)\s+no\s+(?:dicom\s+)?network(?:ing)?\s+(?:services?|functions?|functionality|communication|connectivity|capabilit(?:y|ies)|interfaces?|support|connections?)\b/i,
  /\b(?:is|are)\s+not\s+(?:network(?:ed|[- ]connected|[- ]capable)|connected\s+to\s+(?:a|an|the|any)\s+(?:computer\s+|hospital\s+|customer\s+)?network)\b/i,
  /\b(?:is|as|runs\s+as|operates\s+as)\s+an?\s+(?:stand-?alone|offline|non-networked|isolated)\s+(?:\w+\s+){0,2}?(?:application|viewer|workstation|product|system|device|tool|program)\b(?![^.;]{0,60}\b(?:connects?|network|send|receive|query|retriev|pacs)\w*)/i,
  /\b(?:supports?|provides?|implements?|offers?)\s+only\s+(?:dicom\s+)?(?:media\s+(?:interchange|storage|exchange)|offline\s+media|removable\s+media)\b/i,
  /\b(?:only|solely|exclusively)\s+(?:through|via|by\s+means\s+of|on)\s+(?:dicom\s+)?(?:removable|offline|interchange)\s+media\b/i,
  /\bnetwork(?:ing)?(?:\s+(?:services?|communication|functionality))?\s*:\s*(?:none|not\s+(?:supported|applicable|implemented)|n\/a)\b/i,
  /\b(?:dicom\s+)?network(?:ing)?\s+(?:services?|communication|functionality|functions?|connectivity|support)\s+(?:is|are)\s+not\s+(?:supported|provided|available|implemented|offered)\b/i,
  /\bonly\s+(?:supports?|reads?|imports?|handles?)\s+(?:dicom\s+)?(?:offline\s+|removable\s+)?media\b/i,
];

/** A section about networking whose whole content is "Not applicable" / "None". */
const NETWORK_SECTION = /^(?:[\d.]+\s+)?(?:dicom\s+)?(?:network(?:ing)?(?:\s+(?:services?|communication|interfaces?))?|communication\s+profiles?|supported\s+communication\s+stacks)$/i;
/** An AE's own acceptance / initiation section that reads "Not applicable": that AE does not listen / initiate. */
const ACCEPTANCE_SECTION = /\bassociation\s+acceptance(?:\s+policy)?\b/i;
const INITIATION_SECTION = /\bassociation\s+initiation(?:\s+policy)?\b/i;
const EMPTY_CONTENT = /^(?:not\s+applicable|n\/a|none|not\s+supported|not\s+implemented|this\s+section\s+(?:is\s+)?not\s+applicable)[.!]?$/i;

const LISTENER_NO: RegExp[] = [
  new RegExp(String.raw`\b(?:${NEG})\s+(?:accept|respond\s+to|listen\s+for|receive)\s+(?:an?\s+|any\s+)?(?:incoming\s+|inbound\s+)?(?:dicom\s+)?(?:association|connection)(?:\s+requests?|s)?\b`, 'i'),
  /\bno\s+(?:incoming|inbound)\s+(?:dicom\s+)?(?:associations?|connections?)\s+(?:is|are)\s+(?:accepted|supported|allowed)\b/i,
  /\b(?:only|solely|exclusively)\s+(?:initiates?|opens?|requests?)\s+(?:dicom\s+)?associations\b/i,
  /\b(?:acts?|operates?|functions?)\s+(?:only|solely|exclusively)\s+as\s+an?\s+(?:dicom\s+)?scu\b|\bscu\s+only\b|\bsend[- ]only\b/i,
  new RegExp(String.raw`\b(?:${NEG})\s+(?:listen|open\s+(?:a|any)\s+(?:listening\s+)?port)\b`, 'i'),
];
const LISTENER_YES = /\b(?:accepts?|responds?\s+to|listens?\s+for)\s+(?:incoming\s+)?(?:dicom\s+)?associations?\b|\blistens?\s+(?:on|at)\s+(?:tcp\s+)?(?:port|the\s+port)\b|\bassociation\s+acceptance\b/i;
/** No DIMSE at all (a DICOMweb-only service, a web viewer). */
const DIMSE_NO: RegExp[] = [
  new RegExp(String.raw`\b(?:${NEG})\s+(?:support|provide|offer|implement|use)\s+(?:any\s+)?(?:dimse|dicom\s+(?:dimse\s+|network\s+)?associations?|dicom\s+upper\s+layer|dicom\s+message\s+(?:exchange|services?))\b`, 'i'),
  /\b(?:provides?|offers?|supports?|implements?)\s+(?:only\s+)?dicomweb\s+(?:services?\s+)?only\b|\b(?:provides?|offers?|supports?|implements?)\s+only\s+dicomweb\b|\bdicomweb[- ]only\b/i,
  /\bno\s+dimse\s+(?:services?|support)\b/i,
];
const INITIATOR_NO: RegExp[] = [
  new RegExp(String.raw`\b(?:${NEG})\s+(?:initiate|open|request)\s+(?:an?\s+|any\s+)?(?:outgoing\s+)?(?:dicom\s+)?associations?\b`, 'i'),
  /\b(?:only|solely|exclusively)\s+(?:accepts?|responds?\s+to)\s+(?:dicom\s+)?associations\b/i,
  /\b(?:acts?|operates?|functions?)\s+(?:only|solely|exclusively)\s+as\s+an?\s+(?:dicom\s+)?scp\b|\bscp\s+only\b/i,
];
const INITIATOR_YES = /\b(?:initiates?|opens?|requests?)\s+(?:an?\s+)?(?:outgoing\s+)?(?:dicom\s+)?associations?\b|\bassociation\s+initiation\b/i;
const WEB_CLIENT = /\b(?:as|acts?\s+as)\s+an?\s+(?:dicom[\s-]?web|wado-rs|qido-rs|stow-rs|wado|web)\s+(?:client|user[- ]agent)\b|\b(?:dicom[\s-]?web|wado-rs|qido-rs|stow-rs)[\s-](?:client|user[- ]agent)\b|\buser[- ]agent\s+for\s+(?:the\s+)?dicom[\s-]?web\b/i;
const NEGATED_CLAUSE = new RegExp(String.raw`\b(?:${NEG}|not|no)\b`, 'i');

const DICOM_PORT = new Set(['dicom', 'dicom-tls']);
const WEB_PORT = new Set(['dicomweb', 'http', 'https']);
const SUPPORTED = new Set(['supported', 'optional', 'configurable']);

function claimEvidence(c: ClaimLike): Evidence | undefined {
  return Array.isArray(c.evidence) ? c.evidence[0] : c.evidence;
}

function where(e: Evidence | undefined): string {
  if (!e) return '';
  const at = [e.section ? `"${e.section}"` : '', e.page !== undefined ? `page ${e.page}` : '', e.line !== undefined ? `line ${e.line}` : ''].filter(Boolean).join(', ');
  return at ? ` (${at})` : '';
}

function quoteOf(e: Evidence | undefined): string {
  const q = e?.quote ?? '';
  return q.length > 120 ? `${q.slice(0, 119)}…` : q;
}

function claimsOf(cs: ConformanceStatement): ClaimLike[] {
  const claims = (cs as { claims?: unknown }).claims;
  return Array.isArray(claims) ? (claims as ClaimLike[]).filter((c) => c && typeof c.feature === 'string' && typeof c.polarity === 'string') : [];
}

export function deriveNetworkRole(cs: ConformanceStatement, sentences: RoleSentence[] = []): { role: NetworkRole; evidence: Record<string, Evidence[]> } {
  const ev: Record<NetworkRoleName, Evidence[]> = { offline: [], listener: [], initiator: [], webServer: [], webClient: [] };
  const basis = {} as Record<NetworkRoleName, string>;
  const claims = claimsOf(cs);
  const claim = (feature: string, polarities: Set<string> | string) =>
    claims.find((c) => c.feature === feature && (typeof polarities === 'string' ? c.polarity === polarities : polarities.has(c.polarity)));
  const said = sentences.filter((s) => !s.incidental);
  const first = (res: RegExp[] | RegExp) => said.find((s) => (Array.isArray(res) ? res : [res]).some((re) => re.test(s.text)));
  const affirmed = (re: RegExp) => said.find((s) => re.test(s.text) && !NEGATED_CLAUSE.test(s.text.slice(0, (re.exec(s.text)?.index ?? 0) + 1)));

  // ── what the facts show
  const scp = cs.sopClasses.filter((s) => s.roles.includes('SCP'));
  const scu = cs.sopClasses.filter((s) => s.roles.includes('SCU'));
  const withRoles = cs.sopClasses.filter((s) => s.roles.length > 0);
  const dicomPorts = cs.ports.filter((p) => DICOM_PORT.has(String(p.protocol)));
  const webPorts = cs.ports.filter((p) => WEB_PORT.has(String(p.protocol)));
  const aeWithPort = cs.applicationEntities.filter((a) => a.port !== undefined);
  const sopEv = (list: typeof cs.sopClasses): Evidence | undefined => {
    const s = list[0];
    return s?.location ? { line: s.location.line, ...(s.location.page !== undefined ? { page: s.location.page } : {}), quote: `${s.name} (${s.roles.join('/')})` } : cs.evidence['sopClasses']?.[0];
  };
  const portEv = (list: typeof cs.ports): Evidence | undefined => {
    const p = list[0];
    return p?.location ? { line: p.location.line, ...(p.location.page !== undefined ? { page: p.location.page } : {}), quote: `${p.service ?? p.protocol} port ${p.port}` } : cs.evidence['ports']?.[0];
  };

  // ── offline: said in so many words, by a claim, by an emptied networking section, or media only
  const hardNetwork = withRoles.length > 0 || dicomPorts.length > 0 || webPorts.length > 0 || aeWithPort.length > 0 || cs.web.exposed;
  const offlineClaim = claim('network-services', 'not-supported');
  const offlineSentence = first(OFFLINE_PHRASES);
  const emptyNetworkSection = said.find((s) => s.section && NETWORK_SECTION.test(s.section) && EMPTY_CONTENT.test(s.text.trim()));
  const anyNetworkSign = hardNetwork || cs.applicationEntities.length > 0 || claims.some((c) => /^(?:dimse|dicomweb|web-ui)/.test(c.feature) && SUPPORTED.has(c.polarity)) || !!affirmed(LISTENER_YES) || !!affirmed(INITIATOR_YES);
  const mediaOnly = !anyNetworkSign && cs.media?.exported === true && cs.dimse !== true;
  let offline = false;
  const offlineGround = offlineClaim ? claimEvidence(offlineClaim) : offlineSentence?.evidence ?? emptyNetworkSection?.evidence;
  if ((offlineClaim || offlineSentence || emptyNetworkSection) && !hardNetwork) {
    offline = true;
    if (offlineGround) ev.offline.push(offlineGround);
    basis.offline = `the statement says the product offers no network service: "${quoteOf(offlineGround)}"${where(offlineGround)}`;
  } else if (mediaOnly) {
    offline = true;
    const m = cs.evidence['media.exported']?.[0];
    if (m) ev.offline.push(m);
    basis.offline = `the statement describes media interchange only (no SOP class with a network role, no port, no association)${where(m)}`;
  } else if (offlineClaim || offlineSentence || emptyNetworkSection) {
    // "No network services", yet SOP classes with roles or ports: the contradiction is the vendor's
    // to resolve; the product is held to the network rules.
    if (offlineGround) ev.offline.push(offlineGround);
    basis.offline = `the statement says it has no network service${where(offlineGround)}, but it also lists network roles or ports, so it is treated as networked`;
  } else {
    basis.offline = 'the statement describes network services';
  }

  const assumed: NetworkRoleName[] = [];
  const decide = (name: 'listener' | 'initiator', yes: Evidence | undefined, yesWhy: string, no: Evidence | undefined, noWhy: string | undefined): boolean => {
    if (offline) {
      basis[name] = `not a ${name === 'listener' ? 'DICOM listener' : 'DICOM initiator'}: ${basis.offline}`;
      return false;
    }
    if (yes || (!noWhy && !no)) {
      if (yes) {
        ev[name].push(yes);
        basis[name] = yesWhy;
      } else {
        assumed.push(name);
        basis[name] = `assumed: the statement does not say whether the product ${name === 'listener' ? 'accepts' : 'opens'} DICOM associations`;
      }
      return true;
    }
    if (no) ev[name].push(no);
    basis[name] = noWhy!;
    return false;
  };

  // ── listener
  const listenerClaimYes = claim('dimse-listener', SUPPORTED);
  const listenerClaimNo = claim('dimse-listener', 'not-supported');
  // `dimse` is false both for a web-only statement and for one that is merely silent: only the
  // first rules DIMSE out.
  const webClientClaim = claim('dicomweb-client', SUPPORTED);
  const webClientSaid = affirmed(WEB_CLIENT);
  const webOnly = cs.dimse === false && (cs.web.exposed || webPorts.length > 0 || !!webClientClaim || !!webClientSaid) && !cs.applicationEntities.length;
  const dimseSaidNo = !scp.length && !scu.length && !dicomPorts.length ? first(DIMSE_NO) : undefined;
  const emptyIn = (re: RegExp) => said.find((x) => x.section && re.test(x.section) && EMPTY_CONTENT.test(x.text.trim()));
  const listenerSaidNo = first(LISTENER_NO) ?? emptyIn(ACCEPTANCE_SECTION);
  const listenerSaidYes = affirmed(LISTENER_YES);
  let listenerYes: Evidence | undefined;
  let listenerYesWhy = '';
  if (listenerClaimYes) [listenerYes, listenerYesWhy] = [claimEvidence(listenerClaimYes), 'the statement says the product accepts DICOM associations'];
  else if (scp.length) [listenerYes, listenerYesWhy] = [sopEv(scp), `${scp.length} SOP class${scp.length === 1 ? ' is' : 'es are'} offered as SCP`];
  else if (dicomPorts.length) [listenerYes, listenerYesWhy] = [portEv(dicomPorts), `a DICOM port is listed (${dicomPorts.map((p) => p.port).join(', ')})`];
  else if (aeWithPort.length) [listenerYes, listenerYesWhy] = [cs.evidence['applicationEntities']?.[0], `an AE title listens on port ${aeWithPort[0]!.port}`];
  // A statement with several AEs says "the SCU does not accept associations" of one of them: a
  // sentence that says another accepts them wins.
  else if (listenerSaidYes) [listenerYes, listenerYesWhy] = [listenerSaidYes.evidence, `the statement says: "${quoteOf(listenerSaidYes.evidence)}"`];
  let listenerNo: Evidence | undefined;
  let listenerNoWhy: string | undefined;
  if (listenerClaimNo) [listenerNo, listenerNoWhy] = [claimEvidence(listenerClaimNo), `the statement says the product does not accept DICOM associations${where(claimEvidence(listenerClaimNo))}`];
  else if (dimseSaidNo) [listenerNo, listenerNoWhy] = [dimseSaidNo.evidence, `the statement describes no DIMSE service: "${quoteOf(dimseSaidNo.evidence)}"${where(dimseSaidNo.evidence)}`];
  else if (listenerSaidNo) [listenerNo, listenerNoWhy] = [listenerSaidNo.evidence, `the statement says: "${quoteOf(listenerSaidNo.evidence)}"${where(listenerSaidNo.evidence)}`];
  else if (withRoles.length && !scp.length) [listenerNo, listenerNoWhy] = [sopEv(withRoles), `every SOP class the statement lists (${withRoles.length}) is SCU only: the product sends, it does not accept associations${where(sopEv(withRoles))}`];
  else if (webOnly) [listenerNo, listenerNoWhy] = [cs.evidence['dimse']?.[0], 'the statement describes no DIMSE service (DICOMweb or web only)'];
  // One AE that does not accept associations does not cancel another that does (Clara: SCP and SCU AEs).
  if (listenerClaimNo && !listenerClaimYes) listenerYes = scp.length || dicomPorts.length ? listenerYes : undefined;
  const listener = decide('listener', listenerYes, listenerYesWhy, listenerNo, listenerNoWhy);

  // ── initiator
  const initiatorClaimYes = claim('dimse-initiator', SUPPORTED);
  const initiatorClaimNo = claim('dimse-initiator', 'not-supported');
  const initiatorSaidNo = first(INITIATOR_NO) ?? emptyIn(INITIATION_SECTION);
  const initiatorSaidYes = affirmed(INITIATOR_YES);
  let initiatorYes: Evidence | undefined;
  let initiatorYesWhy = '';
  if (initiatorClaimYes) [initiatorYes, initiatorYesWhy] = [claimEvidence(initiatorClaimYes), 'the statement says the product opens DICOM associations'];
  else if (scu.length) [initiatorYes, initiatorYesWhy] = [sopEv(scu), `${scu.length} SOP class${scu.length === 1 ? ' is' : 'es are'} used as SCU`];
  else if (initiatorSaidYes) [initiatorYes, initiatorYesWhy] = [initiatorSaidYes.evidence, `the statement says: "${quoteOf(initiatorSaidYes.evidence)}"`];
  let initiatorNo: Evidence | undefined;
  let initiatorNoWhy: string | undefined;
  if (initiatorClaimNo) [initiatorNo, initiatorNoWhy] = [claimEvidence(initiatorClaimNo), `the statement says the product does not open DICOM associations${where(claimEvidence(initiatorClaimNo))}`];
  else if (dimseSaidNo) [initiatorNo, initiatorNoWhy] = [dimseSaidNo.evidence, `the statement describes no DIMSE service: "${quoteOf(dimseSaidNo.evidence)}"${where(dimseSaidNo.evidence)}`];
  else if (initiatorSaidNo) [initiatorNo, initiatorNoWhy] = [initiatorSaidNo.evidence, `the statement says: "${quoteOf(initiatorSaidNo.evidence)}"${where(initiatorSaidNo.evidence)}`];
  else if (withRoles.length && !scu.length) [initiatorNo, initiatorNoWhy] = [sopEv(withRoles), `every SOP class the statement lists (${withRoles.length}) is SCP only${where(sopEv(withRoles))}`];
  else if (webOnly) [initiatorNo, initiatorNoWhy] = [cs.evidence['dimse']?.[0], 'the statement describes no DIMSE service (DICOMweb or web only)'];
  if (initiatorClaimNo && !initiatorClaimYes) initiatorYes = scu.length ? initiatorYes : undefined;
  const initiator = decide('initiator', initiatorYes, initiatorYesWhy, initiatorNo, initiatorNoWhy);

  // ── web server: only on positive grounds (a statement silent about the web describes no web server)
  const webClaimYes = claim('dicomweb-server', SUPPORTED) ?? claim('web-ui', SUPPORTED);
  const webClaimNo = claim('dicomweb-server', 'not-supported');
  let webServer = false;
  if (offline) basis.webServer = `no web server: ${basis.offline}`;
  else if (webClaimYes) {
    webServer = true;
    const e = claimEvidence(webClaimYes);
    if (e) ev.webServer.push(e);
    basis.webServer = `the statement says the product serves ${webClaimYes.feature === 'web-ui' ? 'a web interface' : 'DICOMweb'}`;
  } else if (cs.web.exposed && !webClaimNo) {
    webServer = true;
    const e = cs.evidence['web.exposed']?.[0];
    if (e) ev.webServer.push(e);
    basis.webServer = `the statement describes web services${cs.web.services.length ? ` (${cs.web.services.join(', ')})` : ''}`;
  } else if (webPorts.length) {
    // A listed HTTP(S) port is a web server whatever the statement says of DICOMweb (a service UI).
    webServer = true;
    const e = portEv(webPorts);
    if (e) ev.webServer.push(e);
    basis.webServer = `a web port is listed (${webPorts.map((p) => p.port).join(', ')})`;
  } else {
    basis.webServer = webClaimNo ? `the statement says the product offers no DICOMweb service${where(claimEvidence(webClaimNo))}` : 'the statement describes no web server (no DICOMweb service, web interface or HTTP port)';
  }

  // ── web client
  let webClient = false;
  if (!offline && (webClientClaim || webClientSaid)) {
    webClient = true;
    const e = webClientClaim ? claimEvidence(webClientClaim) : webClientSaid!.evidence;
    if (e) ev.webClient.push(e);
    basis.webClient = 'the statement says the product calls DICOMweb services';
  } else basis.webClient = offline ? `no web client: ${basis.offline}` : 'the statement describes no DICOMweb client';

  const evidence: Record<string, Evidence[]> = {};
  for (const [k, list] of Object.entries(ev)) if (list.length) evidence[`networkRole.${k}`] = list.slice(0, 3);
  return { role: { offline, listener, initiator, webServer, webClient, assumed, basis }, evidence };
}

const WORTH_READING = /network|associat|\bsc[up]\b|listen|stand-?alone|offline|isolated|media|client|user[- ]agent|send[- ]only|communicat|connect|^(?:not applicable|n\/a|none|not supported|not implemented)/i;

/** The sentences of a parsed statement that the phrase scan reads. */
export function roleSentences(units: Unit[]): RoleSentence[] {
  const out: RoleSentence[] = [];
  for (const u of units) {
    if (u.kind !== 'sentence' || !WORTH_READING.test(u.text)) continue;
    out.push({ text: u.text, evidence: evidenceOf(u), ...(u.section ? { section: u.section.title } : {}), incidental: u.frontMatter || u.template });
  }
  return out;
}

/** The role of a statement: the one the parser derived, or derived now from its facts (older cached models, tests). */
export function networkRoleOf(cs: ConformanceStatement): NetworkRole {
  const r = (cs as { networkRole?: NetworkRole }).networkRole;
  return r && typeof r === 'object' && r.basis ? r : deriveNetworkRole(cs).role;
}
