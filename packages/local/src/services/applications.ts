/**
 * Applications: a client id and secret owned by a user, exchanged at `POST /applications/token`
 * for a signed access token (HS256 JWT, `sub` = the user) that lives `tokenExpiresInSeconds`.
 */
import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { ApplicationRead, PublicAccessTokenResponse } from "airbyte-ts";
import { jwtVerify, SignJWT } from "jose";
import type { Caller } from "./access.js";
import { seconds, type ServiceContext } from "./context.js";
import type { IdentityDirectory } from "./identity-directory.js";
import { badRequest, notFound, ServiceError } from "./errors.js";
import type { ApplicationRow, IdentityRecords } from "../store/identity-records.js";

const AUDIENCE = "airbyte-server";
const ISSUER = "airbyte-ts-local";
/** Verified tokens, so that a token is checked cryptographically once, not on every request. */
const VERIFIED_CACHE_LIMIT = 10_000;

export class ApplicationsService {
  private key: Uint8Array | undefined;
  private readonly verified = new Map<string, { caller: Caller; expiresAt: number }>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly records: IdentityRecords,
    private readonly identity: IdentityDirectory,
  ) {}

  /** Stores a new application of a user (no permission check: bootstrap and admin use). */
  insert(userId: string, name: string): ApplicationRead {
    const row: ApplicationRow = {
      id: randomUUID(),
      user_id: userId,
      name,
      client_id: randomUUID(),
      client_secret: randomBytes(24).toString("base64url"),
      created_at: this.ctx.now(),
    };
    this.records.insertApplication(row);
    return toApplication(row);
  }

  create(caller: Caller, name: string): ApplicationRead {
    if (name.trim() === "") throw badRequest("name must not be blank.");
    return this.insert(caller.userId, name);
  }

  list(caller: Caller): ApplicationRead[] {
    return this.records.applicationsOf(caller.userId).map(toApplication);
  }

  get(caller: Caller, applicationId: string): ApplicationRead {
    return toApplication(this.own(caller, applicationId));
  }

  delete(caller: Caller, applicationId: string): ApplicationRead {
    const row = this.own(caller, applicationId);
    this.records.deleteApplication(applicationId);
    return toApplication(row);
  }

  /** Exchanges client credentials for an access token. */
  async issueToken(clientId: string, clientSecret: string): Promise<PublicAccessTokenResponse> {
    const row = this.records.applicationByClientId(clientId);
    if (!row || !sameSecret(row.client_secret, clientSecret)) {
      throw new ServiceError("bad-request", "Invalid client id or token");
    }
    const expiresIn = this.ctx.config.tokenExpiresInSeconds;
    const now = seconds(this.ctx.now());
    const token = await new SignJWT({ typ: "io.airbyte.auth.application" })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(row.user_id)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(now + expiresIn)
      .setJti(randomUUID())
      .sign(this.signingKey());
    return { access_token: token, token_type: "Bearer", expires_in: expiresIn };
  }

  /** The caller a bearer token stands for; `unauthorized` when it is invalid or expired. */
  async verifyToken(token: string): Promise<Caller> {
    const now = this.ctx.now();
    const cached = this.verified.get(token);
    if (cached && cached.expiresAt > now) return cached.caller;
    let subject: string;
    let expiresAt: number;
    try {
      const { payload } = await jwtVerify(token, this.signingKey(), {
        audience: AUDIENCE,
        issuer: ISSUER,
        currentDate: new Date(now),
      });
      subject = payload.sub ?? "";
      expiresAt = (payload.exp ?? 0) * 1000;
    } catch {
      throw new ServiceError("unauthorized", "The access token is invalid or has expired.");
    }
    const instanceAdmin = this.identity.isInstanceAdmin(subject);
    if (instanceAdmin === undefined)
      throw new ServiceError("unauthorized", "The access token's user no longer exists.");
    const caller: Caller = { userId: subject, instanceAdmin };
    if (this.verified.size >= VERIFIED_CACHE_LIMIT) this.verified.clear();
    this.verified.set(token, { caller, expiresAt });
    return caller;
  }

  private own(caller: Caller, applicationId: string): ApplicationRow {
    const row = this.records.application(applicationId, caller.userId);
    if (!row) throw notFound("application", applicationId);
    return row;
  }

  /** The HS256 key, created on first use and kept in the database so tokens survive restarts. */
  private signingKey(): Uint8Array {
    if (this.key) return this.key;
    const stored = this.records.setting("jwt_key");
    const value = stored ?? randomBytes(32).toString("base64");
    if (stored === undefined) this.records.insertSetting("jwt_key", value);
    this.key = new Uint8Array(Buffer.from(value, "base64"));
    return this.key;
  }
}

function toApplication(row: ApplicationRow): ApplicationRead {
  return {
    id: row.id,
    name: row.name,
    clientId: row.client_id,
    clientSecret: row.client_secret,
    createdAt: seconds(row.created_at),
  };
}

function sameSecret(expected: string, given: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
