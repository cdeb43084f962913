// All fact groups in one pass over the claims: each group in its own file with its patterns beside it.
import type { Evidence } from '../../../core/findings.js';
import type { ClaimRecord } from '../claims.js';
import type { ConformanceStatement, CsPort, CsSection } from '../model.js';
import { claimUnits, type Unit } from '../units.js';
import { EvidenceBook, type FactContext } from './context.js';
import { extractSecuritySection } from './security-section.js';
import { extractTls } from './tls.js';
import { extractCertificates } from './tls-certificates.js';
import { extractAePolicy } from './ae-policy.js';
import { extractAudit } from './audit.js';
import { extractUserIdentity } from './user-identity.js';
import { extractWeb } from './web.js';
import { extractCredentials } from './credentials.js';
import { extractSignatures } from './signatures.js';
import { extractDeidentification } from './deidentification.js';
import { extractTime } from './time.js';
import { extractMedia } from './media.js';
import { extractAssociations } from './associations.js';
import { extractNetworkServices } from './network-services.js';

export type SecurityFacts = Pick<
  ConformanceStatement,
  | 'securitySection'
  | 'securityProfiles'
  | 'securityProfilesNone'
  | 'tls'
  | 'aeTitlePolicy'
  | 'audit'
  | 'userIdentity'
  | 'web'
  | 'webUi'
  | 'authentication'
  | 'credentials'
  | 'signatures'
  | 'deidentification'
  | 'dimse'
  | 'time'
  | 'associations'
  | 'media'
> & { ipv6Security: boolean | null; evidence: Record<string, Evidence[]> };

export function extractFacts(
  units: Unit[],
  sections: CsSection[],
  claims: ClaimRecord[],
  network: { ports: CsPort[]; sopClasses: unknown[]; applicationEntities: unknown[]; ipv6: boolean | null; evidence: Record<string, Evidence[]> },
  docStart: Evidence,
): SecurityFacts {
  const ctx: FactContext = { units, claimUnits: claimUnits(units), sections, claims, ports: network.ports, docStart, networkEvidence: network.evidence, ev: new EvidenceBook() };
  const section = extractSecuritySection(ctx);
  const tls = extractTls(ctx, section.profileClaims, section.securityProfilesNone ?? false);
  const certificates = extractCertificates(ctx);
  const aeTitlePolicy = extractAePolicy(ctx);
  const audit = extractAudit(ctx, section.profileClaims);
  const userIdentity = extractUserIdentity(ctx, section.profileClaims);
  const web = extractWeb(ctx);
  const credentials = extractCredentials(ctx);
  const signatures = extractSignatures(ctx, section.profileClaims);
  const deidentification = extractDeidentification(ctx, section.profileClaims);
  const time = extractTime(ctx);
  const media = extractMedia(ctx);
  const associations = extractAssociations(ctx);
  const net = extractNetworkServices(ctx, network);
  return {
    securitySection: section.securitySection,
    securityProfiles: section.securityProfiles,
    securityProfilesNone: section.securityProfilesNone,
    tls: { ...tls, ...certificates },
    aeTitlePolicy,
    audit,
    userIdentity,
    web: web.web,
    webUi: web.webUi,
    authentication: web.authentication,
    credentials,
    signatures,
    deidentification,
    dimse: net.dimse,
    time,
    associations,
    media,
    ipv6Security: net.ipv6Security,
    evidence: ctx.ev.byKey,
  };
}
