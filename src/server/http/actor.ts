/**
 * Who is acting on a request, derived from the session. Citizen sessions are created by the e-ID login
 * (subject: citizenId, idNumber, fullName, birthDate, loginAt); official sessions by the back-office login
 * (subject: userId, username, fullName, roles, unitIds).
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from './errors.ts';
import type { SessionRow } from './session.ts';

export interface CitizenActor {
  kind: 'citizen';
  id: string;
  idNumber: string;
  fullName: string;
  birthDate?: string;
  loginAt?: string;
  /** An assisted session (docs/community.md): the resident logged in on a community helper's device. */
  assistedBy?: { helperId: string; helperName: string; sessionId: string };
}

export interface OfficialActor {
  kind: 'official';
  id: string;
  username: string;
  fullName: string;
  roles: string[];
  unitIds: string[];
}

export type Actor = CitizenActor | OfficialActor;

export function currentActor(req: FastifyRequest): Actor | null {
  const s = req.session;
  if (!s) return null;
  const sub = s.subject as Record<string, unknown>;
  if (s.kind === 'citizen') {
    return {
      kind: 'citizen',
      id: String(sub.citizenId),
      idNumber: String(sub.idNumber ?? ''),
      fullName: String(sub.fullName ?? ''),
      birthDate: sub.birthDate ? String(sub.birthDate) : undefined,
      loginAt: sub.loginAt ? String(sub.loginAt) : undefined,
      ...(isAssistedBy(sub.assistedBy) ? { assistedBy: sub.assistedBy } : {}),
    };
  }
  return {
    kind: 'official',
    id: String(sub.userId),
    username: String(sub.username ?? ''),
    fullName: String(sub.fullName ?? ''),
    roles: Array.isArray(sub.roles) ? sub.roles.map(String) : [],
    unitIds: Array.isArray(sub.unitIds) ? sub.unitIds.map(String) : [],
  };
}

function isAssistedBy(v: unknown): v is NonNullable<CitizenActor['assistedBy']> {
  const a = v as Record<string, unknown> | null | undefined;
  return !!a && typeof a.helperId === 'string' && typeof a.helperName === 'string' && typeof a.sessionId === 'string';
}

export function requireActor(req: FastifyRequest): Actor {
  const a = currentActor(req);
  if (!a) throw new AppError('UNAUTHENTICATED', 'Bạn cần đăng nhập để thực hiện thao tác này.', 401);
  return a;
}

export function requireCitizen(req: FastifyRequest): CitizenActor {
  const a = requireActor(req);
  if (a.kind !== 'citizen') throw new AppError('FORBIDDEN', 'Chức năng này dành cho người dân đăng nhập bằng tài khoản định danh điện tử.', 403);
  return a;
}

/**
 * A citizen whose session is still to be read, on a route that reads it in its first statement
 * (RouteSpec.sessionInFirstRead): the session's hash to read, and `citizen`, which takes the row read (or none),
 * settles the session (CSRF included) and answers the citizen, or throws 401/403 as requireCitizen does.
 */
export interface CitizenToRead {
  sessionHash: string;
  citizen(row: SessionRow | undefined): CitizenActor;
}

/** The request's citizen: known (requireCitizen), or still to read with the handler's first statement. */
export function citizenOrToRead(req: FastifyRequest): CitizenActor | CitizenToRead {
  const toRead = req.sessionToRead;
  if (!toRead) return requireCitizen(req);
  return {
    sessionHash: toRead.idHash,
    citizen(row) {
      toRead.settle(row);
      return requireCitizen(req);
    },
  };
}
