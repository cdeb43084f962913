// The flows an MDS2 form discloses: the ports of CONN-2/CONN-3, remote service (RMOT-*), traffic
// outside the customer network and an Internet connection (CONN-4, CONN-6), API calls (CONN-5);
// and what it says about TLS for every flow (CONN-7, TXCF-5), which the statement is checked against.
import type { Evidence } from '../core/findings.js';
import { answerEvidence } from '../documents/mds2/kind.js';
import type { Mds2Form } from '../documents/mds2/model.js';
import { formPorts } from '../documents/mds2/ports.js';
import { clientByNature, directionIn } from '../documents/network-direction.js';
import { SERVICES, type ExposureFlow, type ExposureNote } from './exposure-model.js';

export interface FormExposure {
  flows: ExposureFlow[];
  notes: ExposureNote[];
  /** CONN-7: the device supports TLS (yes / no / not answered). */
  tlsSupported: boolean | null;
  tlsEvidence: Evidence[];
  remoteService: boolean | null;
  remoteEvidence: Evidence[];
  internetNeeded: boolean | null;
  /** CONN-1: No — no connectivity of any kind. */
  noConnectivity: Evidence | null;
}

const TLS_BY_PROTOCOL: Record<string, boolean> = { 'dicom-tls': true, https: true, http: false };

export function formExposure(form: Mds2Form, path: string): FormExposure {
  const value = (id: string) => form.answers[id]?.value;
  const yes = (id: string) => value(id) === 'yes';
  const no = (id: string) => value(id) === 'no';
  const ev = (id: string) => answerEvidence(form, id, path);
  const textOf = (id: string) => [form.answers[id]?.comment, form.answers[id]?.note, value(id) === 'text' ? form.answers[id]?.raw : undefined].filter(Boolean).join(' ');
  const flows: ExposureFlow[] = [];
  const notes: ExposureNote[] = [];

  const tlsSupported = yes('CONN-7') ? true : no('CONN-7') ? false : null;
  const tlsEvidence = tlsSupported === null ? [] : [ev('CONN-7')];

  for (const p of form.ports ?? formPorts(form)) {
    const tls = TLS_BY_PROTOCOL[p.protocol] ?? (tlsSupported === false ? false : null);
    const flow: ExposureFlow = {
      service: p.protocol,
      port: p.port,
      transport: p.transport ?? SERVICES[p.protocol]?.transport ?? null,
      direction: p.direction ?? (clientByNature(p.protocol) ? 'initiates' : null),
      tls,
      aeTitles: [],
      notes: [],
      conflicts: [],
      evidence: [ev(p.questionId), ...(tls === false && !(p.protocol in TLS_BY_PROTOCOL) ? tlsEvidence : [])],
      from: ['mds2'],
    };
    flows.push(flow);
  }
  if (no('CONN-2')) notes.push({ message: 'the form says no list of network ports and protocols is supplied (CONN-2: No)', evidence: [ev('CONN-2')] });
  else if (!(form.ports ?? formPorts(form)).length && form.answers['CONN-2']) notes.push({ message: 'the form gives no port numbers (CONN-2)', evidence: [ev('CONN-2')] });
  else if (!form.answers['CONN-2']) notes.push({ message: 'the form does not answer whether a port list is supplied (CONN-2)', evidence: [ev('CONN-2')] });

  let remoteService: boolean | null = null;
  const remoteEvidence: Evidence[] = [];
  if (yes('RMOT-1')) {
    remoteService = true;
    const text = ['RMOT-1', 'RMOT-1.1'].map(textOf).join(' ');
    const flow: ExposureFlow = {
      service: 'remote-service',
      port: null,
      transport: null,
      direction: directionIn(text),
      tls: null,
      aeTitles: [],
      peer: 'the vendor',
      notes: [],
      conflicts: [],
      evidence: [ev('RMOT-1')],
      from: ['mds2'],
    };
    const also: [string, string, boolean][] = [
      ['RMOT-1.1', 'the customer starts (controls) remote sessions', true],
      ['RMOT-1.1', 'the customer does not control remote sessions', false],
      ['RMOT-1.2', 'an indicator shows an active remote session', true],
      ['RMOT-1.3', 'patient data is reachable during a remote session', true],
      ['RMOT-2', 'remote connections carry predictive-maintenance data', true],
      ['RMOT-3', 'other remote functions exist (updates, training…)', true],
    ];
    for (const [id, says, when] of also) {
      if (when ? yes(id) : no(id)) {
        flow.notes.push(`${says} (${id}: ${when ? 'Yes' : 'No'})`);
        flow.evidence.push(ev(id));
      }
    }
    flow.notes.unshift('remote service; port and protocol are not stated');
    flows.push(flow);
    remoteEvidence.push(ev('RMOT-1'));
  } else if (no('RMOT-1')) {
    remoteService = false;
    remoteEvidence.push(ev('RMOT-1'));
    notes.push({ message: 'the form says remote service connections are not allowed (RMOT-1: No)', evidence: [ev('RMOT-1')] });
  }

  const internetNeeded = yes('CONN-6') ? true : no('CONN-6') ? false : null;
  if (yes('CONN-4') || yes('CONN-6')) {
    const ids = ['CONN-4', 'CONN-6', 'MPII-3.7'].filter(yes);
    flows.push({
      service: 'external',
      port: null,
      transport: null,
      direction: null,
      tls: null,
      aeTitles: [],
      peer: 'outside the customer network',
      notes: [
        yes('CONN-6') ? 'needs an Internet connection for its intended use (CONN-6: Yes)' : 'talks to systems outside the customer network (CONN-4: Yes)',
        ...(yes('MPII-3.7') ? ['personal data moves over an external network (MPII-3.7: Yes)'] : []),
        'which systems, ports and protocols is not stated',
      ],
      conflicts: [],
      evidence: ids.map(ev),
      from: ['mds2'],
    });
  }
  if (yes('CONN-5')) {
    flows.push({ service: 'api', port: null, transport: null, direction: null, tls: null, aeTitles: [], notes: ['makes or accepts API calls (CONN-5: Yes); which, and on which ports, is not stated'], conflicts: [], evidence: [ev('CONN-5')], from: ['mds2'] });
  }
  if (tlsSupported === false) notes.push({ message: 'the form says the device does not support TLS (CONN-7: No)', evidence: tlsEvidence });
  if (no('TXCF-5')) notes.push({ message: 'the form says secure transmission (secure DICOM, HL7, IEEE 11073) is not supported (TXCF-5: No)', evidence: [ev('TXCF-5')] });
  return { flows, notes, tlsSupported, tlsEvidence, remoteService, remoteEvidence, internetNeeded, noConnectivity: no('CONN-1') ? ev('CONN-1') : null };
}
