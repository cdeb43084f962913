// The flows a conformance statement discloses: every port it lists, and the services it describes
// without a port (DICOM associations it opens, its audit and time clients, a web server, remote
// service), each with the row or sentence that shows it.
import type { Evidence } from '../core/findings.js';
import type { ConformanceStatement, CsPort } from '../documents/conformance/model.js';
import { clientByNature, directionIn, type FlowDirection } from '../documents/network-direction.js';
import { fallbackCsEvidence } from '../documents/conformance/kind.js';
import type { ExposureFlow, ExposureNote } from './exposure-model.js';

const withPath = (e: Evidence, path: string): Evidence => ({ ...e, path });

/** The evidence the statement recorded for a port: its row or sentence (same line and page), else where it was found. */
function portEvidence(cs: ConformanceStatement, p: CsPort, path: string): Evidence {
  const at = p.location;
  const hit = (cs.evidence['ports'] ?? []).find((e) => e.line === at?.line && e.page === at?.page);
  if (hit) return withPath(hit, path);
  return { path, section: 'ports', line: at?.line ?? 1, ...(at?.page !== undefined ? { page: at.page } : {}) };
}

/** The fact's evidence, or where the statement should have spoken: never empty. */
function factEvidence(cs: ConformanceStatement, key: string, path: string): Evidence[] {
  const items = (cs.evidence[key] ?? []).slice(0, 2).map((e) => withPath(e, path));
  return items.length ? items : [fallbackCsEvidence(cs, path)];
}

const DIMSE = new Set(['dicom', 'dicom-tls']);
const WEB = new Set(['http', 'https', 'dicomweb']);

function portDirection(cs: ConformanceStatement, p: CsPort, evidence: Evidence, aeTitles: string[]): FlowDirection | null {
  // The row or sentence first, then its section ('Default Connection Listeners').
  const said = directionIn(`${p.service ?? ''} ${evidence.quote ?? ''}`) ?? directionIn(evidence.section ?? '');
  if (said) return said;
  if (clientByNature(p.protocol)) return 'initiates';
  // A port beside the product's own AE title is where that AE listens (PS3.2's AE/port mapping).
  if (DIMSE.has(p.protocol) && (aeTitles.length > 0 || cs.networkRole?.listener)) return 'listens';
  if (WEB.has(p.protocol) && (cs.web.exposed || cs.webUi?.exposed)) return 'listens';
  return null;
}

function portFlow(cs: ConformanceStatement, p: CsPort, path: string): ExposureFlow {
  const evidence = portEvidence(cs, p, path);
  const aeTitles = cs.applicationEntities.filter((a) => a.port === p.port && a.aeTitle).map((a) => a.aeTitle!);
  // HTTP is clear text by definition; DICOM TLS is TLS by definition.
  const tls = p.tls ?? (p.protocol === 'http' ? false : p.protocol === 'dicom-tls' || p.protocol === 'https' ? true : null);
  const flow: ExposureFlow = {
    service: p.protocol,
    port: p.port,
    transport: p.transport ?? 'tcp',
    direction: portDirection(cs, p, evidence, aeTitles),
    tls,
    aeTitles,
    notes: [],
    conflicts: [],
    evidence: [evidence],
    from: ['conformance-statement'],
  };
  if (p.service) flow.name = p.service;
  if (p.disabledByDefault) {
    flow.disabledByDefault = true;
    flow.notes.push('listed as disabled or closed by default');
  }
  return flow;
}

function portlessFlow(service: string, direction: FlowDirection | null, tls: boolean | null, evidence: Evidence[], note: string, transport: 'tcp' | 'udp' | null = null): ExposureFlow {
  return { service, port: null, transport, direction, tls, aeTitles: [], notes: [note], conflicts: [], evidence, from: ['conformance-statement'] };
}

export interface StatementExposure {
  flows: ExposureFlow[];
  notes: ExposureNote[];
  /** The statement's remote-service claim: true offered, false denied, null silent. */
  remoteService: boolean | null;
}

export function statementExposure(cs: ConformanceStatement, path: string): StatementExposure {
  const flows = cs.ports.map((p) => portFlow(cs, p, path));
  const notes: ExposureNote[] = [];
  const has = (pred: (f: ExposureFlow) => boolean) => flows.some(pred);
  const ownTitles = [...new Set(cs.applicationEntities.map((a) => a.aeTitle).filter((t): t is string => !!t))];
  const role = cs.networkRole;
  const dimseTls = cs.tls.supported === false ? false : cs.tls.supported && !has((f) => f.service === 'dicom' && f.tls !== true && !f.disabledByDefault) ? true : null;

  if (role?.listener && !has((f) => DIMSE.has(f.service) && f.direction === 'listens')) {
    flows.push({ ...portlessFlow(dimseTls ? 'dicom-tls' : 'dicom', 'listens', dimseTls, factEvidence(cs, 'networkRole.listener', path), 'accepts DICOM associations; the port is not stated', 'tcp'), aeTitles: ownTitles });
  }
  // An AE that listens on a port may also open associations, to each peer's port.
  if (role?.initiator) {
    flows.push({ ...portlessFlow(dimseTls ? 'dicom-tls' : 'dicom', 'initiates', dimseTls, factEvidence(cs, 'networkRole.initiator', path), "opens DICOM associations to each configured peer's port", 'tcp'), aeTitles: ownTitles });
  }
  if (cs.web.exposed && !has((f) => WEB.has(f.service) && f.direction === 'listens')) {
    const tls = cs.web.https === true && cs.web.plainHttp !== true ? true : cs.web.plainHttp === true ? false : null;
    flows.push(portlessFlow('dicomweb', 'listens', tls, factEvidence(cs, 'web.exposed', path), 'serves DICOMweb; the port is not stated', 'tcp'));
  }
  if (cs.webUi?.exposed && !has((f) => WEB.has(f.service) && f.direction === 'listens')) {
    const tls = cs.webUi.plainHttp === true ? false : null;
    flows.push(portlessFlow(tls === false ? 'http' : 'https', 'listens', tls, factEvidence(cs, 'webUi.exposed', path), 'serves a web user interface; the port is not stated', 'tcp'));
  }
  if (cs.audit.transports.length && !has((f) => f.service === 'syslog')) {
    const udp = cs.audit.transports.includes('syslog-udp');
    const tls = cs.audit.transports.includes('syslog-tls') ? true : udp ? false : null;
    flows.push(portlessFlow('syslog', 'initiates', tls, factEvidence(cs, 'audit.transports', path), 'sends audit records to a repository; the port is not stated', udp ? 'udp' : tls ? 'tcp' : null));
  }
  if (cs.time?.synchronized && !has((f) => f.service === 'ntp')) {
    const ntp = cs.time.protocols.some((p) => /\bs?ntp\b/i.test(p));
    flows.push(portlessFlow(ntp ? 'ntp' : 'other', 'initiates', null, factEvidence(cs, 'time.synchronized', path), ntp ? 'synchronises its clock with a time server; the port is not stated' : 'synchronises its clock; the protocol and port are not stated', ntp ? 'udp' : null));
  }
  const remote = (cs.claims ?? []).filter((c) => c.feature === 'remote-service');
  const offered = remote.find((c) => c.polarity === 'supported' || c.polarity === 'optional' || c.polarity === 'configurable');
  let remoteService: boolean | null = null;
  if (offered) {
    remoteService = true;
    const flow = portlessFlow('remote-service', directionIn(offered.evidence.quote ?? ''), null, [withPath(offered.evidence, path)], 'remote service; port and protocol are not stated');
    flow.peer = 'the vendor';
    flows.push(flow);
  } else if (remote.some((c) => c.polarity === 'not-supported')) {
    remoteService = false;
    const denied = remote.find((c) => c.polarity === 'not-supported')!;
    notes.push({ message: 'the statement says the product offers no remote service', evidence: [withPath(denied.evidence, path)] });
  }
  if (cs.ports.length === 0) {
    notes.push({ message: 'the statement lists no port numbers', evidence: factEvidence(cs, 'ports', path) });
  }
  return { flows, notes, remoteService };
}
