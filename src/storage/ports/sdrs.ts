export const SDR_ROLES = ['admin', 'manager'] as const;
/** Every account is an SDR; these roles add rights (reading the insights). */
export type SdrRole = (typeof SDR_ROLES)[number];

/** A sales development rep who can take over conversations. Emails are stored lower-cased and unique. */
export interface SdrRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  roles: SdrRole[];
  createdAt: string;
}

export type SdrInput = Omit<SdrRecord, 'createdAt' | 'roles'> & { roles?: SdrRole[] };

export interface SdrRepository {
  /** Throws a `StorageConflictError` (code `conflict`) when the email is taken. */
  add(input: SdrInput): Promise<SdrRecord>;
  list(): Promise<SdrRecord[]>;
  /** True when something was removed. */
  remove(id: string): Promise<boolean>;
  findByEmail(email: string): Promise<SdrRecord | undefined>;
  get(id: string): Promise<SdrRecord | undefined>;
}
