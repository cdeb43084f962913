// Which way a connection goes, as a vendor sentence (a statement's row or prose, an MDS2 note)
// puts it: the product listens for it (inbound) or opens it (outbound). Null when the words do not
// say; the exposure plan then shows the direction as unknown rather than guessing.

export type FlowDirection = 'listens' | 'initiates';

const INITIATES = /\bclient\b|\boutbound\b|\boutgoing\b|\b(?:sends?|sent|forwards?|forwarded|pushes|uploads?)\b[^.;|]{0,60}?\bto (?:port|a |an |the |configured |remote )|\bto port\b|\bof (?:a|an|the)(?: configurable| configured| remote| site| customer)? (?:host|server|repository|collector|time servers?|directory)\b|\bconnects? to\b|\bcalls? (?:out|home)\b|\bdials? out\b|\bqueries\b|\bretrieves? from\b|\bscu\b/i;
const LISTENS = /\blisten(?:s|ing|ers?)?\b|\bincoming\b|\binbound\b|\baccepts?\b|\bserved\b|\bserves\b|\bserver\b|\bscp\b|\breceives?\b[^.;|]{0,40}?\bfrom\b/i;

/** The direction a text states, or null when it says neither or both. */
export function directionIn(text: string): FlowDirection | null {
  const t = text.slice(0, 2000);
  const out = INITIATES.test(t);
  const inn = LISTENS.test(t);
  if (out === inn) return null;
  return out ? 'initiates' : 'listens';
}

/**
 * Services a device uses as a client when its documents do not say otherwise: it sends audit
 * records, asks for the time or a name. Not LDAP: some products serve a directory themselves.
 */
const CLIENT_SERVICES = new Set(['syslog', 'ntp', 'dns']);

export function clientByNature(service: string): boolean {
  return CLIENT_SERVICES.has(service);
}
