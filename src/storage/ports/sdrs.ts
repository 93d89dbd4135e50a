/** A sales development rep who can take over conversations. Emails are stored lower-cased and unique. */
export interface SdrRecord {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  createdAt: string;
}

export type SdrInput = Omit<SdrRecord, 'createdAt'>;

export interface SdrRepository {
  /** Throws a `StorageConflictError` (code `conflict`) when the email is taken. */
  add(input: SdrInput): Promise<SdrRecord>;
  list(): Promise<SdrRecord[]>;
  /** True when something was removed. */
  remove(id: string): Promise<boolean>;
  findByEmail(email: string): Promise<SdrRecord | undefined>;
  get(id: string): Promise<SdrRecord | undefined>;
}
