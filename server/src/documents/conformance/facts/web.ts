// DICOMweb and web interfaces: which DICOMweb services are offered (from claims: a client calling
// them does not expose them), over plain HTTP or HTTPS, with or without authentication; a web UI
// or admin console and whether it is served over plain HTTP; endpoints said to take no login.
import type { ConformanceStatement } from '../model.js';
import { NEGATIVE, of, POSITIVE, verdict, type ClaimRecord } from '../claims.js';
import { evidenceOf } from '../units.js';
import { type FactContext, silentAt } from './context.js';

const WEB_SERVICE = /\b(wado-rs|wado-uri|wado-ws|wado|qido-rs|qido|stow-rs|stow|ups-rs|dicomweb|restful services?)\b/gi;
const WEB_SERVER = /\b(?:implements?|provides?|offers?|exposes?|hosts?|serves?)\b[^.;]{0,40}\b(?:dicomweb|wado|qido|stow|ups-rs|web services?|restful)\b|\borigin server\b[^|]{0,10}\|\s*yes\b|\bresponds? on\b|\bendpoints?\b/i;
/** Optional client certificates / mutual TLS is peer verification (tls.peerVerification), not an open endpoint. */
const PEER_CERTIFICATES = /\bmutual tls\b|\bmtls\b|\bclient certificates?\b|\btls\b/i;
const EXAMPLE_HOST = /\bhttps?:\/\/(?:localhost|127\.0\.0\.1|\[::1\]|[\w.-]*example\.(?:com|org|net))\b/i;

export interface WebFacts {
  web: ConformanceStatement['web'];
  webUi: NonNullable<ConformanceStatement['webUi']>;
  authentication: NonNullable<ConformanceStatement['authentication']>;
}

/** A claim about the DICOMweb API: its scope, or a general claim in a DICOMweb section. */
const inWebApi = (c: ClaimRecord) => c.scope === 'dicomweb' || (c.scope === 'general' && c.unit.sections.some((s) => s.kind === 'web'));

/** A plain-HTTP claim that is a real endpoint, not an example host (unless it is the configured base URL). */
const realPlain = (c: ClaimRecord) => {
  if (!/^http:\/\//i.test(c.match)) return true;
  if (/\bhttps:\/\//i.test(c.unit.text.replace(/http:\/\/(?:localhost|127\.0\.0\.1)\S*/g, ''))) return false;
  return !EXAMPLE_HOST.test(c.match) && !/\bexample\b/i.test(c.unit.text) || /\bbase url\b/i.test(c.unit.text);
};

export function extractWeb(ctx: FactContext): WebFacts {
  const { ev, claims } = ctx;
  // ---- DICOMweb services ----
  const server = claims.filter(of('dicomweb-server')).filter((c) => POSITIVE.has(c.polarity));
  const services = new Set<string>();
  for (const c of server) {
    WEB_SERVICE.lastIndex = 0;
    const m = WEB_SERVICE.exec(c.match);
    if (!m) continue;
    const name = m[1]!.toUpperCase().replace(/^DICOMWEB$/, 'DICOMweb').replace(/^RESTFUL SERVICES?$/, 'RESTful');
    services.add(name === 'WADO' ? 'WADO-URI' : name === 'QIDO' ? 'QIDO-RS' : name === 'STOW' ? 'STOW-RS' : name);
  }
  const clientCue = claims.some((c) => c.feature === 'dicomweb-client' && POSITIVE.has(c.polarity));
  const serverCue = ctx.claimUnits.some((u) => WEB_SERVER.test(u.text) && !/\bclient\b/i.test(u.text)) || server.some((c) => c.source === 'table' && /origin server|provider/i.test(c.match));
  const exposed = services.size > 0 && !(clientCue && !serverCue);
  const webUnits = [...new Set([...server, ...claims.filter((c) => inWebApi(c) && (c.feature === 'plain-http' || c.feature === 'tls' || c.feature === 'authentication'))].map((c) => c.unit))].sort((a, b) => a.index - b.index);
  const denied = claims.filter(of('dicomweb-server')).filter((c) => NEGATIVE.has(c.polarity));
  const webSilent = silentAt(ctx, (s) => s.kind === 'web' || s.kind === 'security');
  ev.set('web.exposed', webUnits.length ? [evidenceOf(webUnits[0]!)] : denied.length ? [denied[0]!.evidence] : [webSilent]);
  ev.set('web.services', ev.get('web.exposed')!);

  // ---- plain HTTP / HTTPS on the API ----
  const plain = verdict(claims, (c) => c.feature === 'plain-http' && inWebApi(c) && realPlain(c));
  const plainHttp = plain.value === true ? true : null;
  if (plainHttp) ev.pushClaims('web.plainHttp', plain.claims);
  const httpsV = verdict(claims, (c) => c.feature === 'tls' && inWebApi(c));
  const https = httpsV.value === true ? true : null;
  if (https) ev.pushClaims('web.https', httpsV.claims);

  // ---- authentication on the API ----
  const authClaims = claims.filter((c) => c.feature === 'authentication' && inWebApi(c));
  const authPos = authClaims.filter((c) => c.polarity === 'supported');
  const authQualified = authClaims.filter((c) => c.polarity === 'optional' || c.polarity === 'configurable');
  const authNeg = authClaims.filter((c) => NEGATIVE.has(c.polarity));
  let authentication: boolean | null = null;
  let authenticationOptional: boolean | null = null;
  if (authPos.length || authQualified.length) {
    authentication = true;
    authenticationOptional = authQualified.length > 0 || authNeg.length > 0;
  } else if (authNeg.length) authentication = false;
  ev.pushClaims('web.authentication', authenticationOptional ? [...authQualified, ...authNeg, ...authPos] : authentication === false ? authNeg : authPos);
  for (const k of ['web.plainHttp', 'web.https', 'web.authentication']) ev.fallback(k, ev.first('web.exposed')!);

  // ---- web UI / admin console ----
  const ui = verdict(claims, of('web-ui'));
  const uiPlain = verdict(claims, (c) => c.feature === 'plain-http' && c.scope === 'web-ui' && realPlain(c));
  const uiExposed = ui.value === true || uiPlain.value === true;
  ev.pushClaims('webUi.exposed', ui.claims);
  if (uiPlain.value === true) ev.pushClaims('webUi.plainHttp', uiPlain.claims);
  ev.fallback('webUi.exposed', webSilent);
  ev.fallback('webUi.plainHttp', ev.first('webUi.exposed')!);

  // ---- endpoints said to take no authentication (any interface) ----
  // DIMSE peers are authenticated by AE title, TLS and user identity rules; HL7 and media are not endpoints here.
  const open = claims.filter((c) => c.feature === 'authentication' && (c.polarity === 'not-supported' || c.polarity === 'optional') && c.scope !== 'hl7' && c.scope !== 'media' && c.scope !== 'dimse' && !PEER_CERTIFICATES.test(c.unit.text));
  const scopes = [...new Set(open.map((c) => (inWebApi(c) ? 'dicomweb' : c.scope)))];
  ev.pushClaims('authentication.unauthenticatedEndpoints', open);
  ev.fallback('authentication.unauthenticatedEndpoints', silentAt(ctx, (s) => s.kind === 'security' || s.kind === 'web'));

  return {
    web: { exposed, services: [...services], plainHttp, authentication, https, authenticationOptional },
    webUi: { exposed: uiExposed, plainHttp: uiPlain.value === true ? true : null },
    authentication: { unauthenticatedEndpoints: scopes },
  };
}
